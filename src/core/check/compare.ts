/**
 * Numeric comparison of two expressions of the same shape at given points, in the entry-wise
 * measure of numeric/relativeError.ts. Derivatives with respect to a symmetric matrix are compared
 * along symmetric directions: only their symmetric parts (G + Gᵀ)/2 are defined by f.
 */
import type { Expr } from '../model/expr';
import { sameShape } from '../model/shape';
import { add, mul, num, transpose } from '../simplify/build';
import { evaluate, relativeError, type NumericEnv } from '../numeric/index';

/** Largest accepted error of a numeric decision. */
export const TOLERANCE = 1e-6;

export interface Judge {
  readonly envs: readonly NumericEnv[];
  /** The symmetric part is compared (a gradient with respect to a symmetric matrix). */
  readonly symmetricPart: boolean;
}

export function compared(e: Expr, judge: Pick<Judge, 'symmetricPart'>): Expr {
  return judge.symmetricPart && e.shape.rows === e.shape.cols ? mul(num(0.5), add(e, transpose(e))) : e;
}

export function maxError(a: Expr, b: Expr, judge: Judge): number {
  if (!sameShape(a.shape, b.shape)) return Infinity;
  const pa = compared(a, judge);
  const pb = compared(b, judge);
  let worst = 0;
  for (const env of judge.envs) worst = Math.max(worst, relativeError(evaluate(pa, env), evaluate(pb, env)).maxRelError);
  return worst;
}

export const equalAt = (a: Expr, b: Expr, judge: Judge): boolean => judge.envs.length > 0 && maxError(a, b, judge) <= TOLERANCE;
