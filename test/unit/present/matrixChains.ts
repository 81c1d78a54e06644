/**
 * The fixtures of the tests that present/factor.ts takes a common start or end of matrix products out at
 * once (commonStart.test.ts, commonEnd.test.ts): square factors to build random products from, and the
 * conditions under which factorSum's greedy steps take a common factor out.
 */
import { type Expr, rawDiagm, rawInv, rawMatpow, rawTranspose, variable } from '../../../src/core/model/expr';
import * as Q from '../../../src/core/model/rational';
import { isScalar, shape } from '../../../src/core/model/shape';
import { add, coefficientOf, mul } from '../../../src/core/simplify/build';

const n = shape('n', 'n');
const [A, B, C] = ['A', 'B', 'C'].map((name) => variable(name, n));
const S = variable('S', n, true);
export const x = variable('x', shape('n', 1));
export const y = variable('y', shape('n', 1));

/** n×n factors: inverses, transposes, powers, diagonals, a sum, outer products xyᵀ (some repeated, to share). */
export const SQUARE: readonly Expr[] = [A, B, S, C, A, B, rawInv(A), rawTranspose(A), rawMatpow(A, 2), rawDiagm(x), rawDiagm(y), add(A, B), rawInv(B), rawTranspose(rawInv(A)), mul(x, rawTranspose(y)), mul(y, rawTranspose(x))];

/** A product of two matrix factors or more, none 1×1, after a number: where the greedy step takes a common factor out. */
export const isMatrixChain = (t: Expr): boolean => {
  const matrices = t.op === 'mul' ? t.args.filter((f) => !isScalar(f.shape)) : [];
  return matrices.length >= 2 && t.args.every((f, i) => !isScalar(f.shape) || (i === 0 && f.op === 'num'));
};

/** No number to take out of both first (factorSum's commonCoefficient): one of them ±1, or the two unequal. */
export const noCommonNumber = (P: Expr, R: Expr): boolean => {
  const [c, d] = [P, R].map((t) => Q.absolute(coefficientOf(t)));
  return Q.equals(c, Q.ONE) || !Q.equals(c, d);
};
