/**
 * The parser of the plain syntax: tokens → surface syntax tree. Recursive descent (each rule run by
 * `runDeferred`, so nesting uses the heap, not the JavaScript stack; the sum, product and unary
 * tiers with the postfix operators are one small rule, `Terms`), with MATLAB's precedence (tightest
 * first):
 *
 *   1. parentheses, brackets, calls
 *   2. postfix transpose `'` / `^T` and powers `^` `.^`, left to right: 2^3^2 is (2^3)^2 = 64 and
 *      x^2' is (x^2)'. The exponent is a primary with optional signs: x^-2 and 2^-x^2 = (2^-x)^2.
 *   3. unary `-` `+`: -x^2 is -(x^2), -x' is -(x'); a run of signs is the sign it amounts to
 *      (--x is x, -+-x is x, ---x is -x)
 *   4. `*` `/` `.*` `./`, left-associative n-ary chains
 *   5. `+` `-`, left-associative n-ary chains
 *
 * `^T` is always the transpose (write x^(T) for a power named T). Sums and products are built as
 * n-ary chains, so long ones cost no depth. Nesting deeper than MAX_DEPTH fails with
 * `limit.depth` at the first token past the limit.
 */
import type { Span } from '../../api';
import type { AddOp, Ast, PowOp } from '../ast';
import { nodeDeeperThan } from '../ast';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { runDeferred, type Deferred, type Rule } from '../deferred';
import { einsumNode } from '../nodes';
import { Call, Terms, Vector, type PlainStepper, type Signs } from './rules';
import type { Token } from './scanner';
import { table } from '../table';
import { CALCULUS_CHARACTERS, DASH_HINTS, calculusNotation } from '../characters';
import { FLOOR_DIVISION, REMAINDER } from '../pythonOperators';

type Step = IteratorResult<Rule<unknown>, Ast>;

/** Hints for characters that are not plain syntax but have a plain spelling. */
const CHARACTER_HINTS: Readonly<Record<string, string>> = table({
  ...DASH_HINTS,
  '²': 'write x^2',
  '³': 'write x^3',
  '×': 'write * for a product',
  '·': 'write * for a product',
  '⋅': 'write * for a product',
  '⊙': 'write .* for an element-wise product',
  '∘': 'write .* for an element-wise product',
  '÷': 'write / for a division',
  '√': 'write sqrt(…)',
  '∑': 'write sum(…)',
  '|': 'write abs(…) or norm2(…)',
  '%': REMAINDER,
  '{': 'use ( ) for grouping and [ ] for vectors',
  '}': 'use ( ) for grouping and [ ] for vectors',
  '\\': 'plain syntax has no LaTeX commands',
});

const isOperandStart = (t: Token): boolean =>
  t.kind === 'number' || t.kind === 'name' || t.kind === '(' || t.kind === '[';

/**
 * A number literal must be representable: too large (1e400) or too small to be told from 0
 * (1e-400) is an error, and so is a hexadecimal, octal or binary literal (0x10, read by the scanner
 * as 0 then the name x10).
 */
function checkNumber(t: Token, next: Token): void {
  const v = t.value as number;
  if (!Number.isFinite(v)) fail('parse.number', span(t), `the number ${t.text} is too large (at most about 1.8e308)`);
  if (v === 0 && /[1-9]/.test(t.text.replace(/[eE].*$/, ''))) fail('parse.number', span(t), `the number ${t.text} is too small: it would be 0`);
  if (t.text === '0' && next.kind === 'name' && next.start === t.end && /^[xXbBoO]/.test(next.text)) {
    fail('parse.number', { start: t.start, end: next.end }, `${t.text}${next.text}: hexadecimal, binary and octal literals are not supported; write the number in decimal`);
  }
}

const describe = (t: Token): string => (t.kind === 'eof' ? 'end of input' : `'${t.text}'`);

