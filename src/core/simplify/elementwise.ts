/**
 * Element-wise functions and max/min, folded where their records give exact values.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { type Expr, type ElementwiseFunction, rationalNum, rationalOf, ones, rawFn, rawExtremum } from '../model/expr';
import { sameShape } from '../model/shape';
import { FUNCTIONS } from '../functions/index';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { mul } from './product';

/** Element-wise max(a, b) / min(a, b): of two numbers, their max / min; of equal arguments, the argument. */
export function extremum(op: 'maximum' | 'minimum', a: Expr, b: Expr): Expr {
  if (a === b) return a;
  // max(0, u) is relu, min(0, u) the function min0 (the readers' reading of a literal 0).
  const zero = (x: Expr): boolean => x.op === 'zeros' || (x.op === 'num' && x.value === 0);
  if (zero(a) !== zero(b) && sameShape(a.shape, b.shape)) return fn(op === 'maximum' ? 'relu' : 'min0', zero(a) ? b : a);
  // the larger (smaller) of two numbers, exactly: the node itself, not its double
  if (a.op === 'num' && b.op === 'num') return (a.value as number) >= (b.value as number) === (op === 'maximum') ? a : b;
  return rawExtremum(op, a, b);
}

/**
 * An element-wise function of a, folded where its record gives the value: f(number), f(0) (0, 𝟏 or
 * c·𝟏 by `atZero`), f(𝟏) = 𝟏 where f(1) = 1, and log(exp(u)) = u.
 */
export function fn(name: ElementwiseFunction, a: Expr): Expr {
  const r = FUNCTIONS[name];
  if (a.op === 'num') {
    const v = exactValue(name, rationalOf(a));
    if (v !== undefined) return rationalNum(v);
  }
  const atZero = exactAtZero(name);
  if (a.op === 'zeros' && atZero !== undefined) {
    if (r.atZero === 0) return a;
    return r.atZero === 1 ? ones(a.shape) : mul(rationalNum(atZero), ones(a.shape));
  }
  if (name === 'log' && a.op === 'fn' && a.name === 'exp') return a.args[0];
  if (a.op === 'ones' && r.value(1) === 1) return a;
  return rawFn(name, a);
}

/** f(0) where it is rational (0, ½ or 1 in the records; acos(0) = π/2 and softplus(0) = log 2 are not). */
function exactAtZero(name: ElementwiseFunction): Rational | undefined {
  const z = FUNCTIONS[name].atZero;
  return Number.isInteger(2 * z) ? Q.fromNumber(z) : undefined;
}

/**
 * f(c) for a number c, where it is exactly rational: f(0) of every function with a finite value
 * there, the kinks (|c|, sign, relu, min0, step) and √ of a square. Otherwise f(c) stays written
 * (exp(2), not 7.389…).
 */
function exactValue(name: ElementwiseFunction, c: Rational): Rational | undefined {
  const r = FUNCTIONS[name];
  const s = Q.sign(c);
  if (s === 0) return exactAtZero(name);
  if (name === 'abs') return Q.absolute(c);
  if (name === 'sign') return Q.rational(BigInt(s));
  if (name === 'sqrt') return s > 0 ? Q.power(c, Q.rational(1n, 2n)) : undefined;
  if (name === 'log' && Q.equals(c, Q.ONE)) return Q.ZERO;
  if (r.cases) {
    const branch = s > 0 ? r.cases.positive : r.cases.negative;
    return branch === 'zero' ? Q.ZERO : branch === 'one' ? Q.ONE : c;
  }
  return undefined;
}
