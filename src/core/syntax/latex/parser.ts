/**
 * The LaTeX parser: tokens → the plain syntax tree (`../ast.ts`), so the plain shape checker,
 * defaults and messages serve LaTeX too. Spans are offsets in the LaTeX text.
 *
 * Grammar (tightest first):
 *   primary   names (`x`, `\mathbf{x}`, `\alpha`, `W_{1}`), numbers, `( )`, `[ ]`, `{ }`, `\{ \}`,
 *             `|…|`, `\|…\|`, `\langle a, b \rangle`, `\frac`, `\sqrt`, function applications,
 *             `\begin{bmatrix}…\end{bmatrix}`, `[a, b]` (a column, as in the plain syntax)
 *   postfix   `^{…}` (power, `\top`/`T`/`\mathsf{T}` transpose, `-1` inverse, `-\top`, `\circ k`
 *             element-wise power), `'` transpose
 *   unary     `-` `+`
 *   product   juxtaposition (`2x`, `Ax`, `\mathbf{w}^\top\mathbf{x}`), `\cdot`, `\times`, `*`, `\odot`,
 *             `\circ`, `\otimes`, `\oslash`, `/`; `\sum_i …` takes the rest of the product
 *   sum       `+ -`
 * A left-hand side `y =`, `f(x) =`, `f(\mathbf{x}) :=` is skipped. The recursion is guarded:
 * nesting deeper than MAX_DEPTH fails with `limit.depth`.
 *
 * Shape-dependent readings use the kind oracle (declarations, typography, letter conventions):
 * `\cdot` between two vectors is the dot product, `A^{-1}` of a matrix is inv(A), `|X|` of a matrix
 * is det(X).
 */
import type { Span } from '../../api';
import type { AddOp, Ast, ChainLink, MulOp } from '../ast';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import {
  ACCENTS, BOLD_COMMANDS, COMMAND_HINTS, FONT_COMMANDS, FUNCTION_COMMANDS, GREEK_COMMANDS, MATRIX_ENVIRONMENTS, OPERATOR_NAMES,
  PRODUCT_COMMANDS,
} from './commands';
import { elementwiseKind, isArrayKind, isVectorKind, KindEstimator, productKind, type Kind, type KindOracle } from './kinds';
import {
  asAtom, asFactor, callNode, cover, nameNode, numberNode, parenNode, powerNode, productNode, spanOf, sumNode, transposeNode, unaryNode,
} from './nodes';
import type { LatexToken } from './scanner';
import { liftSummand, type IndexedRole } from './sums';
import { environmentAt, type PreparedTokens } from './tokens';

/** How a name was written: the typography decides its default shape (see `read.ts`). */
export type NameStyle = 'bold' | 'plain' | 'entry' | 'sample';

/** Placeholders for constants whose size comes from the context; replaced after shape checking. */
export const PLACEHOLDER = { ones: '𝟏', zeros: '𝟎', identity: 'I' } as const;
export type PlaceholderKind = keyof typeof PLACEHOLDER;

export interface LatexParserOptions {
  readonly oracle: KindOracle;
  /** Names declared (in `where` or in `%` comments): never constants or functions. */
  readonly declared: ReadonlySet<string>;
  /** `\otimes` is the Hadamard product (Parr & Howard, the default) or the Kronecker product. */
  readonly otimes: 'hadamard' | 'kronecker';
  /**
   * Dimension names of the declarations (the n of x: vector(n)): an undeclared plain name that is
   * one of them is that number (\frac{1}{n} with x: vector(n)), not a variable.
   */
  readonly dimensions?: ReadonlySet<string>;
  /** Where to record the variables written (filled as far as parsing got, also when it fails). */
  readonly names?: Map<string, { styles: Set<NameStyle>; span: Span }>;
}

export interface LatexParse {
  readonly ast: Ast;
  /** Every variable written, with the styles it was written in. */
  readonly names: ReadonlyMap<string, { readonly styles: ReadonlySet<NameStyle>; readonly span: Span }>;
  readonly placeholders: ReadonlySet<PlaceholderKind>;
}

type SupArgument =
  | { readonly kind: 'transpose'; readonly end: number }
  | { readonly kind: 'inverse'; readonly end: number }
  | { readonly kind: 'inverseTranspose'; readonly end: number }
  | { readonly kind: 'elementwise'; readonly exponent: Ast; readonly end: number }
  | { readonly kind: 'power'; readonly exponent: Ast; readonly end: number };

interface Factor {
  readonly ast: Ast;
  /** A `\frac` that may join the surrounding product as its factors (a/b·c is a·b⁻¹·c). */
  readonly chain?: { readonly first: Ast; readonly rest: readonly ChainLink<MulOp>[] };
}

interface FracParts {
  readonly numerator: Ast;
  readonly denominator: Ast;
  readonly span: Span;
}

type NumberAst = Extract<Ast, { kind: 'number' }>;

/** The longest run of letters looked at as a possible function name (max(, logsumexp(). */
const MAX_RUN = 16;

type Delimiter = '(' | '[' | '{' | '\\{' | '|' | '‖' | '<';

const describe = (t: LatexToken): string =>
  t.kind === 'eof' ? 'the end of the input' : t.kind === 'command' ? `'\\${t.text}'` : `'${t.text}'`;

const spanOfToken = (t: LatexToken): Span => ({ start: t.start, end: t.end });

export function parseLatexTokens(text: string, prepared: PreparedTokens, options: LatexParserOptions): LatexParse {
  return new LatexParser(text, prepared, options).parseAll();
}

class LatexParser {
  private readonly tokens: LatexToken[];
  private pos = 0;
  private nesting = 0;
  private readonly kinds: KindEstimator;
  private readonly names: Map<string, { styles: Set<NameStyle>; span: Span }>;
  private readonly placeholders = new Set<PlaceholderKind>();
  private readonly delimiters: Delimiter[] = [];
  private index: string | undefined;
  private readonly indexed = new Map<Ast, IndexedRole>();

  constructor(
    private readonly text: string,
    private readonly prepared: PreparedTokens,
    private readonly options: LatexParserOptions,
  ) {
    this.tokens = [...prepared.tokens];
    this.names = options.names ?? new Map();
    this.kinds = new KindEstimator(options.oracle);
  }

  parseAll(): LatexParse {
    const first = this.peek();
    if (first.kind === 'eof') fail('parse.empty', spanOf(first.start, first.start), 'the expression is empty');
    this.skipLeftSide();
    const ast = this.sum();
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return { ast, names: this.names, placeholders: this.placeholders };
  }

  // ---- tokens ----

  private peek(offset = 0): LatexToken {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): LatexToken {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : this.peek().start;
  }

  private isChar(t: LatexToken, c: string): boolean {
    return t.kind === 'char' && t.text === c;
  }

  private isCommand(t: LatexToken, ...names: string[]): boolean {
    return t.kind === 'command' && names.includes(t.text);
  }

