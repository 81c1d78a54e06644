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

/** How derivations name each function. */
export const FUNCTION_DISPLAY_NAMES: Readonly<Record<ElementwiseFunction, string>> = {
  exp: 'exp', log: 'log', sin: 'sin', cos: 'cos', tan: 'tan', tanh: 'tanh', sigmoid: 'σ', relu: 'max(0, ·)',
  abs: '|·|', sqrt: '√', sign: 'sign', min0: 'min(0, ·)', step: 'the step function',
};

/** The derivative of each function, written as the displays write it (𝟙[·] for indicators, log natural). */
export const FUNCTION_RULE_TEXT: Readonly<Record<ElementwiseFunction, string>> = {
  exp: 'd/du exp(u) = exp(u)',
  log: 'd/du log(u) = 1/u',
  sin: 'd/du sin(u) = cos(u)',
  cos: 'd/du cos(u) = −sin(u)',
  tan: 'd/du tan(u) = 1 + tan²(u)',
  tanh: 'd/du tanh(u) = 1 − tanh²(u)',
  sigmoid: 'd/du σ(u) = σ(u)(1 − σ(u))',
  relu: 'd/du max(0, u) = 𝟙[u > 0]: 1 where u > 0, 0 elsewhere',
  abs: 'd/du |u| = sign(u)',
  sqrt: 'd/du √u = 1/(2√u)',
  min0: 'd/du min(0, u) = 𝟙[u < 0]: 1 where u < 0, 0 elsewhere',
  sign: 'd/du sign(u) = 0 (almost everywhere)',
  step: 'd/du 𝟙[u > 0] = 0 (almost everywhere)',
};
