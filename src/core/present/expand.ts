/**
 * Distribute sums where that makes an expression smaller: σ(1 − σ)((1 − y)/(1 − σ) − y/σ)
 * becomes σ(1 − y) − (1 − σ)y and then σ − y once like terms cancel. A product is distributed
 * over one of its 1×1 sum factors, a Hadamard product over one of its sum factors (the same algebra
 * entry by entry: ((𝟏 − y) ⊘ (𝟏 − σ) − y ⊘ σ) ⊙ σ ⊙ (𝟏 − σ) = σ − y, the binary cross-entropy
 * over a batch), a sum over the products among its terms; each rewrite is kept only when the result
 * is strictly smaller (so the pass terminates) and the number of terms stays bounded. Sound:
 * distributivity only.
 */
import { Expr, postorder, rationalNum, walkUnvisited, withArgs } from '../model/expr';
import { isColumn, isScalar } from '../model/shape';
import { add, diagm, hadamard, mul, splitCoefficient } from '../simplify/build';

const MAX_TERMS = 32;

/** a·(b + c)·d → a·b·d + a·c·d (a ⊙ (b + c) ⊙ d likewise) over the i-th factor, a sum. */
function distributeAt(m: Expr, i: number): Expr[] {
  const product = m.op === 'hadamard' ? hadamard : mul;
  return m.args[i].args.map((t) => product(...m.args.map((f, j) => (j === i ? t : f))));
}

/**
 * exp(u) of a column u, exp(u)ᵀ or diag(exp(u)): a factor the smart product makes a softmax of beside a power of
 * sum(exp(u))⁻¹ (simplify/softmaxForm.ts).
 */
function isWrittenOutExp(f: Expr): boolean {
  const e = f.op === 'diagm' || f.op === 'transpose' ? f.args[0] : f;
  return e.op === 'fn' && e.name === 'exp' && isColumn(e.shape);
}

/**
 * A sum a product distributes over: 1×1 in a matrix product or a scaled sum c·(A + B), any in a
 * Hadamard product (its factors share its shape), and any in a matrix product beside a written-out
 * exponential, whose terms may carry the sum(exp(u))⁻¹ that makes it a softmax: ∂(exp(z)/sum(exp(z)))/∂z,
 * (I/s − softmax(z)𝟏ᵀ/s)diag(exp(z)) with s = sum(exp(z)), is diag(softmax(z)) − softmax(z)softmax(z)ᵀ.
 */
const isSumFactor = (m: Expr, f: Expr): boolean =>
  f.op === 'add' &&
  f.args.length <= MAX_TERMS &&
  (m.op === 'hadamard' || isScalar(f.shape) || m.args.every((g) => g === f || isScalar(g.shape)) || (m.op === 'mul' && m.args.some(isWrittenOutExp)));

const isProduct = (m: Expr): boolean => m.op === 'mul' || m.op === 'hadamard';

/** The indices of m's sum factors (a loop: flatMap costs ~0.35 µs an element in V8 11, see docs/reliability.md §3.3). */
function sumFactors(m: Expr): number[] {
  const out: number[] = [];
  if (!isProduct(m)) return out;
  for (let i = 0; i < m.args.length; i++) if (isSumFactor(m, m.args[i])) out.push(i);
  return out;
}

/** sumFactors(m).length > 0, without making the list (asked of every node of a result). */
const hasSumFactor = (m: Expr): boolean => isProduct(m) && m.args.some((f) => isSumFactor(m, f));

interface Distribution {
  readonly terms: Expr[];
  /** Over a Hadamard product's sum. */
  readonly hadamard: boolean;
}

/** The distributions of m over each of its sum factors; c·H, H a Hadamard product, over H's (c·a ⊙ (b + c) → c·a ⊙ b + c·a ⊙ c); without `hadamardToo`, none over a Hadamard product's sum. */
function distributions(m: Expr, hadamardToo = true): Distribution[] {
  if (!hadamardToo && m.op === 'hadamard') return [];
  const own = sumFactors(m).map((i) => ({ terms: distributeAt(m, i), hadamard: m.op === 'hadamard' }));
  if (m.op !== 'mul' || !hadamardToo) return own;
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
  // A distribution over a Hadamard product's sum is kept only when it loses reciprocals: where m has
  // none, none is, and none is built (the MLP's Ḡ ⊙ (𝟏 − u∘²) at every layer: ×1.5 on its presentation).
  for (const d of distributions(m, reciprocalsIn(m) > 0)) {
    const candidate = trySum(add(...d.terms));
    if (candidate.size < best.size && (!d.hadamard || reciprocalsIn(candidate) < reciprocalsIn(m))) best = candidate;
  }
  return best;
}

