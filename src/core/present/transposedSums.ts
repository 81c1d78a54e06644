/**
 * A result that adds terms and the transpose of a sum of terms — the product rule's (xᵀx)Sx + (xᵀSx)x +
 * ((xᵀx)xᵀS + (xᵀSx)xᵀ)ᵀ for (xᵀx)(xᵀSx) — with that transpose pushed into its terms where like terms then
 * combine: 2(xᵀx)Sx + 2(xᵀSx)x, which factoring writes 2((xᵀx)S + (xᵀSx)I)x; it was printed
 * ((…)x + (xᵀS(xxᵀ + (xᵀx)I))ᵀ)ᵀ. Nothing changes when no terms combine. Sound: (a + b)ᵀ = aᵀ + bᵀ, and the
 * smart constructors' identities.
 */
import type { Expr } from '../model/expr';
import { add, transpose } from '../simplify/build';

export function transposedSumsPushed(e: Expr): Expr {
  if (e.op !== 'add' || !e.args.some((t) => t.op === 'transpose' && t.args[0].op === 'add')) return e;
  const terms = e.args.flatMap((t) => (t.op === 'transpose' && t.args[0].op === 'add' ? t.args[0].args.map(transpose) : [t]));
  const sum = add(...terms);
  return sum.op !== 'add' || sum.args.length < terms.length ? sum : e;
}
