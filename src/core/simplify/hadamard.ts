/**
 * hadamard(): element-wise products — flattened, powers of a base merged, scalars taken out, and a
 * product of plain factors kept whole inside a larger one (hadamardFactors).
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { checkpoint } from '../limits/budget';
import { type Expr, num, zeros, ones, rawHadamard } from '../model/expr';
import { isScalar } from '../model/shape';
import { add } from './add';
import { reluTimesStep, sigmoidOf, signBesideAbsParts } from './factorRules';
import { Set as PersistentSet } from 'immutable';
import { isOnes, isZero } from './numbers';
import { pow } from './power';
import { mul } from './product';
import { pushReversed } from './stack';

/**
 * The factors of hadamard(τ, …factors) beside τ, for a new array leaf τ of their shape, when hadamard()
 * would only flatten them: every factor (a Hadamard product's own factors for one, hadamardFactors) is
 * an array — not a scalar, 0, 𝟏, a power, a step, a product with a scalar factor, or a Hadamard product
 * but one hadamardFactors keeps whole — and none repeats; then no rule of hadamard() applies (none of its powers to merge, steps to drop, sigmoid to
 * find, scalars to take out), and it builds τ ⊙ factors as they are. Undefined when unsure. Reverse
 * mode's links (calculus/gradient.ts) use it to state a rule's multiplier without building it with τ.
 */
export function plainHadamardFactors(factors: readonly Expr[]): Expr[] | undefined {
  const { flat, scalars } = hadamardFactors(factors);
  if (scalars.length > 0) return undefined;
  const seen = new Set<number>();
  for (const g of flat) {
    if (!(isPlainHadamardFactor(g) || g.op === 'hadamard') || seen.has(g.id)) return undefined;
    seen.add(g.id);
  }
  return flat;
}

const isPlainHadamardFactor = (g: Expr): boolean =>
  !isScalar(g.shape) && g.op !== 'hadamard' && g.op !== 'zeros' && g.op !== 'ones' && g.op !== 'pow' && !(g.op === 'fn' && g.name === 'step') &&
  !(g.op === 'mul' && (g.args.some((a) => isScalar(a.shape)) || g.args.every((a) => a.op === 'ones')));

/** The functions hadamard()'s rules look for among the factors (sign beside |·|, relu beside its step, sigmoid's exp). */
const WATCHED = new Set(['sign', 'abs', 'relu', 'exp']);

/**
 * A Hadamard product kept whole inside another: built by hadamard(), of three factors or more, each plain
 * (plainHadamardFactors: no power, step, 𝟏, scalar product…; no sign, |·|, relu or exp, which hadamard()'s
 * rules look for) or a product kept whole itself, none repeated (noteLeaves).
 */
const keepable = (c: Expr): boolean => LEAVES.has(c);

/**
 * The ids of every factor of a product kept whole, through the products kept whole inside it, for those
 * hadamard() built (a product another module built raw is not kept whole). Persistent sets (Immutable.js's
 * Set, a hash array mapped trie): a product's set is the largest of those it keeps with the others' ids
 * added, sharing its storage — a copy of it was O(k) at the k-th level of a chain
 * h_k = tanh(W h_(k−1)) ⊙ h_(k−1), quadratic in the depth.
 */
type IdSet = PersistentSet<number>;
const LEAVES = new WeakMap<Expr, IdSet>();
const NO_IDS: IdSet = PersistentSet<number>();

/** Notes the factors of c, built by hadamard(), when it can be kept whole (keepable). */
function noteLeaves(c: Expr): void {
  if (LEAVES.has(c) || c.args.length < 3 || new Set(c.args).size < c.args.length) return;
  const below: IdSet[] = [];
  const own: number[] = [];
  for (const g of c.args) {
    if (g.op === 'hadamard') {
      const leaves = LEAVES.get(g);
      if (leaves === undefined) return;
      below.push(leaves);
    } else if (isPlainHadamardFactor(g) && !(g.op === 'fn' && WATCHED.has(g.name as string))) own.push(g.id);
    else return;
  }
  let largest = 0;
  below.forEach((b, i) => {
    if (b.size > below[largest].size) largest = i;
  });
  let leaves = below[largest] ?? NO_IDS;
  below.forEach((b, i) => {
    if (i === largest) return;
    for (const id of b) {
      checkpoint();
      leaves = leaves.add(id);
    }
  });
  for (const id of own) leaves = leaves.add(id);
  LEAVES.set(c, leaves);
}

/**
 * hadamard() of a Hadamard product's own factors, once per node. The products below it are built first,
 * innermost first, from a stack, not by recursion: a reader's nest of 30,000 (MAX_DEPTH) is no deeper
 * on the host's stack than one of 3.
 */
