/**
 * Delimited constructs of the LaTeX parser: `( )`, `[ ]` (a vector literal with commas), `{ }`,
 * `\{ \}`, `|…|` (abs, or det of a matrix), `\|…\|` with `_1`, `_2`, `_F` and a power (`^{-1}` too), `⟨u, v⟩`,
 * `\begin{bmatrix}…\end{bmatrix}`, the indicator `\mathbb{1}[u > 0]`, and argument lists.
 */
import type { Ast } from '../ast';
import { fail, positionText } from '../diagnostics';
import { MATRIX_ENVIRONMENTS } from './commands';
import { describe, LatexCursor, spanOfToken } from './cursor';
import { isVectorKind, KindEstimator, type KindOracle } from '../kinds';
import { callNode, numberNode, parenNode, powerNode, spanOf, unaryNode } from '../nodes';
import type { Deferred, Rule } from '../deferred';
import type { LatexToken } from './scanner';
import { environmentAt, type PreparedTokens } from './tokens';
import type { Delimiter, SupArgument } from './types';

/**
 * ‖A‖₁ of a matrix is ambiguous: most textbooks mean the induced 1-norm, some the sum of all |aᵢⱼ|
 * (the entry-wise norm1). Refused, naming the unambiguous spellings (the writers print ‖vec(A)‖₁).
 */
const MATRIX_ONE_NORM =
  '‖A‖₁ of a matrix is ambiguous: textbooks mostly mean the induced 1-norm (the largest column sum of |aᵢⱼ|, ' +
  'np.linalg.norm(A, 1)), which is not supported, some the sum of all |aᵢⱼ|; for that sum write ‖vec(A)‖₁ ' +
  '(\\|\\operatorname{vec}(A)\\|_1 in LaTeX) or norm1(A) in the plain syntax';

/** ‖X‖₂ of a matrix is the spectral norm, not supported; said in both notations (the Unicode reader's norms come here). */
const MATRIX_TWO_NORM =
  '‖X‖₂ of a matrix is the spectral norm (its largest singular value), which is not supported: for the Frobenius norm ' +
  'write ‖X‖_F (\\|X\\|_F in LaTeX)';

export abstract class DelimitedParser extends LatexCursor {
  protected readonly kinds: KindEstimator;

  constructor(text: string, prepared: PreparedTokens, oracle: KindOracle) {
    super(text, prepared);
    this.kinds = new KindEstimator(oracle);
  }

  /** A whole expression (the grammar's loosest tier); rules are generators (`../deferred.ts`). */
  protected abstract sum(): Rule<Ast>;

  /** The argument of `^` after the caret. */
  protected abstract supArgument(caret: LatexToken): Deferred<SupArgument>;

  /** Open the `(` (also `[` and `\{`) of a function's arguments, closed by `closeArguments`. */
  protected openArguments(): LatexToken {
    const open = this.next();
    this.enterDelimiter(open.kind === 'command' ? '\\{' : (open.text as Delimiter), open);
    return open;
  }

  /** Close the arguments opened by `open` (the last argument read). */
  protected closeArguments(open: LatexToken): void {
    if (open.kind === 'command') this.expectCommand(['}'], open, "'\\}'");
    else this.expectChar(open.text === '(' ? ')' : open.text === '[' ? ']' : '}', open, 'the arguments');
    this.leaveDelimiter();
  }

  protected *parenthesized(): Deferred<Ast> {
    const open = this.openBracket();
    return yield* this.bracketEntries(open, (yield this.sum()) as Ast);
  }

  /** After the first entry of the bracket `open`: the other entries (`[a, b]`, `[a; b]`) and the closer. */
  protected *bracketEntries(open: LatexToken, first: Ast): Deferred<Ast> {
    const entries = [first];
    let separator: ',' | ';' | undefined;
    for (let s = this.entrySeparator(open); s !== undefined; s = this.entrySeparator(open)) {
      separator = s;
      entries.push((yield this.sum()) as Ast);
    }
    return this.closeBracket(open, entries, separator);
  }

  /** Open the `(` or `[` here: a nesting level, closed by `closeBracket`. */
  protected openBracket(): LatexToken {
    const open = this.next();
    this.enterDelimiter(open.text as Delimiter, open);
    return open;
  }

