/** Which nodes of a DAG depend on a set of variables (only those need derivatives). */
import { Expr, postorder } from '../model/expr';

export function dependentNodes(root: Expr, vars: readonly Expr[]): { order: readonly Expr[]; depends: Set<number> } {
  const order = postorder(root);
  const depends = new Set<number>(vars.map((v) => v.id));
  for (const e of order) {
    if (e.args.some((a) => depends.has(a.id))) depends.add(e.id);
  }
  return { order, depends };
}
