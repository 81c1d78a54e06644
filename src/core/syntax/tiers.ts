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

export class TiersRule<Node, Token, AddOp, MulOp> implements Rule<Node> {
  /** The sum so far: its first term, the later ones with their operators (made when a second comes), the operator before the next. */
  term: Node | undefined;
  terms: Link<Node, AddOp>[] | undefined;
  addOp: Token | undefined;
  /** The product being read, likewise. */
  factor: Node | undefined;
  factors: Link<Node, MulOp>[] | undefined;
  mulOp: Token | undefined;

  constructor(private readonly stepper: TiersStepper<never, Node>) {}

  next(input: unknown): IteratorResult<Rule<unknown>, Node> {
    return (this.stepper as TiersStepper<this, Node>).termsStep(this, input);
  }
}
