/**
 * Products kept unbuilt along deep compositions (issue 17). Forward and reverse mode pass a value
 * through each node of a chain as a product: u̇ = m·ȧ (sin(a)˙ = cos(a)·ȧ), ā = ū ⊙ m (the adjoint
 * of sin(a) is ū ⊙ cos(a)). Built at every level, each product would be a new flattened product of
 * all the multipliers below it — sin(sin(…x…)) 10,000 deep made products of 1, 2, …, 10,000
 * factors, quadratic. A node's value is kept instead as its multipliers and a link to the value it
 * multiplies (`Link`), and the product is built once, where a rule or the result needs it
 * (`built`), from the nearest value already built.
 */
import { variable, type Expr } from '../model/expr';
import type { Shape } from '../model/shape';
import { hadamard, mul } from '../simplify/build';

export type ProductOp = 'mul' | 'hadamard';

/** The factors a rule put before and after τ in t = b·τ·c (op undefined: t is τ itself). */
export interface Multiplier {
  readonly before: readonly Expr[];
  readonly after: readonly Expr[];
  readonly op?: ProductOp;
}

/** A value kept unbuilt: op(`before`…, the value of `inner`, `after`…). */
export interface Link<K> extends Multiplier {
  readonly inner: K;
}

/** A fresh name for each stand-in (not a name any reader accepts). */
let stand = 0;

/** A stand-in for the value a rule is applied to, newer than every node made so far (see `multiplier`). */
export const standIn = (shape: Shape): Expr => variable(`#stand${++stand}`, shape);

/**
 * One stand-in per shape for one pass of an engine, each made when first needed: newer than every
 * node of the expression differentiated, which is all `multiplier` needs (a node older than τ cannot
 * contain it) — not one stand-in, and one more leaf to intern, per node of the pass.
 */
export function standIns(): (shape: Shape) => Expr {
  const made: Expr[] = [];
  return (shape) => {
    for (const tau of made) if (tau.shape.rows === shape.rows && tau.shape.cols === shape.cols) return tau;
    const tau = standIn(shape);
    made.push(tau);
    return tau;
  };
}

/** The factors before and after τ in t = b·τ·c (or b ⊙ τ ⊙ c), when τ is one factor of t and in none of the others; else undefined. */
export function multiplier(t: Expr, tau: Expr): Multiplier | undefined {
  if (t === tau) return { before: [], after: [] };
  if ((t.op !== 'mul' && t.op !== 'hadamard') || t.args.filter((g) => g === tau).length !== 1) return undefined;
  const others = t.args.filter((g) => g !== tau);
  // Nodes older than τ cannot contain it (ids grow), so only the rule's new nodes are searched.
  const stack = others.filter((g) => g.id > tau.id);
  while (stack.length > 0) {
    const g = stack.pop() as Expr;
    if (g === tau) return undefined;
    for (const c of g.args) if (c.id >= tau.id) stack.push(c);
  }
  const at = t.args.indexOf(tau);
  return { before: t.args.slice(0, at), after: t.args.slice(at + 1), op: t.op };
}

/** Can a link of product `op` continue a chain of links of product `below`? (τ alone fits any.) */
export const sameProduct = (op: ProductOp | undefined, below: ProductOp | undefined): boolean =>
  op === undefined || below === undefined || op === below;

/**
 * The value of `from` built: the nearest built value down its links (`link` gives none there), with
 * every link's factors on its side, in order — op(b₁…, b₂…, base, …a₂, …a₁) for links (b₁, a₁) over
 * (b₂, a₂) over base. `op`: the product when no link names one (else the links' value is the base).
 */
export function built<K>(from: K, link: (k: K) => Link<K> | undefined, value: (k: K) => Expr, op?: ProductOp): Expr {
  const before: Expr[] = [];
  const after: (readonly Expr[])[] = [];
  let product = op;
  let at = from;
  for (let l = link(at); l !== undefined; l = link(at)) {
    before.push(...l.before);
    after.push(l.after);
    product = l.op ?? product;
    at = l.inner;
  }
  const factors = [...before, value(at), ...after.reverse().flat()];
  if (product === undefined) return factors[0];
  return product === 'hadamard' ? hadamard(...factors) : mul(...factors);
}
