/**
 * The element-wise scalar functions of `fn` nodes as number → number functions, which of them are
 * non-smooth (finite differences are unreliable near their kinks at u = 0) and which need a
 * positive argument: all read from the function records (../functions/).
 */
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS, type ElementwiseFunction } from '../functions/index';

export const SCALAR_FUNCTIONS: Readonly<Record<ElementwiseFunction, (u: number) => number>> = Object.fromEntries(
  ELEMENTWISE_FUNCTIONS.map((f) => [f, FUNCTIONS[f].value]),
) as Record<ElementwiseFunction, (u: number) => number>;

/** Functions with a kink or a jump at u = 0. */
export const NON_SMOOTH_FUNCTIONS: ReadonlySet<ElementwiseFunction> = new Set(ELEMENTWISE_FUNCTIONS.filter((f) => FUNCTIONS[f].nonSmooth === true));

/** Functions whose argument must be positive (log) or non-negative (sqrt) to be real. */
export const POSITIVE_DOMAIN_FUNCTIONS: ReadonlySet<ElementwiseFunction> = new Set(
  ELEMENTWISE_FUNCTIONS.filter((f) => FUNCTIONS[f].domain === 'positive'),
);
