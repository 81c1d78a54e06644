/**
 * Products that share a start or an end, written with it once (issue 17).
 *
 * The answer's products are flat: a product holding another's factors holds them again. The Hessian of
 * sum(h ⊙ x) through h_k = tanh(W h_(k−1)) has at every layer k a product J_kᵀ·diag(c_k), J_kᵀ =
 * Wᵀ diag(d₁)Wᵀ diag(d₂)⋯Wᵀ (2k factors), each but for its last factors the start of the next: the DAG had
 * 13 nodes a layer but O(L²) edges, and so did every written form (5–6 characters an edge). Through the
 * gated state h_k = tanh(W h_(k−1)) ⊙ h_(k−1) its products share ends as well, and its Hadamard products
 * are each the product of every layer's gate but one (t₁ ⊙ … ⊙ t_(k−1) ⊙ t_(k+1) ⊙ … ⊙ t_L: a start and
 * an end that others share).
 *
 * Here a run of RUN factors or more that two products or more (of one kind: matrix or Hadamard) share at
 * their start, where they part (one ends there, or they go on with different factors), is made one
 * product node, and each product that starts with it holds it as its first factor — the shorter shared
 * start nested in it again; then, of what follows the start, a shared end likewise (its last factor
 * the shorter shared end). The binding form (present/bindings.ts) names each once: u₉ = u₆ diag(u₈)Wᵀ,
 * u₆ = u₃ diag(u₅)Wᵀ, u₃ = Wᵀu₂Wᵀ. O(1) edges a layer.
 *
 * Sound: associativity only (A·B·C = (A·B)·C; Hadamard products are associative too), the order of the
 * factors and the numbers in front kept; no 1×1 run (a scalar, which a product writes in front) is made
 * a node. Only for the written forms of an expression: a product holding a product is no node any
 * simplification rule reads (each reader's product flattens it back, so what is written reads back as
 * the same product).
 */
import { type Expr, postorder, rawHadamard, rawMul, withArgs } from '../model/expr';
import { isScalar, shape } from '../model/shape';
import { checkpoint } from '../limits/budget';

/** The fewest factors of a run named on its own. */
const RUN = 3;

/** A node of a trie of the products' factors (from the first, or for ends from the last): one run. */
interface Run {
  readonly up: Run | undefined;
  readonly factor: Expr | undefined;
  readonly depth: number;
  readonly next: Map<Expr, Run>;
  /** Whether the run is 1×1 as a matrix product: never a node of its own. */
  readonly scalar: boolean;
  /** How many distinct products have this run (at their start, or at the end of what follows their start). */
  products: number;
  /** How many of them are this run itself. */
  ends: number;
  /** The run as a product node, once made. */
  node?: Expr;
}

/**
 * Whether a run is one node: shared, long enough, not 1×1, and where the products part (one ends there,
 * or they go on with different factors) — a run all its products go on from with the same factor is
 * written inside the longer one.
 */
const named = (s: Run): boolean => s.products >= 2 && s.depth >= RUN && !s.scalar && (s.ends > 0 || s.next.size >= 2);

/** The runs of one kind of product, read from their first factor (starts) or their last (ends). */
class Runs {
  readonly top: Run = { up: undefined, factor: undefined, depth: 0, next: new Map(), scalar: false, products: 0, ends: 0 };

  constructor(
    private readonly make: (factors: readonly Expr[]) => Expr,
    private readonly fromEnd: boolean,
    private readonly matrix: boolean,
  ) {}

  /** The path of a product's factors (in product order) through the trie, each node counted once more. */
  insert(factors: readonly Expr[]): Run[] {
    const path: Run[] = [];
    let at = this.top;
    const n = factors.length;
    // The fixed side of a matrix run: the first factor's rows (a start) or the last one's columns (an end).
    const fixed = this.fromEnd ? factors[n - 1].shape.cols : factors[0].shape.rows;
    for (let i = 0; i < n; i++) {
      checkpoint();
      const f = factors[this.fromEnd ? n - 1 - i : i];
      let next = at.next.get(f);
      if (next === undefined) {
        const scalar = this.matrix && isScalar(this.fromEnd ? shape(f.shape.rows, fixed) : shape(fixed, f.shape.cols));
        at.next.set(f, (next = { up: at, factor: f, depth: at.depth + 1, next: new Map(), scalar, products: 0, ends: 0 }));
      }
      next.products++;
      path.push(next);
      at = next;
    }
    at.ends++;
    return path;
  }

