/**
 * Forward mode for a scalar variable: the tangent ḟ = ∂f/∂x (f's shape) by the differential rules
 * (matrix-derivative-rules.md §2, the operator records in rules/) read with dx = 1. Used when x is a scalar: d/dx of scalars (Parr &
 * Howard's single-variable and total-derivative chain rules), and ∂f/∂x for vector or matrix f.
 */
import type { Expr } from '../model/expr';
import { num, zeros } from '../simplify/build';
import { dependentNodes } from './dependency';
import { tangentOf } from './rules/index';

export interface TangentTrace {
  onTangent?(u: Expr, tangent: Expr): void;
}

/** `seed` is ẋ (1 by default); a symbolic direction dX of x's shape gives the differential df, linear in dX. */
export function tangent(f: Expr, x: Expr, trace?: TangentTrace, seed: Expr = num(1)): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const dot = new Map<number, Expr>();
  const d = (e: Expr): Expr => dot.get(e.id) ?? zeros(e.shape);
  for (const u of order) {
    if (!depends.has(u.id)) continue;
    const t = u === x ? seed : tangentOf(u, d);
    dot.set(u.id, t);
    trace?.onTangent?.(u, t);
  }
  return d(f);
}
