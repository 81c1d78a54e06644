/**
 * Reverse mode for a scalar function: one sweep from f to the variable over the expression DAG,
 * visiting each node once (cost linear in the DAG). The adjoint of a node is the sum of what its
 * parents contribute (the total-derivative rule); each contribution is that parent's local rule
 * (rules/) applied to the parent's adjoint (the chain rule).
 */
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { add, num, zeros } from '../simplify/build';
import { adjointOf } from './rules/index';
import { dependentNodes } from './dependency';

export interface AdjointTrace {
  /** Called for every node reached, with its total adjoint, in reverse topological order. */
  onAdjoint?(u: Expr, ubar: Expr, contributions: readonly Expr[]): void;
}

/** ∂f/∂x with x's shape (G_ij = ∂f/∂x_ij) for scalar f. */
export function gradient(f: Expr, x: Expr, trace?: AdjointTrace): Expr {
  if (!isScalar(f.shape)) throw new Error('gradient of a non-scalar');
  return pullback(f, num(1), x, trace);
}

/**
 * Reverse mode from any node: given seed = ∂y/∂f (f's shape) for some scalar y, ∂y/∂x in x's shape.
 * gradient() is the pullback of the seed 1; derivations pull back through one definition at a time.
 */
export function pullback(f: Expr, seed: Expr, x: Expr, trace?: AdjointTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  if (!depends.has(f.id)) return zeros(x.shape);
  const pending = new Map<number, Expr[]>([[f.id, [seed]]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const u = order[k];
    const parts = pending.get(u.id);
    if (parts === undefined) continue;
    pending.delete(u.id);
    const ubar = add(...parts);
    trace?.onAdjoint?.(u, ubar, parts);
    if (u === x) return ubar;
    u.args.forEach((a, i) => {
      if (!depends.has(a.id)) return;
      const c = adjointOf(u, ubar, i);
      const list = pending.get(a.id);
      if (list) list.push(c);
      else pending.set(a.id, [c]);
    });
  }
  return zeros(x.shape);
}
