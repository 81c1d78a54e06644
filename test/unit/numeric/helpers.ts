import * as assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import { relativeError } from '../../../src/core/numeric/index';

export const mat = (rows: number[][]): Matrix => new Matrix(rows);
export const col = (entries: number[]): Matrix => Matrix.columnVector(entries);

/** Entry-wise closeness in the relativeError.ts measure. */
export function assertClose(actual: Matrix, expected: Matrix, tolerance = 1e-12, what = ''): void {
  assert.equal(actual.rows, expected.rows, `${what} rows`);
  assert.equal(actual.columns, expected.columns, `${what} columns`);
  const e = relativeError(actual, expected);
  assert.ok(
    e.maxRelError <= tolerance,
    `${what} differs by ${e.maxRelError} at (${e.row}, ${e.col}):\n${actual.toString()}\nexpected\n${expected.toString()}`,
  );
}

export function assertNear(actual: number, expected: number, tolerance = 1e-12, what = ''): void {
  const e = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(e <= tolerance, `${what} ${actual} ≠ ${expected} (error ${e})`);
}
