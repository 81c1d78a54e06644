/**
 * Recognizing a row normalization in an expression (structure only): X̂ = v ⊘ (σ𝟏ᵀ) with
 * v = X − mean(X, 2)𝟏ᵀ (a layer norm; v = X for an RMS norm) and σ = √(mean(v∘², 2) + c), c free
 * of X — as the readers build it from `(X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean(….^2, 2) + eps)*ones(1, n))`
 * and as the presentation writes it (X(I − 𝟏𝟏ᵀ/n)). present/normalization.ts writes gradients
 * through one in the textbook's form; the named forms, the binding form and the emitted code call
 * its parts by the textbook's names X̂ and σ (model/textbookNames.ts).
 */
import { Expr, postorder, rawHadamard, rationalOf } from './expr';
import { isScalar } from './shape';
import * as Q from './rational';

/** A row normalization X̂ = v ⊘ (σ𝟏ᵀ) of the variable X found in f. */
export interface RowNormalization {
  /** The node X̂ itself. */
  readonly hat: Expr;
  /** Where it was found: X̂, or a Hadamard product with X̂'s two factors among its own. */
  readonly site: Expr;
  readonly x: Expr;
  /** v = X − mean(X, 2)𝟏ᵀ (true), or v = X (an RMS norm). */
  readonly centred: boolean;
  /** σ, a column (one entry per row). */
  readonly sigma: Expr;
  /** (σ𝟏ᵀ)⁻¹, the node X̂ uses. */
  readonly reciprocal: Expr;
  /** The scalar 1/n as X̂ writes it. */
  readonly invN: Expr;
}

/** Factors of a product, nested products flattened. */
function factorsOf(e: Expr): Expr[] {
  if (e.op !== 'mul') return [e];
  return e.args.flatMap(factorsOf);
}

/** Is `s` the scalar 1/n, n the number of columns `n` (a size node or a number)? */
function isReciprocalOf(s: Expr, n: Expr['shape']['cols']): boolean {
  if (s.op === 'num') return typeof n === 'number' && Q.equals(rationalOf(s), Q.inverse(Q.fromNumber(n)));
  if (s.op !== 'pow' || s.args[1].op !== 'num' || !Q.equals(rationalOf(s.args[1]), Q.fromNumber(-1))) return false;
  const b = s.args[0];
  return b.op === 'size' && b.dims !== undefined && String(b.dims[0]) === String(n) && String(b.dims[1]) === '1';
}

const isOnesOf = (e: Expr, rows: Expr['shape']['rows'], cols: Expr['shape']['cols']): boolean =>
  e.op === 'ones' && e.shape.rows === rows && e.shape.cols === cols;

/**
 * `e` as c·A𝟏ₙ(𝟏ₙᵀ)·(1/n) with the listed matrix factors: the 1/n factor and the coefficient c, or
 * undefined. `chain` is what the matrix factors must be.
 */
function scaledChain(e: Expr, chain: (m: readonly Expr[]) => boolean, n: Expr['shape']['cols']): { invN: Expr; c: Q.Rational } | undefined {
  const fs = factorsOf(e);
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

/** v = X − mean(X, 2)𝟏ᵀ (X − X𝟏𝟏ᵀ/n, X(I − 𝟏𝟏ᵀ/n)) or v = X: whether centred, and 1/n when it shows. */
function rowsOf(v: Expr, n: Expr['shape']['cols']): { x: Expr; centred: boolean; invN?: Expr } | undefined {
  if (v.op === 'var') return { x: v, centred: false };
  const centring = (sum: Expr, x: Expr): Expr | undefined => {
    // I − 𝟏𝟏ᵀ/n (x undefined) or x − x𝟏𝟏ᵀ/n
    if (sum.op !== 'add' || sum.args.length !== 2) return undefined;
    const [a, b] = sum.args;
    const whole = x.op === 'eye' ? (m: readonly Expr[]) => m.length === 2 && isOnesOf(m[0], n, 1) && isOnesOf(m[1], 1, n)
      : (m: readonly Expr[]) => m.length === 3 && m[0] === x && isOnesOf(m[1], n, 1) && isOnesOf(m[2], 1, n);
    if (a !== x) return undefined;
    const r = scaledChain(b, whole, n);
    return r && Q.equals(r.c, Q.fromNumber(-1)) ? r.invN : undefined;
  };
  if (v.op === 'add' && v.args[0].op === 'var') {
    const invN = centring(v, v.args[0]);
    return invN ? { x: v.args[0], centred: true, invN } : undefined;
  }
  if (v.op === 'mul' && v.args.length === 2 && v.args[0].op === 'var' && v.args[1].op === 'add' && v.args[1].args[0].op === 'eye') {
    const invN = centring(v.args[1], v.args[1].args[0]);
    return invN ? { x: v.args[0], centred: true, invN } : undefined;
  }
  return undefined;
}

/** σ = √(mean(v∘², 2) + c), c free of the variable: the 1/n of the mean. */
function standardDeviationOf(sigma: Expr, v: Expr, x: Expr, n: Expr['shape']['cols']): Expr | undefined {
  if (sigma.op !== 'fn' || sigma.name !== 'sqrt') return undefined;
  const s = sigma.args[0];
  const terms = s.op === 'add' ? s.args : [s];
  const squares = (m: readonly Expr[]) => m.length === 2 && m[0].op === 'pow' && m[0].args[0] === v && m[0].args[1].op === 'num'
    && Q.equals(rationalOf(m[0].args[1]), Q.fromNumber(2)) && isOnesOf(m[1], n, 1);
  let invN: Expr | undefined;
  for (const t of terms) {
    const r = scaledChain(t, squares, n);
    if (r && Q.equals(r.c, Q.ONE) && invN === undefined) invN = r.invN;
    else if (postorder(t).includes(x)) return undefined;
  }
  return invN;
}

/**
 * X̂ = v ⊘ (σ𝟏ᵀ) at `e`, or undefined. A Hadamard product of more factors (G ⊙ v ⊘ (σ𝟏ᵀ), as
 * `G .* (X - …) ./ (…)` reads) holds X̂ among them: `hat` is then the product of those two alone.
 */
export function rowNormalizationAt(e: Expr): RowNormalization | undefined {
  if (e.op !== 'hadamard' || isScalar(e.shape)) return undefined;
  const n = e.shape.cols;
  for (const reciprocal of e.args) {
    if (reciprocal.op !== 'pow' || reciprocal.args[1].op !== 'num' || !Q.equals(rationalOf(reciprocal.args[1]), Q.fromNumber(-1))) continue;
    const spread = reciprocal.args[0];
    if (spread.op !== 'mul' || spread.args.length !== 2 || !isOnesOf(spread.args[1], 1, n) || spread.args[0].shape.cols !== 1) continue;
    const sigma = spread.args[0];
    for (const v of e.args) {
      if (v === reciprocal) continue;
      const rows = rowsOf(v, n);
      if (!rows) continue;
      const invN = standardDeviationOf(sigma, v, rows.x, n);
      if (!invN || (rows.invN !== undefined && rows.invN !== invN)) continue;
      const hat = e.args.length === 2 ? e : rawHadamard([v, reciprocal]);
      return { hat, site: e, x: rows.x, centred: rows.centred, sigma, reciprocal, invN };
    }
  }
  return undefined;
}
