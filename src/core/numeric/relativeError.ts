/**
 * The error measure of every numeric comparison in this folder:
 *
 *   err(a, b) = max over entries k of |a_k − b_k| / max(1, |a_k|, |b_k|)
 *
 * i.e. the relative error for entries larger than 1 in magnitude and the absolute error for smaller
 * ones (so zero entries compare absolutely and a tiny entry is not judged by its own relative
 * noise). It is entry-wise on purpose: a wrong small block of a Jacobian is not hidden by large
 * entries elsewhere, as a norm-wise error would allow. A NaN difference counts as +∞; arrays of
 * different sizes have error +∞.
 */
import type { Matrix } from 'ml-matrix';

export interface EntryError {
  /** The measure above. */
  readonly maxRelError: number;
  /** Where it is reached (0-based; −1 when the sizes differ or the arrays are empty). */
  readonly row: number;
  readonly col: number;
}

export function entryRelError(a: number, b: number): number {
  if (a === b) return 0; // also equal infinities
  const e = Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
  return Number.isNaN(e) ? Infinity : e;
}

export function relativeError(a: Matrix, b: Matrix): EntryError {
  if (a.rows !== b.rows || a.columns !== b.columns) return { maxRelError: Infinity, row: -1, col: -1 };
  let worst: EntryError = { maxRelError: 0, row: -1, col: -1 };
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      const e = entryRelError(a.get(i, j), b.get(i, j));
      if (e > worst.maxRelError || worst.row < 0) worst = { maxRelError: e, row: i, col: j };
    }
  }
  return worst;
}