  /** The `,` or `;` after an entry of `[a, b]` (consumed), or undefined; in parentheses an error. */
  protected entrySeparator(open: LatexToken): ',' | ';' | undefined {
    const t = this.peek();
    if (!this.isChar(t, ',') && !this.isChar(t, ';')) return undefined;
    if (open.text === '(') {
      fail('parse.unexpected-token', spanOfToken(t), "unexpected ',' in parentheses: for a vector write [a, b] or \\begin{bmatrix} a \\\\ b \\end{bmatrix}");
    }
    this.next();
    return t.text as ',' | ';';
  }

  /** Close the bracket `open`: parentheses around the one entry, or a vector literal of the entries. */
  protected closeBracket(open: LatexToken, entries: Ast[], separator: ',' | ';' | undefined): Ast {
    const close = open.text === '(' ? ')' : ']';
    const closing = this.peek();
    if (!this.isChar(closing, close)) {
      if (this.isChar(closing, ')') || this.isChar(closing, ']')) {
        fail('parse.unclosed', spanOfToken(closing), `expected '${close}' to close '${open.text}' at ${positionText(this.text, open.start)}, found '${closing.text}'`);
      }
      this.expectChar(close, open, 'parentheses');
    }
    const end = this.next().end;
    this.leaveDelimiter();
    const span = spanOf(open.start, end);
    if (separator !== undefined) return { kind: 'vector', entries, separator, span } as Ast;
    return parenNode(entries[0], span);
  }

  protected *group(): Deferred<Ast> {
    const open = this.next();
    this.enterDelimiter('{', open);
    if (this.isChar(this.peek(), '}')) fail('parse.expected-expression', spanOf(open.start, this.peek().end), 'an empty group {}');
    const inner = (yield this.sum()) as Ast;
    const close = this.expectChar('}', open, 'the group');
    this.leaveDelimiter();
    return parenNode(inner, spanOf(open.start, close.end));
  }

  protected *braceGroup(): Deferred<Ast> {
    const open = this.next();
    this.enterDelimiter('\\{', open);
    const inner = (yield this.sum()) as Ast;
    const close = this.expectCommand(['}'], open, "'\\}'");
    this.leaveDelimiter();
    return parenNode(inner, spanOf(open.start, close.end));
  }

