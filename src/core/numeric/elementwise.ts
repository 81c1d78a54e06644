/**
 * The element-wise scalar functions of `fn` nodes, as plain number → number functions, and which
 * of them are non-smooth (finite differences are unreliable near their kinks at u = 0).
 */
import type { ElementwiseFunction } from '../model/expr';

function sigmoid(u: number): number {
  // Stable on both tails: never exp of a large positive number.
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

export const SCALAR_FUNCTIONS: Readonly<Record<ElementwiseFunction, (u: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  sigmoid,
  relu: (u) => (u > 0 ? u : 0),
  abs: Math.abs,
  sqrt: Math.sqrt,
  sign: (u) => (u > 0 ? 1 : u < 0 ? -1 : u === 0 ? 0 : NaN),
  min0: (u) => (u < 0 ? u : 0),
  step: (u) => (u > 0 ? 1 : u <= 0 ? 0 : NaN),
};

/** Functions with a kink or a jump at u = 0. */
export const NON_SMOOTH_FUNCTIONS: ReadonlySet<ElementwiseFunction> = new Set<ElementwiseFunction>([
  'relu', 'abs', 'sign', 'min0', 'step',
]);

/** Functions whose argument must be positive (log) or non-negative (sqrt) to be real. */
export const POSITIVE_DOMAIN_FUNCTIONS: ReadonlySet<ElementwiseFunction> = new Set<ElementwiseFunction>([
  'log', 'sqrt',
]);
