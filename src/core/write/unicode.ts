/**
 * Pretty text for terminals (the CLI's default output): xᵀ, Ax, x ⊙ y, x ⊘ y, A ⊗ B, 𝟏, I, X⁻¹,
 * X⁻ᵀ, σ(z), x², ‖x‖₂, a − 2b (signs and products: ./mathWriter). For reading, not for parsing
 * back (use `toText` for that). Linear in the DAG size, iterative (./dagWriter); parentheses from
 * the shared table in ./precedence.
 */
import { bracketAfterLetterRun, trailingRun } from './letterRun';
import { rationalOf, type Expr } from '../model/expr';
import { neg, numberParts, type Rational } from '../model/rational';
import { functionRecord, type FunctionRecord } from '../functions/index';
import { isScalar, isRow, isMatrix, mulDim, type Dim } from '../model/shape';
import { Piece, piece, cat, catList, join } from './piece';
import { PREC, Prec, OPERAND } from './precedence';
import { unicodeName, unicodeDim, unicodeSubscript, unicodeSuperscript, splitName } from './names';
import { MathWriter, MathNotation, MathRendered, entryIndex, isPlainInverse, isReciprocal, type MathWriting } from './mathWriter';
import type { KnownDimensions } from './declarations';
import { remembered } from './recent';
import { isFunctionName } from '../syntax/functions';

type Out = MathRendered;

const out = (p: Piece | string, prec: Prec, noSup = false, noSub = false): Out => ({
  p: typeof p === 'string' ? piece(p) : p,
  prec,
  noSup,
  noSub,
});

const MINUS = '−';

/** `dimensions`: those the reader is given (DagWriter.knowing). */
export function toUnicode(e: Expr, dimensions?: KnownDimensions): string {
  if (dimensions === undefined) return unicodeOf(e);
  return new UnicodeWriter().knowing(dimensions).write(e).text;
}

/** toUnicode without dimensions, its recent results remembered (./recent). */
const unicodeOf = remembered((e) => new UnicodeWriter().write(e).text);

/** One writer for several expressions (a named form's parts): a node they share is rendered once. */
/** `whole`: the unnamed expression, whose contexts decide which constants carry their size (MathWriter.sizesFrom). */
export function unicodeWriting(whole?: Expr, dimensions?: KnownDimensions): (e: Expr) => string {
  const w = unicodeWriter(dimensions);
  if (whole) w.sizesFrom(whole);
  return (e) => w.write(e).text;
}

/** The writer itself, for expressions whose sizes of constants different wholes decide (MathWriter.sizesFrom). */
export function unicodeWriter(dimensions?: KnownDimensions): MathWriting {
  return new UnicodeWriter().knowing(dimensions);
}

/** The fractions Unicode has one character for (the Unicode reader reads them back). */
export const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘',
  '1/6': '⅙', '5/6': '⅚', '1/7': '⅐', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞', '1/9': '⅑', '1/10': '⅒',
};

/** A number: 3, 0.5, 1e-300, ½, 7/12 (with its sign: −½). */
function unicodeNumber(r: Rational): Out {
  const parts = numberParts(r);
  let body: Out;
  if ('digits' in parts) body = out(parts.digits, parts.digits.includes('e') ? PREC.product : PREC.atom);
  else {
    const fraction = `${parts.numerator}/${parts.denominator}`;
    const vulgar = VULGAR_FRACTIONS[fraction];
    body = vulgar === undefined ? out(fraction, PREC.product) : out(vulgar, PREC.atom);
  }
  return r.n < 0n ? out(cat(MINUS, body.prec < PREC.atom ? cat('(', body.p, ')') : body.p), PREC.negation) : body;
}

