/**
 * f′ for the element-wise functions, from their records (../functions/), given the argument a and
 * the value u = f(a) (reusing u keeps results short and shares work: exp′ = exp(a) is u itself,
 * σ′ = σ(a) ⊙ (1 − σ(a)) reuses σ(a)).
 */
import type { ElementwiseFunction, Expr } from '../model/expr';
import { FUNCTIONS } from '../functions/index';
import { BUILDERS } from '../simplify/build';

export function elementwiseDerivative(name: ElementwiseFunction, a: Expr, u: Expr): Expr {
  return FUNCTIONS[name].derivative(BUILDERS, a, u);
}
