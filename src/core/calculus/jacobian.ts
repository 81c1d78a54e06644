/**
 * The Jacobian engine for non-scalar functions: J = ∂vec f/∂(vec x)ᵀ by chaining local Jacobians
 * from f back to x (the vector chain rule, Parr & Howard §4.5.3): J_a = Σ over parents u of J_u·D_u,a
 * — the total-derivative rule summing over paths. Each DAG node is visited once.
 */
import type { Expr } from '../model/expr';
import { sizeOf } from '../model/shape';
import { add, eye, mul, zeros } from '../simplify/build';
import { shape } from '../model/shape';
import { dependentNodes } from './dependency';
import { localJacobianOf } from './rules/index';

export interface JacobianTrace {
  onLocal?(u: Expr, argIndex: number, local: Expr): void;
  onTotal?(u: Expr, total: Expr): void;
}

export function jacobian(f: Expr, x: Expr, trace?: JacobianTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const m = sizeOf(f.shape);
  if (!depends.has(f.id)) return zeros(shape(m, sizeOf(x.shape)));
  const pending = new Map<number, Expr[]>();
  pending.set(f.id, [eye(m)]);
  for (let k = order.length - 1; k >= 0; k--) {
    const u = order[k];
    const parts = pending.get(u.id);
    if (parts === undefined) continue;
    pending.delete(u.id);
    const Ju = add(...parts);
    trace?.onTotal?.(u, Ju);
    if (u === x) return Ju;
    u.args.forEach((a, i) => {
      if (!depends.has(a.id)) return;
      const D = localJacobianOf(u, i);
      trace?.onLocal?.(u, i, D);
      const c = mul(Ju, D);
      const list = pending.get(a.id);
      if (list) list.push(c);
      else pending.set(a.id, [c]);
    });
  }
  return zeros(shape(m, sizeOf(x.shape)));
}
