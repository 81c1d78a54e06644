/**
 * The exponent of a matrix power. d(A^k) = Σ_{j<k} A^j dA A^(k−1−j) has k terms, its Jacobian k
 * Kronecker products and a second derivative about k² of them; A^1000000 overflowed the stack while
 * building its Jacobian and A^1000 took a quarter of a second for a 24,000-character result.
 */
import type { Diagnostic, Span } from '../api';

/** The largest k in A^k (integer powers of a square matrix). */
export const MAX_MATRIX_EXPONENT = 64;

/**
 * The Diagnostic for a matrix power past the limit, or undefined. `written` gives the power as typed,
 * asked only for the message: writing it at every level of X^2^2^…^2 cost time quadratic in the depth.
 */
export function matrixExponentProblem(k: number, span: Span, written: () => string): Diagnostic | undefined {
  if (k <= MAX_MATRIX_EXPONENT) return undefined;
  return {
    code: 'limit.exponent',
    message: `the matrix power ${written()} is too large: exponents up to ${MAX_MATRIX_EXPONENT} are accepted (its derivative has one term per power)`,
    start: span.start,
    end: span.end,
  };
}
