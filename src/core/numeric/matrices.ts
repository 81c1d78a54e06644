/**
 * Dense-array helpers the evaluator needs beyond ml-matrix: filled arrays, vec and its inverse
 * (column-major), the commutation matrix, numerically stable softmax / log-sum-exp, and finiteness.
 * None of them mutates its arguments.
 */
import { Matrix } from 'ml-matrix';

export function filled(rows: number, cols: number, value: number): Matrix {
  return new Matrix(rows, cols).fill(value);
}

export const scalarMatrix = (v: number): Matrix => new Matrix([[v]]);

/** The entries of a in column-major order (vec). */
export function vecEntries(a: Matrix): number[] {
  const out: number[] = new Array<number>(a.rows * a.columns);
  for (let j = 0; j < a.columns; j++) for (let i = 0; i < a.rows; i++) out[i + j * a.rows] = a.get(i, j);
  return out;
}

/** vec(a): the columns of a stacked into one column. */
export const vec = (a: Matrix): Matrix => Matrix.columnVector(vecEntries(a));

/** The inverse of vec: a rows×cols array from column-major entries. */
export function unvec(entries: ArrayLike<number>, rows: number, cols: number): Matrix {
  const out = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out.set(i, j, entries[i + j * rows]);
  return out;
}

/** K_{p,q} (pq×pq): vec(Xᵀ) = K vec(X) for every p×q matrix X. */
export function commutationMatrix(p: number, q: number): Matrix {
  const k = new Matrix(p * q, p * q);
  // X_ij is entry i + j·p of vec(X) and entry j + i·q of vec(Xᵀ).
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) k.set(j + i * q, i + j * p, 1);
  return k;
}

export function isAllFinite(a: Matrix): boolean {
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) if (!Number.isFinite(a.get(i, j))) return false;
  return true;
}

export function maxAbs(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) m = Math.max(m, Math.abs(a.get(i, j)));
  return m;
}

/** A new matrix with f applied to each entry. */
export function mapEntries(a: Matrix, f: (u: number) => number): Matrix {
  const out = new Matrix(a.rows, a.columns);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) out.set(i, j, f(a.get(i, j)));
  return out;
}

/** log Σ exp(a_i) over all entries, shifted by the maximum so large inputs do not overflow. */
export function logSumExp(a: Matrix): number {
  const m = a.max();
  if (!Number.isFinite(m)) return m === -Infinity ? -Infinity : NaN;
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) s += Math.exp(a.get(i, j) - m);
  return m + Math.log(s);
}

/** exp(a_i) / Σ exp(a_j) over all entries, same shape, shifted by the maximum. */
export function softmax(a: Matrix): Matrix {
  const m = a.max();
  if (!Number.isFinite(m)) return filled(a.rows, a.columns, NaN);
  const e = mapEntries(a, (u) => Math.exp(u - m));
  return e.div(e.sum());
}

/** The Frobenius norm, scaled by the largest entry so it neither overflows nor underflows. */
export function frobenius(a: Matrix): number {
  const m = maxAbs(a);
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) s += (a.get(i, j) / m) ** 2;
  return m * Math.sqrt(s);
}

/** The rows (d = 2) or columns (d = 1) of a, each as a 1-row / 1-column matrix, and how to put results back. */
function slices(a: Matrix, d: 1 | 2): Matrix[] {
  const out: Matrix[] = [];
  if (d === 2) for (let i = 0; i < a.rows; i++) out.push(a.subMatrix(i, i, 0, a.columns - 1));
  else for (let j = 0; j < a.columns; j++) out.push(a.subMatrix(0, a.rows - 1, j, j));
  return out;
}

/** softmax of each row (d = 2) or each column (d = 1). */
export function softmaxAlong(a: Matrix, d: 1 | 2): Matrix {
  const out = new Matrix(a.rows, a.columns);
  slices(a, d).forEach((s, k) => {
    const p = softmax(s);
    if (d === 2) out.setRow(k, p.getRow(0));
    else out.setColumn(k, p.getColumn(0));
  });
  return out;
}

/** logsumexp of each row (d = 2, a column) or each column (d = 1, a row). */
export function logSumExpAlong(a: Matrix, d: 1 | 2): Matrix {
  const values = slices(a, d).map(logSumExp);
  return d === 2 ? Matrix.columnVector(values) : Matrix.rowVector(values);
}
