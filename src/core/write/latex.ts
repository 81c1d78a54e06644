/**
 * LaTeX for KaTeX, in textbook style: bold vectors, capital matrices, italic scalars, ᵀ, ⊙, ⊘, ⊗,
 * fractions for scalar division, subtraction for negative coefficients (./mathWriter).
 * Linear in the DAG size, iterative (./dagWriter); parentheses from the shared table in ./precedence.
 */
import { bracketAfterLetterRun } from './letterRun';
import { rationalOf, type Expr } from '../model/expr';
import { neg, numberParts, type Rational } from '../model/rational';
import { functionRecord, type FunctionRecord } from '../functions/index';
import { isScalar, isRow, isMatrix, shapeKind, mulDim } from '../model/shape';
import { Piece, piece, cat, catList, join } from './piece';
import { PREC, Prec, OPERAND } from './precedence';
import { latexName, latexDim, splitName } from './names';
import { MathWriter, MathNotation, MathRendered, entryIndex, isPlainInverse, type MathWriting } from './mathWriter';
import type { KnownDimensions } from './declarations';
import { remembered } from './recent';

export interface LatexOptions {
  /** The transpose mark: `\top` (default) or `T`. */
  readonly transpose?: 'top' | 'T';
  /** The dimensions the reader is given (DagWriter.knowing); without them every size is written as its name. */
  readonly dimensions?: KnownDimensions;
}

/** A rendered node. */
interface Out extends MathRendered {
  /** Contains a fraction, a matrix or another tall construct: parentheses use \left( \right). */
  readonly tall: boolean;
}

const out = (p: Piece | string, prec: Prec, flags: Partial<Pick<Out, 'tall' | 'noSup' | 'noSub'>> = {}): Out => ({
  p: typeof p === 'string' ? piece(p) : p,
  prec,
  tall: flags.tall ?? false,
  noSup: flags.noSup ?? false,
  noSub: flags.noSub ?? false,
});

export function toLatex(e: Expr, opts: LatexOptions = {}): string {
  if (opts.transpose === undefined && opts.dimensions === undefined) return latexOf(e);
  return new LatexWriter(opts).knowing(opts.dimensions).write(e).text;
}

/** toLatex without options, its recent results remembered (./recent). */
const latexOf = remembered((e) => new LatexWriter({}).write(e).text);

/** One writer for several expressions (a named form's parts): a node they share is rendered once. */
/** `whole`: the unnamed expression, whose contexts decide which constants carry their size (MathWriter.sizesFrom). */
export function latexWriting(opts: LatexOptions = {}, whole?: Expr): (e: Expr) => string {
  const w = latexWriter(opts);
  if (whole) w.sizesFrom(whole);
  return (e) => w.write(e).text;
}

/** The writer itself, for expressions whose sizes of constants different wholes decide (MathWriter.sizesFrom). */
export function latexWriter(opts: LatexOptions = {}): MathWriting {
  return new LatexWriter(opts).knowing(opts.dimensions);
}

/** A negative number as it prints, or the magnitude for a subtraction. */
function latexNumber(r: Rational): Out {
  const parts = numberParts(r);
  let body: Out;
  if (!('digits' in parts)) body = out(`\\frac{${parts.numerator}}{${parts.denominator}}`, PREC.atom, { tall: true, noSup: true });
  else if (parts.digits.includes('e')) {
    const [mantissa, exponent] = parts.digits.split('e');
    body = out(`${mantissa} \\times 10^{${Number(exponent)}}`, PREC.product, { noSup: true });
  } else body = out(parts.digits, PREC.atom);
  return r.n < 0n ? out(cat('-', body.p), PREC.negation, { noSup: body.noSup, tall: body.tall }) : body;
}

const LATEX: MathNotation<Out> = {
  minus: '-',
  hadamard: ' \\odot ',
  elementwiseQuotient: ' \\oslash ',
  number: latexNumber,
  juxtapose,
  make: (p, prec, children) => out(p, prec, { tall: children.some((c) => c.tall) }),
};

/** A denominator the LaTeX reader would read as Leibniz's dx: the variable d juxtaposed with a letter, a Greek letter or a bold one. */
const LEIBNIZ_DENOMINATOR = /^d(?:[A-Za-z]|\\[A-Za-z]+)/;

class LatexWriter extends MathWriter<Out> {
  /** Products that write a matrix chain (xᵀy), directly or inside an unparenthesized scalar factor. */
  private readonly top: string;
  private readonly invTop: string;

