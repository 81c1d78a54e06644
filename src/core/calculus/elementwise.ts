/**
 * f′ for the element-wise functions, given the argument a and the value u = f(a) (reusing u keeps
 * results short and shares work: exp′ = exp(a) is u itself, σ′ = σ(a) ⊙ (1 − σ(a)) reuses σ(a)).
 */
import type { ElementwiseFunction, Expr } from '../model/expr';
import { add, fn, hadamard, mul, neg, num, ones, pow, sub, zeros } from '../simplify/build';

export function elementwiseDerivative(name: ElementwiseFunction, a: Expr, u: Expr): Expr {
  const one = ones(a.shape);
  switch (name) {
    case 'exp': return u;
    case 'log': return pow(a, num(-1));
    case 'sin': return fn('cos', a);
    case 'cos': return neg(fn('sin', a));
    case 'tan': return add(one, pow(u, num(2)));
    case 'tanh': return sub(one, pow(u, num(2)));
    case 'sigmoid': return hadamard(u, sub(one, u));
    case 'relu': return fn('step', a);
    case 'abs': return fn('sign', a);
    case 'sqrt': return mul(num(0.5), pow(u, num(-1)));
    case 'min0': return fn('step', neg(a));
    case 'sign': case 'step': return zeros(a.shape);
  }
}

/** Rule names for derivations: which textbook rule an element-wise function contributes. */
export const ELEMENTWISE_RULE_TEXT: Record<ElementwiseFunction, string> = {
  exp: 'd/du exp(u) = exp(u)',
  log: 'd/du log(u) = 1/u',
  sin: 'd/du sin(u) = cos(u)',
  cos: 'd/du cos(u) = −sin(u)',
  tan: 'd/du tan(u) = 1 + tan²(u)',
  tanh: 'd/du tanh(u) = 1 − tanh²(u)',
  sigmoid: 'd/du σ(u) = σ(u)(1 − σ(u))',
  relu: 'd/du max(0, u) = [u > 0]',
  abs: 'd/du |u| = sign(u)',
  sqrt: 'd/du √u = 1/(2√u)',
  min0: 'd/du min(0, u) = [u < 0]',
  sign: 'd/du sign(u) = 0 (almost everywhere)',
  step: 'd/du [u > 0] = 0 (almost everywhere)',
};
