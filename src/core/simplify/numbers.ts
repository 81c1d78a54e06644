/**
 * Numbers and constants the smart constructors recognise: 0, 1, 𝟏 and a term's numeric coefficient.
 * Part of the smart constructors (./build.ts).
 */
import { type Expr, num, rationalOf, rawMul } from '../model/expr';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';

export const isNum = (e: Expr, v?: number): boolean => e.op === 'num' && (v === undefined || e.value === v);
export const isZero = (e: Expr): boolean => e.op === 'zeros' || isNum(e, 0);
/** 1, 𝟏, or the outer product 𝟏𝟏ᵀ of two ones (an all-ones matrix written as a broadcast). */
export const isOnes = (e: Expr): boolean =>
  e.op === 'ones' || isNum(e, 1) ||
  (e.op === 'mul' && e.args.length === 2 && e.args.every((f) => f.op === 'ones') && e.args[0].shape.cols === 1 && e.args[1].shape.rows === 1);

/** Split a term into its exact numeric coefficient and the rest: 3·A·x → [3, A·x]. */
export function splitCoefficient(e: Expr): [Rational, Expr] {
  if (e.op === 'num') return [rationalOf(e), num(1)];
  const c = coefficientOf(e);
  if (Q.equals(c, Q.ONE)) return [Q.ONE, e];
  const rest = e.args.filter((f) => f.op !== 'num');
  return [c, rest.length === 0 ? num(1) : rest.length === 1 ? rest[0] : rawMul(rest)];
}

/** A term's numeric coefficient, splitCoefficient(e)[0], without building the rest: the product of its number factors. */
export function coefficientOf(e: Expr): Rational {
  if (e.op === 'num') return rationalOf(e);
  if (e.op !== 'mul') return Q.ONE;
  let c: Rational | undefined;
  for (const f of e.args) if (f.op === 'num') c = c === undefined ? rationalOf(f) : Q.mul(c, rationalOf(f));
  return c ?? Q.ONE;
}

export const isOne = (c: Rational): boolean => c.n === 1n && c.d === 1n;
export const isZeroQ = (c: Rational): boolean => c.n === 0n;
