/**
 * Local derivatives of one definition with respect to one of its variables (the others held
 * fixed), by the core's engines, in the forms the derivation combines:
 * - Jacobian form (numerator layout, Parr & Howard): ∂vec(u)/∂(vec a)ᵀ, |u|×|a| — a row for a
 *   scalar u, a column for a scalar a, diag(…) for element-wise operations;
 * - pullback (reverse mode): given ∂y/∂u in u's shape, the contribution to ∂y/∂a in a's shape.
 * Symmetric variables are differentiated as general matrices here; symmetrising is a step of its own.
 */
import type { Layout } from '../api';
import type { Derivative, DerivativeForm } from '../calculus/form';
import { gradient, pullback as calculusPullback } from '../calculus/gradient';
import { jacobian } from '../calculus/jacobian';
import { applyLayout } from '../present/layout';
import { tangent } from '../calculus/tangent';
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { transpose, vec } from '../simplify/build';
import { rememberingTextbook, textbook } from '../present/present';

export { rememberingTextbook, textbook };

/**
 * ∂vec(u)/∂(vec a)ᵀ for u = `def`, in textbook form. `form`: the textbook() that puts it there — a
 * rememberingTextbook() for a derivation's many local Jacobians, which may share a large constant
 * (diag(c) in each of h = tanh(W_k h) ⊙ c: each walked it anew, quadratic in the expression).
 */
export function localJacobian(def: Expr, a: Expr, form: (e: Expr) => Expr = textbook): Expr {
  if (isScalar(a.shape)) return form(vec(tangent(def, a)));
  if (isScalar(def.shape)) return form(transpose(vec(gradient(def, a))));
  return form(jacobian(def, a));
}

/** The form of a Jacobian-form value for the numeric check. */
export const JACOBIAN: DerivativeForm = 'jacobian';

/** A derivative in canonical form, converted to Jacobian form (|f|×|x|). */
export function jacobianFormOf(form: DerivativeForm, canonical: Expr): Expr {
  switch (form) {
    case 'scalar':
    case 'jacobian':
      return canonical;
    case 'gradient':
      return transpose(vec(canonical));
    case 'tangent':
      return vec(canonical);
  }
}

/** The canonical value of a derivative presented in a layout (applying a layout is its own inverse). */
export function canonicalOf(d: Derivative, presented: Expr, layout: Layout): Expr {
  return applyLayout({ ...d, expr: presented }, layout);
}

/** Reverse mode inside one definition: ∂y/∂a from ∂y/∂u = `seed` (u's shape), in a's shape. */
export function pullback(def: Expr, seed: Expr, a: Expr): Expr {
  return calculusPullback(def, seed, a);
}