  constructor(opts: LatexOptions) {
    super('latex', LATEX);
    this.top = opts.transpose === 'T' ? 'T' : '\\top';
    this.invTop = opts.transpose === 'T' ? '-T' : '-\\top';
  }

  // ---- parentheses ----

  protected paren(o: Out): Out {
    const p = o.tall ? cat('\\left(', o.p, '\\right)') : cat('(', o.p, ')');
    return out(p, PREC.atom, { tall: o.tall });
  }

  private sup(e: Expr, exponent: Piece | string): Out {
    const b = this.base(e);
    return out(cat(b.p, '^{', exponent, '}'), PREC.power, { tall: b.tall, noSup: true, noSub: b.noSub });
  }

  /** A function application name(arg). */
  private call(name: string, arg: Out, before = ''): Out {
    const p = arg.tall ? cat(name, '\\left(', before, arg.p, '\\right)') : cat(name, '(', before, arg.p, ')');
    return out(p, PREC.atom, { tall: arg.tall });
  }

  private delimited(open: string, close: string, arg: Out, after = ''): Out {
    const p = arg.tall ? cat('\\left', open, ' ', arg.p, ' \\right', close, after) : cat(open, ' ', arg.p, ' ', close, after);
    return out(p, PREC.atom, { tall: arg.tall, noSub: after.startsWith('_') });
  }

  // ---- nodes ----

  protected render(e: Expr): Out {
    const a = e.args;
    this.noteChain(e);
    switch (e.op) {
      case 'var': {
        const name = e.name as string;
        // x1 beside a vector x: x_{1} would read as x's component.
        if (this.numberedNameIsComponent(name)) return out(`${shapeKind(e.shape) === 'vector' ? '\\mathbf' : '\\mathit'}{${name}}`, PREC.atom, { noSub: true });
        return out(latexName(name, shapeKind(e.shape)), PREC.atom, { noSub: splitName(name).sub !== undefined });
      }
      case 'num':
        return latexNumber(rationalOf(e));
      case 'const':
        return out('\\pi', PREC.atom);
      case 'zeros':
      case 'ones': {
        const sym = e.op === 'zeros' ? '\\mathbf{0}' : '\\mathbf{1}';
        if (isMatrix(e.shape)) return out(`${sym}_{${latexDim(e.shape.rows, true)} \\times ${latexDim(e.shape.cols, true)}}`, PREC.atom, { noSub: true });
        // With its size where the context gives none (MathWriter.sized): \mathbf{1}_{m}.
        const column = this.sized(e) ? `${sym}_{${latexDim(isRow(e.shape) ? e.shape.cols : e.shape.rows, true)}}` : sym;
        if (isRow(e.shape)) return out(`${column}^{${this.top}}`, PREC.power, { noSup: true, noSub: this.sized(e) });
        return out(column, PREC.atom, { noSub: this.sized(e) });
      }
      case 'eye':
        return this.sized(e) ? out(`I_{${latexDim(e.shape.rows, true)}}`, PREC.atom, { noSub: true }) : out('I', PREC.atom);
      case 'commutation': {
        const [p, q] = e.dims ?? [];
        // Bold, \mathbf{K}_{m,n} as \mathbf{e}_{k}: the commutation matrix, also beside a variable K.
        return out(`\\mathbf{K}_{${latexDim(p)},${latexDim(q)}}`, PREC.atom, { noSub: true });
      }
      case 'unit':
        return out(`\\mathbf{e}_{${e.value}}`, PREC.atom, { noSub: true });
      case 'size': {
        const [r, c] = e.dims ?? [1, 1];
        const d = mulDim(r, c);
        // A size no variable has: \operatorname{sum}(\mathbf{1}_{n}) (DagWriter.declaredDimension).
        if (!this.declaredDimension(d)) return out(`\\operatorname{sum}(\\mathbf{1}_{${latexDim(d, true)}})`, PREC.atom);
        const text = latexDim(d);
        return out(text, typeof d === 'string' && d.includes('·') ? PREC.product : PREC.atom);
      }
      case 'add':
        return this.sum(e);
      case 'mul':
        return this.product(e, false);
      case 'hadamard':
        return this.hadamard(e);
      case 'kron':
        return this.kron(e);
      case 'maximum':
      case 'minimum': {
        const [l, r] = [this.get(a[0]), this.get(a[1])];
        return this.call(e.op === 'maximum' ? '\\max' : '\\min', out(cat(l.p, ', ', r.p), PREC.sum, { tall: l.tall || r.tall }));
      }
      case 'pow':
        return this.power(e);
      case 'matpow':
        // A power of an inverse as the textbooks write it, a negative power: (X^{\top}X)^{-2} (read back alike).
        if (isPlainInverse(a[0])) return this.sup(a[0].args[0], `-${e.value}`);
        return this.sup(a[0], String(e.value));
      case 'transpose':
        if (a[0].op === 'inv') return this.sup(a[0].args[0], this.invTop);
        return this.sup(a[0], this.top);
      case 'inv':
        if (a[0].op === 'transpose') return this.sup(a[0].args[0], this.invTop);
        return this.sup(a[0], '-1');
      case 'fn':
        return this.fn(functionRecord(e.name), this.get(a[0]), isMatrix(a[0].shape));
      case 'sum':
        return this.call('\\operatorname{sum}', this.get(a[0]));
      case 'mean':
        return this.call('\\operatorname{mean}', this.get(a[0]));
      case 'norm1':
        // Of a matrix, ‖vec(A)‖₁: \|A\|_1 would read as the induced 1-norm (and is refused).
        return this.delimited('\\lVert', '\\rVert', isMatrix(a[0].shape) ? this.call('\\operatorname{vec}', this.get(a[0])) : this.get(a[0]), '_{1}');
      case 'norm2':
        return this.delimited('\\lVert', '\\rVert', this.get(a[0]), isMatrix(a[0].shape) ? '_{F}' : '_{2}');
      case 'tr':
        return this.call('\\operatorname{tr}', this.get(a[0]));
      case 'det':
        return this.call('\\det', this.get(a[0]));
      case 'logdet':
        return this.call('\\log\\det', this.get(a[0]));
      case 'diagm':
      case 'diagv':
        return this.call('\\operatorname{diag}', this.get(a[0]));
      case 'softmax':
        return this.call('\\operatorname{softmax}', this.get(a[0]));
      case 'logsumexp':
        return this.call('\\operatorname{logsumexp}', this.get(a[0]));
      case 'softmaxAlong':
      case 'logsumexpAlong': {
        const z = this.get(a[0]);
        return this.call(e.op === 'softmaxAlong' ? '\\operatorname{softmax}' : '\\operatorname{logsumexp}', { ...z, p: cat(z.p, ', ', String(e.value)) });
      }
      case 'vec':
        return this.call('\\operatorname{vec}', this.get(a[0]));
      case 'block':
        return this.block(e);
      case 'entry':
        return this.entry(e);
      case 'contract': {
        // The spec in typewriter type, as it is written in code: einsum(ij,ik,jk->i, A, B, C).
        const args = a.map((x) => this.get(x));
        const spec = e.name as string;
        return this.call('\\operatorname{einsum}', out(cat(`\\texttt{${spec}}, `, join(args.map((x) => x.p), ', ')), PREC.sum, { tall: args.some((x) => x.tall) }));
      }
    }
  }

