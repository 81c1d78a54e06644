/**
 * A numeric environment: concrete sizes for the symbolic dimensions and a concrete array for every
 * variable (by name). Values are ml-matrix `Matrix` objects, rows×cols (scalars 1×1); they are
 * never mutated by the functions of this folder.
 */
import { Matrix } from 'ml-matrix';

export interface NumericEnv {
  readonly dims: ReadonlyMap<string, number>;
  readonly values: ReadonlyMap<string, Matrix>;
}

/** A value given by hand: a number (1×1), rows of numbers, or a Matrix. */
export type NumericValue = number | readonly (readonly number[])[] | Matrix;

export function toMatrix(v: NumericValue): Matrix {
  if (typeof v === 'number') return new Matrix([[v]]);
  if (v instanceof Matrix) return v;
  return new Matrix(v.map((row) => [...row]));
}

/** Convenience for tests and callers: `numericEnv({ n: 3 }, { x: [[1], [2], [3]], s: 2 })`. */
export function numericEnv(
  dims: Readonly<Record<string, number>>,
  values: Readonly<Record<string, NumericValue>>,
): NumericEnv {
  return {
    dims: new Map(Object.entries(dims)),
    values: new Map(Object.entries(values).map(([k, v]) => [k, toMatrix(v)])),
  };
}

/** The same environment with some variables replaced. */
export function withValues(env: NumericEnv, replaced: ReadonlyMap<string, Matrix>): NumericEnv {
  const values = new Map(env.values);
  for (const [k, v] of replaced) values.set(k, v);
  return { dims: env.dims, values };
}
