/**
 * add(): sums, like terms (likeKey) and the large sums kept whole inside larger ones; neg and sub.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { checkpoint } from '../limits/budget';
import { keptRests } from './keptRests';
import { type Expr, num, ones, rationalNum, rationalOf, zeros, rawAdd, rawMul, rawHadamard, walkUnvisited } from '../model/expr';
import { isScalar } from '../model/shape';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { isOne, isZero, isZeroQ, splitCoefficient } from './numbers';
import { mul } from './product';
import { pushReversed } from './stack';

const LIKE_KEYS = new WeakMap<Expr, number>();

/**
 * add()'s like-term key of a term's rest (splitCoefficient): the rest itself, or — for a Hadamard
 * product, alone or beside scalar factors ((y ⊘ σ)/N) — the same product with the Hadamard factors
 * in one fixed order: ⊙ commutes, so y ⊙ σ⁻¹ and σ⁻¹ ⊙ y are like terms (the Hessian of the
 * logistic loss had both, and they did not cancel). The sum writes the order that came first; the
 * fixed order is only a key.
 */
export function likeKey(rest: Expr): number {
  if (rest.op !== 'hadamard' && rest.op !== 'mul') return rest.id;
  let key = LIKE_KEYS.get(rest);
  if (key === undefined) {
    key = rest.op === 'hadamard' ? orderedHadamard(rest).id : outerOnesKey(rest) ?? scaledHadamardKey(rest);
    LIKE_KEYS.set(rest, key);
  }
  return key;
}

/**
 * A product whose matrix factors are 𝟏_m𝟏_nᵀ, the outer product of ones the chain keeps as written
 * (a column times a row, nothing else: 𝟏_(n×m)𝟏_m is m𝟏_n), beside scalars (c𝟏𝟏ᵀ): keyed as the same scalars times 𝟏_(m×n), its value, so c𝟏𝟏ᵀ − cP𝟏𝟏ᵀ with
 * P𝟏 = 𝟏 is 𝟎. Undefined for any other product.
 */
function outerOnesKey(m: Expr): number | undefined {
  const matrices = m.args.filter((f) => !isScalar(f.shape));
  if (matrices.length !== 2 || matrices[0].op !== 'ones' || matrices[1].op !== 'ones') return undefined;
  // Only a column times a row: 𝟏_(n×m)𝟏_m is m𝟏_n, not 𝟏_n.
  if (matrices[0].shape.cols !== 1 || matrices[1].shape.rows !== 1) return undefined;
  return mul(...m.args.filter((f) => isScalar(f.shape)), ones(m.shape)).id;
}

/** A Hadamard product with its factors in the order of their ids (itself when they are). */
function orderedHadamard(h: Expr): Expr {
  const f = h.args;
  for (let i = 1; i < f.length; i++) if (f[i - 1].id > f[i].id) return rawHadamard([...f].sort((a, b) => a.id - b.id));
  return h;
}

/** A product of scalars and one Hadamard product: keyed with that product's factors ordered. */
function scaledHadamardKey(m: Expr): number {
  const h = m.args.findIndex((f) => f.op === 'hadamard');
  if (h < 0 || m.args.some((f, i) => i !== h && !isScalar(f.shape))) return m.id;
  const ordered = orderedHadamard(m.args[h]);
  return ordered === m.args[h] ? m.id : rawMul(m.args.map((f, i) => (i === h ? ordered : f))).id;
}

export function add(...terms: Expr[]): Expr {
  if (terms.length === 0) throw new Error('add of nothing');
  const s = terms[0].shape;
  const flat: Expr[] = [];
  const unit = largeSumKept(terms);
  // A stack, last item first (shift/unshift made flattening a deep chain cubic: issue 17).
  const pending = [...terms].reverse();
  while (pending.length > 0) {
    checkpoint();
    const t = pending.pop() as Expr;
    if (t.op === 'add' && t !== unit) pushReversed(pending, t.args);
    else if (!isZero(t)) flat.push(t);
  }
  // Like terms: collect numeric coefficients of the same rest, keeping first-appearance order.
  const order: Expr[] = [];
  const coef = new Map<number, Rational>();
  let constant = Q.ZERO;
  let constantAt = -1;
  for (const t of flat) {
    if (t.op === 'num') {
      constant = Q.add(constant, rationalOf(t));
      if (constantAt < 0) constantAt = order.length;
      continue;
    }
    const [c, rest] = splitCoefficient(t);
    const key = likeKey(rest);
    const before = coef.get(key);
    if (before === undefined) order.push(rest);
    coef.set(key, before === undefined ? c : Q.add(before, c));
  }
  const out: Expr[] = [];
  order.forEach((rest, i) => {
    if (i === constantAt && !isZeroQ(constant)) out.push(rationalNum(constant));
    const c = coef.get(likeKey(rest)) as Rational;
    if (!isZeroQ(c)) out.push(isOne(c) ? rest : mul(rationalNum(c), rest));
  });
  if (constantAt === order.length && !isZeroQ(constant)) out.push(rationalNum(constant));
  if (out.length === 0) return zeros(s);
  if (out.length === 1) return out[0];
  return rawAdd(out);
}