  /** A run's node: the nearest named run above it, nested (first, or for an end last), then its own factors. */
  nodeOf(s: Run, now: (f: Expr) => Expr): Expr {
    const open: Run[] = [];
    for (let at: Run | undefined = s; at !== undefined && at.node === undefined; ) {
      open.push(at);
      let up: Run | undefined = at.up;
      while (up !== undefined && up !== this.top && !named(up)) up = up.up;
      at = up === this.top ? undefined : up;
    }
    for (let i = open.length - 1; i >= 0; i--) {
      const t = open[i];
      // From t up to the nearest named run: for a start the factors last to first, for an end first to last.
      const factors: Expr[] = [];
      let up = t.up as Run;
      for (let at = t; ; at = up, up = at.up as Run) {
        checkpoint();
        factors.push(now(at.factor as Expr));
        if (up === this.top || named(up)) break;
      }
      if (!this.fromEnd) factors.reverse();
      const inner = up === this.top ? [] : [up.node as Expr];
      t.node = this.make(this.fromEnd ? [...factors, ...inner] : [...inner, ...factors]);
    }
    return s.node as Expr;
  }
}

/** The deepest named run of a path, as an index (RUN − 1 or more), or −1. */
function deepest(path: readonly Run[]): number {
  for (let k = path.length - 1; k >= RUN - 1; k--) if (named(path[k])) return k;
  return -1;
}

/** A product to rewrite: its numbers in front, its factors, and where its start and its end are. */
interface Plan {
  readonly scalars: readonly Expr[];
  readonly factors: readonly Expr[];
  readonly kind: Kind;
  readonly starts: readonly Run[];
  start: number;
  ends?: readonly Run[];
}

interface Kind {
  readonly make: (factors: readonly Expr[]) => Expr;
  readonly starts: Runs;
  readonly ends: Runs;
}

const kindOf = (make: (factors: readonly Expr[]) => Expr, matrix: boolean): Kind => ({ make, starts: new Runs(make, false, matrix), ends: new Runs(make, true, matrix) });

/**
 * A matrix product's numbers and scalars in front and its matrix factors after them, or a Hadamard
 * product's factors; undefined when a scalar stands among them (or is the product) or the factors
 * are fewer than RUN.
 */
function split(e: Expr): { readonly scalars: readonly Expr[]; readonly factors: readonly Expr[] } | undefined {
  if (e.op === 'hadamard') {
    if (e.args.length < RUN || isScalar(e.shape) || e.args.some((f) => isScalar(f.shape))) return undefined;
    return { scalars: [], factors: e.args };
  }
  if (e.op !== 'mul') return undefined;
  let i = 0;
  while (i < e.args.length && isScalar(e.args[i].shape)) i++;
  const factors = e.args.slice(i);
  if (factors.length < RUN || factors.some((f) => isScalar(f.shape) || f.op === 'mul')) return undefined;
  return { scalars: e.args.slice(0, i), factors };
}

/**
 * `root` with every run of RUN factors or more that two products or more share at their start, or at
 * the end of what follows their start, made one product node, nested in each product that has it (see
 * the module comment); `root` itself when none is shared. Twice: the runs the first pass makes are
 * products too, which may share ends among themselves (through the gated state, each layer's start
 * A_k⋯A_L·Wᵀ is A_k times the next one's). Linear in the DAG's edges; no recursion (chains thousands deep).
 */
export function nestSharedRuns(root: Expr): Expr {
  const once = nestOnce(root);
  return once === root ? root : nestOnce(once);
}

function nestOnce(root: Expr): Expr {
  const order = postorder(root);
  const mul = kindOf(rawMul, true);
  const hadamard = kindOf(rawHadamard, false);
  const plans = new Map<Expr, Plan>();
  for (const e of order) {
    const parts = split(e);
    if (parts === undefined) continue;
    const kind = e.op === 'mul' ? mul : hadamard;
    plans.set(e, { ...parts, kind, starts: kind.starts.insert(parts.factors), start: -1 });
  }
  let shared = false;
  for (const p of plans.values()) {
    p.start = deepest(p.starts);
    const rest = p.factors.length - p.start - 1;
    if (rest >= RUN) p.ends = p.kind.ends.insert(p.factors.slice(p.start + 1));
  }
  for (const p of plans.values()) {
    shared ||= p.start >= 0 || (p.ends !== undefined && deepest(p.ends) >= 0);
    if (shared) break;
  }
  if (!shared) return root;
  const rewritten = new Map<Expr, Expr>();
  const now = (f: Expr): Expr => rewritten.get(f) ?? f;
  for (const e of order) {
    let out = e.args.length === 0 ? e : withArgs(e, e.args.map(now));
    const p = plans.get(e);
    if (p !== undefined) {
      const end = p.ends === undefined ? -1 : deepest(p.ends);
      if (p.start >= 0 || end >= 0) {
        const { starts, ends } = p.kind;
        const middle = p.factors.slice(p.start + 1, p.factors.length - end - 1).map(now);
        const parts = [
          ...p.scalars.map(now),
          ...(p.start >= 0 ? [starts.nodeOf(p.starts[p.start], now)] : []),
          ...middle,
          ...(end >= 0 ? [ends.nodeOf((p.ends as readonly Run[])[end], now)] : []),
        ];
        out = parts.length === 1 ? parts[0] : p.kind.make(parts);
      }
    }
    if (out !== e) rewritten.set(e, out);
  }
  return now(root);
}
