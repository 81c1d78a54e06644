/** Which nodes of a DAG depend on a set of variables (only those need derivatives). */
import { Expr, postorder } from '../model/expr';

export function dependentNodes(root: Expr, vars: readonly Expr[]): { order: readonly Expr[]; depends: Set<number> } {
  const order = postorder(root);
  const depends = new Set<number>(vars.map((v) => v.id));
  for (const e of order) {
    const args = e.args;
    for (let i = 0; i < args.length; i++) {
      if (depends.has(args[i].id)) {
        depends.add(e.id);
        break;
      }
    }
  }
  return { order, depends };
}

/** The indices of u's arguments that depend on the variables (`depends` from dependentNodes). */
export function dependentArgs(u: Expr, depends: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < u.args.length; i++) if (depends.has(u.args[i].id)) out.push(i);
  return out;
}

/** One more contribution to node a's derivative, gathered by node id until a is reached (reverse order). */
export function contribute<P>(pending: Map<number, P[]>, a: Expr, c: P): void {
  const list = pending.get(a.id);
  if (list) list.push(c);
  else pending.set(a.id, [c]);
}
