/**
 * LaTeX for KaTeX, in textbook style: bold vectors, capital matrices, italic scalars, ᵀ, ⊙, ⊘, ⊗,
 * fractions for scalar division, subtraction for negative coefficients.
 *
 * The writer visits the DAG once, children before parents (iteratively: deep expressions cannot
 * overflow the stack), and renders each distinct node once from the renderings of its children:
 * time linear in the DAG size. Parentheses come from the shared table in ./precedence.
 */
import { Expr, ElementwiseFunction, postorder } from '../model/expr';
import { isScalar, isColumn, isRow, isMatrix, shapeKind, mulDim } from '../model/shape';
import { Piece, piece, cat, join } from './piece';
import { PREC, Prec, OPERAND, needsParens } from './precedence';
import { latexName, latexDim, splitName } from './names';

export interface LatexOptions {
  /** The transpose mark: `\top` (default) or `T`. */
  readonly transpose?: 'top' | 'T';
}

/** A rendered node. */
interface Out {
  readonly p: Piece;
  readonly prec: Prec;
  /** Contains a fraction, a matrix or another tall construct: parentheses use \left( \right). */
  readonly tall: boolean;
  /** Ends with a superscript (or is a fraction): a further superscript needs parentheses. */
  readonly noSup: boolean;
  /** Ends with a subscript: a further subscript needs parentheses. */
  readonly noSub: boolean;
}

const out = (p: Piece | string, prec: Prec, flags: Partial<Pick<Out, 'tall' | 'noSup' | 'noSub'>> = {}): Out => ({
  p: typeof p === 'string' ? piece(p) : p,
  prec,
  tall: flags.tall ?? false,
  noSup: flags.noSup ?? false,
  noSub: flags.noSub ?? false,
});

export function toLatex(e: Expr, opts: LatexOptions = {}): string {
  return new LatexWriter(opts).write(e).text;
}

/** A negative number as it prints, or the magnitude for a subtraction. */
function latexNumber(v: number): Out {
  if (Number.isNaN(v)) return out('\\mathrm{NaN}', PREC.atom);
  if (!Number.isFinite(v)) return v > 0 ? out('\\infty', PREC.atom) : out('-\\infty', PREC.negation);
  const s = String(Math.abs(v));
  let body: Out;
  if (s.includes('e')) {
    const [mantissa, exponent] = s.split('e');
    body = out(`${mantissa} \\times 10^{${Number(exponent)}}`, PREC.product, { noSup: true });
  } else body = out(s, PREC.atom);
  return v < 0 ? out(cat('-', body.p), PREC.negation, { noSup: body.noSup }) : body;
}

const FUNCTION_NAMES: Readonly<Record<ElementwiseFunction, string>> = {
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tan: '\\tan', tanh: '\\tanh', sigmoid: '\\sigma',
  relu: '\\max', abs: '', sqrt: '', sign: '\\operatorname{sign}', min0: '\\min', step: '',
};

/** A scalar power with a negative numeric exponent: a denominator in a product. */
const isReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && isScalar(f.shape) && f.args[1].op === 'num' && (f.args[1].value as number) < 0;

/** An element-wise reciprocal b.^(−1) of an array: a divisor in a Hadamard product. */
const isElementwiseReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && !isScalar(f.shape) && f.args[1].op === 'num' && f.args[1].value === -1;

/** Products written with an operator (⊗, ⊙, ⊘) rather than by juxtaposition. */
const isInfixProduct = (e: Expr): boolean => e.op === 'kron' || e.op === 'hadamard';

/** The sign of a product's numeric factors. */
function negativeProduct(e: Expr): boolean {
  let neg = false;
  for (const f of e.args) if (f.op === 'num' && (f.value as number) < 0) neg = !neg;
  return neg;
}

class LatexWriter {
  private readonly memo = new Map<Expr, Out>();
  /** Products rendered with their sign flipped, for subtraction. */
  private readonly flipped = new Map<Expr, Out>();
  private readonly top: string;
  private readonly invTop: string;