  /** `matrix`: the argument is a matrix, whose |X| reads as its determinant: abs(X) is written as a call. */
  private fn(r: FunctionRecord, arg: Out, matrix: boolean): Out {
    switch (r.form) {
      case 'zero-first':
        return this.call(r.latex.write, arg, '0, ');
      case 'abs':
        return matrix ? this.call('\\operatorname{abs}', arg) : this.delimited('\\lvert', '\\rvert', arg);
      case 'sqrt':
        return out(cat('\\sqrt{', arg.p, '}'), PREC.atom, { tall: arg.tall });
      case 'indicator': {
        const p = arg.tall ? cat('\\mathbb{I}\\left[', arg.p, ' > 0\\right]') : cat('\\mathbb{I}[', arg.p, ' > 0]');
        return out(p, PREC.atom, { tall: arg.tall });
      }
      case 'call':
        return this.call(r.latex.write, arg);
    }
  }

  /** Scalar denominators: a fraction of a scalar, a scaling \frac{c}{d} of an array. */
  protected quotient(
    e: Expr, coefficient: readonly Piece[], factors: readonly Expr[], rendered: readonly Out[], denominators: readonly Expr[], numberDenominators: readonly Out[],
  ): Out {
    const alone = denominators.length + numberDenominators.length === 1;
    const den = [...numberDenominators, ...denominators.map((d) => this.denominator(d, alone))];
    let denPiece = juxtapose(den.map((o) => o.p));
    if (isScalar(e.shape)) {
      const single = coefficient.length === 0 && factors.length === 1;
      const numPieces = single ? [this.get(factors[0]).p] : [...coefficient, ...rendered.map((o) => o.p)];
      const numerator = numPieces.length === 0 ? piece('1') : juxtapose(numPieces);
      // \frac{da}{db} reads as Leibniz's derivative (latex/differentials.ts): the variable d set apart, \frac{da}{d \cdot b}.
      if (numerator.head.startsWith('d') && LEIBNIZ_DENOMINATOR.test(denPiece.head)) denPiece = cat('d \\cdot ', piece(denPiece.text.slice(1)));
      return out(cat('\\frac{', numerator, '}{', denPiece, '}'), PREC.atom, { tall: true, noSup: true });
    }
    const c = coefficient.length === 0 ? piece('1') : juxtapose(coefficient);
    return out(juxtapose([cat('\\frac{', c, '}{', denPiece, '}'), ...rendered.map((o) => o.p)]), PREC.product, { tall: true });
  }

