/**
 * The paused rules of the Python parser (parser.ts), as small objects rather than generators: each
 * level of a deep nest ((…(x)…), np.exp(np.exp(…)), x[0][0]…) pauses one `PyTerms` and at most one
 * of the others, holding only the state its rule needs. A paused generator kept its whole frame
 * (every local of `expr`, `call`, `bracketed`, `subscriptIndex`), and reading 20,000 levels spent
 * most of its time collecting them (issue 13, the NumPy-reader fuzz campaign). Each rule's
 * `next` hands itself to the parser's step function, which reads the tokens in the order the
 * generators read them, with the same errors.
 */
import type { Rule } from '../deferred';
import { ParserRule, TiersRule } from '../tiers';
import type { PyAddOp, PyKeyword, PyMulOp, PyNode } from './parser';
import type { PyToken } from './scanner';

type Step = IteratorResult<Rule<unknown>, PyNode>;

/** The parser's step functions, one per rule. */
export interface PyStepper {
  termsStep(s: PyTerms, input: unknown): Step;
  callStep(s: PyCall, input: unknown): Step;
  bracketStep(s: PyBracket, input: unknown): Step;
  indexStep(s: PyIndex, input: unknown): Step;
}

/**
 * The sum, product, unary and power tiers with the postfix chain, as a rule that is not a
 * generator: its state is these fields, stepped by `PyParser.termsStep`. Each level of a deep nest
 * pauses one of these instead of eight generators (expr, sum, product, unary, power, postfix, atom,
 * bracketed).
 */
export class PyTerms extends TiersRule<PyNode, PyToken, PyAddOp, PyMulOp> {
  /** What the rule waits for: nothing (its first step), a bracketed atom, a call, a subscript's index, the exponent of `**`. */
  waiting: 'nothing' | 'atom' | 'call' | 'subscript' | 'exponent' = 'nothing';
  /** One signed power only (the right side of `**`), not a sum. */
  unaryOnly = false;
  /** A whole expression (an argument, an item, a statement's value): a comparison after it is refused. */
  expression = false;
  /** The first of the signs before the current operand, how many, and whether they amount to a minus. */
  sign: PyToken | undefined;
  signCount = 0;
  negative = false;
  /** The operand so far (an atom and its postfix chain), and the chain's length. */
  node: PyNode | undefined;
  links = 0;
  /** The open `[` of a subscript, or the `**`, being read. */
  open: PyToken | undefined;
}

/** The arguments of a call `func(…)`: positional, then keyword; `open` is set by the first step. */
export class PyCall extends ParserRule<PyNode, PyStepper> {
  func!: PyNode;
  open: PyToken | undefined;
  args: PyNode[] | undefined;
  keywords: PyKeyword[] | undefined;
  /** The name of the keyword argument being read, if it is one. */
  keyword: PyToken | undefined;

  next(input: unknown): Step {
    return this.parser.callStep(this, input);
  }
}

/** Parentheses or a list: the items between `open` and its closing bracket. */
export class PyBracket extends ParserRule<PyNode, PyStepper> {
  open!: PyToken;
  started = false;
  items: PyNode[] | undefined;
  comma = false;

  next(input: unknown): Step {
    return this.parser.bracketStep(this, input);
  }
}

/** A subscript's index: an expression, a tuple of them, or slices. */
export class PyIndex extends ParserRule<PyNode, PyStepper> {
  /** The first token of the index (set by the first step). */
  start: PyToken | undefined;
  items: PyNode[] | undefined;

  next(input: unknown): Step {
    return this.parser.indexStep(this, input);
  }
}

/** `list` with `item` added: a one-item list made at its exact size (most calls and brackets have one). */
export function pushed<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}
