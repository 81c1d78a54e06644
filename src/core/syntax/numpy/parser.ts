/**
 * The Python parser (the subset array code uses): statements (`import`, `def f(x: float, …):`,
 * `name = expr`, `name: hint = expr`, `return expr`, expression statements, docstrings) and
 * expressions with Python's precedence (loosest first): `+ -`; `* / @` (left-associative, one
 * level); unary `- +`; `**` (right-associative, its right side may be signed); attributes, calls
 * with keyword arguments, subscripts; names, numbers, strings, lists, tuples, parentheses.
 * The expression rules are generators run by `runDeferred` (`../deferred.ts`), so nesting uses the
 * heap, not the JavaScript stack; nesting deeper than MAX_DEPTH fails with `limit.depth`. Sums and
 * products are n-ary chains, so long ones are shallow.
 */
import type { Span } from '../../api';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { runDeferred, type Deferred } from '../deferred';
import type { PyToken } from './scanner';

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

/** Parse all statements (imports and `pass` are skipped). Throws SyntaxFailure. */
export function parsePython(text: string, tokens: readonly PyToken[]): PyStatement[] {
  return new PyParser(text, tokens).statements();
}

class PyParser {
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

  private isOp(t: PyToken, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.text);
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
    if (this.isOp(after, '+=', '-=', '*=', '/=', '@=', '**=', '//=', '%=')) {
      fail('numpy.unsupported', spanOf(after), `augmented assignments ('${after.text}') are not supported: write name = name ${after.text.slice(0, -1)} …`);
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

  private *expr(): Deferred<PyNode> {
    const e = (yield this.sum()) as PyNode;
    const t = this.peek();
    if (this.isOp(t, '==', '!=', '<', '>', '<=', '>=') || this.isWord(t, 'if') || this.isWord(t, 'and') || this.isWord(t, 'or')) {
      fail('numpy.unsupported', spanOf(t), `'${t.text}' is not supported: select an arithmetic expression`);
    }
    return e;
  }

  private *sum(): Deferred<PyNode> {
    const first = (yield this.product()) as PyNode;
    const rest: PyLink<PyAddOp>[] = [];
    for (let t = this.peek(); this.isOp(t, '+', '-'); t = this.peek()) {
      this.next();
      rest.push({ op: t.text as PyAddOp, opSpan: spanOf(t), operand: (yield this.product()) as PyNode });
    }
    if (rest.length === 0) return first;
    return { kind: 'sum', first, rest, span: cover(first.span, rest[rest.length - 1].operand.span) };
  }

  private *product(): Deferred<PyNode> {
    const first = (yield this.unary()) as PyNode;
    const rest: PyLink<PyMulOp>[] = [];
    for (let t = this.peek(); this.isOp(t, '*', '/', '@', '//', '%'); t = this.peek()) {
      if (t.text === '//' || t.text === '%') fail('numpy.unsupported', spanOf(t), `'${t.text}' (integer division, remainder) is not supported`);
      this.next();
      rest.push({ op: t.text as PyMulOp, opSpan: spanOf(t), operand: (yield this.unary()) as PyNode });
    }
    if (rest.length === 0) return first;
    return { kind: 'product', first, rest, span: cover(first.span, rest[rest.length - 1].operand.span) };
  }

  /** Signs, then a power. A run of signs is read as the sign it amounts to (--x is x, ---x is -x): one node, one level. */
  private *unary(): Deferred<PyNode> {
    const t = this.peek();
    if (this.isOp(t, '-', '+')) {
      let count = 0;
      let negative = false;
      for (let s = t; this.isOp(s, '-', '+'); s = this.peek()) {
        this.next();
        count++;
        if (s.text === '-') negative = !negative;
      }
      this.enter(t);
      const arg = (yield this.unary()) as PyNode;
      this.leave();
      if (count > 1 && !negative) return arg;
      return { kind: 'unary', op: count > 1 ? '-' : (t.text as PyAddOp), arg, span: cover(spanOf(t), arg.span) };
    }
    if (this.isOp(t, '~')) fail('numpy.unsupported', spanOf(t), "'~' is not supported");
    return yield* this.power();
  }

  private *power(): Deferred<PyNode> {
    const base = yield* this.postfix();
    const t = this.peek();
    if (!this.isOp(t, '**')) return base;
    this.next();
    this.enter(t);
    const exponent = (yield this.unary()) as PyNode;
    this.leave();
    return { kind: 'power', base, exponent, opSpan: spanOf(t), span: cover(base.span, exponent.span) };
  }

  private *postfix(): Deferred<PyNode> {
    let node = yield* this.atom();
    // Each attribute, call or subscript nests the tree one level: a chain counts against MAX_DEPTH.
    for (let links = 0; ; links++) {
      const t = this.peek();
      if (links >= MAX_DEPTH && this.isOp(t, '.', '(', '[')) throw new SyntaxFailure(depthDiagnostic(spanOf(t).start, spanOf(t).end));
      if (this.isOp(t, '.')) {
        this.next();
        const attr = this.next();
        if (attr.kind !== 'name') fail('parse.unexpected-token', spanOf(attr), `expected a name after '.', found ${describe(attr)}`);
        node = { kind: 'attribute', object: node, attr: attr.text, attrSpan: spanOf(attr), span: cover(node.span, spanOf(attr)) };
      } else if (this.isOp(t, '(')) {
        node = yield* this.call(node);
      } else if (this.isOp(t, '[')) {
        this.next();
        this.enter(t);
        const index = yield* this.subscriptIndex();
        const close = this.expectOp(']', t, 'a subscript');
        this.leave();
        node = { kind: 'subscript', object: node, index, span: cover(node.span, spanOf(close)) };
      } else {
        return node;
      }
    }
  }

  private *call(func: PyNode): Deferred<PyNode> {
    const open = this.next();
    this.enter(open);
    const args: PyNode[] = [];
    const keywords: PyKeyword[] = [];
    while (!this.isOp(this.peek(), ')')) {
      const t = this.peek();
      if (t.kind === 'name' && this.isOp(this.peek(1), '=')) {
        this.next();
        this.next();
        const value = (yield this.expr()) as PyNode;
        keywords.push({ name: t.text, value, span: cover(spanOf(t), value.span) });
      } else {
        if (keywords.length > 0) fail('parse.unexpected-token', spanOf(t), 'a positional argument after a keyword argument');
        if (this.isOp(t, '*', '**')) fail('numpy.unsupported', spanOf(t), 'unpacking arguments (*args) is not supported');
        args.push((yield this.expr()) as PyNode);
      }
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    const close = this.expectOp(')', open, 'the arguments');
    this.leave();
    return { kind: 'call', func, args, keywords, span: cover(func.span, spanOf(close)) };
  }

  /** An index: an expression, a tuple of them, or slices (reported later). */
  private *subscriptIndex(): Deferred<PyNode> {
    const items: PyNode[] = [];
    const start = this.peek();
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, ':') || this.isOp(t, '...')) {
        while (!this.isOp(this.peek(), ',', ']') && this.peek().kind !== 'eof') this.next();
        items.push({ kind: 'slice', span: { start: t.start, end: this.previousEnd() } });
      } else {
        const e = (yield this.expr()) as PyNode;
        if (this.isOp(this.peek(), ':')) {
          while (!this.isOp(this.peek(), ',', ']') && this.peek().kind !== 'eof') this.next();
          items.push({ kind: 'slice', span: { start: e.span.start, end: this.previousEnd() } });
        } else items.push(e);
      }
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    if (items.length === 1) return items[0];
    return { kind: 'tuple', items, span: { start: start.start, end: this.previousEnd() } };
  }

  private *atom(): Deferred<PyNode> {
    const t = this.peek();
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
      case 'op':
        if (t.text === '(' || t.text === '[') return yield* this.bracketed(t);
        break;
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

  private *bracketed(open: PyToken): Deferred<PyNode> {
    this.next();
    this.enter(open);
    const close = open.text === '(' ? ')' : ']';
    const items: PyNode[] = [];
    let comma = false;
    while (!this.isOp(this.peek(), close)) {
      items.push((yield this.expr()) as PyNode);
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
      comma = true;
    }
    const end = this.expectOp(close, open, open.text === '(' ? 'parentheses' : 'a list');
    this.leave();
    const span = cover(spanOf(open), spanOf(end));
    if (open.text === '[') return { kind: 'list', items, span };
    if (items.length === 1 && !comma) return { kind: 'paren', arg: items[0], span };
    return { kind: 'tuple', items, span };
  }

  /** Statements, with a def's one-line body right after it. */
  takePendingBody(): PyStatement | undefined {
    const b = this.pendingBody;
    this.pendingBody = undefined;
    return b;
  }
}