/**
 * Parse one expression from `tokens` (as made by `scan`, ending with `eof`; newline tokens are
 * whitespace here). Throws SyntaxFailure; callers use the wrappers in `read.ts`.
 */
export function parseExpressionTokens(text: string, tokens: readonly Token[]): Ast {
  return new Parser(text, tokens).parseAll();
}

class Parser implements PlainStepper {
  private readonly tokens: readonly Token[];
  /** Indices (into `tokens`) of tokens that start a new line (none made for a text of one line). */
  private readonly lineStarts: Set<number> | undefined;
  private pos = 0;
  private nesting = 0;
  /** Innermost grouping first: inside `[ ]` (and not in parentheses within it) a space separates entries, as in MATLAB. */
  private readonly groups: ('(' | '[')[] = [];

  constructor(
    private readonly text: string,
    all: readonly Token[],
  ) {
    if (!all.some((t) => t.kind === 'newline')) {
      this.tokens = all;
      return;
    }
    const tokens: Token[] = [];
    const lineStarts = new Set<number>();
    let newline = false;
    for (const t of all) {
      if (t.kind === 'newline') {
        newline = true;
        continue;
      }
      if (newline && tokens.length > 0) lineStarts.add(tokens.length);
      newline = false;
      tokens.push(t);
    }
    this.tokens = tokens;
    this.lineStarts = lineStarts;
  }

  parseAll(): Ast {
    const first = this.peek();
    if (first.kind === 'eof') fail('parse.empty', { start: first.start, end: first.start }, 'the expression is empty');
    const ast = runDeferred(this.parseSum());
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpectedAfterOperand(t, 'end of input');
    // The recursion guard bounds nesting; chains of transposes and powers are built in a loop,
    // so the tree's depth is checked once more, without recursion. Every node owns a token of its
    // own (its operator, name, sign or bracket), so a tree of fewer tokens than the limit is within it.
    const deep = this.tokens.length > MAX_DEPTH ? nodeDeeperThan(ast, MAX_DEPTH) : undefined;
    if (deep) throw new SyntaxFailure(depthDiagnostic(deep.span.start, deep.span.end));
    return ast;
  }

