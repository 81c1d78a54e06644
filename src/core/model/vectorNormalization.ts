/**
 * Recognizing the normalization of a vector in an expression (structure only): x̂ = v/σ with
 * v = x − mean(x)𝟏 (a layer norm of one vector; v = x for an RMS norm) and σ = √(mean(v∘²) + c),
 * c free of x — as the readers build it from `(x - mean(x))/sqrt(mean((x - mean(x)).^2) + eps)`,
 * NumPy's `(x - x.mean()) / np.sqrt(x.var() + eps)`, and as the simplifier writes it. The row-wise
 * form of a matrix is model/rowNormalization.ts; present/vectorNormalization.ts writes derivatives
 * through this one in the textbook's form, and the named forms call its parts x̂ and σ.
 */
import { Expr, postorder, productFactors, rawMul, rationalOf } from './expr';
import { isColumn, isScalar } from './shape';
import * as Q from './rational';

export interface VectorNormalization {
  /** The node x̂ = v·σ⁻¹ itself. */
  readonly hat: Expr;
  /** Where it was found: x̂, or (w ⊙ v)·σ⁻¹, a Hadamard product holding v divided by σ. */
  readonly site: Expr;
  /** The factors of the Hadamard product at `site` beside v (none when site is x̂). */
  readonly beside: readonly Expr[];
  readonly x: Expr;
  /** v = x − mean(x)𝟏 (true), or v = x (an RMS norm). */
  readonly centred: boolean;
  /** σ, a scalar. */
  readonly sigma: Expr;
  /** σ⁻¹, the node x̂ uses. */
  readonly reciprocal: Expr;
}

const isNumber = (e: Expr, value: number): boolean => e.op === 'num' && Q.equals(rationalOf(e), Q.fromNumber(value));

/** v = x − mean(x)𝟏 or v = x, for a column x: the variable and whether it is centred. */
function centredOf(v: Expr): { x: Expr; centred: boolean } | undefined {
  if (v.op === 'var') return isColumn(v.shape) && !isScalar(v.shape) ? { x: v, centred: false } : undefined;
  if (v.op !== 'add' || v.args.length !== 2 || v.args[0].op !== 'var') return undefined;
  const [x, minus] = v.args;
  const fs = productFactors(minus);
  if (fs.length !== 3) return undefined;
  const ok = fs.some((f) => isNumber(f, -1)) && fs.some((f) => f.op === 'mean' && f.args[0] === x) && fs.some((f) => f.op === 'ones' && f.shape.rows === x.shape.rows && f.shape.cols === 1);
  return ok && isColumn(x.shape) ? { x, centred: true } : undefined;
}

/** σ = √(mean(v∘²) + c), c free of x. */
function isStandardDeviation(sigma: Expr, v: Expr, x: Expr): boolean {
  if (sigma.op !== 'fn' || sigma.name !== 'sqrt' || !isScalar(sigma.shape)) return false;
  const s = sigma.args[0];
  const terms = s.op === 'add' ? s.args : [s];
  const isMeanSquare = (t: Expr): boolean => t.op === 'mean' && t.args[0].op === 'pow' && t.args[0].args[0] === v && isNumber(t.args[0].args[1], 2);
  let found = 0;
  for (const t of terms) {
    if (isMeanSquare(t)) found++;
    else if (postorder(t).includes(x)) return false;
  }
  return found === 1;
}

/**
 * x̂ = v·σ⁻¹ at `e`, or undefined. A product (w ⊙ v)·σ⁻¹, as `w .* (x - mean(x))/σ` reads, holds x̂
 * too: `hat` is then v·σ⁻¹ alone, and `beside` the other factors of the Hadamard product.
 */
export function vectorNormalizationAt(e: Expr): VectorNormalization | undefined {
  if (e.op !== 'mul' || e.args.length !== 2 || !isColumn(e.shape) || isScalar(e.shape)) return undefined;
  const reciprocal = e.args.find((a) => a.op === 'pow' && isScalar(a.shape) && isNumber(a.args[1], -1));
  const other = e.args.find((a) => a !== reciprocal);
  if (reciprocal === undefined || other === undefined) return undefined;
  const sigma = reciprocal.args[0];
  const candidates = other.op === 'hadamard' ? other.args : [other];
  for (const v of candidates) {
    const c = centredOf(v);
    if (!c || !isStandardDeviation(sigma, v, c.x)) continue;
    const hat = other === v ? e : rawMul([reciprocal, v]);
    const beside = other === v ? [] : other.args.filter((a) => a !== v);
    return { hat, site: e, beside, x: c.x, centred: c.centred, sigma, reciprocal };
  }
  return undefined;
}