  private expectChar(c: string, open: LatexToken | undefined, what: string): LatexToken {
    const t = this.peek();
    if (this.isChar(t, c)) return this.next();
    const where = open ? ` to close ${describe(open)} at ${positionText(this.text, open.start)}` : '';
    if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), `expected '${c}'${where} (${what})`);
    return fail('parse.unclosed', spanOfToken(t), `expected '${c}'${where} (${what}), found ${describe(t)}`);
  }

  private expectCommand(names: readonly string[], open: LatexToken, shown: string): LatexToken {
    const t = this.peek();
    if (t.kind === 'command' && names.includes(t.text)) return this.next();
    const message = `expected ${shown} to close ${describe(open)} at ${positionText(this.text, open.start)}`;
    if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), message);
    return fail('parse.unclosed', spanOfToken(t), `${message}, found ${describe(t)}`);
  }

  // ---- depth ----

  private enter(at: LatexToken | Span): void {
    if (++this.nesting > MAX_DEPTH) throw new SyntaxFailure(depthDiagnostic(at.start, at.end));
  }

  private leave(): void {
    this.nesting--;
  }

  private withDelimiter<T>(d: Delimiter, at: LatexToken, run: () => T): T {
    this.enter(at);
    this.delimiters.push(d);
    const r = run();
    this.delimiters.pop();
    this.leave();
    return r;
  }

  // ---- names ----

  private use(name: string, style: NameStyle, span: Span): void {
    let u = this.names.get(name);
    if (!u) {
      u = { styles: new Set(), span };
      this.names.set(name, u);
    }
    u.styles.add(style);
  }

  private declared(name: string): boolean {
    return this.options.declared.has(name);
  }

  private placeholder(kind: PlaceholderKind, span: Span): Ast {
    this.placeholders.add(kind);
    const node = nameNode(PLACEHOLDER[kind], span);
    this.kinds.set(node, kind === 'identity' ? 'matrix' : 'column');
    return node;
  }

  // ---- the left-hand side ----

  /** Skip `y =`, `f(x) =`, `f(\mathbf{x}) :=`; a second top-level `=` is an error. */
  private skipLeftSide(): void {
    let depth = 0;
    const equals: number[] = [];
    for (let i = 0; i < this.tokens.length - 1; i++) {
      const t = this.tokens[i];
      if (t.kind === 'char' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'char' && (t.text === ')' || t.text === ']' || t.text === '}')) depth = Math.max(0, depth - 1);
      else if (depth === 0 && ((t.kind === 'char' && t.text === '=') || this.isCommand(t, 'coloneqq', 'triangleq', 'eqqcolon', 'defeq'))) equals.push(i);
    }
    if (equals.length === 0) return;
    if (equals.length > 1) {
      const second = this.tokens[equals[1]];
      fail('parse.extra-expression', spanOfToken(second), `only one expression is allowed: another '=' at ${positionText(this.text, second.start)}`);
    }
    const eq = equals[0];
    let lhsEnd = eq;
    if (lhsEnd > 0 && this.isChar(this.tokens[lhsEnd - 1], ':')) lhsEnd--;
    const lhs = this.tokens.slice(0, lhsEnd);
    const bad = lhs.find(
      (t) =>
        (t.kind === 'char' && '+-*/|<>&'.includes(t.text)) ||
        (t.kind === 'command' && (PRODUCT_COMMANDS[t.text] !== undefined || ['frac', 'dfrac', 'tfrac', 'sum', 'sqrt', '|'].includes(t.text))),
    );
    const eqToken = this.tokens[eq];
    if (lhs.length === 0 || bad) {
      const at = lhs.length > 0 ? spanOf(lhs[0].start, lhs[lhs.length - 1].end) : spanOfToken(eqToken);
      fail('parse.left-side', at, "the left-hand side of '=' must be a name or a function head such as f(\\mathbf{x})");
    }
    this.pos = eq + 1;
    if (this.peek().kind === 'eof') fail('parse.expected-expression', spanOfToken(eqToken), "expected an expression after '='");
  }

  // ---- sums and products ----

  private sum(): Ast {
    const first = this.product();
    const rest: ChainLink<AddOp>[] = [];
    for (let t = this.peek(); this.isChar(t, '+') || this.isChar(t, '-'); t = this.peek()) {
      this.next();
      rest.push({ op: t.text as AddOp, opSpan: spanOfToken(t), operand: this.product() });
    }
    return sumNode(first, rest);
  }

  /** A product chain: explicit operators and juxtaposition. */
  /**
   * A product chain: explicit operators and juxtaposition. A leading sign applies to the whole
   * product, as in mathematics: -AB is (−1)·A·B (and -2A is (−2)·A), written back by the LaTeX
   * writer the same way.
   */
  private product(): Ast {
    const sign = this.peek();
    const signed = this.isChar(sign, '-') || this.isChar(sign, '+');
    let f0: Factor;
    if (signed) {
      this.next();
      this.enter(sign);
      f0 = this.factor(true);
      this.leave();
    } else {
      f0 = this.factor(true);
    }
    let first = f0.chain ? f0.chain.first : f0.ast;
    let links: ChainLink<MulOp>[] = f0.chain ? [...f0.chain.rest] : [];
    const leadingSign = (): void => {
      if (!signed) return;
      const op = sign.text as AddOp;
      if (links.length === 0 || first.kind === 'number') {
        first = unaryNode(op, first, cover(spanOfToken(sign), first.span));
      } else if (op === '-') {
        links = [{ op: '*', opSpan: spanOfToken(sign), operand: first }, ...links];
        first = numberNode(-1, '-1', spanOfToken(sign));
      }
    };
    let acc = this.kindOfChain(first, links);
    const append = (op: MulOp, opSpan: Span, f: Factor): void => {
      if (f.chain && (op === '*')) {
        links.push({ op, opSpan, operand: f.chain.first }, ...f.chain.rest);
      } else {
        links.push({ op, opSpan, operand: op === '*' || op === '.*' ? f.ast : asFactor(f.ast) });
      }
    };
    const reset = (ast: Ast): void => {
      first = ast;
      links = [];
    };
    for (;;) {
      const t = this.peek();
      const explicit = this.productOperator(t);
      if (explicit) {
        this.next();
        const f = this.factor(true);
        const k = this.kinds.of(f.ast);
        const opSpan = spanOfToken(t);
        switch (explicit) {
          case 'dot':
            if (acc === 'column' && k === 'column') {
              reset(callNode('dot', [this.chainAst(first, links), f.ast], cover(first.span, f.ast.span), opSpan));
              acc = 'scalar';
              continue;
            }
            append('*', opSpan, f);
            acc = productKind(acc, k);
            continue;
          case 'times':
            append('*', opSpan, f);
            acc = productKind(acc, k);
            continue;
          case 'otimes':
            if (this.options.otimes === 'kronecker') {
              reset(callNode('kron', [this.chainAst(first, links), f.ast], cover(first.span, f.ast.span), opSpan));
              acc = 'matrix';
              continue;
            }
            append('.*', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'hadamard':
            append('.*', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'hadamardDivide':
            append('./', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'divide':
            append(isArrayKind(k) ? './' : '/', opSpan, f);
            acc = isArrayKind(k) ? elementwiseKind(acc, k) : acc;
            continue;
        }
      }
      if (!this.startsFactor(t)) break;
      const f = this.factor(false);
      append('*', spanOf(t.start, t.start), f);
      acc = productKind(acc, this.kinds.of(f.ast));
    }
    leadingSign();
    return productNode(first, links);
  }

  private chainAst(first: Ast, links: readonly ChainLink<MulOp>[]): Ast {
    return links.length === 0 ? first : parenNode(productNode(first, links));
  }

  private kindOfChain(first: Ast, links: readonly ChainLink<MulOp>[]): Kind {
    return this.kinds.of(productNode(first, links));
  }

  private productOperator(t: LatexToken): (typeof PRODUCT_COMMANDS)[string] | undefined {
    if (t.kind === 'command') return PRODUCT_COMMANDS[t.text];
    if (this.isChar(t, '*')) return 'times';
    if (this.isChar(t, '/')) return 'divide';
    return undefined;
  }

  /** Whether `t` can start a factor of an implicit product (juxtaposition). */
  private startsFactor(t: LatexToken): boolean {
    switch (t.kind) {
      case 'letter':
      case 'number':
        return true;
      case 'char':
        if (t.text === '(' || t.text === '[' || t.text === '{') return true;
        if (t.text === '|') return !this.closes(t, '|');
        return false;
      case 'command':
        if (t.text === '|' || t.text === 'Vert') return !this.closes(t, '‖');
        if (t.text === 'vert') return !this.closes(t, '|');
        if (['rvert', 'rVert', 'rangle', '}', 'end', '\\', '&'].includes(t.text)) return false;
        return PRODUCT_COMMANDS[t.text] === undefined;
      case 'eof':
        return false;
    }
  }

  /** Whether a `|` (or `‖`) token closes the innermost open one. */
  private closes(t: LatexToken, d: '|' | '‖'): boolean {
    if (this.prepared.closes.has(t)) return true;
    if (this.prepared.opens.has(t)) return false;
    return this.delimiters[this.delimiters.length - 1] === d;
  }

  /** A function application starts here (the argument of a function without parentheses stops before it). */
  private startsFunction(t: LatexToken): boolean {
    if (t.kind !== 'command') return false;
    if (FUNCTION_COMMANDS[t.text] !== undefined || t.text === 'operatorname' || t.text === 'sum') return true;
    return t.text === 'sigma' && !this.declared('sigma') && this.isChar(this.peek(1), '(');
  }

  /** One factor: a `\frac` (spliceable), a `\sum`, or a postfix expression, after optional signs. */
  private factor(allowUnary: boolean): Factor {
    const t = this.peek();
    if (allowUnary && (this.isChar(t, '-') || this.isChar(t, '+'))) {
      this.next();
      this.enter(t);
      const inner = this.factor(true);
      this.leave();
      const arg = inner.ast;
      return { ast: unaryNode(t.text as AddOp, arg, cover(spanOfToken(t), arg.span)) };
    }
    if (this.isCommand(t, 'frac', 'dfrac', 'tfrac', 'cfrac')) {
      const parts = this.frac();
      const over = this.oneOver(parts);
      if (over !== undefined && this.isCommand(this.peek(), 'sum')) return { ast: this.sumOperator(over, parts) };
      const chain = this.fracChain(parts);
      const base = productNode(chain.first, chain.rest);
      const ast = this.postfix(base);
      return ast === base ? { ast, chain } : { ast };
    }
    if (this.isCommand(t, 'sum')) return { ast: this.sumOperator(undefined, undefined) };
    return { ast: this.postfix() };
  }

  // ---- postfix: superscripts, primes, subscripts on expressions ----

  private postfix(given?: Ast): Ast {
    let base = given ?? this.primary();
    for (;;) {
      const t = this.peek();
      if (this.isChar(t, '^')) {
        base = this.superscript(base);
      } else if (this.isChar(t, "'")) {
        this.next();
        base = transposeNode(asAtom(base), spanOf(base.span.start, t.end));
      } else if (this.isChar(t, '_')) {
        base = this.entrySubscript(base);
      } else {
        return base;
      }
    }
  }

  private superscript(base: Ast): Ast {
    const caret = this.next();
    const sup = this.supArgument(caret);
    const span = spanOf(base.span.start, sup.end);
    const k = this.kinds.of(base);
    switch (sup.kind) {
      case 'transpose':
        return transposeNode(asAtom(base), span);
      case 'inverse':
        if (k === 'matrix') return callNode('inv', [base], span, spanOfToken(caret));
        if (isVectorKind(k)) fail('latex.unsupported', span, 'a vector has no inverse');
        return powerNode('^', asAtom(base), unaryNode('-', numberNode(1, '1', spanOf(caret.end, sup.end)), spanOf(caret.end, sup.end)), spanOfToken(caret), span);
      case 'inverseTranspose':
        if (isVectorKind(k) || k === 'scalar') fail('latex.unsupported', span, 'the inverse transpose needs a square matrix');
        return transposeNode(callNode('inv', [base], span, spanOfToken(caret)), span);
      case 'elementwise':
        return powerNode('.^', asAtom(base), sup.exponent, spanOfToken(caret), span);
      case 'power':
        if (isVectorKind(k)) {
          fail(
            'latex.vector-power',
            span,
            'a power of a vector is ambiguous: write \\|\\mathbf{x}\\|^2 for the squared norm, \\mathbf{x}^\\top\\mathbf{x}, or \\mathbf{x}^{\\circ 2} for the element-wise square',
          );
        }
        return powerNode('^', asAtom(base), sup.exponent, spanOfToken(caret), span);
    }
  }

  /** The argument of `^`: a group `{…}` or one token (one digit of a number, as TeX reads x^23). */
  private supArgument(caret: LatexToken): SupArgument {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      const close = this.matchingBrace(this.pos);
      const inner = this.tokens.slice(this.pos + 1, close);
      const end = this.tokens[close]?.end ?? t.end;
      if (this.isTransposeMark(inner)) {
        this.pos = close + 1;
        return { kind: 'transpose', end };
      }
      if (inner.length === 2 && this.isChar(inner[0], '-') && inner[1].kind === 'number' && inner[1].text === '1') {
        this.pos = close + 1;
        return { kind: 'inverse', end };
      }
      if (inner.length >= 2 && this.isChar(inner[0], '-') && this.isTransposeMark(inner.slice(1))) {
        this.pos = close + 1;
        return { kind: 'inverseTranspose', end };
      }
      this.next();
      const elementwise = this.isCommand(this.peek(), 'circ');
      if (elementwise) this.next();
      const exponent = this.withDelimiter('{', t, () => this.sum());
      const closeToken = this.expectChar('}', t, 'the superscript');
      return elementwise ? { kind: 'elementwise', exponent, end: closeToken.end } : { kind: 'power', exponent, end: closeToken.end };
    }
    if (this.isCommand(t, 'top', 'intercal', 'prime') || this.isChar(t, "'") || (t.kind === 'letter' && t.text === 'T')) {
      this.next();
      return { kind: 'transpose', end: t.end };
    }
    if (this.isCommand(t, 'mathsf', 'mathrm', 'text', 'textsf', 'mathit')) {
      const after = this.peek(1);
      if (after.kind === 'letter' && after.text === 'T') {
        this.pos += 2;
        return { kind: 'transpose', end: after.end };
      }
      if (this.isChar(after, '{')) {
        const close = this.matchingBrace(this.pos + 1);
        const inner = this.tokens.slice(this.pos + 2, close);
        if (inner.length === 1 && inner[0].kind === 'letter' && inner[0].text === 'T') {
          const end = this.tokens[close].end;
          this.pos = close + 1;
          return { kind: 'transpose', end };
        }
      }
    }
    if (this.isChar(t, '-') && this.peek(1).kind === 'number') {
      // x^-1 (not TeX, but common): a sign and one digit.
      this.next();
      const digit = this.digit();
      if (digit.value === 1) return { kind: 'inverse', end: digit.span.end };
      return { kind: 'power', exponent: unaryNode('-', digit, spanOf(t.start, digit.span.end)), end: digit.span.end };
    }
    if (t.kind === 'number') {
      const digit = this.digit();
      return { kind: 'power', exponent: digit, end: digit.span.end };
    }
    if (t.kind === 'letter' || (t.kind === 'command' && GREEK_COMMANDS.has(t.text))) {
      this.next();
      const name = t.text;
      this.use(name, 'plain', spanOfToken(t));
      return { kind: 'power', exponent: nameNode(name, spanOfToken(t)), end: t.end };
    }
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(caret), "expected a superscript after '^'");
    return fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)} after '^': write the superscript in braces, e.g. x^{2}`);
  }

  private isTransposeMark(inner: readonly LatexToken[]): boolean {
    if (inner.length === 1) {
      const t = inner[0];
      return (t.kind === 'letter' && t.text === 'T') || this.isCommand(t, 'top', 'intercal', 'prime') || this.isChar(t, "'");
    }
    if (inner.length === 2) return this.isCommand(inner[0], 'mathsf', 'mathrm', 'text', 'textsf', 'mathit') && inner[1].kind === 'letter' && inner[1].text === 'T';
    if (inner.length === 4) {
      return (
        this.isCommand(inner[0], 'mathsf', 'mathrm', 'text', 'textsf', 'mathit') &&
        this.isChar(inner[1], '{') &&
        inner[2].kind === 'letter' &&
        inner[2].text === 'T' &&
        this.isChar(inner[3], '}')
      );
    }
    return false;
  }

  /** The index of the `}` matching the `{` at index `open` (or the eof index). */
  private matchingBrace(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length - 1; i++) {
      const t = this.tokens[i];
      if (this.isChar(t, '{')) depth++;
      else if (this.isChar(t, '}') && --depth === 0) return i;
    }
    return this.tokens.length - 1;
  }

  /** The first digit of the number token here (the rest stays as a number token). */
  private digit(): NumberAst {
    const t = this.peek();
    if (t.text.length === 1 || t.text[1] === '.') {
      // a single digit, or "2.5" read whole (TeX would take only "2", but 2.5 as an exponent is meant)
      this.next();
      return numberNode(Number(t.text), t.text, spanOfToken(t)) as NumberAst;
    }
    const rest: LatexToken = { kind: 'number', text: t.text.slice(1), start: t.start + 1, end: t.end, space: false };
    this.tokens[this.pos] = rest;
    return numberNode(Number(t.text[0]), t.text[0], spanOf(t.start, t.start + 1)) as NumberAst;
  }

  /** `(A\mathbf{x})_i` inside a sum over i: entry i of a vector. */
  private entrySubscript(base: Ast): Ast {
    const underscore = this.next();
    const sub = this.scriptTokens(underscore);
    if (this.index !== undefined && sub.tokens.length === 1 && sub.tokens[0].kind === 'letter' && sub.tokens[0].text === this.index) {
      const node = parenNode(base, spanOf(base.span.start, sub.end));
      this.indexed.set(node, 'entry');
      this.kinds.set(node, 'scalar');
      return node;
    }
    return fail(
      'latex.unsupported',
      spanOf(base.span.start, sub.end),
      'a subscript on an expression (an entry) is supported only as the index of a sum, e.g. \\sum_i (A\\mathbf{x})_i',
    );
  }

  /** The tokens of a sub- or superscript: a group's content or one token. */
  private scriptTokens(at: LatexToken): { tokens: LatexToken[]; end: number } {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      const close = this.matchingBrace(this.pos);
      if (close >= this.tokens.length - 1) fail('parse.unclosed', spanOfToken(t), `expected '}' to close '{' at ${positionText(this.text, t.start)}`);
      const tokens = this.tokens.slice(this.pos + 1, close);
      const end = this.tokens[close].end;
      this.pos = close + 1;
      return { tokens, end };
    }
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(at), `expected a subscript after '${at.text}'`);
    if (t.kind === 'number' && t.text.length > 1) {
      const d = this.digit();
      return { tokens: [{ kind: 'number', text: d.text, start: d.span.start, end: d.span.end, space: false }], end: d.span.end };
    }
    this.next();
    if (t.kind === 'command' && ['mathrm', 'text', 'mathit', 'textrm', 'mathsf', 'mathbf'].includes(t.text) && this.isChar(this.peek(), '{')) {
      const inner = this.scriptTokens(t);
      return { tokens: [t, ...inner.tokens], end: inner.end };
    }
    return { tokens: [t], end: t.end };
  }

  // ---- primaries ----

  private primary(): Ast {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        return this.numberPrimary();
      case 'letter':
        return this.letterPrimary();
      case 'command':
        return this.commandPrimary();
      case 'char':
        if (t.text === '(' || t.text === '[') return this.parenthesized();
        if (t.text === '{') return this.group();
        if (t.text === '|') return this.abs();
        return this.missingOperand(t);
      case 'eof':
        return this.missingOperand(t);
    }
  }

  private numberPrimary(): Ast {
    const t = this.next();
    const value = Number(t.text);
    // The writer's scientific notation: 1.5 \times 10^{-7}.
    const times = this.peek();
    const ten = this.peek(1);
    if (this.isCommand(times, 'times') && ten.kind === 'number' && ten.text === '10' && this.isChar(this.peek(2), '^')) {
      const save = this.pos;
      this.pos += 3;
      const exponent = this.integerScript();
      if (exponent !== undefined) {
        const v = Number(`${t.text}e${exponent.value}`);
        return numberNode(v, `${t.text}e${exponent.value}`, spanOf(t.start, exponent.end));
      }
      this.pos = save;
    }
    if (!Number.isFinite(value)) fail('parse.number', spanOfToken(t), `the number ${t.text} is too large`);
    return numberNode(value, t.text, spanOfToken(t));
  }

  /** A signed integer superscript `{-7}` or `3`, or undefined (position unchanged then). */
  private integerScript(): { value: number; end: number } | undefined {
    const t = this.peek();
    if (t.kind === 'number' && /^\d$/.test(t.text)) {
      this.next();
      return { value: Number(t.text), end: t.end };
    }
    if (!this.isChar(t, '{')) return undefined;
    const close = this.matchingBrace(this.pos);
    const inner = this.tokens.slice(this.pos + 1, close);
    const text = inner.map((x) => x.text).join('');
    if (!/^[-+]?\d+$/.test(text) || inner.some((x) => x.kind !== 'number' && !this.isChar(x, '-') && !this.isChar(x, '+'))) return undefined;
    const end = this.tokens[close].end;
    this.pos = close + 1;
    return { value: Number(text), end };
  }

  private letterPrimary(): Ast {
    const t = this.peek();
    // A run of letters spelling a function, before a parenthesis: max(0, x), sum(x), diag(x).
    if (/^[A-Za-z]$/.test(t.text)) {
      let run = t.text;
      let j = this.pos + 1;
      // (At most a function name's length: a long run of letters is a product, and stays linear.)
      while (run.length <= MAX_RUN && this.tokens[j].kind === 'letter' && !this.tokens[j].space && /^[A-Za-z]$/.test(this.tokens[j].text)) run += this.tokens[j++].text;
      const after = this.tokens[j];
      // Letters that are all declared variables are their product (the writer prints ab(c + d)).
      const variables = [...run].every((c) => this.declared(c));
      if (run.length >= 2 && run.length <= MAX_RUN && this.isChar(after, '(') && !variables) {
        const fn = OPERATOR_NAMES[run];
        const runSpan = spanOf(t.start, this.tokens[j - 1].end);
        if (fn !== undefined && !this.declared(run)) {
          this.pos = j;
          return this.applyFunction(fn, runSpan);
        }
        if (run.length >= 3 && /^[a-z]+$/.test(run) && !this.declared(run)) {
          fail('name.unknown-function', runSpan, `unknown function '${run}' (for a product of the letters, separate them: ${[...run].join(' ')})`);
        }
      }
    }
    this.next();
    if (t.text === 'e' && this.isChar(this.peek(), '^') && !this.declared('e')) return this.eulerPower(t);
    return this.nameWithScripts(t.text, 'plain', t);
  }

  /** e^{u} is exp(u) (unless e is declared). */
  private eulerPower(e: LatexToken): Ast {
    const caret = this.next();
    const sup = this.supArgument(caret);
    const span = spanOf(e.start, sup.end);
    if (sup.kind === 'power') return callNode('exp', [sup.exponent], span, spanOfToken(e));
    return fail('latex.unsupported', span, "e^… is read as exp(…): write an exponent such as e^{-x}");
  }

  /** A variable name with an optional subscript (a suffix of the name, or the index of a sum). */
  private nameWithScripts(base: string, style: 'bold' | 'plain', first: LatexToken, start = first.start): Ast {
    const capital = /^[A-Z]/.test(base) || /^(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)$/.test(base);
    let name = base;
    let end = this.previousEnd();
    if (this.isChar(this.peek(), '_')) {
      const underscore = this.next();
      const sub = this.scriptTokens(underscore);
      end = sub.end;
      const span = spanOf(start, end);
      if (base === 'I' && !this.declared('I') && !this.declared(`I_${sub.tokens.map((x) => x.text).join('')}`)) {
        return this.identityOfSize(sub.tokens, span);
      }
      if (this.index !== undefined && sub.tokens.length === 1 && sub.tokens[0].kind === 'letter' && sub.tokens[0].text === this.index) {
        return this.indexedName(base, style, capital, span);
      }
      name = base + this.subscriptSuffix(sub.tokens, span);
    }
    const span = spanOf(start, end);
    if (name === 'I' && !this.declared('I')) return this.placeholder('identity', span);
    if (style === 'plain' && name === base && !this.declared(name) && this.options.dimensions?.has(name)) {
      const count = callNode('count', [nameNode(name, span), numberNode(1, '1', span)], span);
      this.kinds.set(count, 'scalar');
      return count;
    }
    this.use(name, style, span);
    return nameNode(name, span);
  }

  /** y_i (entry i of the vector y) or \mathbf{x}_i (sample i: row i of X) inside a sum over i. */
  private indexedName(base: string, style: 'bold' | 'plain', capital: boolean, span: Span): Ast {
    const matrixName = base.length === 1 ? base.toUpperCase() : base[0].toUpperCase() + base.slice(1);
    const sample =
      !capital && (style === 'bold' || (!this.declared(base) && this.declared(matrixName) && this.options.oracle(matrixName) === 'matrix'));
    if (sample) {
      const node = nameNode(matrixName, span);
      this.indexed.set(node, 'sample');
      this.kinds.set(node, 'column');
      this.use(matrixName, 'sample', span);
      return node;
    }
    if (capital) fail('latex.sum', span, `${base}_${this.index} indexes a matrix: only vectors y_${this.index} and samples \\mathbf{x}_${this.index} are supported in a sum`);
    if (this.options.oracle(base) === 'scalar' && this.declared(base)) {
      fail('latex.sum', span, `${base}_${this.index} indexes ${base}, which is declared as a scalar`);
    }
    const node = nameNode(base, span);
    this.indexed.set(node, 'entry');
    this.kinds.set(node, 'scalar');
    this.use(base, 'entry', span);
    return node;
  }

  /** I_n, I_{3}: the identity of a given size. */
  private identityOfSize(sub: readonly LatexToken[], span: Span): Ast {
    const dim = this.dimension(sub, span);
    return callNode('eye', [dim], span, spanOf(span.start, span.start + 1));
  }

  /** A dimension written in a subscript: a letter, a name, an integer. */
  private dimension(tokens: readonly LatexToken[], span: Span): Ast {
    const text = tokens.map((t) => t.text).join('');
    if (tokens.length >= 1 && tokens.every((t) => t.kind === 'letter') && /^[A-Za-z]+$/.test(text)) return nameNode(text, span);
    if (tokens.length === 1 && tokens[0].kind === 'number' && /^\d+$/.test(text)) return numberNode(Number(text), text, span);
    return fail('latex.unsupported', span, `expected a dimension (a name or a positive integer) in the subscript, found ${text || 'nothing'}`);
  }

  /** The name suffix of a subscript: x_1 is x1; x_{out}, x_{\text{out}} are x_out; x_{i,j} is x_i_j. */
  private subscriptSuffix(tokens: readonly LatexToken[], span: Span): string {
    const parts: string[] = [''];
    for (const t of tokens) {
      if (this.isChar(t, ',')) parts.push('');
      else if (t.kind === 'letter' || t.kind === 'number') parts[parts.length - 1] += t.text;
      else if (t.kind === 'command' && GREEK_COMMANDS.has(t.text)) parts[parts.length - 1] += t.text;
      else if (t.kind === 'command' && ['mathrm', 'text', 'mathit', 'textrm', 'mathsf', 'mathbf'].includes(t.text)) continue;
      else if (this.isChar(t, '{') || this.isChar(t, '}')) continue;
      else fail('latex.subscript', span, `unsupported subscript: ${describe(t)} (subscripts name variables, such as x_1 or W_{out})`);
    }
    if (parts.some((p) => p === '')) fail('latex.subscript', span, 'an empty subscript');
    if (parts.length === 1 && /^\d+$/.test(parts[0])) return parts[0];
    return parts.map((p) => `_${p}`).join('');
  }

  private commandPrimary(): Ast {
    const t = this.peek();
    const name = t.text;
    if (GREEK_COMMANDS.has(name)) {
      this.next();
      if (name === 'sigma' && !this.declared('sigma') && this.isChar(this.peek(), '(')) return this.applyFunction('sigmoid', spanOfToken(t));
      return this.nameWithScripts(name, 'plain', t);
    }
    if (name === 'pi') {
      this.next();
      return numberNode(Math.PI, 'π', spanOfToken(t));
    }
    if (BOLD_COMMANDS.has(name)) return this.bold();
    if (FONT_COMMANDS.has(name)) return this.font();
    if (ACCENTS[name] !== undefined) return this.accent();
    if (name === 'log' && this.isCommand(this.peek(1), 'det')) {
      this.next();
      const det = this.next();
      return this.applyFunction('logdet', spanOf(t.start, det.end));
    }
    if (name === 'log' && this.isChar(this.peek(1), '|')) {
      // log|X| of a matrix is log det.
      this.next();
      const arg = this.abs();
      if (arg.kind === 'call' && arg.name === 'det') return callNode('logdet', arg.args, spanOf(t.start, arg.span.end), spanOfToken(t));
      return callNode('log', [arg], spanOf(t.start, arg.span.end), spanOfToken(t));
    }
    const fn = FUNCTION_COMMANDS[name];
    if (fn !== undefined) {
      this.next();
      return this.applyFunction(fn, spanOfToken(t));
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const c = this.fracChain(this.frac());
        return productNode(c.first, c.rest);
      }
      case 'sqrt':
        return this.sqrt();
      case 'sum':
        return this.sumOperator(undefined, undefined);
      case '|':
      case 'lVert':
      case 'Vert':
        return this.norm();
      case 'lvert':
      case 'vert':
        return this.abs();
      case 'langle':
        return this.angle();
      case '{':
        return this.braceGroup();
      case 'mathbb':
        return this.blackboard();
      case 'begin':
        return this.matrixEnvironment();
    }
    const hint = COMMAND_HINTS[name];
    if (hint !== undefined) fail('latex.unsupported', spanOfToken(t), `\\${name} is not supported: ${hint}`);
    if (['rvert', 'rVert', 'rangle', '}', 'end', '\\', 'right'].includes(name)) return this.missingOperand(t);
    return fail('latex.unknown-command', spanOfToken(t), `unknown LaTeX command \\${name}`);
  }

  /** The content of a command argument: the tokens of `{…}` or the one token after the command. */
  private argumentTokens(command: LatexToken): { tokens: LatexToken[]; end: number } {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      const close = this.matchingBrace(this.pos);
      if (close >= this.tokens.length - 1) fail('parse.unclosed', spanOfToken(t), `expected '}' to close '{' at ${positionText(this.text, t.start)}`);
      const tokens = this.tokens.slice(this.pos + 1, close);
      const end = this.tokens[close].end;
      this.pos = close + 1;
      return { tokens, end };
    }
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(command), `expected an argument after \\${command.text}`);
    if (t.kind === 'number' && t.text.length > 1) {
      const d = this.digit();
      return { tokens: [{ kind: 'number', text: d.text, start: d.span.start, end: d.span.end, space: false }], end: d.span.end };
    }
    this.next();
    return { tokens: [t], end: t.end };
  }

  /** \mathbf{x}, \boldsymbol{\mu}, \vec{x}, \mathbf{A}, \mathbf{1}, \mathbf{0}. */
  private bold(): Ast {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    const inner = arg.tokens;
    if (inner.length === 1 && inner[0].kind === 'number' && (inner[0].text === '1' || inner[0].text === '0')) {
      return this.constantArray(inner[0].text === '1' ? 'ones' : 'zeros', command, span);
    }
    let base = '';
    for (const x of inner) {
      if (x.kind === 'letter' || x.kind === 'number') base += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) base += x.text;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name, found ${describe(x)}`);
    }
    if (base === '' || /^\d/.test(base)) fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name`);
    return this.nameWithScripts(base, 'bold', command, command.start);
  }

  /** 𝟏 or 𝟎 whose size comes from the context, or of a given size: \mathbf{1}_n, \mathbf{1}_{m \times n}. */
  private constantArray(kind: 'ones' | 'zeros', command: LatexToken, span: Span): Ast {
    if (this.isChar(this.peek(), '_')) {
      const underscore = this.next();
      const sub = this.scriptTokens(underscore);
      const full = spanOf(span.start, sub.end);
      const times = sub.tokens.findIndex((x) => this.isCommand(x, 'times') || (x.kind === 'char' && x.text === ','));
      const dims = times < 0 ? [this.dimension(sub.tokens, full)] : [this.dimension(sub.tokens.slice(0, times), full), this.dimension(sub.tokens.slice(times + 1), full)];
      return callNode(kind, dims, full, spanOfToken(command));
    }
    return this.placeholder(kind, span);
  }

  /** \mathrm{…}, \operatorname{…}, \text{…}, \mathit{…}: an operator name or a variable name. */
  private font(): Ast {
    const command = this.next();
    if (command.text === 'operatorname' && this.isChar(this.peek(), '*')) this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    let word = '';
    for (const x of arg.tokens) {
      if (x.kind === 'letter' || x.kind === 'number' || (x.kind === 'char' && x.text === '_')) word += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) word += x.text;
      else if (x.kind === 'command' && BOLD_COMMANDS.has(x.text)) continue;
      else if (this.isChar(x, '{') || this.isChar(x, '}')) continue;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a name, found ${describe(x)}`);
    }
    if (word === '') fail('latex.unsupported', span, `\\${command.text}{} is empty`);
    const fn = OPERATOR_NAMES[word];
    if (fn !== undefined && !this.declared(word)) {
      if (word === 'log' && this.isCommand(this.peek(), 'det')) {
        const det = this.next();
        return this.applyFunction('logdet', spanOf(command.start, det.end));
      }
      return this.applyFunction(fn, span);
    }
    if (command.text === 'operatorname') fail('name.unknown-function', span, `unknown function \\operatorname{${word}}`);
    if (word === 'e' && this.isChar(this.peek(), '^') && !this.declared('e')) return this.eulerPower(command);
    const bold = arg.tokens.some((x) => x.kind === 'command' && BOLD_COMMANDS.has(x.text));
    return this.nameWithScripts(word, bold ? 'bold' : 'plain', command, command.start);
  }

  /** \hat{y} is the variable y_hat (bold inside: \hat{\mathbf{y}} is a vector). */
  private accent(): Ast {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    let base = '';
    let bold = false;
    for (const x of arg.tokens) {
      if (x.kind === 'letter') base += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) base += x.text;
      else if (x.kind === 'command' && BOLD_COMMANDS.has(x.text)) bold = true;
      else if (this.isChar(x, '{') || this.isChar(x, '}')) continue;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name, found ${describe(x)}`);
    }
    if (base === '') fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name`);
    return this.nameWithScripts(`${base}_${ACCENTS[command.text]}`, bold ? 'bold' : 'plain', command, command.start);
  }

  /** `\mathbb{1}` (𝟏, or the indicator 𝟙[u > 0] before a bracket). */
  private blackboard(): Ast {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    if (arg.tokens.length === 1 && arg.tokens[0].text === '1') {
      const t = this.peek();
      if (this.isChar(t, '[') || this.isCommand(t, '{')) return this.indicator(command);
      return this.constantArray('ones', command, span);
    }
    return fail('latex.unsupported', span, `\\mathbb{${arg.tokens.map((x) => x.text).join('')}} is not an expression (write declarations such as x: vector(n) separately or in a % comment)`);
  }

  /** 𝟙[u > 0]: the step function of u. */
  private indicator(command: LatexToken): Ast {
    const open = this.next();
    const brace = open.kind === 'command';
    const u = this.withDelimiter(brace ? '\\{' : '[', open, () => this.sum());
    const gt = this.peek();
    const zero = this.peek(1);
    if (!this.isChar(gt, '>') || zero.kind !== 'number' || Number(zero.text) !== 0) {
      fail('latex.unsupported', spanOf(command.start, gt.end), 'the indicator is supported as \\mathbb{1}[u > 0]');
    }
    this.pos += 2;
    const close = brace ? this.expectCommand(['}'], open, "'\\}'") : this.expectChar(']', open, 'the indicator');
    return callNode('step', [u], spanOf(command.start, close.end), spanOfToken(command));
  }

  private sqrt(): Ast {
    const command = this.next();
    if (this.isChar(this.peek(), '[')) {
      const open = this.next();
      const index = this.peek();
      if (index.kind !== 'number' || index.text !== '2' || !this.isChar(this.peek(1), ']')) {
        fail('latex.unsupported', spanOf(command.start, index.end), 'only square roots are supported: \\sqrt{…}');
      }
      this.pos += 2;
      void open;
    }
    const arg = this.commandArgument(command);
    return callNode('sqrt', [arg], spanOf(command.start, this.previousEnd()), spanOfToken(command));
  }

  /** An argument of \frac or \sqrt: a group parsed as an expression, or one token. */
  private commandArgument(command: LatexToken): Ast {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      this.next();
      const inner = this.withDelimiter('{', t, () => this.sum());
      const close = this.expectChar('}', t, `the argument of \\${command.text}`);
      return parenNode(inner, spanOf(t.start, close.end));
    }
    if (t.kind === 'number') return this.digit();
    if (t.kind === 'letter' || t.kind === 'command') {
      this.enter(t);
      const r = this.primary();
      this.leave();
      return r;
    }
    return fail('parse.expected-expression', spanOfToken(command), `expected an argument after \\${command.text}`);
  }

  private frac(): FracParts {
    const command = this.next();
    const numerator = this.commandArgument(command);
    const denominator = this.commandArgument(command);
    return { numerator, denominator, span: spanOf(command.start, denominator.span.end) };
  }

  /** 1/N in \frac{1}{N} (before a sum: the mean), else undefined. */
  private oneOver(parts: FracParts): string | undefined {
    let n = parts.numerator;
    while (n.kind === 'paren') n = n.arg;
    let d = parts.denominator;
    while (d.kind === 'paren') d = d.arg;
    if (n.kind !== 'number' || n.value !== 1) return undefined;
    if (d.kind === 'name') return d.name;
    // A dimension name reads as its count: \frac{1}{N} with X: matrix(N, n).
    if (d.kind === 'call' && d.name === 'count' && d.args[0].kind === 'name') return d.args[0].name;
    return undefined;
  }

  /** a/b as a product chain a · b⁻¹ (element-wise when b is an array). */
  private fracChain(parts: FracParts): { first: Ast; rest: ChainLink<MulOp>[] } {
    let num = parts.numerator;
    while (num.kind === 'paren') num = num.arg;
    let den = parts.denominator;
    while (den.kind === 'paren') den = den.arg;
    const arrayDivisor = isArrayKind(this.kinds.of(den));
    const opSpan = spanOf(parts.span.start, parts.span.start + 1);
    // A scalar denominator: each factor divides (1/(sa) is s⁻¹a⁻¹), and b^k (k a number) is b^(−k).
    const divisor = (d: Ast): ChainLink<MulOp> => {
      if (d.kind === 'power' && d.op === '^' && d.exponent.kind === 'number') {
        return { op: '*', opSpan, operand: powerNode('^', asAtom(d.base), unaryNode('-', d.exponent, d.exponent.span), d.opSpan, d.span) };
      }
      return { op: '/', opSpan, operand: asFactor(d) };
    };
    let links: ChainLink<MulOp>[];
    const factors = den.kind === 'product' && den.rest.every((l) => l.op === '*') ? [den.first, ...den.rest.map((l) => l.operand)] : [den];
    if (arrayDivisor) links = [{ op: './', opSpan, operand: asFactor(den) }];
    else if (factors.every((f) => this.kinds.of(f) === 'scalar')) links = factors.map(divisor);
    else links = [divisor(den)];
    // The numerator's factors join the product only when they are scalars: x'x/a in A…A stays one factor.
    const scalarFactors = num.kind === 'product' && [num.first, ...num.rest.map((l) => l.operand)].every((f) => this.kinds.of(f) === 'scalar');
    if (num.kind === 'product' && scalarFactors) return { first: num.first, rest: [...num.rest, ...links] };
    if (num.kind === 'product') return { first: parenNode(num, parts.numerator.span), rest: links };
    return { first: num.kind === 'sum' || num.kind === 'unary' ? parenNode(num, parts.numerator.span) : num, rest: links };
  }

  /** `\sum_{i=1}^{N} …`: the summand is the rest of the product; see `sums.ts`. */
  private sumOperator(meanOver: string | undefined, frac: FracParts | undefined): Ast {
    const command = this.next();
    if (this.index !== undefined) fail('latex.sum', spanOfToken(command), 'nested sums are not supported');
    let lower: { tokens: LatexToken[]; end: number } | undefined;
    let upper: { tokens: LatexToken[]; end: number } | undefined;
    for (let k = 0; k < 2; k++) {
      const t = this.peek();
      if (this.isChar(t, '_') && !lower) lower = this.scriptTokens(this.next());
      else if (this.isChar(t, '^') && !upper) upper = this.scriptTokens(this.next());
    }
    const limitsEnd = Math.max(command.end, lower?.end ?? 0, upper?.end ?? 0);
    const limitsSpan = spanOf(command.start, limitsEnd);
    const indexToken = lower?.tokens[0];
    if (!lower || !indexToken || indexToken.kind !== 'letter' || (lower.tokens.length > 1 && !this.isChar(lower.tokens[1], '='))) {
      fail('latex.sum', limitsSpan, 'write the index of the sum, e.g. \\sum_i or \\sum_{i=1}^{N}');
    }
    const bound = upper && upper.tokens.length === 1 && (upper.tokens[0].kind === 'letter' || upper.tokens[0].kind === 'number') ? upper.tokens[0].text : undefined;
    if (this.peek().kind === 'eof' || !this.startsFactor(this.peek())) {
      fail('parse.expected-expression', limitsSpan, 'expected the summand after \\sum');
    }
    this.index = indexToken.text;
    this.enter(command);
    const summand = this.product();
    this.leave();
    this.index = undefined;
    const lifted = liftSummand(summand, { indexed: this.indexed, kinds: this.kinds, index: indexToken.text, span: limitsSpan });
    const mean = meanOver !== undefined && (bound === undefined || bound === meanOver);
    const start = mean && frac ? frac.span.start : command.start;
    const call = callNode(mean ? 'mean' : 'sum', [lifted], spanOf(start, summand.span.end), spanOf(start, limitsEnd));
    this.kinds.set(call, 'scalar');
    if (meanOver !== undefined && !mean && frac) {
      const c = this.fracChain(frac);
      return productNode(c.first, [...c.rest, { op: '*', opSpan: spanOfToken(command), operand: call }]);
    }
    return call;
  }

  // ---- functions ----

  /** A function application: `\exp(x)`, `\exp x`, `\sin^2 x`, `\max(0, u)`, `\det X`. */
  private applyFunction(fn: string, nameSpan: Span): Ast {
    let power: Ast | undefined;
    if (this.isChar(this.peek(), '^')) {
      const caret = this.next();
      const sup = this.supArgument(caret);
      if (sup.kind !== 'power') fail('latex.unsupported', spanOf(nameSpan.start, sup.end), 'a superscript on a function name is supported only as a power, e.g. \\sin^2 x');
      power = sup.exponent;
    }
    if (this.isChar(this.peek(), '_')) {
      fail('latex.unsupported', spanOf(nameSpan.start, this.peek().end), 'a subscript on a function name (such as \\log_2) is not supported');
    }
    const t = this.peek();
    let args: Ast[];
    if (this.isChar(t, '(') || this.isChar(t, '[') || this.isCommand(t, '{')) {
      args = this.argumentList();
    } else if (fn === 'max' || fn === 'min' || fn === 'dot') {
      return fail('parse.expected-expression', nameSpan, `${fn} needs its arguments in parentheses, e.g. \\${fn}(0, u)`);
    } else if (!this.startsFactor(t) && !this.isChar(t, '-')) {
      return fail('parse.expected-expression', nameSpan, `expected the argument of ${fn}`);
    } else {
      args = [this.bareArgument()];
    }
    const span = spanOf(nameSpan.start, this.previousEnd());
    let call: Ast;
    if (fn === 'log' && args.length === 1 && args[0].kind === 'call' && args[0].name === 'det' && !this.isChar(t, '(')) {
      call = callNode('logdet', args[0].args, span, nameSpan);
    } else {
      call = callNode(fn, args, span, nameSpan);
    }
    return power ? powerNode('^', call, power, nameSpan, spanOf(nameSpan.start, span.end)) : call;
  }

  /** `( a, b, … )` after a function name (also `[ ]` and `\{ \}`). */
  private argumentList(): Ast[] {
    const open = this.next();
    const brace = open.kind === 'command';
    const close = open.text === '(' ? ')' : open.text === '[' ? ']' : '}';
    return this.withDelimiter(brace ? '\\{' : (open.text as Delimiter), open, () => {
      const args = [this.sum()];
      while (this.isChar(this.peek(), ',')) {
        this.next();
        args.push(this.sum());
      }
      if (brace) this.expectCommand(['}'], open, "'\\}'");
      else this.expectChar(close, open, 'the arguments');
      return args;
    });
  }

  /** The argument of a function written without parentheses: `\det X`, `\log\sigma(z)`, `\operatorname{tr} A^\top B`. */
  private bareArgument(): Ast {
    this.enter(this.peek());
    const f0 = this.factor(true);
    const first = f0.chain ? f0.chain.first : f0.ast;
    const links: ChainLink<MulOp>[] = f0.chain ? [...f0.chain.rest] : [];
    for (let t = this.peek(); this.startsFactor(t) && !this.startsFunction(t) && !this.isCommand(t, 'frac', 'dfrac', 'tfrac'); t = this.peek()) {
      const f = this.factor(false);
      if (f.chain) links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.chain.first }, ...f.chain.rest);
      else links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.ast });
    }
    this.leave();
    return productNode(first, links);
  }

  // ---- delimited primaries ----

  private parenthesized(): Ast {
    const open = this.next();
    const close = open.text === '(' ? ')' : ']';
    return this.withDelimiter(open.text as Delimiter, open, () => {
      const first = this.sum();
      const entries = [first];
      let separator: ',' | ';' | undefined;
      for (let t = this.peek(); this.isChar(t, ',') || this.isChar(t, ';'); t = this.peek()) {
        if (open.text === '(') {
          fail('parse.unexpected-token', spanOfToken(t), "unexpected ',' in parentheses: for a vector write [a, b] or \\begin{bmatrix} a \\\\ b \\end{bmatrix}");
        }
        separator = t.text as ',' | ';';
        this.next();
        entries.push(this.sum());
      }
      const closing = this.peek();
      if (!this.isChar(closing, close)) {
        if (this.isChar(closing, ')') || this.isChar(closing, ']')) {
          fail('parse.unclosed', spanOfToken(closing), `expected '${close}' to close '${open.text}' at ${positionText(this.text, open.start)}, found '${closing.text}'`);
        }
        this.expectChar(close, open, 'parentheses');
      }
      const end = this.next().end;
      const span = spanOf(open.start, end);
      if (separator !== undefined) return { kind: 'vector', entries, separator, span } as Ast;
      return parenNode(first, span);
    });
  }

  private group(): Ast {
    const open = this.next();
    return this.withDelimiter('{', open, () => {
      if (this.isChar(this.peek(), '}')) fail('parse.expected-expression', spanOf(open.start, this.peek().end), 'an empty group {}');
      const inner = this.sum();
      const close = this.expectChar('}', open, 'the group');
      return parenNode(inner, spanOf(open.start, close.end));
    });
  }

  private braceGroup(): Ast {
    const open = this.next();
    return this.withDelimiter('\\{', open, () => {
      const inner = this.sum();
      const close = this.expectCommand(['}'], open, "'\\}'");
      return parenNode(inner, spanOf(open.start, close.end));
    });
  }

  /** |u| (abs), |X| of a matrix (det). */
  private abs(): Ast {
    const open = this.next();
    return this.withDelimiter('|', open, () => {
      const inner = this.sum();
      const t = this.peek();
      if (!(this.isChar(t, '|') || this.isCommand(t, 'rvert', 'vert'))) {
        const message = `expected '|' to close '|' at ${positionText(this.text, open.start)}`;
        if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), message);
        fail('parse.unclosed', spanOfToken(t), `${message}, found ${describe(t)}`);
      }
      const close = this.next();
      const span = spanOf(open.start, close.end);
      return callNode(this.kinds.of(inner) === 'matrix' ? 'det' : 'abs', [inner], span, spanOfToken(open));
    });
  }

  /** \|x\|, \|x\|_2, \|x\|_1, \|X\|_F, with an optional power: \|x\|_2^2. */
  private norm(): Ast {
    const open = this.next();
    const inner = this.withDelimiter('‖', open, () => this.sum());
    const close = this.expectCommand(['|', 'rVert', 'Vert'], open, "'\\|'");
    let end = close.end;
    let which: 'norm1' | 'norm2' = 'norm2';
    let power: Ast | undefined;
    const k = this.kinds.of(inner);
    for (let i = 0; i < 2; i++) {
      const t = this.peek();
      if (this.isChar(t, '_')) {
        const sub = this.scriptTokens(this.next());
        end = sub.end;
        const text = sub.tokens
          .filter((x) => (x.kind !== 'command' || !['mathrm', 'text', 'mathit', 'textrm', 'mathsf'].includes(x.text)) && !this.isChar(x, '{') && !this.isChar(x, '}'))
          .map((x) => (x.kind === 'command' ? `\\${x.text}` : x.text))
          .join('');
        const span = spanOf(open.start, end);
        if (text === '1') which = 'norm1';
        else if (text === '2') {
          if (k === 'matrix') fail('latex.unsupported', span, '\\|X\\|_2 of a matrix is the spectral norm, which is not supported: write \\|X\\|_F for the Frobenius norm');
        } else if (text === 'F' || text === 'fro') {
          if (isVectorKind(k)) which = 'norm2';
        } else fail('latex.unsupported', span, `the norm \\|…\\|_${text} is not supported (supported: _1, _2 and _F)`);
      } else if (this.isChar(t, '^')) {
        const sup = this.supArgument(this.next());
        if (sup.kind !== 'power') fail('latex.unsupported', spanOf(open.start, sup.end), 'a superscript on a norm is supported only as a power, e.g. \\|x\\|^2');
        power = sup.exponent;
        end = sup.end;
      } else break;
    }
    const call = callNode(which, [inner], spanOf(open.start, close.end), spanOfToken(open));
    return power ? powerNode('^', call, power, spanOfToken(close), spanOf(open.start, end)) : call;
  }

  /** ⟨u, v⟩: the dot product. */
  private angle(): Ast {
    const open = this.next();
    return this.withDelimiter('<', open, () => {
      const u = this.sum();
      this.expectChar(',', open, 'an inner product ⟨u, v⟩ has two arguments');
      const v = this.sum();
      const close = this.expectCommand(['rangle'], open, "'\\rangle'");
      return callNode('dot', [u, v], spanOf(open.start, close.end), spanOfToken(open));
    });
  }

  /** \begin{bmatrix} a & b \\ c & d \end{bmatrix} (a single column is a vector literal). */
  private matrixEnvironment(): Ast {
    const begin = this.peek();
    const env = environmentAt(this.tokens, this.pos);
    if (!env || !MATRIX_ENVIRONMENTS.has(env.name)) {
      const name = env?.name ?? '';
      return fail('latex.unsupported', spanOf(begin.start, env ? this.tokens[env.next - 1].end : begin.end), `the environment ${name || '(unnamed)'} is not supported here (matrices: bmatrix, pmatrix)`);
    }
    this.pos = env.next;
    return this.withDelimiter('[', begin, () => {
      const rows: Ast[][] = [[]];
      for (;;) {
        const t = this.peek();
        if (this.isCommand(t, 'end')) break;
        if (t.kind === 'eof') fail('parse.unclosed', spanOfToken(begin), `\\begin{${env.name}} is not closed by \\end{${env.name}}`);
        rows[rows.length - 1].push(this.sum());
        const sep = this.peek();
        if (this.isChar(sep, '&')) this.next();
        else if (this.isCommand(sep, '\\')) {
          this.next();
          if (!this.isCommand(this.peek(), 'end')) rows.push([]);
        } else if (!this.isCommand(sep, 'end')) {
          fail('parse.unexpected-token', spanOfToken(sep), `unexpected ${describe(sep)} in a matrix: separate entries with & and rows with \\\\`);
        }
      }
      const endToken = this.peek();
      const closing = environmentAt(this.tokens, this.pos);
      if (!closing || closing.name !== env.name) fail('parse.unclosed', spanOfToken(endToken), `expected \\end{${env.name}}`);
      this.pos = closing.next;
      const span = spanOf(begin.start, this.previousEnd());
      if (rows.length === 0 || rows[0].length === 0) fail('parse.empty-vector', span, 'an empty matrix');
      rows.forEach((row, i) => {
        if (row.length !== rows[0].length) {
          fail('parse.ragged-matrix', spanOf(row[0]?.span.start ?? span.start, row[row.length - 1]?.span.end ?? span.end), `row ${i + 1} of the matrix has ${row.length} entries, row 1 has ${rows[0].length}`);
        }
      });
      if (rows[0].length === 1) return { kind: 'vector', entries: rows.map((r) => r[0]), separator: ';', span } as Ast;
      return { kind: 'matrix', rows, span } as Ast;
    });
  }

  // ---- errors ----

  private missingOperand(t: LatexToken): never {
    if (t.kind === 'eof') {
      const prev = this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
      if (prev) fail('parse.expected-expression', spanOfToken(prev), `expected an expression after ${describe(prev)}`);
      fail('parse.empty', spanOf(t.start, t.start), 'the expression is empty');
    }
    if ((this.isChar(t, ')') || this.isChar(t, ']') || this.isChar(t, '}')) && this.delimiters.length === 0) {
      fail('parse.unmatched', spanOfToken(t), `unmatched '${t.text}'`);
    }
    if (this.isChar(t, '&') || this.isCommand(t, '\\')) {
      fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)}: alignment and line breaks belong in a matrix environment`);
    }
    return fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)}`);
  }

  private unexpected(t: LatexToken): never {
    if (this.isChar(t, ')') || this.isChar(t, ']') || this.isChar(t, '}')) fail('parse.unmatched', spanOfToken(t), `unmatched '${t.text}'`);
    if (this.isCommand(t, '}')) fail('parse.unmatched', spanOfToken(t), "unmatched '\\}'");
    if (this.isChar(t, '<') || this.isChar(t, '>')) fail('latex.unsupported', spanOfToken(t), 'relations are not expressions');
    if (this.isChar(t, ',')) fail('parse.unexpected-token', spanOfToken(t), "unexpected ',': select one expression");
    return this.missingOperand(t);
  }
}