  // ---- tokens ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isOp(t: Token, a: string, b?: string, c?: string, d?: string): boolean {
    return t.kind === 'op' && (t.text === a || t.text === b || t.text === c || t.text === d);
  }

  private previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : this.peek().start;
  }

  // ---- depth ----

  private enter(at: Token): void {
    if (++this.nesting > MAX_DEPTH) throw new SyntaxFailure(depthDiagnostic(at.start, at.end));
  }

  private leave(): void {
    this.nesting--;
  }

  // ---- precedence tiers ----

  /** A whole expression: the sum, product and unary tiers with their postfix operators, one `Terms` rule. */
  private parseSum(): Rule<Ast> {
    return new Terms(this);
  }

  /**
   * One step of a `Terms` rule (see there): takes the result of the rule it waited for (`input`)
   * and returns the next rule to wait for, or the expression when done. Reads the tokens in the
   * order the tiers would (sum → product → signs, primary, postfix operators), with the same errors.
   */
  termsStep(s: Terms, input: unknown): Step {
    let operandStarts = false;
    switch (s.waiting) {
      case 'nothing':
        operandStarts = true;
        break;
      case 'primary':
        s.base = input as Ast;
        break;
      case 'paren':
        s.base = this.closeParen(s.open as Token, input as Ast);
        break;
      case 'exponent':
        s.base = this.power(s, this.signed(s.exponentSigns, input as Ast));
        break;
      case 'exponentParen':
        s.base = this.power(s, this.signed(s.exponentSigns, this.closeParen(s.open as Token, input as Ast)));
        break;
    }
    for (;;) {
      if (operandStarts) {
        s.signs = this.signs();
        const leaf = this.leaf();
        if (leaf === undefined) return { done: false, value: this.primaryRule(s, false, undefined) };
        s.base = leaf;
      }
      const rule = this.postfix(s);
      if (rule !== undefined) return { done: false, value: rule };
      const operand = this.signed(s.signs, s.base as Ast);
      // the product tier
      s.addFactor(operand);
      const t = this.peek();
      if (this.isOp(t, '*', '/', '.*', './')) {
        this.next();
        const after = this.peek();
        if (t.text === '*' && this.isOp(after, '*') && after.start === t.end) {
          fail('parse.unexpected-token', { start: t.start, end: after.end }, "'**' is not plain syntax: write ^ for a power");
        }
        if (t.text === '/' && this.isOp(after, '/') && after.start === t.end) fail('parse.numpy-syntax', { start: t.start, end: after.end }, FLOOR_DIVISION);
        s.mulOp = t;
        operandStarts = true;
        continue;
      }
      // the sum tier
      s.endProduct();
      if (this.isOp(t, '+', '-') && !this.startsRowEntry(t)) {
        this.next();
        s.addOp = t;
        operandStarts = true;
        continue;
      }
      return { done: true, value: s.sum() };
    }
  }

  /** After a primary: its transposes and powers, left to right; a rule to wait for when an exponent needs one. */
  private postfix(s: Terms): Rule<unknown> | undefined {
    for (;;) {
      const base = s.base as Ast;
      const t = this.peek();
      if (this.isOp(t, "'")) {
        this.next();
        s.base = { kind: 'transpose', arg: base, span: { start: base.span.start, end: t.end } };
      } else if (this.isOp(t, '^') && this.peek(1).kind === 'name' && this.peek(1).text === 'T') {
        this.next();
        const tee = this.next();
        s.base = { kind: 'transpose', arg: base, span: { start: base.span.start, end: tee.end } };
      } else if (this.isOp(t, '^', '.^')) {
        // The exponent: optional signs, then a primary.
        this.next();
        s.powerOp = t;
        s.exponentSigns = this.signs();
        const leaf = this.leaf();
        if (leaf === undefined) return this.primaryRule(s, true, s.exponentSigns === undefined ? t : this.tokens[this.pos - 1]);
        s.base = this.power(s, this.signed(s.exponentSigns, leaf));
      } else if (this.isOp(t, '.') && this.peek(1).kind === 'name' && this.peek(1).text === 'T' && this.peek(1).start === t.end) {
        fail('parse.numpy-syntax', { start: t.start, end: this.peek(1).end }, "'.T' is NumPy syntax: write x' or x^T for the transpose");
      } else {
        return undefined;
      }
    }
  }

  /** `s.base` to the power `exponent`, with the operator read last. */
  private power(s: Terms, exponent: Ast): Ast {
    const base = s.base as Ast;
    const op = s.powerOp as Token;
    return { kind: 'power', op: op.text as PowOp, opSpan: span(op), base, exponent, span: { start: base.span.start, end: exponent.span.end } };
  }

  /**
   * The signs here, consumed, entering one level. A run of signs is read as the one sign it
   * amounts to (`--x` is x, `---x` is −x): a run of 20,000 signs is one node, not 20,000 that every
   * later pass walks and every writer prints.
   */
  private signs(): Signs | undefined {
    let t = this.peek();
    if (!this.isOp(t, '+', '-')) return undefined;
    const first = t;
    let count = 0;
    let negative = false;
    for (; this.isOp(t, '+', '-'); t = this.peek()) {
      this.next();
      count++;
      if (t.text === '-') negative = !negative;
    }
    this.enter(first);
    return { first, count, negative };
  }

  /** `arg` under the signs read before it, leaving their level. */
  private signed(signs: Signs | undefined, arg: Ast): Ast {
    if (signs === undefined) return arg;
    this.leave();
    if (signs.count > 1 && !signs.negative) return arg;
    const op: AddOp = signs.count === 1 ? (signs.first.text as AddOp) : '-';
    return { kind: 'unary', op, arg, span: { start: signs.first.start, end: arg.span.end } };
  }

  /** A number, or a name that is not called, consumed; else undefined (nothing consumed). */
  private leaf(): Ast | undefined {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      checkNumber(t, this.peek());
      return { kind: 'number', value: t.value as number, text: t.text, span: span(t) };
    }
    if (t.kind === 'name' && this.peek(1).kind !== '(') {
      this.next();
      return { kind: 'name', name: t.text, span: span(t) };
    }
    return undefined;
  }

  /**
   * The rule reading a primary that is not a leaf: a call, a vector or matrix literal, or the
   * content of parentheses (a `Terms`, closed by `closeParen` when it is read).
   */
  private primaryRule(s: Terms, exponent: boolean, after: Token | undefined): Rule<unknown> {
    const t = this.peek();
    switch (t.kind) {
      case 'name': {
        this.next();
        s.waiting = exponent ? 'exponent' : 'primary';
        const call = new Call(this);
        call.name = t;
        return call;
      }
      case '(':
        this.next();
        this.enter(t);
        this.groups.push('(');
        s.open = t;
        s.waiting = exponent ? 'exponentParen' : 'paren';
        return this.parseSum();
      case '[': {
        s.waiting = exponent ? 'exponent' : 'primary';
        const vector = new Vector(this);
        vector.open = t;
        return vector;
      }
      default:
        return this.missingOperand(t, after);
    }
  }

  /** The parentheses opened at `open` around `arg`, closed. */
  private closeParen(open: Token, arg: Ast): Ast {
    this.groups.pop();
    this.expectClose(')', open);
    this.leave();
    return { kind: 'paren', arg, span: { start: open.start, end: this.previousEnd() } };
  }

  /** One step of a call's rule: `(`, the arguments (each a whole expression, separated by commas), `)`. */
  callStep(s: Call, input: unknown): Step {
    if (s.open === undefined) {
      const open = this.next();
      s.open = open;
      this.enter(open);
      this.groups.push('(');
      if (s.name.text === 'einsum') {
        s.einsum = true;
        return { done: false, value: this.parseEinsum(s.name, open) };
      }
      if (this.peek().kind === ')') return this.endCall(s);
      return { done: false, value: this.parseSum() };
    }
    if (s.einsum) {
      this.groups.pop();
      return { done: true, value: input as Ast };
    }
    if (s.args === undefined) s.args = [input as Ast];
    else s.args.push(input as Ast);
    if (this.peek().kind === ',') {
      this.next();
      return { done: false, value: this.parseSum() };
    }
    return this.endCall(s);
  }

  private endCall(s: Call): Step {
    const name = s.name;
    this.expectClose(')', s.open as Token);
    this.leave();
    const call: Ast = { kind: 'call', name: name.text, nameSpan: span(name), args: s.args ?? [], span: { start: name.start, end: this.previousEnd() } };
    this.groups.pop();
    return { done: true, value: call };
  }

  /** einsum("spec", operand, …): the spec is read here, so its errors point into it. */
  private *parseEinsum(name: Token, open: Token): Deferred<Ast> {
    const spec = this.peek();
    if (spec.kind !== 'string') {
      fail('einsum.spec', spec.kind === 'eof' ? span(open) : span(spec), 'einsum takes the subscripts as a string first, e.g. einsum("ij,jk->ik", A, B)');
    }
    this.next();
    const operands: Ast[] = [];
    while (this.peek().kind === ',') {
      this.next();
      operands.push((yield this.parseSum()) as Ast);
    }
    this.expectClose(')', open);
    this.leave();
    const whole = { start: name.start, end: this.previousEnd() };
    return einsumNode(spec.text, spec.start + 1, operands, whole, span(name));
  }

  /**
   * `[a, b]` and `[a; b]` are columns, `[a, b; c, d]` a matrix; as in MATLAB, entries separated by
   * spaces are the entries of a row: `[x y]` is 1×2, `[x -y]` is [x, −y], `[x - y]` one entry,
   * `[1 2; 3 4]` a matrix.
   */
  /** One step of a vector or matrix literal's rule: `[`, the entries (whole expressions) with their separators, `]`. */
  vectorStep(s: Vector, input: unknown): Step {
    const open = s.open;
    if (!s.started) {
      s.started = true;
      this.next();
      this.enter(open);
      if (this.peek().kind === ']') {
        const close = this.next();
        fail('parse.empty-vector', { start: open.start, end: close.end }, 'a vector literal needs at least one entry');
      }
      this.groups.push('[');
      return { done: false, value: this.parseSum() };
    }
    if (s.rows === undefined) s.rows = [[input as Ast]];
    else s.rows[s.rows.length - 1].push(input as Ast);
    const rows = s.rows;
    const t = this.peek();
    if (t.kind === ',' || t.kind === ';') {
      this.next();
      if (t.kind === ';') {
        s.semicolons = true;
        rows.push([]);
      } else {
        s.commas = true;
      }
      return { done: false, value: this.parseSum() };
    }
    if (isOperandStart(t) || this.startsRowEntry(t)) {
      s.spaces = true;
      return { done: false, value: this.parseSum() };
    }
    this.groups.pop();
    this.expectClose(']', open);
    this.leave();
    return { done: true, value: literal(rows, s.commas, s.semicolons, s.spaces, { start: open.start, end: this.previousEnd() }) };
  }

  /** Inside `[ ]`: a sign after a space and directly before its operand starts an entry (`[x -y]`). */
  private startsRowEntry(t: Token): boolean {
    if (this.groups[this.groups.length - 1] !== '[' || !this.isOp(t, '+', '-')) return false;
    const previous = this.tokens[this.pos - 1];
    const next = this.tokens[this.pos + 1];
    return previous !== undefined && previous.end < t.start && next !== undefined && next.start === t.end && isOperandStart(next);
  }

  // ---- errors ----

  private expectClose(close: ')' | ']', open: Token): void {
    const t = this.peek();
    if (t.kind === close) {
      this.next();
      return;
    }
    const where = positionText(this.text, open.start);
    const message = `expected '${close}' to close '${open.text}' at ${where}`;
    if (t.kind === 'eof') {
      const end = this.previousEnd();
      fail('parse.unclosed', { start: end, end }, message);
    }
    if (isOperandStart(t) && !this.lineStarts?.has(this.pos)) {
      const hint = close === ']' ? "separate entries with ',' or ';'" : 'write * for a product';
      fail('parse.missing-operator', span(t), `missing operator before ${describe(t)} (${hint})`);
    }
    if (t.kind === 'invalid') this.invalidCharacter(t);
    fail('parse.unclosed', span(t), `${message}, found ${describe(t)}`);
  }

  /** After a complete operand, at a token no rule continues with. */
  private unexpectedAfterOperand(t: Token, expected: string): never {
    if (isOperandStart(t)) {
      if (this.lineStarts?.has(this.pos)) {
        fail(
          'parse.extra-expression',
          { start: t.start, end: this.tokens[Math.max(this.tokens.length - 2, this.pos)].end },
          `only one expression is allowed: another one starts at ${positionText(this.text, t.start)}`,
        );
      }
      this.primedApplication(t);
      fail('parse.missing-operator', span(t), `missing operator before ${describe(t)} (write * for a product)`);
    }
    if (t.kind === ')' || t.kind === ']') {
      fail('parse.unmatched', span(t), `unmatched '${t.text}': there is no opening '${t.kind === ')' ? '(' : '['}'`);
    }
    if (t.kind === 'invalid') this.invalidCharacter(t);
    if (this.isOp(t, '.')) this.strayDot(t);
    fail('parse.unexpected-token', span(t), `unexpected token ${describe(t)}, expected ${expected}`);
  }

  private missingOperand(t: Token, after?: Token): never {
    if (t.kind === 'invalid') this.invalidCharacter(t);
    if (t.kind === 'string') fail('parse.string', span(t), 'a string is not an expression: strings are einsum subscripts, e.g. einsum("ij,jk->ik", A, B)');
    if (t.kind === 'eof') {
      const prev = this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
      if (prev) fail('parse.expected-expression', span(prev), `expected an expression after '${prev.text}'`);
      fail('parse.empty', { start: t.start, end: t.start }, 'the expression is empty');
    }
    if (this.isOp(t, '.')) this.strayDot(t);
    const context = after ? ` after '${after.text}'` : '';
    fail('parse.unexpected-token', span(t), `unexpected token '${t.text}'${context}`);
  }

  /**
   * `f'(x)` at its `(` (the token `t`): a name, primes, and a name in brackets — the derivative of a
   * function f, as notes write it, which the LaTeX and Unicode readers refuse the same way
   * (latex/application.ts); not "missing operator".
   */
  private primedApplication(t: Token): void {
    if (t.kind !== '(') return;
    let k = this.tokens.indexOf(t) - 1;
    let primes = 0;
    while (k > 0 && this.isOp(this.tokens[k], "'")) {
      k--;
      primes++;
    }
    const f = this.tokens[k] as Token | undefined;
    const x = this.tokens[this.tokens.indexOf(t) + 1] as Token | undefined;
    const close = this.tokens[this.tokens.indexOf(t) + 2] as Token | undefined;
    if (primes === 0 || f?.kind !== 'name' || x?.kind !== 'name' || close?.kind !== ')') return;
    fail(
      'name.unknown-function',
      { start: f.start, end: close.end },
      `unknown function '${f.text}': this is the derivative of a function ${f.text}, which the extension does not know — select the function's expression (of ${f.text}(${x.text}) = …, the right-hand side is read) and choose the variable with --wrt; for a product write ${f.text}${"'".repeat(primes)}*${x.text}`,
    );
  }

  private invalidCharacter(t: Token): never {
    const calculus = CALCULUS_CHARACTERS.includes(t.text) ? calculusNotation(this.text.slice(t.start, t.start + 80)) : undefined;
    if (calculus) fail('parse.unknown-character', { start: t.start, end: t.start + calculus.length }, calculus.message);
    const hint = CHARACTER_HINTS[t.text];
    fail('parse.unknown-character', span(t), `unexpected character '${t.text}'${hint ? `: ${hint}` : ''}`);
  }

  private strayDot(t: Token): never {
    fail('parse.unexpected-token', span(t), "unexpected token '.' (element-wise operators are .* ./ .^)");
  }
}

