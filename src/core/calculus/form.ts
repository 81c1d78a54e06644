/**
 * How a derivative is represented before a layout is applied. The differentiator always produces one
 * of these canonical forms; writers apply the layout (numerator / denominator / mixed) on output,
 * and the numeric check compares against the canonical Jacobian (see `canonicalJacobian`).
 *
 * Notation: |a| is the number of entries of a; vec stacks columns (column-major).
 */
import type { Expr } from '../model/expr';

export type DerivativeForm =
  /** f scalar, x scalar: a 1×1 value. */
  | 'scalar'
  /** f scalar, x a vector or matrix: G with x's shape, G_ij = ∂f/∂x_ij. */
  | 'gradient'
  /** x scalar, f a vector or matrix: T with f's shape, T_ij = ∂f_ij/∂x. */
  | 'tangent'
  /** Otherwise (and for several stacked scalars): J = ∂vec f / ∂(vec x)ᵀ, |f|×|x|. */
  | 'jacobian';

export interface Derivative {
  /** The function differentiated (for order 2, the original scalar function). */
  readonly f: Expr;
  /** The variables, stacked in order when more than one. */
  readonly wrt: readonly Expr[];
  readonly order: 1 | 2;
  readonly form: DerivativeForm;
  /** The derivative in its canonical form (before any layout is applied). */
  readonly expr: Expr;
}
