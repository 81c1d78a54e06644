/**
 * The sizes a claim's text leaves open — a bare 𝟏, 𝟏ᵀ or 𝟏𝟏ᵀ, whose size only the context gives — are
 * the truth's where the claim's shape needs them: `𝟏ᵀ` claimed for the derivative of sum(x) by x
 * (x: vector(n)) is 1×n. They were fresh dimensions, so the product's own answer 𝟏ᵀ was judged
 * "incorrect (shape): the claim is 1×m". Only a dimension of the claim that no variable of the
 * expression has is renamed, only to a dimension (never to 1), and only where the renamed shape is
 * one of the truth's shapes (its layouts); the verdict is then decided on the values as before.
 */
import { type Expr, node, postorder } from '../model/expr';
import { type Dim, mulDim, shape } from '../model/shape';

/** `claim` with its open dimensions renamed to those of the first of `truths` whose shape they make. */
export function withOpenSizes(claim: Expr, truths: readonly Expr[], known: ReadonlySet<string>): Expr {
  const open = new Set<string>();
  for (const e of postorder(claim)) {
    for (const d of [e.shape.rows, e.shape.cols]) if (typeof d === 'string') for (const p of d.split('·')) if (!known.has(p)) open.add(p);
  }
  if (open.size === 0) return claim;
  for (const t of truths) {
    const renaming = new Map<string, Dim>();
    let fits = true;
    for (const [x, y] of [[t.shape.rows, claim.shape.rows], [t.shape.cols, claim.shape.cols]] as const) {
      if (x === y) continue;
      const free = typeof y === 'string' && open.has(y) && x !== 1 && (renaming.get(y) ?? x) === x;
      if (!free) {
        fits = false;
        break;
      }
      renaming.set(y, x);
    }
    if (fits && renaming.size > 0) return renameDimensions(claim, renaming);
  }
  return claim;
}

/** e with its dimensions renamed (each factor of a product of dimensions too); every node rebuilt with its renamed shape. */
export function renameDimensions(root: Expr, renamed: ReadonlyMap<string, Dim>): Expr {
  const dim = (d: Dim): Dim => (typeof d === 'string' ? d.split('·').map((p) => renamed.get(p) ?? p).reduce<Dim>((x, y) => mulDim(x, y), 1) : d);
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) {
    const args = e.args.map((a) => done.get(a) as Expr);
    // entry and unit keep their indices (numbers), commutation and size their dimensions.
    const dims = e.dims && (e.op === 'commutation' || e.op === 'size') ? e.dims.map(dim) : e.dims;
    done.set(e, node({ op: e.op, args, shape: shape(dim(e.shape.rows), dim(e.shape.cols)), name: e.name, value: e.value, rational: e.rational, dims, symmetric: e.symmetric, probabilities: e.probabilities }));
  }
  return done.get(root) as Expr;
}
