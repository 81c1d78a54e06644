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

export function tangent(f: Expr, x: Expr, trace?: TangentTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const dot = new Map<number, Expr>();
  const d = (e: Expr): Expr => dot.get(e.id) ?? zeros(e.shape);
  for (const u of order) {
    if (!depends.has(u.id)) continue;
    const t = u === x ? num(1) : tangentOf(u, d);
    dot.set(u.id, t);
    trace?.onTangent?.(u, t);
  }
  return d(f);
}
