/**
 * Distribute sums where that makes an expression smaller: σ(1 − σ)((1 − y)/(1 − σ) − y/σ)
 * becomes σ(1 − y) − (1 − σ)y and then σ − y once like terms cancel. A product is distributed
 * over one of its 1×1 sum factors, a Hadamard product over one of its sum factors (the same algebra
 * entry by entry: ((𝟏 − y) ⊘ (𝟏 − σ) − y ⊘ σ) ⊙ σ ⊙ (𝟏 − σ) = σ − y, the binary cross-entropy
 * over a batch), a sum over the products among its terms; each rewrite is kept only when the result
 * is strictly smaller (so the pass terminates) and the number of terms stays bounded. Sound:
 * distributivity only.
 */
import { Expr, postorder, walkUnvisited, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { add, hadamard, mul } from '../simplify/build';

const MAX_TERMS = 32;

/** a·(b + c)·d → a·b·d + a·c·d (a ⊙ (b + c) ⊙ d likewise) over the i-th factor, a sum. */
function distributeAt(m: Expr, i: number): Expr[] {
  const product = m.op === 'hadamard' ? hadamard : mul;
  return m.args[i].args.map((t) => product(...m.args.map((f, j) => (j === i ? t : f))));
}

/** A sum a product distributes over: 1×1 in a matrix product, any in a Hadamard product (its factors share its shape). */
const isSumFactor = (m: Expr, f: Expr): boolean => f.op === 'add' && (m.op === 'hadamard' || isScalar(f.shape)) && f.args.length <= MAX_TERMS;

const isProduct = (m: Expr): boolean => m.op === 'mul' || m.op === 'hadamard';

const sumFactors = (m: Expr): number[] => (!isProduct(m) ? [] : m.args.flatMap((f, i) => (isSumFactor(m, f) ? [i] : [])));

interface Distribution {
  readonly terms: Expr[];
  /** Over a Hadamard product's sum. */
  readonly hadamard: boolean;
}

/** The distributions of m over each of its sum factors; c·H, H a Hadamard product, over H's (c·a ⊙ (b + c) → c·a ⊙ b + c·a ⊙ c). */
function distributions(m: Expr): Distribution[] {
  const own = sumFactors(m).map((i) => ({ terms: distributeAt(m, i), hadamard: m.op === 'hadamard' }));
  if (m.op !== 'mul') return own;
  const h = m.args.findIndex((f) => f.op === 'hadamard');
  if (h < 0) return own;
  const inner = distributions(m.args[h]).map((d) => ({ ...d, terms: d.terms.map((t) => mul(...m.args.map((f, j) => (j === h ? t : f)))) }));
  return [...own, ...inner];
}

/** Reciprocals (negative powers) in the tree of e, counted in one walk and memoized per node (nodes are immutable). */
const reciprocals = new WeakMap<Expr, number>();
function reciprocalsIn(root: Expr): number {
  walkUnvisited(root, (e) => reciprocals.has(e), (e) => {
    let n = e.op === 'pow' && e.args[1].op === 'num' && (e.args[1].value as number) < 0 ? 1 : 0;
    for (const a of e.args) n += reciprocals.get(a) as number;
    reciprocals.set(e, n);
  });
  return reciprocals.get(root) as number;
}

/**
 * Distribute over whichever sum factor gives the smallest result, if any is smaller. A Hadamard
 * product must also lose reciprocals (divisions cancelled, as in the cross-entropy): a smaller
 * G ⊘ (σ𝟏ᵀ) − (X ⊙ (σ𝟏ᵀ)∘⁻² ⊙ …)/n would undo the normalization's (G − X̂ ⊙ …) ⊘ (σ𝟏ᵀ).
 */
function tryProduct(m: Expr): Expr {
  let best = m;
  for (const d of distributions(m)) {
    const candidate = trySum(add(...d.terms));
    if (candidate.size < best.size && (!d.hadamard || reciprocalsIn(candidate) < reciprocalsIn(m))) best = candidate;
  }
  return best;
}

function trySum(s: Expr): Expr {
  if (s.op !== 'add') return s;
  const terms = s.args.flatMap((t) => distributions(t)[0]?.terms ?? [t]);
  if (terms.length > MAX_TERMS || terms.length === s.args.length) return s;
  const candidate = add(...terms);
  return candidate.size < s.size ? trySum(candidate) : s;
}

const REBUILD: Partial<Record<Expr['op'], (...args: Expr[]) => Expr>> = { mul, add, hadamard };

export function expandWhereSmaller(root: Expr): Expr {
  const nodes = postorder(root);
  // Without a product over a sum nothing distributes, and every node would be rebuilt as itself.
  if (!nodes.some((e) => sumFactors(e).length > 0)) return root;
  const done = new Map<number, Expr>();
  for (const e of nodes) {
    let out = withArgs(e, e.args.map((a) => done.get(a.id) as Expr));
    const rebuild = REBUILD[out.op];
    if (out !== e && rebuild) out = rebuild(...out.args);
    if (isProduct(out)) out = tryProduct(out);
    else if (out.op === 'add') out = trySum(out);
    done.set(e.id, out);
  }
  return done.get(root.id) as Expr;
}
