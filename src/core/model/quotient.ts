/**
 * One node for a quotient by scalars, however it is written. x/(2a) and x/2/a are the same number,
 * and so are x/a² and x·a⁻²; every math writer prints each pair alike (x/(2a), \frac{x}{2a}; x/a²),
 * so the readers read them as one node, the one the LaTeX reader always built and the calculus
 * builds: a division by a product of scalars is a division by each factor (x·2⁻¹·a⁻¹), and a division
 * by a power of a scalar with a number exponent is that power negated (x·a⁻²); a product of arrays
 * that is a scalar (x'y) divides as one factor. Sound: the factors
 * are scalars, which commute, and (a^k)⁻¹ = a^(−k) wherever either is defined.
 * A reciprocal written as a power in a product, x*(a*b)^-1 or x*(a^2)^-1, is the same quotient (the
 * writers print it x/(ab), x/a²); standing alone, (a*b)^-1 keeps its power.
 */
import { type Expr, rationalNum, rationalOf, rawMul, rawPow, num } from './expr';
import { isScalar } from './shape';
import * as Q from './rational';

const isNegativeNumber = (e: Expr): boolean => e.op === 'num' && rationalOf(e).n < 0n;

/** Whether a division by the scalar `d` reads as other factors than d⁻¹ (divisorsOf). */
export function splitsAsDivisor(d: Expr): boolean {
  if (!isScalar(d.shape)) return false;
  // A product of scalars, or of scalars and one chain of arrays whose product is a scalar (x'y·a).
  if (d.op === 'mul') return d.args.some((a) => isScalar(a.shape)) && d.args.length > 1 && !d.args.some(isNegativeNumber);
  return d.op === 'pow' && d.args[1].op === 'num' && isScalar(d.args[0].shape);
}

/** The factors a division by `d` multiplies by: d⁻¹, or each factor's of a product of scalars, or b^(−k) for d = b^k. */
export function divisorsOf(d: Expr): Expr[] {
  if (!splitsAsDivisor(d)) return [rawPow(d, num(-1))];
  if (d.op === 'mul') {
    // Each scalar factor divides, and the chain of arrays (x'y in x'y·a) as one, where it begins.
    const chain = d.args.filter((a) => !isScalar(a.shape));
    return d.args.flatMap((a) => (isScalar(a.shape) ? divisorsOf(a) : a === chain[0] ? divisorsOf(chain.length === 1 ? a : rawMul(chain)) : []));
  }
  return [rawPow(d.args[0], rationalNum(Q.neg(rationalOf(d.args[1]))))];
}
