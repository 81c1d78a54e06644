/**
 * The Python parser (the subset array code uses): statements (`import`, `def f(x: float, …):`,
 * `name = expr`, `name: hint = expr`, `return expr`, expression statements, docstrings) and
 * expressions with Python's precedence (loosest first): `+ -`; `* / @` (left-associative, one
 * level); unary `- +`; `**` (right-associative, its right side may be signed); attributes, calls
 * with keyword arguments, subscripts; names, numbers, strings, lists, tuples, parentheses.
 * The expression rules are small paused objects (rules.ts) run by `runDeferred` (`../deferred.ts`),
 * so nesting uses the heap, not the JavaScript stack; nesting deeper than MAX_DEPTH fails with
 * `limit.depth`. Sums and products are n-ary chains, so long ones are shallow.
 */
import type { Span } from '../../api';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { runDeferred, type Rule } from '../deferred';
import { PyBracket, PyCall, PyIndex, PyTerms, pushed, type PyStepper } from './rules';
import type { PyToken } from './scanner';
import { FLOOR_DIVISION, REMAINDER } from '../pythonOperators';

export type PyAddOp = '+' | '-';
export type PyMulOp = '*' | '/' | '@';

export interface PyKeyword {
  readonly name: string;
  readonly value: PyNode;
  readonly span: Span;
}

export type PyNode =
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'constant'; readonly value: 'None' | 'True' | 'False'; readonly span: Span }
  | { readonly kind: 'attribute'; readonly object: PyNode; readonly attr: string; readonly attrSpan: Span; readonly span: Span }
  | { readonly kind: 'call'; readonly func: PyNode; readonly args: readonly PyNode[]; readonly keywords: readonly PyKeyword[]; readonly span: Span }
  | { readonly kind: 'subscript'; readonly object: PyNode; readonly index: PyNode; readonly span: Span }
  | { readonly kind: 'slice'; readonly span: Span }
  | { readonly kind: 'sum'; readonly first: PyNode; readonly rest: readonly PyLink<PyAddOp>[]; readonly span: Span }
  | { readonly kind: 'product'; readonly first: PyNode; readonly rest: readonly PyLink<PyMulOp>[]; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: PyAddOp; readonly arg: PyNode; readonly span: Span }
  | { readonly kind: 'power'; readonly base: PyNode; readonly exponent: PyNode; readonly opSpan: Span; readonly span: Span }
  | { readonly kind: 'list'; readonly items: readonly PyNode[]; readonly span: Span }
  | { readonly kind: 'tuple'; readonly items: readonly PyNode[]; readonly span: Span }
  | { readonly kind: 'paren'; readonly arg: PyNode; readonly span: Span };

export interface PyLink<Op> {
  readonly op: Op;
  readonly opSpan: Span;
  readonly operand: PyNode;
}

export interface PyParameter {
  readonly name: string;
  readonly span: Span;
  /** The annotation, e.g. `float` or `Float[Array, "m n"]`. */
  readonly annotation?: PyNode;
}

export type PyStatement =
  | { readonly kind: 'expression'; readonly value: PyNode; readonly span: Span }
  | { readonly kind: 'return'; readonly value: PyNode; readonly span: Span }
  | { readonly kind: 'assign'; readonly target: string; readonly targetSpan: Span; readonly annotation?: PyNode; readonly value: PyNode; readonly span: Span }
  | { readonly kind: 'annotation'; readonly target: string; readonly targetSpan: Span; readonly annotation: PyNode; readonly span: Span }
  | { readonly kind: 'def'; readonly name: string; readonly parameters: readonly PyParameter[]; readonly span: Span };

const describe = (t: PyToken): string => (t.kind === 'eof' ? 'the end of the input' : t.kind === 'newline' ? 'the end of the line' : `'${t.text}'`);
const spanOf = (t: PyToken): Span => ({ start: t.start, end: t.end });
const cover = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

