/**
 * Layouts (matrix-derivative-rules.md §5). The canonical forms are converted on output:
 * numerator (Parr & Howard): ∂f/∂x is 1×n, ∂y/∂x is m×n, ∂f/∂X is q×p;
 * denominator: the transpose of numerator; mixed (Matrix Cookbook, matrixcalculus.org): gradients
 * have the variable's shape and Jacobians are m×n.
 */
import type { Layout } from '../api';
import type { Expr } from '../model/expr';
import { isScalar, isMatrix } from '../model/shape';
import { transpose } from '../simplify/build';
import type { Derivative } from '../calculus/form';

export function applyLayout(d: Derivative, layout: Layout): Expr {
  const e = d.expr;
  switch (d.form) {
    case 'scalar':
      return e;
    case 'gradient':
      return layout === 'numerator' ? transpose(e) : e;
    case 'tangent':
      return layout === 'denominator' && !isMatrix(e.shape) ? transpose(e) : e;
    case 'jacobian': {
      // A scalar function of stacked scalars is a gradient: a row in numerator layout, a column otherwise.
      if (d.order === 1 && isScalar(d.f.shape)) return layout === 'numerator' ? e : transpose(e);
      // The Hessian of a scalar is symmetric: its transpose is itself, printed the same in every layout.
      if (d.order === 2 && isScalar(d.f.shape)) return e;
      return layout === 'denominator' ? transpose(e) : e;
    }
  }
}
