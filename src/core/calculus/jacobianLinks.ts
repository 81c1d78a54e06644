/**
 * Jacobians kept as links to their parent's (issue 17): J_a = J_u·D, the Jacobian of an argument a
 * reached from u through the local Jacobian D, is kept as the pair (J_u, D) — a `Linked` — and not
 * built as the flat product of every local Jacobian from f down to a. Along a deep recurrence
 * h_k = tanh(W h_{k−1} + U x + b) the flat products had O(N − k) factors at step k, and the variable
 * used at every step received N of them: O(N²) nodes, which presentation nested back, one common
 * factor at a time, in O(N³).
 *
 * The contributions a node receives are links in one tree (each has one parent). Their sum is the
 * Jacobian of their lowest common ancestor L times the sum of the paths from L to each of them —
 * Σ J_L·P(L→t) = J_L·S(L), S(v) = [v is a contribution]·I + Σ over v's children c of D_c·S(c) — the
 * nested (Horner) form J_L(I + W D(I + W D(…))) built directly, one sum per node of the tree between
 * L and the contributions. Sound: distributivity only.
 */
import type { Expr } from '../model/expr';
import { isScalar, type Dim } from '../model/shape';
import { add, eye, isLargeSum, mul, num, sumOfBuilt } from '../simplify/build';

/** J_inner · factor, unbuilt; `depth`: how many links lead down to it from an unlinked Jacobian. */
export interface Linked<B> {
  readonly inner: B | Linked<B>;
  readonly factor: Expr;
  readonly depth: number;
}

export const isLinked = <B extends object>(p: B | Linked<B>): p is Linked<B> => 'factor' in p && 'depth' in p;

const depthOf = <B extends object>(p: B | Linked<B>): number => (isLinked(p) ? p.depth : 0);

export function linked<B extends object>(inner: B | Linked<B>, factor: Expr): Linked<B> {
  return { inner, factor, depth: depthOf(inner) + 1 };
}

/** A product of at least this many factors is long (isLong). */
export const LONG_PRODUCT = 12;

/**
 * A Jacobian built as a product of LONG_PRODUCT factors or more, or a large sum (LARGE_SUM terms or
 * more, written flat), is kept as a link below it (J·D linked, not built): below a short one, J·D is
 * built, as it always was — the Jacobian of a small expression is the same product or sum.
 */
export const isLong = (e: Expr): boolean => (e.op === 'mul' && e.args.length >= LONG_PRODUCT) || isLargeSum(e);

/** The value of a part: its unlinked Jacobian (`base`, built) times every link's factor, in order, one product. */
export function builtLinked<B extends object>(p: B | Linked<B>, base: (b: B) => Expr): Expr {
  const factors: Expr[] = [];
  let at = p;
  while (isLinked(at)) {
    factors.push(at.factor);
    at = at.inner;
  }
  if (factors.length === 0) return base(at);
  factors.push(base(at));
  factors.reverse();
  return mul(...factors);
}

/** A node of the tree between the common ancestor and the contributions. */
interface Spanned<B> {
  readonly part: B | Linked<B>;
  /** How many contributions are this node itself, and the index of the first of them. */
  count: number;
  readonly own: number;
  /** The first contribution (its index) in this node's subtree. */
  first: number;
  /** How many contributions its subtree holds (each counted as often as it came). */
  size: number;
  readonly children: Spanned<B>[];
  /** The factor from its parent in the tree: its link's, or the rest of a built product (prefixed). */
  factor?: Expr;
}

/**
 * The sum of the contributions: one link J_L·S(L) from their lowest common ancestor L; when they have
 * none (they come down from different unlinked Jacobians), the sum built, one term per unlinked
 * Jacobian they come from (its contributions summed as S of it), in the order they came.
 */
