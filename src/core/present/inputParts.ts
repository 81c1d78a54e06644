/**
 * The parts of the input a derivative holds as they were read, in the normal form the smart
 * constructors give every node they build, where it is smaller. The readers keep what the user
 * wrote (`1./s` is 1·s∘⁻¹), and a factor constant in the variable reaches the result as it is: d/dt
 * of t·((1./s) .* y) was written `(1*s.^-1) .* y`. The nodes of the result that are nodes of the
 * input are replaced by their normal form when it is smaller, and the nodes above them rebuilt by
 * the smart constructors; the rest is left as it is. Sound: the smart constructors' identities only.
 */
import { type Expr, walkUnvisited } from '../model/expr';
import { rebuildNode } from '../simplify/simplify';
import { rewriteBottomUp } from './bottomUp';

/**
 * e with the parts of the input f it holds in normal form where that is smaller (e itself when there
 * are none): (1*s.^-1) .* y becomes s.^-1 .* y, diag(x)*y x .* y, y ./ s − (1./s) .* y 0, while
 * (−y) .* (X*w), as long as −(y .* (X*w)), stays as the user wrote it (the textbook's σ(−y ⊙ Xw)),
 * and so does x .* y .* x. Only the input nodes the result holds are normalized (each once, with
 * what is below it): a large input whose derivative keeps little of it costs a walk, not a rebuild.
 * The walks are its own, not `postorder`'s remembered orders: a result with nothing to change
 * leaves that table as it found it.
 */
export function withNormalInputParts(e: Expr, f: Expr): Expr {
  const inputs = new Set<Expr>();
  walkUnvisited(f, (x) => inputs.has(x), (x) => inputs.add(x));
  const normal = new Map<Expr, Expr>();
  const normalOf = (n: Expr): Expr => {
    walkUnvisited(n, (x) => normal.has(x), (x) => normal.set(x, rebuildNode(x, x.args.map((a) => normal.get(a) as Expr))));
    return normal.get(n) as Expr;
  };
  // The result's nodes, children first; the input nodes among them whose normal form is smaller.
  const order: Expr[] = [];
  const seen = new Set<Expr>();
  let shorter = false;
  walkUnvisited(e, (x) => seen.has(x), (x) => {
    seen.add(x);
    order.push(x);
    if (!shorter && inputs.has(x) && normalOf(x).size < x.size) shorter = true;
  });
  if (!shorter) return e;
  return rewriteBottomUp(e, (node, original) => {
    if (!inputs.has(original)) return node === original ? node : rebuildNode(node, node.args);
    // Below an input node there are only input nodes, each already as small as it gets here.
    const n = normalOf(original);
    return n.size < node.size ? n : node;
  }, order);
}
