/**
 * The factors of an index term written as a division, as the matrix form writes 2x/n: a scalar
 * factor b^(−k) with no index (n⁻¹, s⁻², (mp)⁻¹) is the denominator b or bᵏ. The index form
 * (write.ts) writes 2xᵢ/n and \frac{2 x_{i}}{n}, the einsum text 2*einsum("i->i", x)/n.
 */
import { type Expr, rationalNum, rationalOf, rawPow } from '../model/expr';
import { absolute, equals, ONE } from '../model/rational';
import { mulDim } from '../model/shape';
import type { Factor } from './components';

/** The denominator a factor stands for (b for b⁻¹, bᵏ for b^(−k)), or undefined for a numerator factor. */
export function denominatorOf(f: Factor): Expr | undefined {
  if (f.kind !== 'entry' || f.r !== null || f.c !== null) return undefined;
  const p = f.of;
  if (p.op !== 'pow' || p.args[1].op !== 'num' || p.args[0].op === 'num') return undefined;
  const k = rationalOf(p.args[1]);
  if (k.n >= 0n) return undefined;
  const magnitude = absolute(k);
  return equals(magnitude, ONE) ? p.args[0] : rawPow(p.args[0], rationalNum(magnitude));
}

/** A denominator written after `/` needs brackets: a sum, a product, a size that is a product (mp). */
export function isCompoundDenominator(d: Expr): boolean {
  if (d.op === 'add' || d.op === 'mul') return true;
  if (d.op !== 'size') return false;
  const [r, c] = d.dims ?? [1, 1];
  const size = mulDim(r, c);
  return typeof size === 'string' && size.includes('·');
}