  constructor(opts: LatexOptions) {
    this.top = opts.transpose === 'T' ? 'T' : '\\top';
    this.invTop = opts.transpose === 'T' ? '-T' : '-\\top';
  }

  write(e: Expr): Piece {
    for (const n of postorder(e)) this.memo.set(n, this.render(n));
    return this.get(e).p;
  }

  private get(e: Expr): Out {
    const o = this.memo.get(e);
    if (o === undefined) throw new Error('latex: child rendered after parent');
    return o;
  }

  // ---- parentheses ----

  private paren(o: Out): Out {
    const p = o.tall ? cat('\\left(', o.p, '\\right)') : cat('(', o.p, ')');
    return out(p, PREC.atom, { tall: o.tall });
  }

  private operand(o: Out, required: Prec): Out {
    return needsParens(o.prec, required) ? this.paren(o) : o;
  }

  /** The base of a superscript. */
  private base(e: Expr): Out {
    const o = this.get(e);
    return o.prec < PREC.atom || o.noSup ? this.paren(o) : o;
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

  private render(e: Expr): Out {
    const a = e.args;
    switch (e.op) {
      case 'var': {
        const name = e.name as string;
        return out(latexName(name, shapeKind(e.shape)), PREC.atom, { noSub: splitName(name).sub !== undefined });
      }
      case 'num':
        return latexNumber(e.value as number);
      case 'zeros':
      case 'ones': {
        const sym = e.op === 'zeros' ? '\\mathbf{0}' : '\\mathbf{1}';
        if (isRow(e.shape)) return out(`${sym}^{${this.top}}`, PREC.power, { noSup: true });
        if (isMatrix(e.shape)) return out(`${sym}_{${latexDim(e.shape.rows)} \\times ${latexDim(e.shape.cols)}}`, PREC.atom, { noSub: true });
        return out(sym, PREC.atom);
      }
      case 'eye':
        return out('I', PREC.atom);
      case 'commutation': {
        const [p, q] = e.dims ?? [];
        return out(`K_{${latexDim(p)},${latexDim(q)}}`, PREC.atom, { noSub: true });
      }
      case 'unit':
        return out(`\\mathbf{e}_{${e.value}}`, PREC.atom, { noSub: true });
      case 'size': {
        const [r, c] = e.dims ?? [1, 1];
        const d = mulDim(r, c);
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
      case 'pow':
        return this.power(e);
      case 'matpow':
        return this.sup(a[0], String(e.value));
      case 'transpose':
        if (a[0].op === 'inv') return this.sup(a[0].args[0], this.invTop);
        return this.sup(a[0], this.top);
      case 'inv':
        if (a[0].op === 'transpose') return this.sup(a[0].args[0], this.invTop);
        return this.sup(a[0], '-1');
      case 'fn':
        return this.fn(e.name as ElementwiseFunction, this.get(a[0]));
      case 'sum':
        return this.call('\\operatorname{sum}', this.get(a[0]));
      case 'mean':
        return this.call('\\operatorname{mean}', this.get(a[0]));
      case 'norm1':
        return this.delimited('\\lVert', '\\rVert', this.get(a[0]), '_{1}');
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
      case 'vec':
        return this.call('\\operatorname{vec}', this.get(a[0]));
      case 'block':
        return this.block(e);
      case 'entry':
        return this.entry(e);
    }
  }

  private fn(name: ElementwiseFunction, arg: Out): Out {
    switch (name) {
      case 'relu':
      case 'min0':
        return this.call(FUNCTION_NAMES[name], arg, '0, ');
      case 'abs':
        return this.delimited('\\lvert', '\\rvert', arg);
      case 'sqrt':
        return out(cat('\\sqrt{', arg.p, '}'), PREC.atom, { tall: arg.tall });
      case 'step': {
        const p = arg.tall ? cat('\\mathbb{1}\\left[', arg.p, ' > 0\\right]') : cat('\\mathbb{1}[', arg.p, ' > 0]');
        return out(p, PREC.atom, { tall: arg.tall });
      }
      default:
        return this.call(FUNCTION_NAMES[name], arg);
    }
  }

  private sum(e: Expr): Out {
    const parts: (Piece | string)[] = [];
    let tall = false;
    e.args.forEach((t, i) => {
      let sign = '+';
      let o: Out;
      if (i > 0 && t.op === 'num' && (t.value as number) < 0) {
        sign = '-';
        o = latexNumber(-(t.value as number));
      } else if (i > 0 && t.op === 'mul' && negativeProduct(t)) {
        sign = '-';
        o = this.flippedProduct(t);
      } else o = this.get(t);
      const nested = t.op === 'add' && o.p.head[0] !== '-';
      if (i > 0 && (o.prec === PREC.negation || o.p.head[0] === '-')) o = this.paren(o);
      else if (!nested) o = this.operand(o, OPERAND.term);
      tall ||= o.tall;
      if (i > 0) parts.push(` ${sign} `);
      parts.push(o.p);
    });
    return out(cat(...parts), PREC.sum, { tall });
  }

  private flippedProduct(e: Expr): Out {
    let o = this.flipped.get(e);
    if (o === undefined) {
      o = this.product(e, true);
      this.flipped.set(e, o);
    }
    return o;
  }

  /** A factor of a matrix or scalar product: nested products are flattened, except inner products among matrices. */
  private factor(f: Expr, parent: Expr): Out {
    const o = this.get(f);
    if (f.op === 'mul' && o.prec === PREC.product) {
      const innerProduct = isScalar(f.shape) && writesChain(f);
      const otherArrays = parent.args.some((g) => g !== f && !isScalar(g.shape));
      if (!(innerProduct && otherArrays)) return o;
    }
    return this.operand(o, OPERAND.factor);
  }

  private product(e: Expr, flip: boolean): Out {
    const numbers: number[] = [];
    const denominators: Expr[] = [];
    const factors: Expr[] = [];
    for (const f of e.args) {
      if (f.op === 'num') numbers.push(f.value as number);
      else if (isReciprocal(f)) denominators.push(f);
      else factors.push(f);
    }
    const negative = negativeProduct(e) !== flip;
    const magnitudes = numbers.map(Math.abs).filter((v) => v !== 1);
    const coefficient = magnitudes.map((v) => latexNumber(v).p);
    const rendered = factors.map((f) => this.factor(f, e));
    let tall = rendered.some((o) => o.tall);
    let body: Out;
    if (denominators.length === 0) {
      const pieces = [...coefficient, ...rendered.map((o) => o.p)];
      if (pieces.length === 0) body = out('1', PREC.atom);
      else if (coefficient.length === 0 && rendered.length === 1) body = this.get(factors[0]);
      else body = out(juxtapose(pieces), PREC.product, { tall });
    } else {
      const den = denominators.map((d) => this.denominator(d, denominators.length === 1));
      tall = true;
      const denPiece = juxtapose(den.map((o) => o.p));
      if (isScalar(e.shape)) {
        const single = coefficient.length === 0 && factors.length === 1;
        const numPieces = single ? [this.get(factors[0]).p] : [...coefficient, ...rendered.map((o) => o.p)];
        const numerator = numPieces.length === 0 ? piece('1') : juxtapose(numPieces);
        body = out(cat('\\frac{', numerator, '}{', denPiece, '}'), PREC.atom, { tall, noSup: true });
      } else {
        const c = coefficient.length === 0 ? piece('1') : juxtapose(coefficient);
        body = out(juxtapose([cat('\\frac{', c, '}{', denPiece, '}'), ...rendered.map((o) => o.p)]), PREC.product, { tall });
      }
    }
    if (!negative) return body;
    // −(A ⊗ B) and −(a ⊙ b) keep their parentheses, as in the literature; −Ax needs none.
    const signed = body.prec === PREC.negation || body.p.head.startsWith('-');
    const infix = factors.length === 1 && coefficient.length === 0 && denominators.length === 0 && isInfixProduct(factors[0]);
    const operand = signed || infix ? this.paren(body) : this.operand(body, OPERAND.negated);
    return out(cat('-', operand.p), PREC.negation, { tall: operand.tall });
  }

  /** The denominator form of s^(−k): s, √s or s^k. */
  private denominator(d: Expr, alone: boolean): Out {
    const [b, k] = d.args;
    const m = -(k.value as number);
    if (m === 1) return alone ? this.get(b) : this.operand(this.get(b), OPERAND.factor);
    if (m === 0.5) return out(cat('\\sqrt{', this.get(b).p, '}'), PREC.atom, { tall: this.get(b).tall });
    return this.sup(b, latexNumber(m).p);
  }

  private hadamard(e: Expr): Out {
    const num: Out[] = [];
    const den: Out[] = [];
    for (const f of e.args) {
      if (isElementwiseReciprocal(f)) den.push(this.operand(this.get(f.args[0]), OPERAND.factor));
      else {
        const o = this.get(f);
        const flat = f.op === 'hadamard' && !f.args.some(isElementwiseReciprocal) && o.prec === PREC.product;
        num.push(flat ? o : this.operand(o, OPERAND.factor));
      }
    }
    const tall = [...num, ...den].some((o) => o.tall);
    if (den.length === 0) return out(join(num.map((o) => o.p), ' \\odot '), PREC.product, { tall });
    let n: Out;
    if (num.length === 0) n = out('\\mathbf{1}', PREC.atom);
    else if (num.length === 1) n = num[0];
    else n = this.paren(out(join(num.map((o) => o.p), ' \\odot '), PREC.product, { tall }));
    const d = den.length === 1 ? den[0] : this.paren(out(join(den.map((o) => o.p), ' \\odot '), PREC.product, { tall }));
    return out(cat(n.p, ' \\oslash ', d.p), PREC.product, { tall });
  }

  private kron(e: Expr): Out {
    const parts = e.args.map((f) => {
      if (f.op === 'eye') return out(`I_{${latexDim(f.shape.rows)}}`, PREC.atom, { noSub: true });
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
    const [i, j] = (e.dims ?? [1, 1]) as number[];
    let index: string;
    if (isColumn(a.shape)) index = String(i);
    else if (isRow(a.shape)) index = String(j);
    else index = i < 10 && j < 10 ? `${i}${j}` : `${i},${j}`;
    if (a.op === 'var' && splitName(a.name as string).sub === undefined) {
      return out(`${latexName(a.name as string, 'scalar')}_{${index}}`, PREC.atom, { noSub: true });
    }
    const o = this.paren(this.get(a));
    return out(cat(o.p, `_{${index}}`), PREC.atom, { tall: o.tall, noSub: true });
  }
}

/**
 * Juxtapose factors: a space after a control word followed by a letter (\alpha x), `\cdot` before a
 * factor that starts with a digit (2 \cdot 3).
 */
function juxtapose(pieces: readonly Piece[]): Piece {
  const parts: (Piece | string)[] = [];
  pieces.forEach((p, i) => {
    if (i > 0) {
      const prev = pieces[i - 1];
      if (/^[\d.]/.test(p.head)) parts.push(' \\cdot ');
      else if (/\\[A-Za-z]+$/.test(prev.tail) && /^[A-Za-z]/.test(p.head)) parts.push(' ');
    }
    parts.push(p);
  });
  return cat(...parts);
}

/** Does a product write a matrix chain (xᵀy), directly or inside an unparenthesized scalar factor? */
function writesChain(f: Expr): boolean {
  return f.op === 'mul' && f.args.some((g) => !isScalar(g.shape) || writesChain(g));
}