const span = (t: Token): Span => ({ start: t.start, end: t.end });

/**
 * `[a, b]` and `[a; b]` are columns, `[a, b; c, d]` a matrix; as in MATLAB, entries separated by
 * spaces are the entries of a row: `[x y]` is 1×2, `[x -y]` is [x, −y], `[x - y]` one entry,
 * `[1 2; 3 4]` a matrix.
 */
function literal(rows: Ast[][], commas: boolean, semicolons: boolean, spaces: boolean, literalSpan: Span): Ast {
  if (!spaces && !(commas && semicolons)) {
    return { kind: 'vector', entries: rows.flat(), separator: semicolons ? ';' : ',', span: literalSpan };
  }
  if (spaces && rows.every((r) => r.length === 1)) {
    return { kind: 'vector', entries: rows.flat(), separator: ';', span: literalSpan };
  }
  rows.forEach((row, i) => {
    if (row.length !== rows[0].length) {
      fail(
        'parse.ragged-matrix',
        { start: row[0].span.start, end: row[row.length - 1].span.end },
        `row ${i + 1} of the matrix literal has ${row.length} entr${row.length === 1 ? 'y' : 'ies'}, row 1 has ${rows[0].length}`,
      );
    }
  });
  return { kind: 'matrix', rows, span: literalSpan };
}