  /** The denominator form of s^(−k): s, √s or s^k. */
  private denominator(d: Expr, alone: boolean): Out {
    const [b, k] = d.args;
    const m = -(k.value as number);
    if (m === 1) return alone ? this.get(b) : this.operand(this.get(b), OPERAND.factor);
    if (m === 0.5) return out(cat('\\sqrt{', this.get(b).p, '}'), PREC.atom, { tall: this.get(b).tall });
    return this.sup(b, latexNumber(neg(rationalOf(k))).p);
  }

  private kron(e: Expr): Out {
    // Constants in a Kronecker product are written with their size (MathWriter.sized): I_{m} \otimes A.
    const parts = e.args.map((f) => {
      const o = this.get(f);
      return f.op === 'kron' && o.prec === PREC.product ? o : this.operand(o, OPERAND.factor);
    });
    return out(join(parts.map((o) => o.p), ' \\otimes '), PREC.product, { tall: parts.some((o) => o.tall) });
  }

  private power(e: Expr): Out {
    const [b, k] = e.args;
    const scalar = isScalar(e.shape);
    const bo = this.get(b);
    if (k.op === 'num') {
      const v = k.value as number;
      if (v === 0.5) return out(cat('\\sqrt{', bo.p, '}'), PREC.atom, { tall: bo.tall });
      if (scalar && v < 0) {
        const den = this.denominator(e, true);
        return out(cat('\\frac{1}{', den.p, '}'), PREC.atom, { tall: true, noSup: true });
      }
    }
    const exponent = this.get(k).p;
    return this.sup(b, scalar ? exponent : cat('\\circ ', exponent));
  }

  private block(e: Expr): Out {
    const [rows, cols] = (e.dims ?? [e.shape.rows, e.shape.cols]) as number[];
    const lines: Piece[] = [];
    for (let i = 0; i < rows; i++) {
      lines.push(join(e.args.slice(i * cols, (i + 1) * cols).map((f) => this.get(f).p), ' & '));
    }
    return out(cat('\\begin{bmatrix} ', join(lines, ' \\\\ '), ' \\end{bmatrix}'), PREC.atom, { tall: true });
  }

  private entry(e: Expr): Out {
    const a = e.args[0];
    const index = entryIndex(e);
    // x_{1}, unless a variable x_1 or x1 reads so: then (\mathbf{x})_{1}, as an entry of a bracketed array.
    if (a.op === 'var' && splitName(a.name as string).sub === undefined && !this.componentIsName(a.name as string, index)) {
      return out(`${latexName(a.name as string, 'scalar')}_{${index}}`, PREC.atom, { noSub: true });
    }
    const o = this.paren(this.get(a));
    return out(cat(o.p, `_{${index}}`), PREC.atom, { tall: o.tall, noSub: true });
  }
}

/** A control word at the end of a factor (\alpha): a letter after it would join the word. */
const CONTROL_WORD_END = /\\[A-Za-z]+$/;

/**
 * Juxtapose factors: a space after a control word followed by a letter (\alpha x), `\cdot` before a
 * factor that starts with a digit (2 \cdot 3) or a bracket after three letters (abc \cdot (x + y): letterRun.ts).
 */
function juxtapose(pieces: readonly Piece[]): Piece {
  const n = pieces.length;
  // A separator between every two factors, '' where none: the list is made at its size (piece.ts join).
  const parts = new Array<Piece | string>(n > 0 ? 2 * n - 1 : 0);
  for (let i = 0; i < n; i++) {
    const p = pieces[i];
    if (i > 0) {
      const c = p.head.charCodeAt(0);
      let sep = '';
      if ((c >= 0x30 && c <= 0x39) || c === 0x2e || bracketAfterLetterRun(pieces, i)) sep = ' \\cdot ';
      else if (((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) && CONTROL_WORD_END.test(pieces[i - 1].tail)) sep = ' ';
      parts[2 * i - 1] = sep;
    }
    parts[2 * i] = p;
  }
  return catList(parts);
}