/** What a call without positional or keyword arguments holds (never modified: the lists are read-only). */
const NONE: readonly never[] = [];
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '**=', '//=', '%=']);
const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);
type Step = IteratorResult<Rule<unknown>, PyNode>;

/** Parse all statements (imports and `pass` are skipped). Throws SyntaxFailure. */
export function parsePython(text: string, tokens: readonly PyToken[]): PyStatement[] {
  return new PyParser(text, tokens).statements();
}

class PyParser implements PyStepper {
  private pos = 0;
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly PyToken[],
  ) {}

  private peek(offset = 0): PyToken {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): PyToken {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** Whether `t` is one of the operators named (a fixed list of parameters: no array per call). */
  private isOp(t: PyToken, a: string, b?: string, c?: string, d?: string, e?: string): boolean {
    if (t.kind !== 'op') return false;
    const x = t.text;
    return x === a || x === b || x === c || x === d || x === e;
  }

  private isWord(t: PyToken, word: string): boolean {
    return t.kind === 'name' && t.text === word;
  }

  private atLineEnd(): boolean {
    const t = this.peek();
    return t.kind === 'newline' || t.kind === 'eof';
  }

  private expectOp(op: string, open: PyToken | undefined, what: string): PyToken {
    const t = this.peek();
    if (this.isOp(t, op)) return this.next();
    const where = open ? ` to close '${open.text}' at ${positionText(this.text, open.start)}` : '';
    const span = t.kind === 'eof' || t.kind === 'newline' ? { start: this.previousEnd(), end: this.previousEnd() } : spanOf(t);
    return fail(open ? 'parse.unclosed' : 'parse.unexpected-token', span, `expected '${op}'${where} (${what}), found ${describe(t)}`);
  }

  private previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : this.peek().start;
  }

  private enter(at: PyToken): void {
    if (++this.nesting > MAX_DEPTH) throw new SyntaxFailure(depthDiagnostic(at.start, at.end));
  }

  private leave(): void {
    this.nesting--;
  }

  // ---- statements ----

  statements(): PyStatement[] {
    const out: PyStatement[] = [];
    for (;;) {
      while (this.peek().kind === 'newline') this.next();
      if (this.peek().kind === 'eof') return out;
      const s = this.statement();
      if (s) out.push(s);
      const body = this.takePendingBody();
      if (body) out.push(body);
      const t = this.peek();
      if (t.kind !== 'newline' && t.kind !== 'eof') this.unexpectedInStatement(t);
    }
  }

  private statement(): PyStatement | undefined {
    const t = this.peek();
    if (this.isWord(t, 'import') || this.isWord(t, 'from')) {
      while (!this.atLineEnd()) this.next();
      return undefined;
    }
    if (this.isWord(t, 'pass')) {
      this.next();
      return undefined;
    }
    if (this.isWord(t, 'def')) return this.definition();
    if (this.isWord(t, 'return')) {
      this.next();
      if (this.atLineEnd()) fail('parse.expected-expression', spanOf(t), "expected an expression after 'return'");
      const value = this.expression();
      return { kind: 'return', value, span: cover(spanOf(t), value.span) };
    }
    if (['if', 'for', 'while', 'with', 'class', 'lambda', 'try', 'else', 'elif', 'assert', 'raise', 'yield', 'global', 'del'].some((w) => this.isWord(t, w))) {
      fail('numpy.unsupported', spanOf(t), `'${t.text}' statements are not supported: select the expression (and the assignments it uses)`);
    }
    if (t.kind === 'name' && (this.isOp(this.peek(1), '=') || this.isOp(this.peek(1), ':'))) {
      const target = this.next();
      let annotation: PyNode | undefined;
      if (this.isOp(this.peek(), ':')) {
        this.next();
        annotation = this.expression();
        if (!this.isOp(this.peek(), '=')) return { kind: 'annotation', target: target.text, targetSpan: spanOf(target), annotation, span: cover(spanOf(target), annotation.span) };
      }
      const eq = this.next();
      if (this.atLineEnd()) fail('parse.expected-expression', spanOf(eq), "expected an expression after '='");
      const value = this.expression();
      return { kind: 'assign', target: target.text, targetSpan: spanOf(target), annotation, value, span: cover(spanOf(target), value.span) };
    }
    const value = this.expression();
    const after = this.peek();
    if (after.kind === 'op' && AUGMENTED.has(after.text)) {
      fail('numpy.unsupported', spanOf(after), `augmented assignments ('${after.text}') are not supported: write name = name ${after.text.slice(0, -1)} …`);
    }
    if (this.isOp(after, ',')) {
      fail('numpy.unsupported', spanOf(after), 'tuples are not supported (a, b = …): assign one name per statement');
    }
    if (this.isOp(after, '=')) {
      fail('numpy.unsupported', spanOf(after), 'only assignments to one name are supported (name = expression)');
    }
    return { kind: 'expression', value, span: value.span };
  }

  /** def f(x: float, A: Float[Array, "m n"]) -> float:  (the body follows on later lines). */
  private definition(): PyStatement {
    const def = this.next();
    const name = this.next();
    if (name.kind !== 'name') fail('parse.unexpected-token', spanOf(name), `expected a function name after 'def', found ${describe(name)}`);
    const open = this.expectOp('(', undefined, 'the parameters');
    const parameters: PyParameter[] = [];
    while (!this.isOp(this.peek(), ')')) {
      while (this.isOp(this.peek(), '*', '**', '/')) this.next();
      const p = this.next();
      if (p.kind !== 'name') fail('parse.unexpected-token', spanOf(p), `expected a parameter name, found ${describe(p)}`);
      let annotation: PyNode | undefined;
      if (this.isOp(this.peek(), ':')) {
        this.next();
        annotation = this.expression();
      }
      if (this.isOp(this.peek(), '=')) {
        this.next();
        this.expression();
      }
      parameters.push({ name: p.text, span: spanOf(p), annotation });
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    this.expectOp(')', open, 'the parameters');
    if (this.isOp(this.peek(), '->')) {
      this.next();
      this.expression();
    }
    const colon = this.expectOp(':', undefined, 'a function definition');
    // A one-line body: def f(x): return x @ x
    if (!this.atLineEnd()) {
      const body = this.statement();
      if (body) {
        const t = this.peek();
        if (t.kind !== 'newline' && t.kind !== 'eof') this.unexpectedInStatement(t);
        this.pendingBody = body;
      }
    }
    return { kind: 'def', name: name.text, parameters, span: cover(spanOf(def), spanOf(colon)) };
  }

  /** The one-line body of a def, returned right after the def itself. */
  private pendingBody: PyStatement | undefined;

  private unexpectedInStatement(t: PyToken): never {
    if (t.kind === 'invalid') fail('parse.unknown-character', spanOf(t), `unexpected ${describe(t)}`);
    if (this.isOp(t, ')', ']', '}')) fail('parse.unmatched', spanOf(t), `unmatched '${t.text}'`);
    if (t.kind === 'name' || t.kind === 'number' || this.isOp(t, '(', '[')) {
      fail('parse.missing-operator', spanOf(t), `missing operator before ${describe(t)} (write * or @ for a product)`);
    }
    return fail('parse.unexpected-token', spanOf(t), `unexpected ${describe(t)}`);
  }

  // ---- expressions ----

  /** One expression (a whole statement's: the nested ones are read by `expr`). */
  expression(): PyNode {
    return runDeferred(this.expr());
  }

  /** A whole expression (a sum; a comparison after it is refused): a `PyTerms` rule. */
  private expr(): Rule<PyNode> {
    const rule = new PyTerms(this);
    rule.expression = true;
    return rule;
  }

  /** One signed power (the right side of `**`): a `PyTerms` rule. */
  private power(): Rule<PyNode> {
    const rule = new PyTerms(this);
    rule.unaryOnly = true;
    return rule;
  }

  /** The end of a whole expression: comparisons and conditionals are not supported. */
  private finish(s: PyTerms, e: PyNode): Step {
    if (s.expression) {
      const t = this.peek();
      if ((t.kind === 'op' && COMPARISONS.has(t.text)) || this.isWord(t, 'if') || this.isWord(t, 'and') || this.isWord(t, 'or')) {
        fail('numpy.unsupported', spanOf(t),
          `'${t.text}' is not supported: comparisons and conditionals are not read (a selection such as np.where(u > 0, a, b) is not 𝟙[u > 0]·a + (1 − 𝟙[u > 0])·b ` +
            'where the branch not taken is not finite, np.where(x > 0, np.log(x), 0)); for the common selections write np.maximum(u, 0) or F.relu(u), ' +
            'F.leaky_relu(u, s), np.clip(u, lo, hi) or np.abs(u)');
      }
    }
    return { done: true, value: e };
  }

  /**
   * One step of a `PyTerms` rule (see there): takes the result of the rule it waited for (`input`)
   * and returns the next rule to wait for, or the expression when done. The tokens are read in the
   * order of the tiers (sum → product → signs → power → postfix chain → atom), with the same errors.
   */
  termsStep(s: PyTerms, input: unknown): Step {
    let operandStarts = false;
    let powered = false;
    switch (s.waiting) {
      case 'nothing':
        operandStarts = true;
        break;
      case 'atom':
      case 'call':
        s.node = input as PyNode;
        break;
      case 'subscript': {
        const open = s.open as PyToken;
        const close = this.expectOp(']', open, 'a subscript');
        this.leave();
        s.node = { kind: 'subscript', object: s.node as PyNode, index: input as PyNode, span: cover((s.node as PyNode).span, spanOf(close)) };
        break;
      }
      case 'exponent': {
        this.leave();
        const base = s.node as PyNode;
        const exponent = input as PyNode;
        s.node = { kind: 'power', base, exponent, opSpan: spanOf(s.open as PyToken), span: cover(base.span, exponent.span) };
        powered = true;
        break;
      }
    }
    for (;;) {
      if (operandStarts) {
        operandStarts = false;
        this.signs(s);
        const t = this.peek();
        if (this.isOp(t, '~')) fail('numpy.unsupported', spanOf(t), "'~' is not supported");
        s.links = 0;
        if (this.isOp(t, '(', '[')) {
          s.waiting = 'atom';
          const bracket = new PyBracket(this);
          bracket.open = t;
          return { done: false, value: bracket };
        }
        s.node = this.atom(t);
      }
      if (!powered) {
        const rule = this.postfix(s);
        if (rule !== undefined) return { done: false, value: rule };
        const t = this.peek();
        if (this.isOp(t, '**')) {
          this.next();
          this.enter(t);
          s.open = t;
          s.waiting = 'exponent';
          return { done: false, value: this.power() };
        }
      }
      powered = false;
      const operand = this.signed(s, s.node as PyNode);
      if (s.unaryOnly) return { done: true, value: operand };
      // the product tier
      s.addFactor(operand);
      const t = this.peek();
      if (this.isOp(t, '*', '/', '@', '//', '%')) {
        if (t.text === '//' || t.text === '%') fail('numpy.unsupported', spanOf(t), t.text === '//' ? FLOOR_DIVISION : REMAINDER);
        this.next();
        s.mulOp = t;
        operandStarts = true;
        continue;
      }
      // the sum tier
      s.endProduct();
      if (this.isOp(t, '+', '-')) {
        this.next();
        s.addOp = t;
        operandStarts = true;
        continue;
      }
      return this.finish(s, s.sum());
    }
  }

  /** The signs before an operand, consumed, entering one level: a run of them is the sign it amounts to (--x is x, ---x is -x). */
  private signs(s: PyTerms): void {
    const t = this.peek();
    s.sign = undefined;
    if (!this.isOp(t, '-', '+')) return;
    let count = 0;
    let negative = false;
    for (let u = t; this.isOp(u, '-', '+'); u = this.peek()) {
      this.next();
      count++;
      if (u.text === '-') negative = !negative;
    }
    this.enter(t);
    s.sign = t;
    s.signCount = count;
    s.negative = negative;
  }

  /** `arg` under the signs read before it, leaving their level. */
  private signed(s: PyTerms, arg: PyNode): PyNode {
    const t = s.sign;
    if (t === undefined) return arg;
    s.sign = undefined;
    this.leave();
    if (s.signCount > 1 && !s.negative) return arg;
    return { kind: 'unary', op: s.signCount > 1 ? '-' : (t.text as PyAddOp), arg, span: cover(spanOf(t), arg.span) };
  }

  /** The attributes, calls and subscripts after an atom, left to right; a rule to wait for when one needs it. */
  private postfix(s: PyTerms): Rule<unknown> | undefined {
    // Each attribute, call or subscript nests the tree one level: a chain counts against MAX_DEPTH.
    for (; ; s.links++) {
      const node = s.node as PyNode;
      const t = this.peek();
      if (s.links >= MAX_DEPTH && this.isOp(t, '.', '(', '[')) throw new SyntaxFailure(depthDiagnostic(spanOf(t).start, spanOf(t).end));
      if (this.isOp(t, '.')) {
        this.next();
        const attr = this.next();
        if (attr.kind !== 'name') fail('parse.unexpected-token', spanOf(attr), `expected a name after '.', found ${describe(attr)}`);
        s.node = { kind: 'attribute', object: node, attr: attr.text, attrSpan: spanOf(attr), span: cover(node.span, spanOf(attr)) };
      } else if (this.isOp(t, '(')) {
        s.links++;
        s.waiting = 'call';
        const call = new PyCall(this);
        call.func = node;
        return call;
      } else if (this.isOp(t, '[')) {
        this.next();
        this.enter(t);
        s.links++;
        s.open = t;
        s.waiting = 'subscript';
        return new PyIndex(this);
      } else {
        return undefined;
      }
    }
  }

  /** One step of a call's rule: `(`, the arguments (each a whole expression, positional before keyword), `)`. */
  callStep(s: PyCall, input: unknown): Step {
    if (s.open === undefined) {
      s.open = this.next();
      this.enter(s.open);
    } else {
      const value = input as PyNode;
      if (s.keyword !== undefined) s.keywords = pushed(s.keywords, { name: s.keyword.text, value, span: cover(spanOf(s.keyword), value.span) });
      else s.args = pushed(s.args, value);
      if (!this.isOp(this.peek(), ',')) return this.endCall(s);
      this.next();
    }
    const t = this.peek();
    if (this.isOp(t, ')')) return this.endCall(s);
    if (t.kind === 'name' && this.isOp(this.peek(1), '=')) {
      this.next();
      this.next();
      s.keyword = t;
    } else {
      if (s.keywords !== undefined) fail('parse.unexpected-token', spanOf(t), 'a positional argument after a keyword argument');
      if (this.isOp(t, '*', '**')) fail('numpy.unsupported', spanOf(t), 'unpacking arguments (*args) is not supported');
      s.keyword = undefined;
    }
    return { done: false, value: this.expr() };
  }

  private endCall(s: PyCall): Step {
    const close = this.expectOp(')', s.open, 'the arguments');
    this.leave();
    return { done: true, value: { kind: 'call', func: s.func, args: s.args ?? NONE, keywords: s.keywords ?? NONE, span: cover(s.func.span, spanOf(close)) } };
  }

  /** One step of a subscript's rule: an index is an expression, a tuple of them, or slices (reported later). */
  indexStep(s: PyIndex, input: unknown): Step {
    if (s.start === undefined) {
      s.start = this.peek();
    } else {
      const e = input as PyNode;
      if (this.isOp(this.peek(), ':')) {
        while (!this.isOp(this.peek(), ',', ']') && this.peek().kind !== 'eof') this.next();
        s.items = pushed(s.items, { kind: 'slice', span: { start: e.span.start, end: this.previousEnd() } });
      } else s.items = pushed(s.items, e);
      if (!this.isOp(this.peek(), ',')) return this.endIndex(s);
      this.next();
    }
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, ':', '...')) return { done: false, value: this.expr() };
      while (!this.isOp(this.peek(), ',', ']') && this.peek().kind !== 'eof') this.next();
      s.items = pushed(s.items, { kind: 'slice', span: { start: t.start, end: this.previousEnd() } });
      if (!this.isOp(this.peek(), ',')) return this.endIndex(s);
      this.next();
    }
  }

  private endIndex(s: PyIndex): Step {
    const items = s.items as PyNode[];
    if (items.length === 1) return { done: true, value: items[0] };
    return { done: true, value: { kind: 'tuple', items, span: { start: (s.start as PyToken).start, end: this.previousEnd() } } };
  }

  /** An atom that is not in brackets (those are read by `bracketed`): a number, string, name or constant. */
  private atom(t: PyToken): PyNode {
    switch (t.kind) {
      case 'number':
        this.next();
        if (!Number.isFinite(t.number)) fail('parse.number', spanOf(t), `the number ${t.text} is too large`);
        return { kind: 'number', value: t.number as number, text: t.text, span: spanOf(t) };
      case 'string':
        this.next();
        return { kind: 'string', value: t.value ?? '', span: spanOf(t) };
      case 'name':
        this.next();
        if (t.text === 'None' || t.text === 'True' || t.text === 'False') return { kind: 'constant', value: t.text, span: spanOf(t) };
        if (t.text === 'lambda') fail('numpy.unsupported', spanOf(t), 'lambda is not supported');
        return { kind: 'name', name: t.text, span: spanOf(t) };
      case 'invalid':
        if (/^[\d.]/.test(t.text)) fail('numpy.unsupported', spanOf(t), `complex numbers (${t.text}) are not supported`);
        if (t.text.startsWith('"') || t.text.startsWith("'")) fail('parse.unclosed', spanOf(t), 'the string is not closed');
        fail('parse.unknown-character', spanOf(t), `unexpected character '${t.text}'`);
        break;
      case 'eof':
      case 'newline': {
        const prev = this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
        if (prev && prev.kind !== 'newline') fail('parse.expected-expression', spanOf(prev), `expected an expression after '${prev.text}'`);
        fail('parse.empty', { start: t.start, end: t.start }, 'the expression is empty');
      }
    }
    if (this.isOp(t, ')', ']', '}')) fail('parse.unmatched', spanOf(t), `unmatched '${t.text}'`);
    return fail('parse.unexpected-token', spanOf(t), `unexpected ${describe(t)}`);
  }

  /** One step of the rule of parentheses or a list: the open bracket, the items (whole expressions) and the close. */
  bracketStep(s: PyBracket, input: unknown): Step {
    const close = s.open.text === '(' ? ')' : ']';
    if (!s.started) {
      s.started = true;
      this.next();
      this.enter(s.open);
    } else {
      s.items = pushed(s.items, input as PyNode);
      if (!this.isOp(this.peek(), ',')) return this.endBracket(s, close);
      this.next();
      s.comma = true;
    }
    if (this.isOp(this.peek(), close)) return this.endBracket(s, close);
    return { done: false, value: this.expr() };
  }

  private endBracket(s: PyBracket, close: string): Step {
    const open = s.open;
    const end = this.expectOp(close, open, open.text === '(' ? 'parentheses' : 'a list');
    this.leave();
    const span = cover(spanOf(open), spanOf(end));
    const items = s.items ?? [];
    if (open.text === '[') return { done: true, value: { kind: 'list', items, span } };
    if (items.length === 1 && !s.comma) return { done: true, value: { kind: 'paren', arg: items[0], span } };
    return { done: true, value: { kind: 'tuple', items, span } };
  }

  /** Statements, with a def's one-line body right after it. */
  takePendingBody(): PyStatement | undefined {
    const b = this.pendingBody;
    this.pendingBody = undefined;
    return b;
  }
}
