/**
 * The walk every presentation pass makes: each distinct node of an expression once, children before
 * parents, rewritten from its rewritten arguments. Only the nodes a pass changes are remembered, and a
 * node none of whose arguments changed is handed to the pass as it is (no argument list or node made
 * for it): most passes change few nodes of most results, or none.
 */
import { type Expr, postorder, walkUnvisited, withArgs } from '../model/expr';

/**
 * `rewrite(e, original)`: the form of a node of root, given as e, with its arguments already rewritten
 * (e is `original` when none changed); return e to keep it. `order`: postorder(root), when the caller has it.
 *
 * `settled`: nodes an earlier walk with the same `rewrite` left as they were, so that all of it leaves
 * them as they are (what a walk makes of a node depends on that node's tree alone, as `rewrite` is a
 * function of its arguments). They are not walked, nor anything below them that is not also reached
 * another way; the nodes this walk leaves as they were are added. A derivation that puts a total in
 * textbook form, then a larger one holding it, then a larger one still (a recurrence's totals) walks
 * only what each adds, not all of it each time.
 */
export function rewriteBottomUp(root: Expr, rewrite: (e: Expr, original: Expr) => Expr, order?: readonly Expr[], settled?: Set<Expr>): Expr {
  const changed = new Map<Expr, Expr>();
  const visit = (e: Expr): void => {
    const out = rewrite(changed.size === 0 ? e : withChangedArgs(e, changed), e);
    if (out !== e) changed.set(e, out);
    else settled?.add(e);
  };
  if (settled === undefined) for (const e of order ?? postorder(root)) visit(e);
  else walkUnvisited(root, (e) => settled.has(e) || changed.has(e), visit);
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
