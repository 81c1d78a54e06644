/**
 * Recognizing a row or column normalization in an expression (structure only): X̂ = v ⊘ (σ𝟏ᵀ) with
 * v = X − mean(X, 2)𝟏ᵀ (a layer norm; v = X for an RMS norm) and σ = √(mean(v∘², 2) + c), c free
 * of X — as the readers build it from `(X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean(….^2, 2) + eps)*ones(1, n))`
 * and as the presentation writes it (X(I − 𝟏𝟏ᵀ/n)) — and its transpose along the other axis,
 * X̂ = v ⊘ (𝟏σ) with v = X − 𝟏mean(X, 1) ((I − 𝟏𝟏ᵀ/N)X) and σ = √(mean(v∘², 1) + c), a row (each
 * column normalized). present/normalization.ts writes gradients through one in the textbook's form;
 * the named forms, the binding form and the emitted code call its parts by the textbook's names X̂
 * and σ (model/textbookNames.ts).
 */
import { Expr, postorder, productFactors, rawHadamard, rationalOf } from './expr';
import { isScalar } from './shape';
import * as Q from './rational';

/** A row normalization X̂ = v ⊘ (σ𝟏ᵀ) (dim 2), or a column normalization X̂ = v ⊘ (𝟏σ) (dim 1), of the variable X found in f. */
export interface RowNormalization {
  /** The node X̂ itself. */
  readonly hat: Expr;
  /** Where it was found: X̂, or a Hadamard product with X̂'s two factors among its own. */
  readonly site: Expr;
  readonly x: Expr;
  /** 2: each row normalized (σ a column, one entry per row); 1: each column (σ a row). */
  readonly dim: 1 | 2;
  /** v = X − mean(X, 2)𝟏ᵀ (true), or v = X (an RMS norm). */
  readonly centred: boolean;
  /** σ, a column (one entry per row), or a row for dim 1. */
  readonly sigma: Expr;
  /** (σ𝟏ᵀ)⁻¹ (or (𝟏σ)⁻¹), the node X̂ uses. */
  readonly reciprocal: Expr;
  /** The scalar 1/n as X̂ writes it (n the length of what is normalized). */
  readonly invN: Expr;
}

type Dim = Expr['shape']['cols'];

/**
 * The ones vectors of a normalization along `dim` of length n, and the order of a matrix chain: a
 * row's mean is X𝟏/n and its spread c𝟏ᵀ (dim 2); a column's is 𝟏ᵀX/N and 𝟏c (dim 1), the same
 * chains transposed, so read in reverse.
 */
interface Axis {
  readonly dim: 1 | 2;
  readonly n: Dim;
  /** The ones vector that sums along the axis: 𝟏 (n×1) on the right, or 𝟏ᵀ (1×N) on the left. */
  readonly reduces: (e: Expr) => boolean;
  /** The ones vector that spreads a reduced vector back: 𝟏ᵀ on the right, or 𝟏 on the left. */
  readonly spreads: (e: Expr) => boolean;
  /** A chain of factors written for dim 2 (left to right), in the order of this axis. */
  readonly order: <T>(rowChain: readonly T[]) => readonly T[];
  /** Is e a reduced vector (a column for dim 2, a row for dim 1)? */
  readonly reduced: (e: Expr) => boolean;
}

function axisOf(dim: 1 | 2, e: Expr): Axis {
  const n = dim === 2 ? e.shape.cols : e.shape.rows;
  const column = (x: Expr): boolean => isOnesOf(x, n, 1);
  const row = (x: Expr): boolean => isOnesOf(x, 1, n);
  return dim === 2
    ? { dim, n, reduces: column, spreads: row, order: (c) => c, reduced: (x) => x.shape.cols === 1 }
    : { dim, n, reduces: row, spreads: column, order: (c) => [...c].reverse(), reduced: (x) => x.shape.rows === 1 };
}

/** Is `s` the scalar 1/n, n the length normalized (a size node or a number)? */
function isReciprocalOf(s: Expr, n: Dim): boolean {
  if (s.op === 'num') return typeof n === 'number' && Q.equals(rationalOf(s), Q.inverse(Q.fromNumber(n)));
  if (s.op !== 'pow' || s.args[1].op !== 'num' || !Q.equals(rationalOf(s.args[1]), Q.fromNumber(-1))) return false;
  const b = s.args[0];
  return b.op === 'size' && b.dims !== undefined && String(b.dims[0]) === String(n) && String(b.dims[1]) === '1';
}

const isOnesOf = (e: Expr, rows: Dim, cols: Dim): boolean => e.op === 'ones' && e.shape.rows === rows && e.shape.cols === cols;

/** Do the matrix factors m match the predicates of a chain, in order? */
const chainOf = (m: readonly Expr[], want: readonly ((e: Expr) => boolean)[]): boolean =>
  m.length === want.length && want.every((w, k) => w(m[k]));

/**
 * `e` as c·(matrix factors)·(1/n) with the listed matrix factors: the 1/n factor and the coefficient c, or
 * undefined. `chain` is what the matrix factors must be.
 */
function scaledChain(e: Expr, chain: (m: readonly Expr[]) => boolean, n: Dim): { invN: Expr; c: Q.Rational } | undefined {
  const fs = productFactors(e);
  const scalars = fs.filter((f) => isScalar(f.shape));
  const matrices = fs.filter((f) => !isScalar(f.shape));
  const invN = scalars.find((f) => isReciprocalOf(f, n));
  if (!invN || !chain(matrices)) return undefined;
  let c = Q.ONE;
  for (const f of scalars) {
    if (f === invN) continue;
    if (f.op !== 'num') return undefined;
    c = Q.mul(c, rationalOf(f));
  }
  return { invN, c };
}