  /** |u| (abs), |X| of a matrix (det). */
  protected *abs(): Deferred<Ast> {
    const open = this.next();
    this.enterDelimiter('|', open);
    {
      const inner = (yield this.sum()) as Ast;
      const t = this.peek();
      if (!(this.isChar(t, '|') || this.isCommand(t, 'rvert', 'vert'))) {
        const message = `expected '|' to close '|' at ${positionText(this.text, open.start)}`;
        if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), message);
        fail('parse.unclosed', spanOfToken(t), `${message}, found ${describe(t)}`);
      }
      const close = this.next();
      this.leaveDelimiter();
      const span = spanOf(open.start, close.end);
      return callNode(this.kinds.of(inner) === 'matrix' ? 'det' : 'abs', [inner], span, spanOfToken(open));
    }
  }

  /**
   * \|x\|, \|x\|_2, \|x\|_1, \|X\|_F, with an optional power: \|x\|_2^2. \|A\|_1 of a matrix is
   * refused (MATRIX_ONE_NORM); \|\operatorname{vec}(A)\|_1 is norm1(A).
   */
  protected *norm(): Deferred<Ast> {
    const open = this.next();
    this.enterDelimiter('‖', open);
    const inner = (yield this.sum()) as Ast;
    this.leaveDelimiter();
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
        if (text === '1') {
          which = 'norm1';
          if (k === 'matrix') fail('call.argument', span, MATRIX_ONE_NORM);
        } else if (text === '2') {
          if (k === 'matrix') fail('latex.unsupported', span, MATRIX_TWO_NORM);
        } else if (text === 'F' || text === 'fro') {
          if (isVectorKind(k)) which = 'norm2';
        } else fail('latex.unsupported', span, `the norm \\|…\\|_${text} is not supported (supported: _1, _2 and _F)`);
      } else if (this.isChar(t, '^')) {
        const caret = this.next();
        const sup = yield* this.supArgument(caret);
        // A norm is a scalar: ^{-1} (the binding form's u₁ = ‖x‖₂⁻¹) is its reciprocal.
        if (sup.kind === 'inverse') power = unaryNode('-', numberNode(1, '1', spanOf(caret.end, sup.end)), spanOf(caret.end, sup.end));
        else if (sup.kind === 'power') power = sup.exponent;
        else fail('latex.unsupported', spanOf(open.start, sup.end), 'a superscript on a norm is supported only as a power, e.g. \\|x\\|^2');
        end = sup.end;
      } else break;
    }
    // ‖vec(A)‖₁, the 1-norm of A's entries, is norm1(A) (no need for A's sizes, as vec has).
    const arg = which === 'norm1' && inner.kind === 'call' && inner.name === 'vec' && inner.args.length === 1 ? inner.args[0] : inner;
    const call = callNode(which, [arg], spanOf(open.start, close.end), spanOfToken(open));
    return power ? powerNode('^', call, power, spanOfToken(close), spanOf(open.start, end)) : call;
  }

  /** ⟨u, v⟩: the dot product. */
  protected *angle(): Deferred<Ast> {
    const open = this.next();
    this.enterDelimiter('<', open);
    const u = (yield this.sum()) as Ast;
    this.expectChar(',', open, 'an inner product ⟨u, v⟩ has two arguments');
    const v = (yield this.sum()) as Ast;
    const close = this.expectCommand(['rangle'], open, "'\\rangle'");
    this.leaveDelimiter();
    return callNode('dot', [u, v], spanOf(open.start, close.end), spanOfToken(open));
  }

  /** \begin{bmatrix} a & b \\ c & d \end{bmatrix} (a single column is a vector literal). */
  protected *matrixEnvironment(): Deferred<Ast> {
    const begin = this.peek();
    const env = environmentAt(this.tokens, this.pos);
    if (!env || !MATRIX_ENVIRONMENTS.has(env.name)) {
      const name = env?.name ?? '';
      return fail('latex.unsupported', spanOf(begin.start, env ? this.tokens[env.next - 1].end : begin.end), `the environment ${name || '(unnamed)'} is not supported here (matrices: bmatrix, pmatrix)`);
    }
    this.pos = env.next;
    this.enterDelimiter('[', begin);
    {
      const rows: Ast[][] = [[]];
      for (;;) {
        const t = this.peek();
        if (this.isCommand(t, 'end')) break;
        if (t.kind === 'eof') fail('parse.unclosed', spanOfToken(begin), `\\begin{${env.name}} is not closed by \\end{${env.name}}`);
        rows[rows.length - 1].push((yield this.sum()) as Ast);
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
      this.leaveDelimiter();
      const span = spanOf(begin.start, this.previousEnd());
      if (rows.length === 0 || rows[0].length === 0) fail('parse.empty-vector', span, 'an empty matrix');
      rows.forEach((row, i) => {
        if (row.length !== rows[0].length) {
          fail('parse.ragged-matrix', spanOf(row[0]?.span.start ?? span.start, row[row.length - 1]?.span.end ?? span.end), `row ${i + 1} of the matrix has ${row.length} entries, row 1 has ${rows[0].length}`);
        }
      });
      if (rows[0].length === 1) return { kind: 'vector', entries: rows.map((r) => r[0]), separator: ';', span } as Ast;
      return { kind: 'matrix', rows, span } as Ast;
    }
  }


  /** 𝟙[u > 0]: the step function of u. */
  protected *indicator(command: LatexToken): Deferred<Ast> {
    const open = this.next();
    const brace = open.kind === 'command';
    this.enterDelimiter(brace ? '\\{' : '[', open);
    const u = (yield this.sum()) as Ast;
    this.leaveDelimiter();
    const gt = this.peek();
    const zero = this.peek(1);
    if (!this.isChar(gt, '>') || zero.kind !== 'number' || Number(zero.text) !== 0) {
      fail('latex.unsupported', spanOf(command.start, gt.end), 'the indicator is supported as \\mathbb{I}[u > 0] or \\mathbb{1}[u > 0]');
    }
    this.pos += 2;
    const close = brace ? this.expectCommand(['}'], open, "'\\}'") : this.expectChar(']', open, 'the indicator');
    return callNode('step', [u], spanOf(command.start, close.end), spanOfToken(command));
  }
}