/**
 * The frame of a term c·L·diag(v)·R (c scalars, L and R matrix factors, each possibly none): the
 * factors around its one diag, as a key ('' for no such term); the terms of one frame differ only in c·v.
 */
function frameOf(t: Expr): string {
  if (t.op === 'diagm') return 'D';
  if (t.op !== 'mul') return '';
  let diags = 0;
  const key: string[] = [];
  for (const f of t.args) {
    if (isScalar(f.shape)) continue;
    if (f.op === 'diagm') diags++;
    key.push(f.op === 'diagm' ? 'D' : String(f.id));
  }
  return diags === 1 ? key.join(',') : '';
}

/** The c·v of a term c·L·diag(v)·R. */
function diagonalOf(t: Expr): Expr {
  if (t.op === 'diagm') return t.args[0];
  const d = t.args.find((f) => f.op === 'diagm') as Expr;
  return mul(...t.args.filter((f) => isScalar(f.shape)), d.args[0]);
}

/**
 * Whether two terms of a sum may share a frame (frameOf is not '' only for a diag(v) or a product with a
 * diag factor): a test with no strings or lists, before frameCounts (asked of every sum of a result).
 */
function mayShareFrame(terms: readonly Expr[]): boolean {
  let framed = 0;
  for (const t of terms) if ((t.op === 'diagm' || (t.op === 'mul' && t.args.some((f) => f.op === 'diagm'))) && ++framed > 1) return true;
  return false;
}

/** How many terms have each frame; undefined when no two share one. */
function frameCounts(frames: readonly string[]): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  let shared = false;
  for (const k of frames) {
    if (k === '') continue;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    shared ||= n > 1;
  }
  return shared ? counts : undefined;
}

/**
 * A sum's terms L·diag(vᵢ)·R of one frame as one, L·diag(Σ vᵢ)·R, the inner sum expanded where
 * smaller — diag is linear: a log-likelihood's Hessian Xᵀdiag(a)D − Xᵀdiag(b)D + … whose diagonals
 * add up to 𝟏 is XᵀDX. The terms themselves when no two share a frame.
 */
function mergeDiagonals(terms: readonly Expr[]): readonly Expr[] {
  const frames = terms.map(frameOf);
  const counts = frameCounts(frames);
  if (counts === undefined) return terms;
  const out: Expr[] = [];
  const merged = new Set<string>();
  terms.forEach((t, i) => {
    const k = frames[i];
    if (k === '' || (counts.get(k) as number) < 2) out.push(t);
    else if (!merged.has(k)) {
      merged.add(k);
      const v = trySum(add(...terms.filter((_, j) => frames[j] === k).map(diagonalOf)));
      const around = t.op === 'diagm' ? [t] : t.args.filter((f) => !isScalar(f.shape));
      out.push(mul(...around.map((f) => (f.op === 'diagm' ? diagm(v) : f))));
    }
  });
  return out;
}

/**
 * Terms that are the same Hadamard product with its factors in another order written as the first
 * one is (y ⊙ σ⁻¹ and σ⁻¹ ⊙ y), so that the sum collects them: ⊙ commutes, and the builders keep
 * the order they are given.
 */
function sameOrder(terms: readonly Expr[]): Expr[] {
  const first = new Map<string, Expr>();
  return terms.map((t) => {
    const [c, rest] = splitCoefficient(t);
    if (rest.op !== 'hadamard') return t;
    const key = rest.args.map((f) => f.id).sort((a, b) => a - b).join(',');
    const seen = first.get(key);
    if (seen === undefined) first.set(key, rest);
    return seen === undefined || seen === rest ? t : mul(rationalNum(c), seen);
  });
}

function trySum(s: Expr): Expr {
  if (s.op !== 'add') return s;
  const merged = mergeDiagonals(s.args);
  if (merged !== s.args) {
    const candidate = add(...merged);
    if (candidate.size < s.size) return trySum(candidate);
  }
  const distributed: Expr[] = [];
  for (const t of s.args) {
    const d = distributions(t)[0];
    if (d === undefined) distributed.push(t);
    else for (const u of d.terms) distributed.push(u);
  }
  const terms = sameOrder(distributed);
  if (terms.length > MAX_TERMS || terms.length === s.args.length) return s;
  const candidate = add(...terms);
  return candidate.size < s.size ? trySum(candidate) : s;
}

const REBUILD: Partial<Record<Expr['op'], (...args: Expr[]) => Expr>> = { mul, add, hadamard };

export function expandWhereSmaller(root: Expr): Expr {
  const nodes = postorder(root);
  // Without a product over a sum nothing distributes, and every node would be rebuilt as itself.
  if (!nodes.some((e) => hasSumFactor(e) || (e.op === 'add' && mayShareFrame(e.args) && frameCounts(e.args.map(frameOf)) !== undefined))) return root;
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
