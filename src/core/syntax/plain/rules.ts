/**
 * The paused rules of the plain parser (parser.ts), as small objects rather than generators: each
 * level of a deep nest ((…(x)…), tr(tr(…)), [[…[x]…]]) pauses one `Terms` and at most one `Call` or
 * `Vector`, holding only the state its rule needs. A paused generator kept its whole frame (two per
 * call: `parseCall` and `parseCallArguments`), and reading 20,000 levels spent most of its time
 * collecting them (issue 13, the plain-reader fuzz campaign). Each rule's `next` hands itself to the
 * parser's step function, which reads the tokens in the order the generators read them, with the
 * same errors.
 */
import type { AddOp, Ast, MulOp } from '../ast';
import type { Rule } from '../deferred';
import { ParserRule, TiersRule } from '../tiers';
import type { Token } from './scanner';

type Step = IteratorResult<Rule<unknown>, Ast>;

/** The parser's step functions, one per rule. */
export interface PlainStepper {
  termsStep(s: Terms, input: unknown): Step;
  callStep(s: Call, input: unknown): Step;
  vectorStep(s: Vector, input: unknown): Step;
}

/**
 * The sum, product and unary tiers of one expression as a rule that is not a generator: its state
 * is these fields, stepped by `Parser.termsStep`. Every level of a deep nest pauses one of these
 * instead of four generators (sum, product, unary, primary). The chains' lists are made only when a
 * second operand comes.
 */
export class Terms extends TiersRule<Ast, Token, AddOp, MulOp> {
  /** What the rule waits for: nothing (its first step), a primary, the content of parentheses, an exponent's primary or parentheses. */
  waiting: 'nothing' | 'primary' | 'paren' | 'exponent' | 'exponentParen' = 'nothing';
  signs: Signs | undefined;
  base: Ast | undefined;
  powerOp: Token | undefined;
  exponentSigns: Signs | undefined;
  /** The open parenthesis whose content is being read. */
  open: Token | undefined;
}

/** A run of unary signs: its first sign, how many, and whether they amount to a minus. */
export interface Signs {
  readonly first: Token;
  readonly count: number;
  readonly negative: boolean;
}

/** A call `name(…)`: its arguments, each a whole expression; einsum's are read by a rule of its own. */
export class Call extends ParserRule<Ast, PlainStepper> {
  name!: Token;
  /** The open parenthesis (set by the first step). */
  open: Token | undefined;
  args: Ast[] | undefined;
  /** Waiting for einsum's rule (its value is the call). */
  einsum = false;

  next(input: unknown): Step {
    return this.parser.callStep(this, input);
  }
}

/** A vector or matrix literal opened at `open`: its rows of entries and the separators seen. */
export class Vector extends ParserRule<Ast, PlainStepper> {
  open!: Token;
  rows: Ast[][] | undefined;
  started = false;
  commas = false;
  semicolons = false;
  spaces = false;

  next(input: unknown): Step {
    return this.parser.vectorStep(this, input);
  }
}