/**
 * v = X − mean(X, 2)𝟏ᵀ (X − X𝟏𝟏ᵀ/n, X(I − 𝟏𝟏ᵀ/n)), or along columns X − 𝟏𝟏ᵀX/N ((I − 𝟏𝟏ᵀ/N)X),
 * or v = X: whether centred, and 1/n when it shows.
 */
function rowsOf(v: Expr, a: Axis): { x: Expr; centred: boolean; invN?: Expr } | undefined {
  if (v.op === 'var') return { x: v, centred: false };
  const centring = (sum: Expr, x: Expr): Expr | undefined => {
    // I − 𝟏𝟏ᵀ/n (x the identity) or x − x𝟏𝟏ᵀ/n (𝟏𝟏ᵀx/N)
    if (sum.op !== 'add' || sum.args.length !== 2) return undefined;
    const [first, b] = sum.args;
    if (first !== x) return undefined;
    const ones = a.order([a.reduces, a.spreads]);
    const whole = x.op === 'eye' ? (m: readonly Expr[]) => chainOf(m, ones) : (m: readonly Expr[]) => chainOf(m, a.order([(f: Expr) => f === x, a.reduces, a.spreads]));
    const r = scaledChain(b, whole, a.n);
    return r && Q.equals(r.c, Q.fromNumber(-1)) ? r.invN : undefined;
  };
  if (v.op === 'add' && v.args[0].op === 'var') {
    const invN = centring(v, v.args[0]);
    return invN ? { x: v.args[0], centred: true, invN } : undefined;
  }
  if (v.op === 'mul' && v.args.length === 2) {
    const [x, centre] = a.order(v.args);
    if (x.op !== 'var' || centre.op !== 'add' || centre.args[0].op !== 'eye') return undefined;
    const invN = centring(centre, centre.args[0]);
    return invN ? { x, centred: true, invN } : undefined;
  }
  return undefined;
}

/**
 * σ = √(mean(v∘², dim) + c), c free of the variable: the 1/n of the mean. Also its transpose
 * √(mean(v∘², dim)ᵀ + c)ᵀ, as NumPy's 1-D σ broadcast along the other axis reads and simplifies.
 */
function standardDeviationOf(sigma: Expr, v: Expr, x: Expr, a: Axis): Expr | undefined {
  const transposed = sigma.op === 'transpose';
  const root = transposed ? sigma.args[0] : sigma;
  if (root.op !== 'fn' || root.name !== 'sqrt') return undefined;
  const s = root.args[0];
  const terms = s.op === 'add' ? s.args : [s];
  const square = (m: Expr): boolean => m.op === 'pow' && m.args[0] === v && m.args[1].op === 'num' && Q.equals(rationalOf(m.args[1]), Q.fromNumber(2));
  // (v∘²𝟏/n)ᵀ = 𝟏ᵀ(v∘²)ᵀ/n, (𝟏ᵀv∘²/N)ᵀ = (v∘²)ᵀ𝟏/N: the chain transposed.
  const squareT = (m: Expr): boolean => m.op === 'transpose' && square(m.args[0]);
  const squares = (m: readonly Expr[]) => (transposed ? chainOf(m, a.order([a.spreads, squareT])) : chainOf(m, a.order([square, a.reduces])));
  let invN: Expr | undefined;
  for (const t of terms) {
    const r = scaledChain(t, squares, a.n);
    if (r && Q.equals(r.c, Q.ONE) && invN === undefined) invN = r.invN;
    else if (postorder(t).includes(x)) return undefined;
  }
  return invN;
}

/**
 * X̂ = v ⊘ (σ𝟏ᵀ) (or v ⊘ (𝟏σ)) at `e`, or undefined. A Hadamard product of more factors
 * (G ⊙ v ⊘ (σ𝟏ᵀ), as `G .* (X - …) ./ (…)` reads) holds X̂ among them: `hat` is then the product of
 * those two alone.
 */
export function rowNormalizationAt(e: Expr): RowNormalization | undefined {
  if (e.op !== 'hadamard' || isScalar(e.shape)) return undefined;
  for (const reciprocal of e.args) {
    if (reciprocal.op !== 'pow' || reciprocal.args[1].op !== 'num' || !Q.equals(rationalOf(reciprocal.args[1]), Q.fromNumber(-1))) continue;
    const spread = reciprocal.args[0];
    if (spread.op !== 'mul' || spread.args.length !== 2) continue;
    for (const dim of [2, 1] as const) {
      const a = axisOf(dim, e);
      const [sigma, ones] = a.order(spread.args);
      if (!a.spreads(ones) || !a.reduced(sigma)) continue;
      for (const v of e.args) {
        if (v === reciprocal) continue;
        const rows = rowsOf(v, a);
        if (!rows) continue;
        const invN = standardDeviationOf(sigma, v, rows.x, a);
        if (!invN || (rows.invN !== undefined && rows.invN !== invN)) continue;
        const hat = e.args.length === 2 ? e : rawHadamard([v, reciprocal]);
        return { hat, site: e, x: rows.x, dim, centred: rows.centred, sigma, reciprocal, invN };
      }
    }
  }
  return undefined;
}