/** Letters, digits and Greek: what a name or number is made of (not ᵀ, ₁, 𝟏, which stand apart). */
// × ends a size subscript (𝟏_m×n): a factor after it is set apart (𝟏_m×n C, not 𝟏_m×nC).
const WORD_END = /[A-Za-z0-9_×\u0370-\u03ff]+$/u;
const WORD_START = /^[A-Za-z0-9_\u0370-\u03ff]+/u;
/** A root of a bare word or number at the end (√a, √2): a letter or digit after it would join its operand. */
const ROOT_OF_WORD = /√[A-Za-z0-9.]+$/;
/** An exponent that is a bare word or number at the end (u^a, u^∘2.5): a letter or digit after it would join the exponent. */
const EXPONENT_WORD = /\^∘?[A-Za-z0-9.\u0370-\u03ff]+[₀-₉]*$/u;
/** A function's name and its bracket or argument: tr(, log det(. */
const FUNCTION_START = /^[A-Za-z]{2,}[( ]/;

/** The word or number at the end of a tail (WORD_END), if any. A constant's size that is a product ends with its bracket, 𝟏_(m·n). */
function wordAtEnd(tail: string): string | undefined {
  // Both end with a character of WORD_END's class (all in the BMP): without one, no regular expression is run.
  const c = tail.charCodeAt(tail.length - 1);
  const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0xd7 || (c >= 0x370 && c <= 0x3ff);
  if (!word) return undefined;
  return WORD_END.exec(tail)?.[0];
}

/** Juxtapose factors: Ax, 2x, (a + b)x; a space between longer words (W_out x), after a root of a word (√a I) or an exponent that is a word (u^a v); 2·[1, a] before a literal and before a word after a bracket or script (det(X) tr(X)); 2·3 between numbers. */
function juxtapose(pieces: readonly Piece[], spellsName?: (word: string) => boolean): Piece {
  const n = pieces.length;
  // A separator between every two factors, '' where none: the list is made at its size (piece.ts join).
  const parts = new Array<Piece | string>(n > 0 ? 2 * n - 1 : 0);
  for (let i = 0; i < n; i++) {
    const p = pieces[i];
    if (i > 0) {
      let sep = separator(pieces[i - 1].tail, p.head);
      if (sep === '' && (readsAsCall(pieces, i) || bracketAfterLetterRun(pieces, i) || (spellsName !== undefined && spellsNameAcross(pieces, i, spellsName)))) sep = '·';
      parts[2 * i - 1] = sep;
    }
    parts[2 * i] = p;
  }
  return catList(parts);
}

/** The longest name looked for across a juxtaposition (a longer run is not searched). */
const MAX_SPELLED_NAME = 16;

/**
 * Whether the letters and digits juxtaposed before pieces[i] and those pieces[i] starts with spell, across
 * the join, a name of the expression or of the declarations: W·x beside a variable Wx, which Wx would
 * read as (or refuse, where W and x are declared too: unicode/declaredWords.ts).
 */
function spellsNameAcross(pieces: readonly Piece[], i: number, spellsName: (word: string) => boolean): boolean {
  const right = /^[A-Za-z0-9]+/.exec(pieces[i].head)?.[0];
  if (right === undefined) return false;
  const left = trailingRun(pieces, i, /[A-Za-z0-9]*$/, MAX_SPELLED_NAME);
  for (let a = 0; a < left.length; a++) {
    for (let b = 1; b <= right.length && left.length - a + b <= MAX_SPELLED_NAME; b++) if (spellsName(left.slice(a) + right.slice(0, b))) return true;
  }
  return false;
}

/** A power on a letter: ^, ⁻, a superscript digit. */
const POWER_START = /^[\^⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/;

/**
 * Whether pieces[i] juxtaposed after the letters before it would make a function's name that the
 * Unicode reader reads as a call: before a bracket (c·o·s and (t + 1) would be cos(t + 1)), or with
 * a power on the name's last letter (c·o·s² would be cos², a power of cos without its argument,
 * which the reader refuses). Then juxtapose sets the piece apart: cos·(t + 1), co·s².
 */
function readsAsCall(pieces: readonly Piece[], i: number): boolean {
  const head = pieces[i].head;
  if (head.startsWith('(')) return spellsFunction(pieces, i, '');
  const letters = /^[A-Za-z0-9]+/.exec(head)?.[0];
  if (letters === undefined || letters.length === head.length) return false;
  return POWER_START.test(head.slice(letters.length)) && spellsFunction(pieces, i, letters);
}

/** Whether the letters juxtaposed before pieces[i], then `after`, spell a function name. */
function spellsFunction(pieces: readonly Piece[], i: number, after: string): boolean {
  const word = (trailingRun(pieces, i, /[A-Za-z0-9]*$/, MAX_FUNCTION_NAME - after.length) + after).replace(/^[0-9]+/, '');
  return word.length >= 2 && word.length <= MAX_FUNCTION_NAME && isFunctionName(word);
}

/** The longest function name (logsoftmax, commutation): a longer word is no call. */
const MAX_FUNCTION_NAME = 12;

/** What juxtapose puts between a factor ending with `tail` and one starting with `head` (nothing: ''). */
function separator(tail: string, head: string): string {
  const left = wordAtEnd(tail);
  if (head.startsWith('[') && (left !== undefined || tail.endsWith(')'))) {
    // A number, name or parenthesis before a literal: 2·[1, a], (a + 1)·[0, 1], not 2[1, a] (the
    // plain syntax refuses a word before '[', and a text without other Unicode marks is read as
    // plain by auto) nor (a + 1)[0, 1], which reads as indexing and the Unicode reader refuses.
    // A bracket before it stays juxtaposed, as in the paper: [g₁⁻¹, 0; 0, cos(g₂)][2x, 3].
    return '·';
  }
  if (tail.includes('√') && ROOT_OF_WORD.test(tail) && /^[A-Za-z0-9.]/.test(head)) {
    // √ takes the whole run of letters and digits after it (√ab is √(ab)): √a A, √2 x.
    return ' ';
  }
  if (tail.includes('^') && EXPONENT_WORD.test(tail) && /^[A-Za-z0-9.\u0370-\u03ff]/u.test(head)) {
    // ^ takes the whole run of letters and digits after it (u^au₂ is u^(au₂)): u₁^a u₂.
    return ' ';
  }
  if (left !== undefined && head.startsWith('𝐊(')) {
    // The commutation matrix after a word: u 𝐊(m,n), not u𝐊(m,n) (read as a word uK and a bracket).
    return ' ';
  }
  if (left === undefined && FUNCTION_START.test(head) && !/\s$/.test(tail)) {
    // A word after a closing bracket, a subscript or a superscript: det(X) tr(X⁻¹ dX), u₁ det(X), xᵀ tanh(x).
    return ' ';
  }
  const right = left === undefined ? undefined : WORD_START.exec(head)?.[0];
  if (left !== undefined && /^\d*d$/.test(left) && /^[A-Za-z]/.test(head)) {
    // A factor d before a letter: d·W, 2d·x, not dW, which auto detection reads as a name, the
    // gradient's (dW) or the differential's (dx), rather than guess d a scalar (syntax/guessedProduct.ts).
    return '·';
  }
  if (left !== undefined && right !== undefined) {
    const leftDigits = /^\d+$/.test(left);
    // 2·3 between numbers; b·4 after a Latin letter, whose digits would join it into one name (b4, as x1).
    if (/^\d/.test(right) && (leftDigits || /[A-Za-z]$/.test(left))) return '·';
    return !((leftDigits || oneCharacter(left)) && oneCharacter(right)) ? ' ' : '';
  }
  return /\d$/.test(tail) && /^[\d.]/.test(head) ? '·' : '';
}

/** Whether a text is one character (one code point: x, α, 𝑥), as `[...s].length === 1` says, without the array. */
function oneCharacter(s: string): boolean {
  if (s.length === 1) return true;
  if (s.length !== 2) return false;
  const [hi, lo] = [s.charCodeAt(0), s.charCodeAt(1)];
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

const UNICODE: MathNotation<Out> = {
  minus: MINUS,
  hadamard: ' ⊙ ',
  elementwiseQuotient: ' ⊘ ',
  number: unicodeNumber,
  juxtapose,
  make: (p, prec) => out(p, prec),
};

class UnicodeWriter extends MathWriter<Out> {
  constructor() {
    super('unicode', UNICODE);
  }

  /** A quotient before another factor is parenthesized: (2uᵀ/m)X, never 2uᵀ/mX (which reads as divided by mX). */
  protected override factor(f: Expr, parent: Expr): Out {
    const o = super.factor(f, parent);
    const last = parent.args[parent.args.length - 1] === f;
    return !last && o.prec === PREC.product && f.op === 'mul' && f.args.some(isReciprocal) ? this.paren(o) : o;
  }

  protected paren(o: Out): Out {
    return out(cat('(', o.p, ')'), PREC.atom);
  }

  /** base followed by a superscript (ᵀ, ⁻¹, ², ∘²) or by ^(k) when no superscript form exists. */
  private sup(e: Expr, mark: string): Out {
    return out(cat(this.base(e).p, mark), PREC.power, true);
  }

  private call(name: string, ...args: Out[]): Out {
    return out(cat(`${name}(`, join(args.map((a) => a.p), ', '), ')'), PREC.atom);
  }

  protected render(e: Expr): Out {
    this.noteChain(e);
    const a = e.args;
    switch (e.op) {
      case 'var': {
        const name = e.name as string;
        // x1 beside a vector x: x₁ would read as x's component.
        if (this.numberedNameIsComponent(name)) return out(name, PREC.atom, false, true);
        return out(unicodeName(name), PREC.atom, false, splitName(name).sub !== undefined);
      }
      case 'num':
        return unicodeNumber(rationalOf(e));
      case 'const':
        return out('π', PREC.atom);
      case 'zeros':
      case 'ones': {
        const sym = e.op === 'zeros' ? '𝟎' : '𝟏';
        // With its size where the context gives none (MathWriter.sized): 𝟏_m, 𝟏_nᵀ, 𝟏_m×n; a matrix
        // of zeros always (a bare 𝟎 is a column, as LaTeX's \mathbf{0}_{m \times n} is sized).
        const column = (d: Dim): string => (this.sized(e) ? `${sym}_${unicodeDim(d, true)}` : sym);
        if (isRow(e.shape)) return out(`${column(e.shape.cols)}ᵀ`, PREC.power, true);
        if (isMatrix(e.shape) && (e.op === 'zeros' || this.sized(e))) return out(`${sym}_${unicodeDim(e.shape.rows, true)}×${unicodeDim(e.shape.cols, true)}`, PREC.atom, false, true);
        if (isMatrix(e.shape)) return out('𝟏𝟏ᵀ', PREC.product);
        return out(column(e.shape.rows), PREC.atom, false, this.sized(e));
      }
      case 'eye':
        return this.sized(e) ? out(`I_${unicodeDim(e.shape.rows, true)}`, PREC.atom, false, true) : out('I', PREC.atom);
      case 'commutation': {
        const [p, q] = e.dims ?? [];
        // Bold 𝐊, as LaTeX's \mathbf{K}_{m,n} (and 𝐞ₖ): the commutation matrix, also beside a variable K.
        return out(`𝐊(${unicodeDim(p)},${unicodeDim(q)})`, PREC.atom);
      }
      case 'unit':
        // Bold 𝐞, as LaTeX's \mathbf{e}_{k}: a unit vector, not a variable e₁.
        return out(`𝐞${unicodeSubscript(String(e.value)) ?? `_${e.value}`}`, PREC.atom, false, true);
      case 'size': {
        const [r, c] = e.dims ?? [1, 1];
        const d = mulDim(r, c);
        // A size of no declared variable: sum(𝟏_n) (DagWriter.declaredDimension).
        if (!this.declaredDimension(d)) return out(`sum(𝟏_${unicodeDim(d, true)})`, PREC.atom);
        return out(unicodeDim(d), typeof d === 'string' && d.includes('·') ? PREC.product : PREC.atom);
      }
      case 'add':
        return this.sum(e);
      case 'mul':
        return this.product(e, false);
      case 'hadamard':
        return this.hadamard(e);
      case 'maximum':
      case 'minimum':
        return this.call(e.op === 'maximum' ? 'max' : 'min', this.get(a[0]), this.get(a[1]));
      case 'kron':
        // Constants in a Kronecker product are written with their size (MathWriter.sized): I_m ⊗ A.
        return out(join(a.map((f) => (f.op === 'kron' ? this.get(f) : this.operand(this.get(f), OPERAND.factor)).p), ' ⊗ '), PREC.product);
      case 'pow':
        return this.power(e);
      case 'matpow':
        // A power of an inverse as the textbooks write it, a negative power: (XᵀX)⁻², not ((XᵀX)⁻¹)² (read back alike).
        if (isPlainInverse(a[0])) return this.sup(a[0].args[0], unicodeSuperscript(-(e.value as number)) ?? `^(-${e.value})`);
        return this.sup(a[0], unicodeSuperscript(e.value as number) ?? `^${e.value}`);
      case 'transpose':
        if (a[0].op === 'inv') return this.sup(a[0].args[0], '⁻ᵀ');
        return this.sup(a[0], 'ᵀ');
      case 'inv':
        if (a[0].op === 'transpose') return this.sup(a[0].args[0], '⁻ᵀ');
        return this.sup(a[0], '⁻¹');
      case 'fn':
        return this.fn(functionRecord(e.name), this.get(a[0]), isMatrix(a[0].shape));
      case 'norm1':
        // Of a matrix, ‖vec(A)‖₁: ‖A‖₁ would read as the induced 1-norm (and is refused).
        return out(cat('‖', (isMatrix(a[0].shape) ? this.call('vec', this.get(a[0])) : this.get(a[0])).p, '‖₁'), PREC.atom, false, true);
      case 'norm2':
        return out(cat('‖', this.get(a[0]).p, isMatrix(a[0].shape) ? '‖_F' : '‖₂'), PREC.atom, false, true);
      case 'logdet':
        return this.call('log det', this.get(a[0]));
      case 'sum':
      case 'mean':
      case 'tr':
      case 'det':
      case 'softmax':
      case 'logsumexp':
      case 'vec':
        return this.call(e.op, this.get(a[0]));
      case 'diagm':
      case 'diagv':
        return this.call('diag', this.get(a[0]));
      case 'softmaxAlong':
      case 'logsumexpAlong':
        return this.call(e.op === 'softmaxAlong' ? 'softmax' : 'logsumexp', this.get(a[0]), out(cat(String(e.value)), PREC.atom));
      case 'block':
        return this.block(e);
      case 'entry':
        return this.entry(e);
      case 'contract':
        return out(cat('einsum("', e.name as string, '", ', join(a.map((x) => this.get(x).p), ', '), ')'), PREC.atom);
    }
  }

  /** `matrix`: the argument is a matrix, whose |X| reads as its determinant: abs(X) is written as a call. */
  private fn(r: FunctionRecord, arg: Out, matrix: boolean): Out {
    switch (r.form) {
      case 'zero-first':
        return this.call(r.unicode, out('0', PREC.atom), arg);
      case 'abs':
        return matrix ? this.call('abs', arg) : out(cat('|', arg.p, '|'), PREC.atom);
      case 'sqrt':
        return out(cat('√', this.operand(arg, PREC.atom).p), PREC.atom);
      case 'indicator':
        return out(cat('𝟙[', arg.p, ' > 0]'), PREC.atom);
      case 'call':
        return this.call(r.unicode, arg);
    }
  }

  /**
   * Scalar denominators after a slash: a/b, 4x/3, Xᵀ(P − Y)/N, Qk/√d, 2x/(ab), 1/√s. The numerator
   * of juxtaposed factors needs no brackets: the denominator is a scalar, so (4x)/3 = 4(x/3), and
   * the reader reads 4x/3 as (4x)/3. A quotient among the factors is bracketed itself (x(s/t)/a);
   * a numerator holding a flattened product of its own ((x st)/a) or a number in exponent form
   * (1e-300) keeps the brackets.
   */
  protected quotient(
    e: Expr, coefficient: readonly Piece[], factors: readonly Expr[], rendered: readonly Out[], denominators: readonly Expr[], numberDenominators: readonly Out[],
  ): Out {
    const pieces = [...coefficient, ...rendered.map((o) => o.p)];
    const bare = coefficient.every((c) => !c.text.includes('e')) && rendered.every((o) => o.prec > PREC.product);
    const numerator = pieces.length === 0 ? piece('1') : pieces.length === 1 || bare ? juxtapose(pieces) : this.paren(out(juxtapose(pieces), PREC.product)).p;
    const denParts = [...numberDenominators, ...denominators.map((d) => this.denominator(d))];
    const den = denParts.length === 1 ? this.operand(denParts[0], PREC.power) : this.paren(out(juxtapose(denParts.map((o) => o.p)), PREC.product));
    return out(cat(numerator, '/', den.p), PREC.product);
  }

  private denominator(d: Expr): Out {
    const [b, k] = d.args;
    const m = -(k.value as number);
    if (m === 1) return this.operand(this.get(b), OPERAND.factor);
    if (m === 0.5) return out(cat('√', this.operand(this.get(b), PREC.atom).p), PREC.atom);
    const s = unicodeSuperscript(m);
    if (s !== undefined) return this.sup(b, s);
    return out(cat(this.base(b).p, '^', this.operand(unicodeNumber(neg(rationalOf(k))), PREC.atom).p), PREC.power, true);
  }

  private power(e: Expr): Out {
    const [b, k] = e.args;
    const scalar = isScalar(e.shape);
    if (k.op === 'num') {
      const v = k.value as number;
      if (v === 0.5) return out(cat('√', this.operand(this.get(b), PREC.atom).p), PREC.atom);
      const s = unicodeSuperscript(v);
      if (s !== undefined) return this.sup(b, scalar ? s : `∘${s}`);
    }
    const exponent = this.operand(this.get(k), PREC.atom).p;
    return out(cat(this.base(b).p, scalar ? '^' : '^∘', exponent), PREC.power, true);
  }

  private block(e: Expr): Out {
    const [rows, cols] = (e.dims ?? [e.shape.rows, e.shape.cols]) as number[];
    const entries = e.args.map((f) => this.get(f).p);
    if (cols === 1) return out(cat('[', join(entries, ', '), ']'), PREC.atom);
    if (rows === 1) return out(cat('[', join(entries, ', '), ']ᵀ'), PREC.power, true);
    const lines: Piece[] = [];
    for (let i = 0; i < rows; i++) lines.push(join(entries.slice(i * cols, (i + 1) * cols), ', '));
    return out(cat('[', join(lines, '; '), ']'), PREC.atom);
  }

  private entry(e: Expr): Out {
    const a = e.args[0];
    const index = entryIndex(e);
    const sub = (index.includes(',') ? undefined : unicodeSubscript(index)) ?? `_${index}`;
    // x₁, unless a variable x_1 or x1 reads so: then (x)₁, as an entry of a bracketed array.
    const short = a.op === 'var' && splitName(a.name as string).sub === undefined && !this.componentIsName(a.name as string, index);
    const o = short ? this.get(a) : this.paren(this.get(a));
    return out(cat(o.p, sub), PREC.atom, false, true);
  }
}
