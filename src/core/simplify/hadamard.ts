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
import { offeredKey, partnerKey, wantedKeys } from './watchedFactors';

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

/**
 * A Hadamard product kept whole inside another: built by hadamard(), of three factors or more, each plain
 * (plainHadamardFactors: no power, step, 𝟏, scalar product…) or a product kept whole itself, none
 * repeated (noteLeaves). Its factors may be ones hadamard()'s rules look for (sign, |·|, relu, exp): it
 * notes their keys (./watchedFactors.ts), and is opened where one meets its partner.
 */
const keepable = (c: Expr): boolean => LEAVES.has(c);

/**
 * What a product kept whole notes of every factor below it, through the products kept whole inside it,
 * for those hadamard() built (a product another module built raw is not kept whole): their ids, and the
 * keys of those hadamard()'s rules look for (offeredKey). Persistent sets (Immutable.js's Set, a hash
 * array mapped trie): a product's set is the largest of those it keeps with the others' added, sharing
 * its storage — a copy of it was O(k) at the k-th level of a chain h_k = tanh(W h_(k−1)) ⊙ h_(k−1),
 * quadratic in the depth.
 */
type IdSet = PersistentSet<number>;
interface Leaves {
  readonly ids: IdSet;
  readonly keys: IdSet;
}
const LEAVES = new WeakMap<Expr, Leaves>();
const NO_IDS: IdSet = PersistentSet<number>();

/** The union of sets: the largest with the others' members added, a checkpoint each. */
function union(sets: readonly IdSet[], own: readonly number[]): IdSet {
  let largest = 0;
  sets.forEach((b, i) => {
    if (b.size > sets[largest].size) largest = i;
  });
  let all = sets[largest] ?? NO_IDS;
  sets.forEach((b, i) => {
    if (i === largest) return;
    for (const id of b) {
      checkpoint();
      all = all.add(id);
    }
  });
  for (const id of own) all = all.add(id);
  return all;
}

/** Notes the factors of c, built by hadamard(), when it can be kept whole (keepable). */
function noteLeaves(c: Expr): void {
  if (LEAVES.has(c) || c.args.length < 3 || new Set(c.args).size < c.args.length) return;
  const below: Leaves[] = [];
  const ids: number[] = [];
  const keys: number[] = [];
  for (const g of c.args) {
    if (g.op === 'hadamard') {
      const leaves = LEAVES.get(g);
      if (leaves === undefined) return;
      below.push(leaves);
    } else if (isPlainHadamardFactor(g)) {
      ids.push(g.id);
      const k = offeredKey(g);
      if (k !== undefined) keys.push(k);
    } else return;
  }
  LEAVES.set(c, { ids: union(below.map((b) => b.ids), ids), keys: union(below.map((b) => b.keys), keys) });
}

/**
 * Does a factor (at any depth) of the kept product `mine` meet g beside it: g is one of them or a power of
 * one (their powers merge), or g, or a factor of g if g is kept whole too, is the partner of one by a rule
 * of hadamard() (sign(u) and |u|, 𝟙[u > 0] and relu(u), (exp(u) + 1)∘⁻¹ and exp(u))?
 */
function meets(mine: Leaves, g: Expr): boolean {
  const theirs = LEAVES.get(g);
  if (theirs === undefined) return mine.ids.has((g.op === 'pow' ? g.args[0] : g).id) || wantedKeys(g).some((k) => mine.keys.has(k));
  const shares = (a: IdSet, b: IdSet, partner: (id: number) => number | undefined): boolean => {
    const [small, large] = a.size < b.size ? [a, b] : [b, a];
    return small.some((id) => {
      checkpoint();
      const p = partner(id);
      return p !== undefined && large.has(p);
    });
  };
  return shares(mine.ids, theirs.ids, (id) => id) || shares(mine.keys, theirs.keys, partnerKey);
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
 * products kept whole inside it (LEAVES), meets a factor beside it (meets: is it or its power's base, or its
 * partner by a rule): then it is opened, and a rule may apply (x ⊙ (a ⊙ b ⊙ x) = a ⊙ b ⊙ x∘², 𝟙[u > 0] ⊙
 * (a ⊙ b ⊙ relu(u)) = a ⊙ b ⊙ relu(u)). Flattening it would only copy its factors: a deep chain
 * h_k = tanh(W h_(k−1)) ⊙ h_(k−1) (or exp(W h_(k−1)) ⊙ h_(k−1)) then wrote every earlier level again in
 * each later one, a result quadratic in the depth (docs/reliability.md); kept, each level is one shared node.
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
      return mine !== undefined && flat.some((g, j) => j !== i && meets(mine, g));
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
