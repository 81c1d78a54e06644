/** Helpers of the deep-input tests (issue 17). */
import { postorder, type Expr } from '../../../src/core/model/expr';

/** The nesting depth of an expression's DAG (a leaf has depth 1), without recursion. */
export function exprDepth(root: Expr): number {
  const depth = new Map<number, number>();
  for (const e of postorder(root)) depth.set(e.id, 1 + Math.max(0, ...e.args.map((a) => depth.get(a.id) as number)));
  return depth.get(root.id) as number;
}