const CANONICAL = new WeakMap<Expr, Expr>();
function canonicalHadamard(f: Expr): Expr {
  const known = CANONICAL.get(f);
  if (known !== undefined) return known;
  const expanded = new Set<Expr>();
  const stack: Expr[] = [f];
  while (stack.length > 0) {
    checkpoint();
    const g = stack[stack.length - 1];
    if (CANONICAL.has(g)) stack.pop();
    else if (expanded.has(g)) {
      stack.pop();
      const c = hadamard(...g.args);
      CANONICAL.set(g, c);
      if (c.op === 'hadamard' && !CANONICAL.has(c)) CANONICAL.set(c, c);
    } else {
      expanded.add(g);
      for (const a of g.args) if (a.op === 'hadamard' && !CANONICAL.has(a)) stack.push(a);
    }
  }
  return CANONICAL.get(f) as Expr;
}

/**
 * The factors of a Hadamard product, Hadamard products among them flattened, and the scalars taken out
 * of (c·a) factors. A Hadamard product among them that is one in its own simplest form (canonicalHadamard)
 * of three plain factors or more (keepable) stays one factor — unless one of its factors, or of the
 * products kept whole inside it (LEAVES), is, or is the base of, a factor beside it: then it is opened,
 * and a rule may apply (x ⊙ (a ⊙ b ⊙ x) = a ⊙ b ⊙ x∘²). Flattening it would only copy
 * its factors: a deep chain h_k = tanh(W h_(k−1)) ⊙ h_(k−1) then wrote every earlier level again in each
 * later one, a result quadratic in the depth (docs/reliability.md); kept, each level is one shared node.
 */
function hadamardFactors(factors: readonly Expr[]): { flat: Expr[]; scalars: Expr[] } {
  let flat: Expr[] = [];
  const scalars: Expr[] = [];
  const pending = [...factors].reverse();
  let kept = false;
  while (pending.length > 0) {
    checkpoint();
    const f = pending.pop() as Expr;
    if (f.op === 'hadamard') {
      const c = canonicalHadamard(f);
      if (c.op !== 'hadamard') pending.push(c);
      else if (keepable(c)) {
        flat.push(c);
        kept = true;
      } else pushReversed(pending, c.args);
    } else if (f.op === 'mul' && !isScalar(f.shape) && f.args.some((g) => isScalar(g.shape))) {
      // (c·a) ⊙ b = c·(a ⊙ b)
      scalars.push(...f.args.filter((g) => isScalar(g.shape)));
      pending.push(mul(...f.args.filter((g) => !isScalar(g.shape))));
    } else flat.push(f);
  }
  // A kept product one of whose factors (at any depth) meets a factor beside it is opened: its factors
  // put in its place.
  while (kept) {
    kept = false;
    const opened = flat.findIndex((f, i) => {
      const mine = LEAVES.get(f);
      if (mine === undefined) return false;
      return flat.some((g, j) => {
        if (j === i) return false;
        const theirs = LEAVES.get(g);
        if (theirs === undefined) return mine.has((g.op === 'pow' ? g.args[0] : g).id);
        const [small, large] = theirs.size < mine.size ? [theirs, mine] : [mine, theirs];
        return small.some((id) => {
          checkpoint();
          return large.has(id);
        });
      });
    });
    if (opened >= 0) {
      flat = [...flat.slice(0, opened), ...flat[opened].args, ...flat.slice(opened + 1)];
      kept = flat.some((f) => LEAVES.has(f));
    }
  }
  return { flat, scalars };
}

export function hadamard(...factors: Expr[]): Expr {
  const { flat, scalars } = hadamardFactors(factors);
  const s = flat.find((f) => !isScalar(f.shape))?.shape;
  if (s === undefined) return mul(...scalars, ...flat);
  const order: Expr[] = [];
  const exps = new Map<number, Expr[]>();
  for (const f of flat) {
    if (isZero(f)) return zeros(s);
    if (isOnes(f)) continue;
    if (isScalar(f.shape)) {
      scalars.push(f);
      continue;
    }
    const [base, k] = f.op === 'pow' ? [f.args[0], f.args[1]] : [f, num(1)];
    if (!exps.has(base.id)) {
      order.push(base);
      exps.set(base.id, []);
    }
    (exps.get(base.id) as Expr[]).push(k);
  }
  let parts: Expr[] = [];
  for (const base of order) {
    const ks = exps.get(base.id) as Expr[];
    parts.push(ks.length === 1 ? pow(base, ks[0]) : pow(base, add(...ks)));
  }
  parts = parts.filter((p) => !isOnes(p));
  parts = sigmoidOf(signBesideAbsParts(reluTimesStep(parts)));
  let core: Expr;
  if (parts.length === 0) core = ones(s);
  else if (parts.length === 1) core = parts[0];
  else {
    core = rawHadamard(parts);
    // Built here, it is its own simplest form: canonicalHadamard need not build it again (nor, one level
    // at a time, the chain of products kept whole inside it).
    if (!CANONICAL.has(core)) CANONICAL.set(core, core);
    noteLeaves(core);
  }
  return scalars.length > 0 ? mul(...scalars, core) : core;
}
