/**
 * Products that share a start, written with the start once (issue 17).
 *
 * The answer's products are flat: a product holding another as its first factors holds those factors
 * again. The Hessian of sum(h ⊙ x) through h_k = tanh(W h_(k−1)) has at every layer k a product
 * J_kᵀ·diag(c_k), J_kᵀ = Wᵀ diag(d₁)Wᵀ diag(d₂)⋯Wᵀ (2k factors), each but for its last factors the start
 * of the next: the DAG had 13 nodes a layer but O(L²) edges, and so did every written form (5–6
 * characters an edge). Here a start shared by two products or more (of START factors or more) is made
 * one product node, and each product that starts with it holds it as its first factor — the start of a
 * shared start nested in it again — so the binding form (present/bindings.ts) names it once:
 * u₉ = u₆ diag(u₈)Wᵀ, u₆ = u₃ diag(u₅)Wᵀ, u₃ = Wᵀu₂Wᵀ. O(1) edges a layer.
 *
 * Sound: associativity only (A·B·C = (A·B)·C), the numbers in front kept in front. Only for the written
 * forms of an expression: a product holding a product is no node any simplification rule reads (each
 * reader's product flattens it back, so what is written reads back as the same product).
 */
import { type Expr, postorder, rawMul, withArgs } from '../model/expr';
import { isScalar, shape } from '../model/shape';
import { checkpoint } from '../limits/budget';

/** The fewest factors of a start named on its own. */
const START = 3;

/** A node of the trie of the products' matrix factors: one start. */
interface Start {
  readonly up: Start | undefined;
  readonly factor: Expr | undefined;
  readonly depth: number;
  readonly next: Map<Expr, Start>;
  /** Whether the start is 1×1 (the first factor's rows, its last factor's columns): never a node of its own. */
  readonly scalar: boolean;
  /** How many distinct products begin with this start (itself one of them or not). */
  products: number;
  /** How many of them are this start itself. */
  ends: number;
  /** The start as a product node, once made. */
  node?: Expr;
}

/**
 * A product's numbers and scalars in front, and its matrix factors after them; undefined when a scalar
 * stands among the matrices or the matrices are fewer than START.
 */
function split(e: Expr): { readonly scalars: readonly Expr[]; readonly chain: readonly Expr[] } | undefined {
  if (e.op !== 'mul') return undefined;
  let i = 0;
  while (i < e.args.length && isScalar(e.args[i].shape)) i++;
  const chain = e.args.slice(i);
  if (chain.length < START || chain.some((f) => isScalar(f.shape) || f.op === 'mul')) return undefined;
  return { scalars: e.args.slice(0, i), chain };
}

/**
 * Whether a start is one node: shared, long enough, no 1×1 product (a scalar moves to the front), and
 * where the products part (one ends there, or they go on with different factors) — a start all its
 * products go on from with the same factor is written inside the longer one.
 */
const named = (s: Start): boolean => s.products >= 2 && s.depth >= START && !s.scalar && (s.ends > 0 || s.next.size >= 2);

/**
 * `root` with every start of START matrix factors or more that two products or more share made one
 * product node, nested in each product that starts with it (see the module comment); `root` itself
 * when no product shares one. Linear in the DAG's edges; no recursion (chains thousands deep).
 */
export function nestSharedStarts(root: Expr): Expr {
  const order = postorder(root);
  const top: Start = { up: undefined, factor: undefined, depth: 0, next: new Map(), scalar: false, products: 0, ends: 0 };
  const pathOf = new Map<Expr, Start[]>();
  let shared = false;
  for (const e of order) {
    const parts = split(e);
    if (parts === undefined) continue;
    const path: Start[] = [];
    let at = top;
    const rows = parts.chain[0].shape.rows;
    for (const f of parts.chain) {
      checkpoint();
      let next = at.next.get(f);
      if (next === undefined) at.next.set(f, (next = { up: at, factor: f, depth: at.depth + 1, next: new Map(), scalar: isScalar(shape(rows, f.shape.cols)), products: 0, ends: 0 }));
      next.products++;
      path.push(next);
      at = next;
    }
    at.ends++;
    pathOf.set(e, path);
  }
  for (const path of pathOf.values()) for (let k = START - 1; k < path.length && !shared; k++) shared = named(path[k]);
  if (!shared) return root;
  const rewritten = new Map<Expr, Expr>();
  const now = (f: Expr): Expr => rewritten.get(f) ?? f;
  // A start's node: the nearest named start above it, nested, then its own factors since that one.
  const nodeOf = (s: Start): Expr => {
    const open: Start[] = [];
    for (let at: Start | undefined = s; at !== undefined && at.node === undefined; ) {
      open.push(at);
      let up: Start | undefined = at.up;
      while (up !== undefined && up !== top && !named(up)) up = up.up;
      at = up === top ? undefined : up;
    }
    for (let i = open.length - 1; i >= 0; i--) {
      const t = open[i];
      const factors: Expr[] = [];
      let up = t.up as Start;
      for (let at = t; ; at = up, up = at.up as Start) {
        checkpoint();
        factors.push(now(at.factor as Expr));
        if (up === top || named(up)) break;
      }
      factors.reverse();
      t.node = up === top ? rawMul(factors) : rawMul([up.node as Expr, ...factors]);
    }
    return s.node as Expr;
  };
  for (const e of order) {
    const args = e.args.length === 0 ? e.args : e.args.map(now);
    let out = withArgs(e, args);
    const path = pathOf.get(e);
    if (path !== undefined) {
      let k = path.length - 1;
      while (k >= START - 1 && !named(path[k])) k--;
      if (k >= START - 1) {
        const parts = split(e) as { scalars: readonly Expr[]; chain: readonly Expr[] };
        const start = nodeOf(path[k]);
        const rest = parts.chain.slice(k + 1).map(now);
        out = parts.scalars.length === 0 && rest.length === 0 ? start : rawMul([...parts.scalars.map(now), start, ...rest]);
      }
    }
    if (out !== e) rewritten.set(e, out);
  }
  return now(root);
}

