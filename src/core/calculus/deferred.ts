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
import { memoRecentBy } from '../model/memo';
import type { Shape } from '../model/shape';
import { hadamard, mul, plainHadamardFactors, scalarProductAround } from '../simplify/build';

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

/**
 * The stand-in τ of a shape for the value a rule is applied to: a leaf no reader makes ('#τ' is not
 * a name), interned like every node, so that a rule's result with it is the same node from one
 * request to the next — found in the table, not made again (a fresh stand-in per pass made every
 * such result anew, and the table kept them). No expression an engine is given or returns contains
 * τ: `multiplier` keeps only the factors without it.
 */
export const standIn = (shape: Shape): Expr => variable('#τ', shape);

/** Whether a node is one of the expression an engine differentiates (its postorder `order`): the set made when first asked. */
export function memberOf(order: readonly Expr[]): (e: Expr) => boolean {
  let ids: Set<number> | undefined;
  return (e) => {
    ids ??= new Set(order.map((n) => n.id));
    return ids.has(e.id);
  };
}

/**
 * The factors before and after τ in t = b·τ·c (or b ⊙ τ ⊙ c), when τ is one factor of t and in none
 * of the others; else undefined. `given(e)`: e is a node of the expression differentiated, which
 * cannot contain τ — only the nodes the rule made (or found again) are searched.
 */
export function multiplier(t: Expr, tau: Expr, given: (e: Expr) => boolean): Multiplier | undefined {
  if (t === tau) return { before: [], after: [] };
  if ((t.op !== 'mul' && t.op !== 'hadamard') || t.args.filter((g) => g === tau).length !== 1) return undefined;
  const others = t.args.filter((g) => g !== tau);
  const stack = others.filter((g) => !given(g));
  while (stack.length > 0) {
    const g = stack.pop() as Expr;
    if (g === tau) return undefined;
    for (const c of g.args) if (!given(c)) stack.push(c);
  }
  const at = t.args.indexOf(tau);
  return { before: t.args.slice(0, at), after: t.args.slice(at + 1), op: t.op };
}

/**
 * The multiplier of ū ⊙ factors as hadamard() builds it (with τ for ū), when it only flattens the
 * factors (plainHadamardFactors); else undefined.
 */
export function hadamardMultiplier(factors: readonly Expr[]): Multiplier | undefined {
  const after = plainHadamardFactors(factors);
  if (after === undefined) return undefined;
  return after.length === 0 ? { before: [], after: [] } : { before: [], after, op: 'hadamard' };
}

/**
 * The multiplier of left·τ·right for 1×1 values as mul() builds it, when it only flattens the factors
 * and folds their numbers (scalarProductAround); else undefined.
 */
export function scalarMultiplier(left: readonly Expr[], right: readonly Expr[]): Multiplier | undefined {
  const sides = scalarProductAround(left, right);
  if (sides === undefined) return undefined;
  return sides.before.length + sides.after.length === 0 ? { before: [], after: [] } : { before: sides.before, after: sides.after, op: 'mul' };
}

/** How many (node, argument) pairs a rememberedMultiplier remembers. */
const RECENT_MULTIPLIERS = 4096;

/**
 * `find`, a rule's multiplier for u's i-th argument (found by applying the rule to τ), remembered
 * for the pairs seen last: it is a pure function of the interned node u and i (`given` only spares
 * the search the nodes of the expression differentiated), so an expression differentiated again,
 * or one that shares nodes with the last ones, does not apply each rule a second time to find it.
 * Null: the rule does not give that form.
 */
export function rememberedMultiplier(
  find: (u: Expr, i: number, given: (e: Expr) => boolean) => Multiplier | undefined,
): (u: Expr, i: number, given: (e: Expr) => boolean) => Multiplier | null {
  return memoRecentBy(
    (u: Expr, i: number, given: (e: Expr) => boolean) => find(u, i, given) ?? null,
    (u: Expr, i: number) => (i < 1024 ? u.id * 1024 + i : `${u.id}:${i}`),
    RECENT_MULTIPLIERS,
  );
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
  const factors = before;
  factors.push(value(at));
  for (let i = after.length - 1; i >= 0; i--) for (const g of after[i]) factors.push(g);
  if (product === undefined) return factors[0];
  return product === 'hadamard' ? hadamard(...factors) : mul(...factors);
}
