/**
 * The state of a recursive-descent rule that reads the sum and product tiers of one expression
 * without a generator (see deferred.ts): the plain parser's `Terms` and the NumPy parser's
 * `PyTerms` extend it with their own fields. Each level of a deep nest pauses one of these; a
 * paused generator per tier kept every local of its frame, most of the garbage collection of
 * reading 20,000 levels (issue 13, the reader fuzz campaigns).
 */
import type { Span } from '../api';
import type { Rule } from './deferred';

/** An operator and the operand after it, in a sum or product chain. */
export interface Link<Node, Op> {
  readonly op: Op;
  readonly opSpan: Span;
  readonly operand: Node;
}

/** The parser that steps a tiers rule: takes the result the rule waited for, returns the next rule or the expression. */
export interface TiersStepper<S, Node> {
  termsStep(s: S, input: unknown): IteratorResult<Rule<unknown>, Node>;
}

/** A sum or product chain of `first` and `rest` (the node both parsers' trees have), or `first` alone. */
function chainNode<Node extends { readonly span: Span }, Op>(kind: 'sum' | 'product', first: Node, rest: Link<Node, Op>[] | undefined): Node {
  if (rest === undefined) return first;
  return { kind, first, rest, span: { start: first.span.start, end: rest[rest.length - 1].operand.span.end } } as unknown as Node;
}

const linkAfter = <Node, Op>(op: Span & { readonly text: string }, operand: Node): Link<Node, Op> => ({ op: op.text as Op, opSpan: { start: op.start, end: op.end }, operand });

/** A paused rule that is a small object holding its state: its `next` hands it to its parser's step function for its kind. */
export abstract class ParserRule<Node, Parser> implements Rule<Node> {
  constructor(protected readonly parser: Parser) {}

  abstract next(input: unknown): IteratorResult<Rule<unknown>, Node>;
}

export class TiersRule<Node extends { readonly span: Span }, Token extends Span & { readonly text: string }, AddOp, MulOp> implements Rule<Node> {
  /** The sum so far: its first term, the later ones with their operators (made when a second comes), the operator before the next. */
  term: Node | undefined;
  terms: Link<Node, AddOp>[] | undefined;
  addOp: Token | undefined;
  /** The product being read, likewise. */
  factor: Node | undefined;
  factors: Link<Node, MulOp>[] | undefined;
  mulOp: Token | undefined;

  constructor(private readonly stepper: TiersStepper<never, Node>) {}

  /** The product being read gets `operand`: its first factor, or the next after the operator read last (`mulOp`). */
  addFactor(operand: Node): void {
    if (this.factor === undefined) this.factor = operand;
    else (this.factors ??= []).push(linkAfter(this.mulOp as Token, operand));
  }

  /** The product read is ended: the sum gets it as its first term, or as the next after the operator read last (`addOp`). */
  endProduct(): void {
    const product = chainNode('product', this.factor as Node, this.factors);
    this.factor = undefined;
    this.factors = undefined;
    if (this.term === undefined) this.term = product;
    else (this.terms ??= []).push(linkAfter(this.addOp as Token, product));
  }

  /** The sum read (a single term alone). */
  sum(): Node {
    return chainNode('sum', this.term as Node, this.terms);
  }

  next(input: unknown): IteratorResult<Rule<unknown>, Node> {
    return (this.stepper as TiersStepper<this, Node>).termsStep(this, input);
  }
}
