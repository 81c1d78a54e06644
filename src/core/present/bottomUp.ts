/**
 * The walk every presentation pass makes: each distinct node of an expression once, children before
 * parents, rewritten from its rewritten arguments. Only the nodes a pass changes are remembered, and a
 * node none of whose arguments changed is handed to the pass as it is (no argument list or node made
 * for it): most passes change few nodes of most results, or none.
 */
import { type Expr, postorder, withArgs } from '../model/expr';

/**
 * `rewrite(e, original)`: the form of a node of root, given as e, with its arguments already rewritten
 * (e is `original` when none changed); return e to keep it.
 */
export function rewriteBottomUp(root: Expr, rewrite: (e: Expr, original: Expr) => Expr, order: readonly Expr[] = postorder(root)): Expr {
  const changed = new Map<Expr, Expr>();
  for (const e of order) {
    const out = rewrite(changed.size === 0 ? e : withChangedArgs(e, changed), e);
    if (out !== e) changed.set(e, out);
  }
  return changed.get(root) ?? root;
}

/** e with the changed ones of its arguments replaced (e itself when none changed). */
function withChangedArgs(e: Expr, changed: ReadonlyMap<Expr, Expr>): Expr {
  let args: Expr[] | undefined;
  for (let i = 0; i < e.args.length; i++) {
    const a = changed.get(e.args[i]);
    if (a !== undefined) (args ??= e.args.slice())[i] = a;
  }
  return args === undefined ? e : withArgs(e, args);
}