export function linkedSum<B extends object>(parts: readonly (B | Linked<B>)[], columns: Dim, base: (b: B) => Expr, factorsOf: (b: B) => readonly Expr[] | undefined): Expr | Linked<B> {
  const nodes = new Map<B | Linked<B>, Spanned<B>>();
  const byDepth: Spanned<B>[][] = [];
  let maxDepth = 0;
  parts.forEach((p, i) => {
    const known = nodes.get(p);
    if (known !== undefined) {
      known.count++;
      known.size++;
      return;
    }
    const s: Spanned<B> = { part: p, count: 1, own: i, first: i, size: 1, children: [] };
    nodes.set(p, s);
    const d = depthOf(p);
    (byDepth[d] ??= []).push(s);
    maxDepth = Math.max(maxDepth, d);
  });
  let active = nodes.size;
  // Up from the deepest, one level at a time, until the walks meet in one node (active = 1).
  for (let d = maxDepth; d > 0 && active > 1; d--) {
    for (const s of byDepth[d] ?? []) {
      const parent = (s.part as Linked<B>).inner;
      let up = nodes.get(parent);
      if (up === undefined) {
        up = { part: parent, count: 0, own: -1, first: s.first, size: 0, children: [] };
        nodes.set(parent, up);
        (byDepth[d - 1] ??= []).push(up);
      } else {
        active--;
      }
      up.children.push(s);
      s.factor = (s.part as Linked<B>).factor;
      up.size += s.size;
      up.first = Math.min(up.first, s.first);
      if (active === 1) return linked(up.part, pathSum(up, columns));
    }
  }
  if (active === 1) {
    // One part, come more than once: count·J.
    const [only] = nodes.values();
    return linked(only.part, pathSum(only, columns));
  }
  // The walks reached unlinked Jacobians and did not meet.
  const roots = prefixed((byDepth[0] ?? []).slice().sort((x, y) => x.first - y.first), factorsOf);
  if (roots.length === 1) return linked(roots[0].part, pathSum(roots[0], columns));
  const terms: Term[] = [];
  for (const r of roots) {
    if (r.children.length === 0) for (let k = 0; k < r.count; k++) terms.push({ expr: base(r.part as B), first: r.own, size: 1 });
    else terms.push({ expr: builtLinked(linked(r.part, pathSum(r, columns)), base), first: r.first, size: r.size });
  }
  return sumOfBuilt(factoredOrder(terms).map((t) => t.expr));
}

/** A node of the trie of built products (prefixed): one prefix of their factors. */
interface Prefix<B> {
  node?: Spanned<B>;
  readonly next: Map<Expr, Prefix<B>>;
}

/**
 * The unlinked Jacobians the contributions come from, each a built product, in the tree of their
 * common left factors: E₁ = P·R₁ and E₂ = P·R₂ below P, linked with the factors R₁, R₂ (a product
 * that is all of P is P itself). Along a recurrence the short Jacobians are built (isLong), each the
 * one before it times W·D: they share the link's common ancestor this way. The trees' roots are
 * returned — one when all the products share a first factor.
 */
function prefixed<B>(roots: readonly Spanned<B>[], factorsOf: (b: B) => readonly Expr[] | undefined): Spanned<B>[] {
  const top: Prefix<B> = { next: new Map() };
  const out: Spanned<B>[] = [];
  const order: [Prefix<B>, Prefix<B>, Expr][] = [];
  for (const r of roots) {
    const factors = factorsOf(r.part as B);
    if (factors === undefined) {
      out.push(r);
      continue;
    }
    let at = top;
    for (const f of factors) {
      let next = at.next.get(f);
      if (next === undefined) {
        next = { next: new Map() };
        at.next.set(f, next);
        order.push([at, next, f]);
      }
      at = next;
    }
    if (at.node === undefined) at.node = r;
    else merge(at.node, r);
  }
  // Each prefix a node of the tree: a prefix no product ends at gets one whose part is its last factor
  // (only a root's, a first factor, is used).
  const made = new Map<Prefix<B>, Spanned<B>>();
  for (const [, down, f] of order) {
    if (down.node === undefined) made.set(down, { part: f as unknown as B, count: 0, own: -1, first: Infinity, size: 0, children: [] });
  }
  const nodeOf = (t: Prefix<B>): Spanned<B> => t.node ?? (made.get(t) as Spanned<B>);
  // The edges made last (the deepest) first: a child's size is whole when its parent adds it.
  for (let i = order.length - 1; i >= 0; i--) {
    const [up, down, f] = order[i];
    if (up === top) continue;
    const child = nodeOf(down);
    const parent = nodeOf(up);
    child.factor = f;
    parent.children.push(child);
    parent.size += child.size;
    parent.first = Math.min(parent.first, child.first);
  }
  for (const [up, down] of order) if (up === top) out.push(nodeOf(down));
  return out.sort((x, y) => x.first - y.first);
}

/** r's contributions and children into s, the node of the same product. */
function merge<B>(s: Spanned<B>, r: Spanned<B>): void {
  s.count += r.count;
  s.size += r.size;
  s.first = Math.min(s.first, r.first);
  s.children.push(...r.children);
}

/** A contribution's path from a node of the tree, built flat, and the index of the contribution. */
interface Path {
  readonly expr: Expr;
  readonly at: number;
}

/** How many factors a path's product has. */
const factorCount = (e: Expr): number => (e.op === 'mul' ? e.args.length : 1);

/**
 * S(top) = count·I + Σ D_c·S(c), children first (a loop: a recurrence thousands of steps deep must
 * not overflow the stack). Where a node's paths to its contributions hold LONG_PRODUCT factors or
 * fewer, S is their flat sum, as the contributions built whole would be summed (present/factor.ts
 * then factors it as it factored them: J(X₁ + X₂) as JX₁ + JX₂); above, nested (sumAt). A node that
 * is no contribution and has one child is a step of a path, S(s) = D_c·S(c): such a run of steps is
 * built once, as one product of its factors, where a node above needs it (valueOf) — built one step at
 * a time, each S a new flat product of the factors below it, a path of m steps took O(m²), and a
 * Hessian through a deep recurrence has one such path per layer (issue 17).
 */
