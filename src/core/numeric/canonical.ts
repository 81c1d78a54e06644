/**
 * The value of a symbolic derivative as the matrix numericJacobian produces, |f| × |x|:
 * 'scalar' → 1×1; 'gradient' (G has x's shape) → vec(G)ᵀ, 1×|x|; 'tangent' (T has f's shape) →
 * vec(T), |f|×1; 'jacobian' → as is. For order 2 the value is the Hessian, |x|×|x| =
 * ∂vec(∇f)/∂(vec x)ᵀ, in the same forms ('scalar' for a scalar x, else 'jacobian').
 */
import { Matrix } from 'ml-matrix';
import type { Derivative, DerivativeForm } from '../calculus/form';
import type { Expr } from '../model/expr';
import { dimValue } from '../model/shape';
import type { NumericEnv } from './env';
import { evaluate } from './evaluate';
import { vec } from './matrices';

export function canonicalFromValue(form: DerivativeForm, value: Matrix): Matrix {
  switch (form) {
    case 'scalar':
    case 'jacobian':
      return value;
    case 'gradient':
      return vec(value).transpose();
    case 'tangent':
      return vec(value);
  }
}

export function canonicalJacobian(d: Derivative, env: NumericEnv): Matrix {
  return canonicalFromValue(d.form, evaluate(d.expr, env));
}

const entries = (e: Expr, env: NumericEnv): number =>
  dimValue(e.shape.rows, env.dims) * dimValue(e.shape.cols, env.dims);

/** The size the canonical matrix must have: |f|×Σ|x| (order 1) or Σ|x|×Σ|x| (order 2). */
export function expectedJacobianSize(d: Derivative, env: NumericEnv): { rows: number; cols: number } {
  const cols = d.wrt.reduce((n, x) => n + entries(x, env), 0);
  return { rows: d.order === 2 ? cols : entries(d.f, env), cols };
}