/** A sum of at least this many terms (written flat), a term of a larger sum, may be kept whole (largeSumKept). */
export const LARGE_SUM = 12;

const FLAT_SIZE = new WeakMap<Expr, number>();

/**
 * How many terms a sum has written flat (its nested sums opened), remembered per node: the sums below
 * first, by walkUnvisited (a loop: a sum nested 10,000 deep, as (…(x + y) + …) + z is read, must not
 * overflow the stack).
 */
function flatSize(root: Expr): number {
  if (root.op !== 'add') return 1;
  walkUnvisited(root, (e) => e.op !== 'add' || FLAT_SIZE.has(e), (e) => {
    let n = 0;
    for (const t of e.args) n += t.op === 'add' ? (FLAT_SIZE.get(t) as number) : 1;
    FLAT_SIZE.set(e, n);
  });
  return FLAT_SIZE.get(root) as number;
}

/** A sum that add() and the presentation may keep whole inside a larger sum: LARGE_SUM terms or more, written flat. */
export const isLargeSum = (e: Expr): boolean => e.op === 'add' && flatSize(e) >= LARGE_SUM;

/** A sum's own terms' rests (add()'s like-term keys; −1 for a constant), through its small nested sums, and the large sums it keeps. */
interface SumTerms {
  readonly rests: ReadonlySet<number>;
  /** The rests only zero terms have (0, 𝟎: add() drops them; a sum as read may hold one): usually none. */
  readonly zeroOnly: ReadonlySet<number>;
  readonly kept: readonly Expr[];
}

const NO_RESTS: ReadonlySet<number> = new Set<number>();

const SUM_TERMS = new WeakMap<Expr, SumTerms>();

const restKey = (t: Expr): number => (t.op === 'num' ? -1 : likeKey(splitCoefficient(t)[1]));

function sumTerms(sum: Expr): SumTerms {
  let known = SUM_TERMS.get(sum);
  if (known === undefined) {
    const rests = new Set<number>();
    let zeroRests: Set<number> | undefined;
    const kept: Expr[] = [];
    const pending = [...sum.args];
    while (pending.length > 0) {
      const t = pending.pop() as Expr;
      if (t.op !== 'add') {
        if (isZero(t)) (zeroRests ??= new Set()).add(restKey(t));
        else rests.add(restKey(t));
      } else if (isLargeSum(t)) kept.push(t);
      else pending.push(...t.args);
    }
    let zeroOnly = NO_RESTS;
    if (zeroRests !== undefined) {
      zeroOnly = new Set([...zeroRests].filter((id) => !rests.has(id)));
      for (const id of zeroOnly) rests.add(id);
    }
    known = { rests, zeroOnly, kept };
    SUM_TERMS.set(sum, known);
  }
  return known;
}

/** Whether a sum has a term with this rest, in itself or in a large sum it keeps (./keptRests). */
const hasRest = keptRests(sumTerms, checkpoint);

/**
 * The one large sum among `terms` (isLargeSum) that add() keeps whole as a term of the new sum, when
 * no other term is a like term of one of its terms (nor a constant beside its constant): the new sum
 * has the same terms as the flat one would, and shares the large one instead of copying it. A residual
 * network's hₖ = hₖ₋₁ + uₖ, flattened at every layer, made a sum of k terms per layer: its derivative
 * was quadratic in size (issue 17: "output linear in the DAG").
 */
function largeSumKept(terms: readonly Expr[]): Expr | undefined {
  let large: Expr | undefined;
  for (const t of terms) {
    if (!isLargeSum(t)) continue;
    if (large !== undefined) return undefined;
    large = t;
  }
  if (large === undefined) return undefined;
  for (const t of terms) {
    if (t === large || isZero(t)) continue;
    if (t.op !== 'add') {
      if (hasRest(large, restKey(t))) return undefined;
      continue;
    }
    // A small sum beside it: each of its nonzero terms (written flat; a small sum keeps no large one).
    const { rests, zeroOnly } = sumTerms(t);
    for (const id of rests) if (!zeroOnly.has(id) && hasRest(large, id)) return undefined;
  }
  return large;
}

/**
 * Whether the sum of the one term t alone is t itself, as `add` finds it (it splits off a numeric
 * coefficient and multiplies it back onto the rest of the product): t is neither a sum nor zero,
 * and, if a product, has no number among its factors or one number beside one other factor. Along
 * -(-(…x…)), 10,000 levels, that `add` was a second product built at every level (issue 17).
 */
function isOwnSum(t: Expr): boolean {
  if (t.op === 'add' || isZero(t)) return false;
  if (t.op !== 'mul') return true;
  let numbers = 0;
  for (const f of t.args) if (f.op === 'num') numbers++;
  return numbers === 0 || (numbers === 1 && t.args.length === 2);
}

/**
 * add(...terms) for terms the smart constructors made: one term that is its own sum (isOwnSum) is
 * that sum, without add's pass — the engines sum the contributions to every node, most of them one.
 */
export function sumOfBuilt(terms: readonly Expr[]): Expr {
  if (terms.length === 1 && isOwnSum(terms[0])) return terms[0];
  return add(...terms);
}

export const neg = (a: Expr): Expr => mul(num(-1), a);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
