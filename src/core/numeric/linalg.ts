/**
 * Inverse, determinant, log|det| and integer matrix powers through ml-matrix's LU decomposition.
 * Singular or non-finite inputs give NaN (not a throw): the random-point sampler treats a
 * non-finite value as "outside the domain" and draws another point.
 */
import { Matrix, LuDecomposition } from 'ml-matrix';
import { filled, isAllFinite } from './matrices';

export function inverse(a: Matrix): Matrix {
  if (!isAllFinite(a)) return filled(a.rows, a.columns, NaN);
  const lu = new LuDecomposition(a);
  if (lu.isSingular()) return filled(a.rows, a.columns, NaN);
  return lu.solve(Matrix.eye(a.rows));
}

/**
 * det a from the LU pivots, for every size: ml-matrix's `determinant` expands 2×2 and 3×3
 * matrices by cofactors, which loses about ε·‖a‖³/|det a| to cancellation (8·10⁻⁵ relative for
 * I + β𝟏𝟏ᵀ with β ≈ 10⁶), where LU with partial pivoting loses about ε times the condition number.
 */
export function det(a: Matrix): number {
  if (!isAllFinite(a)) return NaN;
  if (a.rows === 0) return 1;
  const d = new LuDecomposition(a).determinant;
  return d === 0 ? 0 : d; // a singular matrix's pivot product may be −0
}

/** log|det a|, summed from the LU pivots (no overflow of the determinant itself); −∞ if singular. */
export function logAbsDet(a: Matrix): number {
  if (!isAllFinite(a)) return NaN;
  const u = new LuDecomposition(a).upperTriangularMatrix;
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += Math.log(Math.abs(u.get(i, i)));
  return s;
}

/** A^k for an integer k (negative k: (A⁻¹)^|k|; k = 0: I). Non-integer k gives NaN. */
export function matrixPower(a: Matrix, k: number): Matrix {
  if (!Number.isInteger(k)) return filled(a.rows, a.columns, NaN);
  const base = k < 0 ? inverse(a) : a;
  return base.mpow(Math.abs(k));
}