function pathSum<B>(top: Spanned<B>, columns: Dim): Expr {
  const sums = new Map<Spanned<B>, Expr>();
  const steps = new Set<Spanned<B>>();
  const flats = new Map<Spanned<B>, readonly Path[] | undefined>();
  const done = (c: Spanned<B>): boolean => sums.has(c) || steps.has(c);
  const stack: Spanned<B>[] = [top];
  while (stack.length > 0) {
    const s = stack[stack.length - 1];
    const pending = s.children.filter((c) => !done(c));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    const flat = flatPaths(s, flats, columns);
    flats.set(s, flat);
    if (flat !== undefined) sums.set(s, add(...flat.map((p) => p.expr)));
    else if (s !== top && s.count === 0 && s.children.length === 1) steps.add(s);
    else sums.set(s, sumAt(s, (c) => valueOf(c, sums, steps), columns));
  }
  return sums.get(top) as Expr;
}

/**
 * S(s) of a node: built, or for a step of a path, D₁·D₂·…·D_m·S(e) down to the first node e that is
 * not one, as the steps one at a time make it (sumAt of one child: D·I is D for a matrix D).
 */
function valueOf<B>(s: Spanned<B>, sums: ReadonlyMap<Spanned<B>, Expr>, steps: ReadonlySet<Spanned<B>>): Expr {
  const factors: Expr[] = [];
  let at = s;
  while (steps.has(at)) {
    const [c] = at.children;
    factors.push(c.factor as Expr);
    at = c;
  }
  let value = sums.get(at) as Expr;
  if (factors.length === 0) return value;
  if (value.op === 'eye' && !isScalar(factors[factors.length - 1].shape)) value = factors.pop() as Expr;
  return factors.length === 0 ? value : mul(...factors, value);
}

/** The paths from s to its contributions in the order they came, built, or undefined past LONG_PRODUCT factors. */
function flatPaths<B>(s: Spanned<B>, flats: ReadonlyMap<Spanned<B>, readonly Path[] | undefined>, columns: Dim): readonly Path[] | undefined {
  const out: Path[] = [];
  let factors = 0;
  for (let k = 0; k < s.count; k++) out.push({ expr: eye(columns), at: s.own });
  for (const c of s.children) {
    const below = flats.get(c);
    if (below === undefined) return undefined;
    for (const p of below) {
      const expr = mul(c.factor as Expr, p.expr);
      factors += factorCount(expr);
      if (factors > LONG_PRODUCT) return undefined;
      out.push({ expr, at: p.at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface Term {
  readonly expr: Expr;
  readonly first: number;
  /** How many contributions of the flat sum it stands for. */
  readonly size: number;
}

/** S(s) from its children's sums, its terms in the order the flat sum's would be factored (factoredOrder). */
function sumAt<B>(s: Spanned<B>, sumOf: (c: Spanned<B>) => Expr, columns: Dim): Expr {
  const terms: Term[] = [];
  // A contribution itself: J_L·P(L→s)·I, I of the size of the variable the contributions are for.
  if (s.count > 0) terms.push({ expr: s.count === 1 ? eye(columns) : mul(num(s.count), eye(columns)), first: s.own, size: 1 });
  for (const c of s.children) {
    const inner = sumOf(c);
    const factor = c.factor as Expr;
    // A scalar factor (a built product's, prefixed) times I stays c·I.
    terms.push({ expr: inner.op === 'eye' && !isScalar(factor.shape) ? factor : mul(factor, inner), first: c.first, size: c.size });
  }
  if (terms.length === 1) return terms[0].expr;
  return add(...factoredOrder(terms).map((t) => t.expr));
}

/**
 * The terms in the order present/factor.ts's greedy factorSum gives the flat sum they stand for: the
 * term standing for the most contributions (at least two: they share a factor; the first of equals)
 * to the front, again until none is left — so the last taken stands first — then the others in the
 * order they came. One sort, not a scan of all the terms per term taken (quadratic where many
 * branches meet at one node: 2,000 of them took 408 ms).
 */
export function factoredOrder(terms: Term[]): Term[] {
  terms.sort((a, b) => a.first - b.first);
  const shared = terms.filter((t) => t.size >= 2);
  if (shared.length === 0) return terms;
  const at = new Map(shared.map((t, i) => [t, i]));
  // Taken largest first, the earlier of equals first; in front, the reverse of that.
  shared.sort((a, b) => a.size - b.size || (at.get(b) as number) - (at.get(a) as number));
  return [...shared, ...terms.filter((t) => t.size < 2)];
}
