/**
 * Smart constructors: build an expression and apply the local algebraic identities that are always
 * sound (flattening, constant folding, neutral and absorbing elements, like terms, transposes pushed
 * through products, diag/ones identities). Every rule here is an identity of real matrices and is
 * exercised numerically in test/unit/simplify. They never loop: each rule makes the node smaller or
 * moves a transpose strictly towards the leaves.
 */
import { checkpoint } from '../limits/budget';
import { keptRests } from './keptRests';
import { reshapedPair, type ReshapeBuilders } from './unvec';
import { transposedContraction } from '../tensor/contraction';
import {
  Expr, ElementwiseFunction, num, PI, rationalNum, rationalOf, zeros, ones, eye, node, rawAdd, rawMul, rawHadamard, rawPow, rawMatpow,
  rawTranspose, rawFn, rawExtremum, rawReduce, rawInv, rawDiagm, rawDiagv, rawSoftmax, rawSoftmaxAlong, rawLogsumexpAlong, Axis, rawKron, rawVec, sizeNode, entry as rawEntry,
  productShape, ReductionOp, walkUnvisited,
} from '../model/expr';
import { Shape, isScalar, isColumn, isRow, shape, transposeShape, sameShape, sizeOf } from '../model/shape';
import { FUNCTIONS, type Builders } from '../functions/index';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { DecimalTrace, NO_NUMBERS, followedBy, foldsAt, isDecimalAt, numberTrace, raisedTo } from './decimalTrace';

const isNum = (e: Expr, v?: number): boolean => e.op === 'num' && (v === undefined || e.value === v);
export const isZero = (e: Expr): boolean => e.op === 'zeros' || isNum(e, 0);
/** 1, 𝟏, or the outer product 𝟏𝟏ᵀ of two ones (an all-ones matrix written as a broadcast). */
const isOnes = (e: Expr): boolean =>
  e.op === 'ones' || isNum(e, 1) ||
  (e.op === 'mul' && e.args.length === 2 && e.args.every((f) => f.op === 'ones') && e.args[0].shape.cols === 1 && e.args[1].shape.rows === 1);

/** Split a term into its exact numeric coefficient and the rest: 3·A·x → [3, A·x]. */
export function splitCoefficient(e: Expr): [Rational, Expr] {
  if (e.op === 'num') return [rationalOf(e), num(1)];
  const c = coefficientOf(e);
  if (Q.equals(c, Q.ONE)) return [Q.ONE, e];
  const rest = e.args.filter((f) => f.op !== 'num');
  return [c, rest.length === 0 ? num(1) : rest.length === 1 ? rest[0] : rawMul(rest)];
}

/** A term's numeric coefficient, splitCoefficient(e)[0], without building the rest: the product of its number factors. */
export function coefficientOf(e: Expr): Rational {
  if (e.op === 'num') return rationalOf(e);
  if (e.op !== 'mul') return Q.ONE;
  let c: Rational | undefined;
  for (const f of e.args) if (f.op === 'num') c = c === undefined ? rationalOf(f) : Q.mul(c, rationalOf(f));
  return c ?? Q.ONE;
}

const isOne = (c: Rational): boolean => c.n === 1n && c.d === 1n;
const isZeroQ = (c: Rational): boolean => c.n === 0n;

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
    key = rest.op === 'hadamard' ? orderedHadamard(rest).id : scaledHadamardKey(rest);
    LIKE_KEYS.set(rest, key);
  }
  return key;
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

/**
 * A product inside a product may be written flat (associativity) unless it is a 1×1 value made by
 * a matrix chain, like xᵀy: that factor scales, and its row and column must not join the outer chain.
 */
/** Push `items` onto a stack popped from the end, so that they come off first to last. */
function pushReversed(stack: Expr[], items: readonly Expr[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}

export function flattensInto(f: Expr): boolean {
  return f.op === 'mul' && (!isScalar(f.shape) || f.args.every((a) => isScalar(a.shape)));
}

/** Split scalar factors into base^exponent for merging: x·x² → x³. */
function powerParts(e: Expr): [Expr, Rational] {
  if (e.op === 'pow' && e.args[1].op === 'num') return [e.args[0], rationalOf(e.args[1])];
  return [e, Q.ONE];
}

/**
 * b^E · bᵏ = b^(E + k) for a symbolic exponent E (x · x^(x − 1) = xˣ): a factor b^E (kept whole,
 * exponent 1) absorbs the numeric power of its base b.
 */
function mergeSymbolicPowers(order: Expr[], exps: Map<number, Rational>): void {
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    const kp = exps.get(p.id);
    if (p.op !== 'pow' || p.args[1].op === 'num' || kp === undefined || !isOne(kp)) continue;
    const b = p.args[0];
    const k = exps.get(b.id);
    if (k === undefined || isZeroQ(k)) continue;
    const [base, km] = powerParts(pow(b, add(p.args[1], rationalNum(k))));
    exps.delete(b.id);
    exps.delete(p.id);
    order.splice(order.indexOf(b), 1);
    // The merged power may be a factor already (x · x^(l − 1) · x^l): one entry, its exponents added.
    const at = order.indexOf(p);
    const before = exps.get(base.id);
    if (before === undefined) order[at] = base;
    else order.splice(at, 1);
    exps.set(base.id, before === undefined ? km : Q.add(before, km));
    i = -1;
  }
}

/**
 * Products made by mul() whose matrix factors are a chain simplifyChain left as it is (no rule applies
 * to any pair or triple of them). A product that starts or ends with one — the Jacobian of a deep
 * composition times the next local Jacobian, J·D at every level; a factor times the product factored
 * out of a sum, A·(BC…) — is simplified where the new factors meet it, not from its first factor
 * again: without this, a chain of k factors was scanned at each of n levels (((…(S)²…)²)² with 1,300
 * squares: 845,000 pair rules, 1.9 GB allocated per request).
 */
const SETTLED = new WeakSet<Expr>();

/** A chain at least this long is remembered as settled (a shorter one is as quick to scan again). */
const SETTLED_CHAIN = 4;

/** How many of a product's factors are matrices (its chain). */
export function chainLength(p: Expr): number {
  let k = 0;
  for (const f of p.args) if (!isScalar(f.shape)) k++;
  return k;
}

/** The index of a product's first matrix factor, or −1. */
export function firstMatrix(p: Expr): number {
  for (let i = 0; i < p.args.length; i++) if (!isScalar(p.args[i].shape)) return i;
  return -1;
}

/** The index of a product's last matrix factor, or −1. */
export function lastMatrix(p: Expr): number {
  for (let i = p.args.length - 1; i >= 0; i--) if (!isScalar(p.args[i].shape)) return i;
  return -1;
}

/** How many leading and trailing factors of a chain are settled (see SETTLED). */
interface Settled {
  readonly prefix: number;
  readonly suffix: number;
}

const NONE_SETTLED: Settled = { prefix: 0, suffix: 0 };

/**
 * A product made by mul() without its factor at index i — a scalar, or the first or last of its
 * matrix factors (a sum's common factor taken out, present/factor.ts) — as mul() of the rest makes
 * it; the rest of a settled chain is settled, and is not scanned again.
 */
export function withoutFactor(p: Expr, i: number): Expr {
  const rest = p.args.filter((_, j) => j !== i);
  const end = isScalar(p.args[i].shape) || i === firstMatrix(p) || i === lastMatrix(p);
  if (!end || !SETTLED.has(p)) return mul(...rest);
  const k = chainLength(p) - (isScalar(p.args[i].shape) ? 0 : 1);
  return product(rest, { prefix: k, suffix: 0 });
}

export function mul(...factors: Expr[]): Expr {
  // One array factor that is no product, I or 0 is its own product (product() finds no rule to
  // apply to it and returns it): the rules' L and R of a product with two factors (A·x) are one.
  if (factors.length === 1 && isOwnProduct(factors[0])) return factors[0];
  return product(factors, undefined);
}

const isOwnProduct = (f: Expr): boolean => !isScalar(f.shape) && f.op !== 'mul' && f.op !== 'eye' && f.op !== 'zeros';

/** mul() of these factors; `known`: how much of their chain is settled, else found from settled products among them. */
function product(factors: readonly Expr[], known: Settled | undefined): Expr {
  const flat: Expr[] = [];
  const pending: Expr[] = [];
  pushReversed(pending, factors);
  // The chain factors that settled products bring at its start and at its end (see SETTLED).
  let prefix = 0;
  let lastStart = -1;
  let lastLength = 0;
  let matrices = 0;
  while (pending.length > 0) {
    checkpoint();
    const f = pending.pop() as Expr;
    if (flattensInto(f)) {
      if (known === undefined && SETTLED.has(f)) {
        const k = chainLength(f);
        if (matrices === 0 && prefix === 0) prefix = k;
        lastStart = matrices;
        lastLength = k;
      }
      pushReversed(pending, f.args);
    } else {
      flat.push(f);
      if (!isScalar(f.shape)) matrices++;
    }
  }
  const settled = known ?? (prefix > 0 || lastStart >= 0 ? { prefix, suffix: lastStart >= 0 && lastStart + lastLength === matrices ? lastLength : 0 } : NONE_SETTLED);
  const resultShape = productShape(flat);
  let c = Q.ONE;
  const scalarOrder: Expr[] = [];
  const scalarExp = new Map<number, Rational>();
  let chain: Expr[] = [];
  for (const f of flat) {
    if (f.op === 'num') c = Q.mul(c, rationalOf(f));
    else if (isScalar(f.shape)) {
      const [base, k] = powerParts(f);
      const before = scalarExp.get(base.id);
      if (before === undefined) scalarOrder.push(base);
      scalarExp.set(base.id, before === undefined ? k : Q.add(before, k));
    } else if (f.op === 'zeros') return zeros(resultShape);
    else chain.push(f);
  }
  if (isZeroQ(c)) return zeros(resultShape);
  mergeSymbolicPowers(scalarOrder, scalarExp);
  dropStepsBesideRelu(scalarOrder, scalarExp);
  signBesideAbs(scalarOrder, scalarExp);
  sigmoidOfScalars(scalarOrder, scalarExp);
  chain = simplifyChain(chain, settled);
  if (chain.some((f) => f.op === 'zeros')) return zeros(resultShape);
  // Chain rules can produce 1×1 values (1ᵀx = sum(x)): they join the scalars.
  if (chain.some((f) => isScalar(f.shape))) {
    return mul(rationalNum(c), ...scalarOrder.map((b) => pow(b, rationalNum(scalarExp.get(b.id) as Rational))), ...chain);
  }
  // Chains that reduced to a 1×1 value join the scalars; numbers raised to a power fold into c.
  const out: Expr[] = [];
  const powers: Expr[] = [];
  for (const base of scalarOrder) {
    const k = scalarExp.get(base.id) as Rational;
    if (isZeroQ(k)) continue;
    const p = isOne(k) ? base : pow(base, rationalNum(k));
    if (p.op === 'num') c = Q.mul(c, rationalOf(p));
    else powers.push(p);
  }
  if (isZeroQ(c)) return zeros(resultShape);
  if (!isOne(c)) out.push(rationalNum(c));
  out.push(...powers);
  out.push(...chain);
  if (out.length === 0) return isScalar(resultShape) ? num(1) : eye(resultShape.rows);
  if (out.length === 1) {
    if (sameShape(out[0].shape, resultShape)) return out[0];
  }
  // A product of scalars only, with an identity-sized result that was dropped: keep I.
  if (!isScalar(resultShape) && out.every((f) => isScalar(f.shape))) out.push(eye(resultShape.rows));
  const made = rawMul(out);
  if (chain.length >= SETTLED_CHAIN) SETTLED.add(made);
  return made;
}

/**
 * Rewrite adjacent pairs in a matrix-product chain until nothing applies: the leftmost triple the
 * embedding rule rewrites first, else the leftmost pair. `settled`: how many leading and trailing
 * factors are chains this function returned (no rule applies within them, see SETTLED): the scans
 * look only where the other factors meet them. The rewrites and their order are those of scans over
 * the whole chain, which would find no match within a settled part: after a rewrite at i, the factors
 * before i are unchanged, and so are the triples (sE) and pairs (sP) among them already scanned; the
 * factors after the rewritten ones are unchanged, and so is what was settled among them (from u on).
 */
function simplifyChain(chain: Expr[], settled: Settled = NONE_SETTLED): Expr[] {
  const filtered = chain.filter((f) => f.op !== 'eye');
  let cur = mergeDiagonalRuns(filtered, Math.max(0, settled.prefix - 1), Math.min(filtered.length, filtered.length - settled.suffix + 1));
  // The settled factors mergeDiagonalRuns left as they were (a run it merged may start at the last).
  let s = 0;
  while (s < settled.prefix && s < cur.length && cur[s] === filtered[s]) s++;
  let sE = s;
  let sP = s;
  // The settled suffix cur[u…]: mergeDiagonalRuns may have merged its first factor into a run.
  let u = cur.length - settled.suffix;
  if (settled.suffix > 0 && cur !== filtered) {
    let t = 0;
    while (t < settled.suffix && t < cur.length && cur[cur.length - 1 - t] === filtered[filtered.length - 1 - t]) t++;
    u = cur.length - t;
  }
  for (;;) {
    let changed = false;
    // (rᵀ ⊗ L) D = L diag(r), D = diag(vec I)(𝟏 ⊗ I) the diagonal embedding (calculus/local.ts)
    for (let i = Math.max(0, sE - 2); i + 2 < cur.length && i < u; i++) {
      const r = embeddingRule(cur[i], cur[i + 1], cur[i + 2]);
      if (r !== undefined) {
        const kept = r.filter((f) => f.op !== 'eye');
        cur = [...cur.slice(0, i), ...kept, ...cur.slice(i + 3)];
        u = Math.max(u, i + 3) + kept.length - 3;
        sE = i;
        sP = Math.min(sP, i);
        changed = true;
        break;
      }
    }
    if (changed) continue;
    for (let i = Math.max(0, sP - 1); i + 1 < cur.length && i < u; i++) {
      const r = pairRule(cur[i], cur[i + 1]);
      if (r !== undefined) {
        const kept = r.filter((f) => f.op !== 'eye' && !isNum(f, 1));
        cur = [...cur.slice(0, i), ...kept, ...cur.slice(i + 2)];
        u = Math.max(u, i + 2) + kept.length - 2;
        sE = i;
        sP = i;
        changed = true;
        break;
      }
    }
    if (!changed) return cur;
  }
}

/**
 * diag(a) diag(b) diag(c) … = diag(a ⊙ b ⊙ c ⊙ …) for a run of diagonal factors, in one step: merged
 * a pair at a time (pairRule), each merge rebuilds the Hadamard product of all the factors so far —
 * the chain rule along sin(sin(…x…)) 10,000 deep multiplies 10,000 diagonals, quadratic (issue 17).
 * The run is merged as the pair rule would merge it, leftmost pair first: after a row b, into it —
 * bᵀ diag(a₁) diag(a₂) = ((a₂ ⊙ a₁ ⊙ b)ᵀ), the pair rule's order; not after an inverse or a power
 * (X⁻¹ X = I would apply first), not with the diagonal embedding (embeddingRule), not across a
 * repeated factor (diag(a)² stays a power).
 */
function mergeDiagonalRuns(chain: Expr[], from = 0, to = chain.length): Expr[] {
  // Most chains have no run of three diagonals: they are returned as they are, without a copy. (A run
  // has at most one factor in a settled part at either end: no run starts before `from` or ends after `to`.)
  if (!hasDiagonalRun(chain, from, to)) return chain;
  // Before `from` no two neighbours are diagonals (settled factors: the pair rule would merge them).
  const out: Expr[] = chain.slice(0, from);
  for (let i = from; i < chain.length;) {
    let j = i + 1;
    if (runnable(chain[i])) while (j < chain.length && runnable(chain[j]) && chain[j] !== chain[j - 1]) j++;
    const before = out[out.length - 1];
    if (j - i < 3 || (before !== undefined && (before.op === 'inv' || before.op === 'matpow' || before.op === 'zeros'))) pushRun(out, chain, i, j);
    else if (before !== undefined && isRow(before.shape)) out[out.length - 1] = transpose(hadamard(...diagonalVectors(chain, i, j).reverse(), transpose(before)));
    else if (before !== undefined && before.op === 'transpose') pushRun(out, chain, i, j);
    else out.push(diagm(hadamard(...diagonalVectors(chain, i, j))));
    i = j;
  }
  return out;
}

/** A diagonal factor mergeDiagonalRuns merges: diag(v), not the diagonal embedding diag(vec I). */
const runnable = (f: Expr): boolean => f.op === 'diagm' && !(f.args[0].op === 'vec' && f.args[0].args[0].op === 'eye');

/** Whether chain[from…] has three runnable neighbours, each distinct from the one before (a run mergeDiagonalRuns merges). */
function hasDiagonalRun(chain: readonly Expr[], from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    run = runnable(chain[i]) ? (run > 0 && chain[i] !== chain[i - 1] ? run + 1 : 1) : 0;
    if (run >= 3) return true;
  }
  return false;
}

const pushRun = (out: Expr[], chain: readonly Expr[], i: number, j: number): void => {
  for (let k = i; k < j; k++) out.push(chain[k]);
};

/** The vectors of the diagonal factors chain[i…j), as columns. */
const diagonalVectors = (chain: readonly Expr[], i: number, j: number): Expr[] => chain.slice(i, j).map((f) => asColumn(f.args[0]));

function embeddingRule(a: Expr, b: Expr, c: Expr): Expr[] | undefined {
  const isEmbedding = b.op === 'diagm' && b.args[0].op === 'vec' && b.args[0].args[0].op === 'eye'
    && c.op === 'kron' && c.args[0].op === 'ones' && isColumn(c.args[0].shape) && c.args[1].op === 'eye'
    && c.args[1].shape.rows === c.args[0].shape.rows && b.shape.rows === c.shape.rows;
  if (!isEmbedding || a.op !== 'kron' || !isRow(a.args[0].shape)) return undefined;
  const [r, L] = a.args;
  return [L, diagm(transpose(r))];
}

/**
 * A square factor as base^k: Xᵏ → (X, k), X⁻¹ → (X, −1), X⁻ᵀ → (Xᵀ, −1), (X⁻¹)ᵏ → (X, −k) — the
 * base here, the exponent by powerExponent (no pair made: pairRule asks this of every neighbours).
 */
function powerBase(f: Expr): Expr {
  let e = f;
  while (e.op === 'matpow') e = e.args[0];
  if (e.op === 'inv') return e.args[0];
  if (e.op === 'transpose' && e.args[0].op === 'inv') return transpose(e.args[0].args[0]);
  return e;
}

/** The k of powerBase's base^k. */
function powerExponent(f: Expr): number {
  let k = 1;
  let e = f;
  while (e.op === 'matpow') {
    k *= e.value as number;
    e = e.args[0];
  }
  return e.op === 'inv' || (e.op === 'transpose' && e.args[0].op === 'inv') ? -k : k;
}

function fromPower(base: Expr, k: number): Expr[] {
  if (k === 0) return [];
  if (k === 1) return [base];
  if (k === -1) return [inv(base)];
  return k > 0 ? [matpow(base, k)] : [matpow(inv(base), -k)];
}

function pairRule(a: Expr, b: Expr): Expr[] | undefined {
  if (a.op === 'zeros' || b.op === 'zeros') return [zeros(shape(a.shape.rows, b.shape.cols))];
  // Powers of one square matrix: X X = X², X⁻¹ X³ = X², Xᵀ X⁻ᵀ = I
  if (a.shape.rows === a.shape.cols && b.shape.rows === b.shape.cols && !isScalar(a.shape)) {
    const ba = powerBase(a);
    if (ba === powerBase(b)) return fromPower(ba, powerExponent(a) + powerExponent(b));
  }
  // aᵀ (b ⊙ a⁻¹ ⊙ …) = 1ᵀ(b ⊙ …) = sum(b ⊙ …) when the Hadamard product simplifies
  if (isRow(a.shape) && b.op === 'hadamard' && isColumn(b.shape)) {
    const merged = hadamard(transpose(a), b);
    if (merged.size < b.size) return [reduce('sum', merged)];
  }
  // (A ⊙ (w𝟏ᵀ)ᵏ)𝟏 = (A𝟏) ⊙ wᵏ ; 𝟏ᵀ(A ⊙ (𝟏wᵀ)ᵏ) = (𝟏ᵀA) ⊙ (wᵀ)ᵏ
  const pulled = a.op === 'hadamard' && b.op === 'ones' && isColumn(b.shape) ? broadcastOutOfSum(a, b, 'row')
    : b.op === 'hadamard' && a.op === 'ones' && isRow(a.shape) ? broadcastOutOfSum(b, a, 'column') : undefined;
  if (pulled !== undefined) return pulled;
  // 1ᵀ diag(v) = vᵀ ; diag(v) 1 = v
  if (a.op === 'ones' && isRow(a.shape) && b.op === 'diagm') return [transpose(asColumn(b.args[0]))];
  if (a.op === 'diagm' && b.op === 'ones' && isColumn(b.shape)) return [asColumn(a.args[0])];
  // diag(a) diag(b) = diag(a ⊙ b)
  if (a.op === 'diagm' && b.op === 'diagm') return [diagm(hadamard(asColumn(a.args[0]), asColumn(b.args[0])))];
  // diag(a) b = a ⊙ b ; bᵀ diag(a) = (a ⊙ b)ᵀ
  if (a.op === 'diagm' && isColumn(b.shape)) return [hadamard(asColumn(a.args[0]), b)];
  if (b.op === 'diagm' && isRow(a.shape)) return [transpose(hadamard(asColumn(b.args[0]), transpose(a)))];
  // vec(P)ᵀ vec(Q) = ⟨P, Q⟩ (tr(A) for vec(A)ᵀ vec(I))
  if (a.op === 'transpose' && a.args[0].op === 'vec' && b.op === 'vec' && sameShape(a.args[0].args[0].shape, b.args[0].shape)) {
    return [inner(a.args[0].args[0], b.args[0])];
  }
  // 1ᵀ x = sum(x)
  if (a.op === 'ones' && isRow(a.shape) && isColumn(b.shape)) return [reduce('sum', b)];
  if (b.op === 'ones' && isColumn(b.shape) && isRow(a.shape)) return [reduce('sum', a)];
  // X⁻¹ X = X X⁻¹ = I
  if (a.op === 'inv' && a.args[0] === b) return [];
  if (b.op === 'inv' && b.args[0] === a) return [];
  // (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ vec(Y)) = Y, and its transpose: the reshape of a vec (simplify/unvec.ts)
  if (a.op === 'kron' && b.op === 'kron') {
    const r = reshapedPair(a, b, RESHAPE_BUILDERS);
    if (r !== undefined) return [r];
  }
  // (A ⊗ B)(C ⊗ D) = AC ⊗ BD when the shapes agree
  if (a.op === 'kron' && b.op === 'kron') {
    const [A, B] = a.args;
    const [C, D] = b.args;
    if (A.shape.cols === C.shape.rows && B.shape.cols === D.shape.rows) return [kron(mul(A, C), mul(B, D))];
  }
  return undefined;
}

/**
 * A factor constant along each row (w𝟏ᵀ, a column broadcast over the columns; or 𝟏wᵀ along each
 * column) of a Hadamard product leaves a row (column) sum: (A ⊙ (w𝟏ᵀ)ᵏ)𝟏 = (A𝟏) ⊙ wᵏ, since row i
 * of the left side is Σⱼ Aᵢⱼ wᵢᵏ = wᵢᵏ Σⱼ Aᵢⱼ; 𝟏ᵀ(A ⊙ (𝟏wᵀ)ᵏ) = (𝟏ᵀA) ⊙ (wᵀ)ᵏ likewise. The layer
 * norm's backward pass sums G ⊙ v ⊙ (σ𝟏ᵀ)⁻² over each row: that is (G ⊙ v)𝟏 ⊙ σ⁻². Undefined when no
 * factor is such a broadcast, or when every factor is (nothing would be left to sum).
 */
function broadcastOutOfSum(h: Expr, o: Expr, along: 'row' | 'column'): Expr[] | undefined {
  const pulled: Expr[] = [];
  const rest: Expr[] = [];
  for (const f of h.args) {
    const [base, k] = f.op === 'pow' ? [f.args[0], f.args[1]] : [f, num(1)];
    const w = broadcastVector(base, along);
    if (w === undefined) rest.push(f);
    else pulled.push(pow(w, k));
  }
  if (pulled.length === 0 || rest.length === 0) return undefined;
  const summed = along === 'row' ? mul(hadamard(...rest), o) : mul(o, hadamard(...rest));
  return [hadamard(summed, ...pulled)];
}

/** w for w𝟏ᵀ (along 'row': w is a column) or for 𝟏wᵀ (along 'column': wᵀ is a row), else undefined. */
function broadcastVector(e: Expr, along: 'row' | 'column'): Expr | undefined {
  if (e.op !== 'mul' || e.args.length < 2) return undefined;
  if (along === 'row') {
    const last = e.args[e.args.length - 1];
    if (last.op !== 'ones' || !isRow(last.shape)) return undefined;
    const w = mul(...e.args.slice(0, -1));
    return isColumn(w.shape) && !isScalar(w.shape) ? w : undefined;
  }
  const first = e.args[0];
  if (first.op !== 'ones' || !isColumn(first.shape)) return undefined;
  const w = mul(...e.args.slice(1));
  return isRow(w.shape) && !isScalar(w.shape) ? w : undefined;
}

/** A vector-like expression as a column. */
export function asColumn(v: Expr): Expr {
  return isRow(v.shape) ? transpose(v) : v;
}

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

/**
 * The factors of mul(…left, τ, …right) before and after τ, for a new 1×1 leaf τ, when mul() only
 * flattens them and folds their numbers: every other factor (a product of scalars' own factors for
 * one) is a 1×1 value — not 0, 𝟏, a power, a step, a Hadamard product or another product of scalars
 * — and none repeats; then no rule of mul() applies but the numbers' product c, which it puts first
 * (unless 1), and it builds c·left·τ·right as they are, in order. Undefined when unsure or c is 0.
 */
export function scalarProductAround(left: readonly Expr[], right: readonly Expr[]): { before: Expr[]; after: Expr[] } | undefined {
  let c = Q.ONE;
  const seen = new Set<number>();
  const sides: [Expr[], Expr[]] = [[], []];
  for (const k of [0, 1] as const) {
    for (const f of k === 0 ? left : right) {
      for (const g of flattensInto(f) ? f.args : [f]) {
        // As product(): the numbers multiplied in the order they come, from 1.
        if (g.op === 'num') c = Q.mul(c, rationalOf(g));
        else if (!isPlainScalarFactor(g) || seen.has(g.id)) return undefined;
        else {
          seen.add(g.id);
          sides[k].push(g);
        }
      }
    }
  }
  if (isZeroQ(c)) return undefined;
  return { before: isOne(c) ? sides[0] : [rationalNum(c), ...sides[0]], after: sides[1] };
}

const isPlainScalarFactor = (g: Expr): boolean =>
  isScalar(g.shape) && !flattensInto(g) && g.op !== 'num' && g.op !== 'zeros' && g.op !== 'ones' && g.op !== 'pow' && g.op !== 'hadamard' &&
  !(g.op === 'fn' && g.name === 'step');

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
 * hadamard() built (a product another module built raw is not kept whole).
 */
const LEAVES = new WeakMap<Expr, ReadonlySet<number>>();

/** Notes the factors of c, built by hadamard(), when it can be kept whole (keepable). */
function noteLeaves(c: Expr): void {
  if (LEAVES.has(c) || c.args.length < 3 || new Set(c.args).size < c.args.length) return;
  const leaves = new Set<number>();
  for (const g of c.args) {
    if (g.op === 'hadamard') {
      const below = LEAVES.get(g);
      if (below === undefined) return;
      for (const id of below) leaves.add(id);
    } else if (isPlainHadamardFactor(g) && !(g.op === 'fn' && WATCHED.has(g.name as string))) leaves.add(g.id);
    else return;
  }
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
        for (const id of small) if (large.has(id)) return true;
        return false;
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

/**
 * relu(u)ᵏ ⊙ 𝟙[u > 0] = relu(u)ᵏ for k > 0, and √relu(u) ⊙ 𝟙[u > 0] = √relu(u): where u > 0 the
 * step is 1, elsewhere the factor is 0ᵏ = √0 = 0, and so is the product (whatever 𝟙[0 > 0] is).
 * The factor 𝟙[u > 0] is dropped when such a factor of relu of the same u is among the factors.
 */
function reluTimesStep(parts: Expr[]): Expr[] {
  const relus = new Set<number>();
  for (const q of parts) {
    const u = reluArgument(q);
    if (u !== undefined) relus.add(u.id);
  }
  if (relus.size === 0) return parts;
  return parts.filter((q) => !(q.op === 'fn' && q.name === 'step' && relus.has(q.args[0].id)));
}

/**
 * The u of a factor that is 0 wherever u ≤ 0: relu(u) under positive powers and square roots
 * (relu(u)², √relu(u), (√relu(u))³; not relu(u)⁻¹, infinite there). A few levels, not a deep walk.
 */
function reluArgument(q: Expr): Expr | undefined {
  for (let level = 0; level < 4; level++) {
    if (q.op === 'fn' && q.name === 'relu') return q.args[0];
    if (q.op === 'fn' && q.name === 'sqrt') q = q.args[0];
    else if (q.op === 'pow' && q.args[1].op === 'num' && Q.sign(rationalOf(q.args[1])) > 0) q = q.args[0];
    else return undefined;
  }
  return undefined;
}

/** reluTimesStep for the scalar factors of a product: base^k with k > 0, 𝟙[u > 0] dropped as above. */
function dropStepsBesideRelu(order: Expr[], exps: Map<number, Rational>): void {
  if (!order.some((b) => b.op === 'fn' && b.name === 'step')) return;
  const positive = (b: Expr): boolean => Q.sign(exps.get(b.id) as Rational) > 0;
  const relus = new Set<number>();
  for (const b of order) {
    const u = positive(b) ? reluArgument(b) : undefined;
    if (u !== undefined) relus.add(u.id);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i];
    if (b.op === 'fn' && b.name === 'step' && positive(b) && relus.has(b.args[0].id)) {
      order.splice(i, 1);
      exps.delete(b.id);
    }
  }
}

/**
 * sign(u)·|u|⁻¹ = u⁻¹ (where either is defined: u ≠ 0) and sign(u)·|u| = u: d log|u| = du/u, not
 * sign(u)du/|u|. For the scalar factors of a product (bases and their exponents, in place).
 */
function signBesideAbs(order: Expr[], exps: Map<number, Rational>): void {
  if (!order.some((b) => b.op === 'fn' && b.name === 'sign')) return;
  for (const b of [...order]) {
    if (b.op !== 'fn' || b.name !== 'abs' || !exps.has(b.id)) continue;
    const k = exps.get(b.id) as Rational;
    const sg = order.find((g) => g.op === 'fn' && g.name === 'sign' && g.args[0] === b.args[0]);
    if (sg === undefined || !isOne(exps.get(sg.id) as Rational) || !(isOne(k) || isOne(Q.neg(k)))) continue;
    const u = b.args[0];
    order.splice(order.indexOf(sg), 1);
    exps.delete(sg.id);
    order.splice(order.indexOf(b), 1);
    exps.delete(b.id);
    const before = exps.get(u.id);
    if (before === undefined) order.push(u);
    exps.set(u.id, before === undefined ? k : Q.add(before, k));
  }
}

/** signBesideAbs for the factors of a Hadamard product: sign(u) ⊙ |u|∘⁻¹ = u∘⁻¹, sign(u) ⊙ |u| = u. */
function signBesideAbsParts(parts: Expr[]): Expr[] {
  const sg = parts.find((q) => q.op === 'fn' && q.name === 'sign');
  if (sg === undefined) return parts;
  const u = sg.args[0];
  const abs = (q: Expr): boolean => q.op === 'fn' && q.name === 'abs' && q.args[0] === u;
  const a = parts.find((q) => abs(q) || (q.op === 'pow' && isNum(q.args[1], -1) && abs(q.args[0])));
  if (a === undefined) return parts;
  return [...parts.filter((q) => q !== sg && q !== a), a.op === 'pow' ? pow(u, num(-1)) : u];
}

/** The exp(u) of 1 + exp(u) or exp(u) + 1 (𝟏 for 1 in arrays), else undefined. */
export function expBesideOne(sum: Expr): Expr | undefined {
  if (sum.op !== 'add' || sum.args.length !== 2) return undefined;
  const [t1, t2] = sum.args;
  return t1.op === 'fn' && t1.name === 'exp' && isOnes(t2) ? t1 : t2.op === 'fn' && t2.name === 'exp' && isOnes(t1) ? t2 : undefined;
}

/**
 * sigmoidOf among the factors of a product of scalars: exp(u) · (1 + exp(u))⁻¹ = σ(u), as a textbook
 * writes the derivative of the logistic loss log(1 + exp(−y·wᵀx)), whose vector form ⊙ has it too.
 */
function sigmoidOfScalars(order: Expr[], exps: Map<number, Rational>): void {
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    const e = expBesideOne(p);
    if (e === undefined || !isOne(Q.neg(exps.get(p.id) as Rational)) || !isOne(exps.get(e.id) ?? Q.ZERO)) continue;
    const sg = fn('sigmoid', e.args[0]);
    order.splice(i, 1);
    exps.delete(p.id);
    order.splice(order.indexOf(e), 1);
    exps.delete(e.id);
    const before = exps.get(sg.id);
    if (before === undefined) order.push(sg);
    exps.set(sg.id, before === undefined ? Q.ONE : Q.add(before, Q.ONE));
    i = -1;
  }
}

/** exp(u) ⊙ (exp(u) + 1)^(−1) = σ(u). */
function sigmoidOf(parts: Expr[]): Expr[] {
  for (const p of parts) {
    if (p.op !== 'pow' || !isNum(p.args[1], -1)) continue;
    const e = expBesideOne(p.args[0]);
    if (e && parts.includes(e)) {
      const rest = parts.filter((q) => q !== p && q !== e);
      return [...rest, fn('sigmoid', e.args[0])];
    }
  }
  return parts;
}

export function pow(a: Expr, k: Expr): Expr {
  if (isNum(k, 1)) return a;
  if (isNum(k, 0)) return ones(a.shape);
  if (a.op === 'num' && k.op === 'num') {
    // Folded only when exact: 3⁻¹ = ⅓, 8^(2/3) = 4; 2^(1/2) stays √2.
    const v = Q.power(rationalOf(a), rationalOf(k));
    if (v !== undefined) return rationalNum(v);
  }
  if (isOnes(a)) return a;
  // 𝟙[u > 0]^k = 𝟙[u > 0] for an integer k ≥ 1: every entry is 0 or 1, and 0ᵏ = 0, 1ᵏ = 1
  if (isZeroOne(a) && k.op === 'num' && isPositiveInteger(rationalOf(k))) return a;
  if (k.op === 'num' && Q.isInteger(rationalOf(k)) && distributes(a)) return distributedPower(a, rationalOf(k));
  return rawPow(a, k);
}

/** Does an integer power open `a`: a power with a numeric exponent, or a product of scalars? */
const distributes = (a: Expr): boolean => (a.op === 'pow' && a.args[1].op === 'num') || isScalarProduct(a);

/**
 * aᵏ for an integer k, by two rules applied in a loop over nested powers and products:
 * (a^p)^k = a^(pk) (sound for every real a where both sides are defined), and (a·b)^k = aᵏbᵏ for a
 * product of scalars ((3x^⅔)⁻² = x^(−4/3)/9). A loop, not recursion through mul: 1/(1/(…det X…))
 * 5,000 deep nests a power in a product per level, and raising it to −1 overflowed the stack
 * (LaTeX-reader fuzz campaign, input 21,712). The opened form of `a` is remembered (openedForm);
 * where it is not kept, the loop below opens `a` again, remembering only its chains (powerChain).
 */
function distributedPower(a: Expr, k: Rational): Expr {
  const form = formAt(a, k);
  const opened = form?.opened ?? null;
  const scale = form?.scale ?? k;
  if (opened !== null && (opened.decimals === null || foldsAt(opened.decimals, scale))) {
    // A base whose exponents cancel is no factor; its place mattered only inside the form (the order of first appearances).
    const powers: Expr[] = [];
    // With a decimal among them, the numbers make one coefficient, marked as the loop's mul() would mark it (decimalTrace.ts).
    let coefficient: Rational | undefined;
    opened.bases.forEach((b, i) => {
      if (isZeroQ(opened.exponents[i])) return;
      const e = Q.mul(opened.exponents[i], scale);
      if (opened.decimals !== null && b.op === 'num') coefficient = Q.mul(coefficient ?? Q.ONE, exactPower(rationalOf(b), e.n));
      else powers.push(pow(b, rationalNum(e)));
    });
    if (coefficient !== undefined && opened.decimals !== null) {
      powers.unshift(rationalNum(Q.rational(coefficient.n, coefficient.d, isDecimalAt(opened.decimals, scale))));
    }
    return mul(...powers);
  }
  const factors: Expr[] = [];
  const pending: [Expr, Rational][] = [[a, k]];
  while (pending.length > 0) {
    checkpoint();
    const [e, q] = pending.pop() as [Expr, Rational];
    if (!Q.isInteger(q) || !distributes(e)) factors.push(pow(e, rationalNum(q)));
    else if (isChainLink(e)) {
      const { negative, base, exponent } = powerChain(e);
      // (−1)^q: the product's signs, one factor (each ±1 multiplies mul's coefficient exactly, in any order)
      if (negative && isOdd(q)) factors.push(num(-1));
      pending.push([base, Q.mul(exponent, q)]);
    } else if (e.op === 'pow') pending.push([e.args[0], Q.mul(rationalOf(e.args[1]), q)]);
    else for (const f of scalarFactors(e).reverse()) pending.push([f, q]);
  }
  return mul(...factors);
}

/**
 * A product of powers of bases that no integer power opens (not a power with a numeric exponent nor a
 * product of scalars), each base once with the sum of its exponents (0 too: the base keeps its place),
 * in order of first appearance: what distributedPower's loop opens `e` into, as mul() merges them.
 */
interface Opened {
  readonly bases: readonly Expr[];
  readonly exponents: readonly Rational[];
  /** How the numbers of the form fold, in its order, when one of them is a decimal (decimalTrace.ts); null if none is. */
  readonly decimals: DecimalTrace | null;
  /** The same, kept whether or not a number is a decimal (for a form that contains this one); null if not traceable. */
  readonly trace: DecimalTrace | null;
}

/** a^m exactly for an integer m (no size limit: the numbers the loop would fold one by one, multiplied). */
function exactPower(a: Rational, m: bigint): Rational {
  const abs = m < 0n ? -m : m;
  const r = Q.rational(a.n ** abs, a.d ** abs);
  return m < 0n ? Q.inverse(r) : r;
}

/**
 * The opened form of eᵐ for an integer m, as the form of e^g (remembered per node and g) scaled by
 * m/g, g = gcd(|m|, period(e)); null where the loop is kept: a power with an exponent that is not an
 * integer of a number, a base that pow() or mul() do not treat as a plain base^k (zero, 1 and 𝟏 and
 * 𝟙[u > 0], whose powers are themselves), a decimal whose mark cannot be traced, or a period past
 * MAX_PERIOD. A fractional power of a base that no power opens, x^½, is that base with its exponent;
 * of a base that opens, (xy)^½, the base opened where the exponent it is raised to is an integer,
 * else the base with its exponent (see merged). Raising e to m is then mul of bᵢ^(kᵢ·m/g): the same
 * product, as mul() sums the exponents of a base and folds numbers (exactly: non-decimal numbers
 * multiply in any order; a decimal's mark is traced). Remembered, a chain is opened once per node:
 * differentiating 2/(2/(…y…)) or x/(x/(…y…)) raises every level's denominator to −2, and opening
 * each again down to y was quadratic (4,000 levels: 11–20 s; issue 17). In a loop: the chains are
 * 5,000 levels deep.
 */
function formAt(root: Expr, m: Rational): { readonly opened: Opened | null; readonly scale: Rational } | null {
  const d = period(root);
  if (d === undefined) return null;
  const g = gcdOf(m, d);
  const pending: [Expr, number][] = [[root, g]];
  while (pending.length > 0) {
    checkpoint();
    const [e, h] = pending[pending.length - 1];
    if (OPENED.get(e)?.has(h)) {
      pending.pop();
      continue;
    }
    const parts = partsOf(e);
    const missing: [Expr, number][] = [];
    for (const [f, q] of parts) {
      const child = childOf(f, Q.mul(q, Q.rational(BigInt(h))));
      if (child !== undefined && !OPENED.get(child[0])?.has(child[1])) missing.push(child);
    }
    if (missing.length > 0) {
      pending.push(...missing);
      continue;
    }
    let at = OPENED.get(e);
    if (at === undefined) OPENED.set(e, (at = new Map()));
    at.set(h, merged(parts, h));
    pending.pop();
  }
  return { opened: OPENED.get(root)?.get(g) ?? null, scale: Q.mul(m, Q.inverse(Q.rational(BigInt(g)))) };
}

/** Forms by node and g (see formAt). */
const OPENED = new WeakMap<Expr, Map<number, Opened | null>>();

/** gcd(|m|, d) for an integer m (d when m is 0). */
function gcdOf(m: Rational, d: number): number {
  let [a, b] = [m.n < 0n ? -m.n : m.n, BigInt(d)];
  while (b !== 0n) [a, b] = [b, a % b];
  return Number(a);
}

/**
 * The form of a part f raised to the integer mult that a form needs first, as [node, g], or undefined
 * if it needs none (f is a leaf, or a fractional power whose base stays whole at mult).
 */
function childOf(f: Expr, mult: Rational): [Expr, number] | undefined {
  if (isFractionalPower(f)) {
    const b = f.args[0];
    const inner = Q.mul(rationalOf(f.args[1]), mult);
    if (!distributes(b) || !Q.isInteger(inner)) return undefined;
    const d = period(b);
    return d === undefined ? undefined : [b, gcdOf(inner, d)];
  }
  if (!distributes(f)) return undefined;
  const d = period(f);
  return d === undefined ? undefined : [f, gcdOf(mult, d)];
}

/** What e is the product of, one level down, as [factor, exponent] pairs (a fractional power: itself). */
function partsOf(e: Expr): [Expr, Rational][] {
  if (e.op === 'pow') {
    const p = rationalOf(e.args[1]);
    return Q.isInteger(p) ? [[e.args[0], p]] : [[e, Q.ONE]];
  }
  return scalarFactors(e).map((f) => [f, Q.ONE]);
}

/** A period past this: no form (the loop). */
const MAX_PERIOD = 720;

/**
 * The period of e (for a node that distributes): how e^m opens depends on m only through gcd(|m|, period)
 * — a fractional power B^(a/b) of a base that opens opens it where b divides m, at m·a/b (period
 * b·period(B)); an integer power has its base's, a product the lcm of its factors'. Undefined past
 * MAX_PERIOD. Remembered per node, found by a loop (5,000-deep chains).
 */
function period(root: Expr): number | undefined {
  const pending = [root];
  while (pending.length > 0) {
    checkpoint();
    const e = pending[pending.length - 1];
    if (PERIOD.has(e)) {
      pending.pop();
      continue;
    }
    const below = periodParts(e);
    const missing = below.filter((f) => !PERIOD.has(f));
    if (missing.length > 0) {
      pending.push(...missing);
      continue;
    }
    const opensAtSome = isFractionalPower(e) && below.length > 0;
    let d: number | undefined = opensAtSome ? Number(rationalOf(e.args[1]).d) : 1;
    for (const f of below) {
      const p = PERIOD.get(f);
      d = p === undefined || d === undefined ? undefined : opensAtSome ? d * p : lcm(d, p);
      if (d !== undefined && d > MAX_PERIOD) d = undefined;
    }
    PERIOD.set(e, d);
    pending.pop();
  }
  return PERIOD.get(root);
}

const PERIOD = new WeakMap<Expr, number | undefined>();

/** The parts of e whose periods its own depends on: those that an integer power opens. */
function periodParts(e: Expr): Expr[] {
  if (e.op === 'pow') return e.args[1].op === 'num' && distributes(e.args[0]) ? [e.args[0]] : [];
  if (!isScalarProduct(e)) return [];
  return scalarFactors(e).filter(distributes);
}

const lcm = (a: number, b: number): number => {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
};

/** The forms of the parts at g (remembered already) merged; null if a part has none or a base is not plain. */
function merged(parts: readonly [Expr, Rational][], g: number): Opened | null {
  const bases: Expr[] = [];
  const exponents: Rational[] = [];
  const at = new Map<number, number>();
  let trace: DecimalTrace | null = NO_NUMBERS;
  let decimal = false;
  const follow = (t: DecimalTrace | null, q: Rational): void => {
    const raised = trace === null || t === null ? null : raisedTo(t, q);
    trace = trace === null || raised === null ? null : followedBy(trace, raised);
  };
  const put = (b: Expr, q: Rational): void => {
    const i = at.get(b.id);
    if (i !== undefined) exponents[i] = Q.add(exponents[i], q);
    else {
      at.set(b.id, bases.length);
      bases.push(b);
      exponents.push(q);
    }
  };
  /** The form of `f` raised to the integer `mult` put in: false if it has none. */
  const putForm = (f: Expr, mult: Rational): boolean => {
    const child = childOf(f, mult);
    if (child === undefined) return false;
    const [node, h] = child;
    const inner = OPENED.get(node)?.get(h);
    if (!inner) return false;
    const scale = Q.mul(isFractionalPower(f) ? Q.mul(rationalOf(f.args[1]), mult) : mult, Q.inverse(Q.rational(BigInt(h))));
    for (let i = 0; i < inner.bases.length; i++) put(inner.bases[i], Q.mul(inner.exponents[i], scale));
    decimal ||= inner.decimals !== null;
    follow(inner.trace, scale);
    return true;
  };
  for (const [f, q] of parts) {
    const mult = Q.mul(q, Q.rational(BigInt(g)));
    if (isFractionalPower(f)) {
      // b^p with p not an integer: of a base b that no power opens (x^½, sin(x)^⅓, (x + y)^1.5), mul()
      // keys it by b with exponent p (powerParts), as the form does, and pow(b, p·q·k) is the loop's
      // factor; of a base that opens ((xy)^½, (x²)^⅓), the same where p·mult is not an integer, else
      // b opened at p·mult, as the loop opens it. A number b neither: mul() folds 2 into its
      // coefficient but keeps √2 apart, so 2 and 2^½ do not merge.
      const b = f.args[0];
      if (b.op === 'num' || !isPlainBase(b)) return null;
      const inner = Q.mul(rationalOf(f.args[1]), mult);
      if (!distributes(b) || !Q.isInteger(inner)) put(b, inner);
      else if (!putForm(f, mult)) return null;
      continue;
    }
    if (!distributes(f)) {
      if (!isPlainBase(f)) return null;
      put(f, mult);
      if (f.op === 'num') {
        decimal ||= rationalOf(f).decimal;
        follow(numberTrace(rationalOf(f)), mult);
      }
      continue;
    }
    if (!putForm(f, mult)) return null;
  }
  // A decimal among the numbers whose folding cannot be traced: the loop folds them in order.
  if (decimal && trace === null) return null;
  return { bases, exponents, decimals: decimal ? trace : null, trace };
}

/** A base whose integer powers pow() writes b^k and mul() merges by their exponents (numbers: non-zero; a decimal's mark is traced). */
function isPlainBase(b: Expr): boolean {
  if (b.op === 'num') return !isZeroQ(rationalOf(b));
  return !isOnes(b) && !isZeroOne(b);
}

/** A power with a numeric exponent that is not an integer (x^0.5, (ab)^(1/3)). */
const isFractionalPower = (e: Expr): boolean => e.op === 'pow' && e.args[1].op === 'num' && !Q.isInteger(rationalOf(e.args[1]));

const isIntegerPower = (e: Expr): boolean => e.op === 'pow' && e.args[1].op === 'num' && Q.isInteger(rationalOf(e.args[1]));

const isOdd = (q: Rational): boolean => q.n % 2n !== 0n;

/** The ±1 of a product ±1 · b of two scalars (how the readers write 1/b as a fraction and −b), else undefined. */
function signedProductSign(e: Expr): 1 | -1 | undefined {
  if (e.op !== 'mul' || e.args.length !== 2 || !isScalarProduct(e)) return undefined;
  const [f, g] = e.args;
  const c = f.op === 'num' ? f : g.op === 'num' ? g : undefined;
  if (c === undefined || rationalOf(c).d !== 1n) return undefined;
  const n = rationalOf(c).n;
  return n === 1n ? 1 : n === -1n ? -1 : undefined;
}

/** The factor of ±1 · b that is not the sign (the other factor when both are numbers ±1). */
const signedFactor = (e: Expr): Expr => (e.args[0].op === 'num' ? e.args[1] : e.args[0]);

/** A step of a power chain: an integer power, or a product ±1 · b (opened as the sign and b). */
const isChainLink = (e: Expr): boolean => isIntegerPower(e) || signedProductSign(e) !== undefined;

/** A chain of links as ±base^exponent: negative says the sign is −1. */
interface PowerChain {
  readonly negative: boolean;
  readonly base: Expr;
  readonly exponent: Rational;
}

/**
 * A chain of integer powers and products ±1 · b, ((±(b^p))^q)^…, as ±b^(p·q·…) (b not itself a
 * link): what distributedPower opens step by step, as every step's exponent is an integer and
 * (±1)ᵏ is ±1. Remembered per node: differentiating ((…(eᵘ)²…)²)² multiplies each level by the
 * level below, and the hadamard() of the two opens the whole chain below again — without the memo,
 * quadratic in the depth (1,000 levels: 500,000 steps; LaTeX reader campaign, issue 13). The
 * products matter as much as the powers: the LaTeX reader writes 1/(1/(…)) as 1·(1·(…)⁻¹)⁻¹, and the
 * adjoint of each of its 5,000 powers raised the chain below to −2 (issue 17: quadratic, 30 s).
 */
function powerChain(e: Expr): PowerChain {
  const chain: Expr[] = [];
  let b = e;
  let known: PowerChain | undefined;
  while (isChainLink(b) && (known = POWER_CHAIN.get(b)) === undefined) {
    chain.push(b);
    b = b.op === 'pow' ? b.args[0] : signedFactor(b);
  }
  known ??= { negative: false, base: b, exponent: Q.ONE };
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i];
    if (link.op === 'pow') {
      const p = rationalOf(link.args[1]);
      known = { negative: known.negative && isOdd(p), base: known.base, exponent: Q.mul(p, known.exponent) };
    } else {
      known = { negative: known.negative !== (signedProductSign(link) === -1), base: known.base, exponent: known.exponent };
    }
    POWER_CHAIN.set(link, known);
  }
  return known;
}

const POWER_CHAIN = new WeakMap<Expr, PowerChain>();

const isScalarProduct = (a: Expr): boolean => a.op === 'mul' && isScalar(a.shape) && a.args.every((f) => isScalar(f.shape));

/**
 * The factors of a product of scalars, its nested products of scalars opened in a loop (as mul()
 * flattens them): −(−(…a…)) read as written nests one product per sign, and raising it to a power
 * recursed once per level (issue 13: 5,000 signs under ^{-1} threw RangeError).
 */
function scalarFactors(a: Expr): Expr[] {
  const out: Expr[] = [];
  const pending = [...a.args].reverse();
  while (pending.length > 0) {
    const f = pending.pop() as Expr;
    if (isScalarProduct(f)) pushReversed(pending, f.args);
    else out.push(f);
  }
  return out;
}

/** Is every entry of `a` exactly 0 or 1 (where defined)? The step 𝟙[u > 0], its transposes and Hadamard products. */
function isZeroOne(a: Expr): boolean {
  // Through transposes by a loop: x'''… thousands deep must not overflow the stack.
  let e = a;
  while (e.op === 'transpose') e = e.args[0];
  if (e.op === 'fn') return e.name === 'step';
  if (e.op === 'hadamard') return e.args.every(isZeroOne);
  return false;
}

const isPositiveInteger = (k: Rational): boolean => Q.isInteger(k) && Q.sign(k) > 0;

export function matpow(a: Expr, k: number): Expr {
  if (k === 0) return eye(a.shape.rows);
  if (k === 1) return a;
  // diag(𝟙[u > 0])ᵏ = diag(𝟙[u > 0]) for an integer k ≥ 1 (diag(d)ᵏ = diag(dᵏ), and dᵏ = d for entries 0 or 1)
  if (k > 0 && Number.isInteger(k) && a.op === 'diagm' && isZeroOne(a.args[0])) return a;
  if (a.op === 'matpow') return matpow(a.args[0], k * (a.value as number));
  if (k > 0 && Number.isInteger(k) && a.op === 'diagm') return diagm(pow(a.args[0], num(k)));
  return rawMatpow(a, k);
}

/**
 * Is `a` symmetric whatever its variables' values (Aᵀ = A)? Symmetric variables, I, diagonal
 * matrices, square all-ones; products that read the same transposed and reversed (XᵀX, XXᵀ,
 * BᵀSB with S symmetric); sums closed under transposition (A + Aᵀ); inverses and powers of
 * symmetric matrices; element-wise functions and Hadamard products of symmetric matrices.
 */
export function isSymmetric(a: Expr): boolean {
  if (isScalar(a.shape)) return true;
  if (a.shape.rows !== a.shape.cols) return false;
  const known = SYMMETRIC.get(a);
  if (known !== undefined) return known;
  let out: boolean;
  switch (a.op) {
    case 'var': out = a.symmetric === true; break;
    case 'eye': case 'diagm': case 'ones': case 'zeros': out = true; break;
    case 'inv': case 'matpow': case 'fn': out = isSymmetric(a.args[0]); break;
    case 'hadamard': out = a.args.every(isSymmetric); break;
    case 'mul': {
      const chain = a.args.filter((f) => !isScalar(f.shape));
      const n = chain.length;
      out = chain.every((f, i) => (i === n - 1 - i ? isSymmetric(f) : transpose(f) === chain[n - 1 - i]));
      break;
    }
    case 'add': {
      const terms = new Set(a.args);
      out = a.args.every((t) => isSymmetric(t) || terms.has(transpose(t)));
      break;
    }
    default: out = false;
  }
  SYMMETRIC.set(a, out);
  return out;
}

const SYMMETRIC = new WeakMap<Expr, boolean>();

export function transpose(a: Expr): Expr {
  if (isScalar(a.shape)) return a;
  if (a.op !== 'transpose' && a.op !== 'var' && isSymmetric(a)) return a;
  switch (a.op) {
    case 'transpose':
      return a.args[0];
    case 'var':
      return a.symmetric ? a : rawTranspose(a);
    case 'eye':
      return a;
    case 'zeros':
      return zeros(transposeShape(a.shape));
    case 'ones':
      return ones(transposeShape(a.shape));
    case 'diagm':
      return a;
    case 'mul':
      return mul(...[...a.args].reverse().map(transpose));
    case 'kron':
      return kron(transpose(a.args[0]), transpose(a.args[1]));
    case 'inv':
      // (X⁻¹)ᵀ kept as the canonical X⁻ᵀ; (Xᵀ)⁻¹ is rewritten to it in inv().
      return rawTranspose(a);
    case 'matpow':
      return matpow(transpose(a.args[0]), a.value as number);
    case 'contract':
      return transposedContraction(a) ?? rawTranspose(a);
    default:
      return rawTranspose(a);
  }
}

/** Element-wise max(a, b) / min(a, b): of two numbers, their max / min; of equal arguments, the argument. */
export function extremum(op: 'maximum' | 'minimum', a: Expr, b: Expr): Expr {
  if (a === b) return a;
  // max(0, u) is relu, min(0, u) the function min0 (the readers' reading of a literal 0).
  const zero = (x: Expr): boolean => x.op === 'zeros' || (x.op === 'num' && x.value === 0);
  if (zero(a) !== zero(b) && sameShape(a.shape, b.shape)) return fn(op === 'maximum' ? 'relu' : 'min0', zero(a) ? b : a);
  // the larger (smaller) of two numbers, exactly: the node itself, not its double
  if (a.op === 'num' && b.op === 'num') return (a.value as number) >= (b.value as number) === (op === 'maximum') ? a : b;
  return rawExtremum(op, a, b);
}

/**
 * An element-wise function of a, folded where its record gives the value: f(number), f(0) (0, 𝟏 or
 * c·𝟏 by `atZero`), f(𝟏) = 𝟏 where f(1) = 1, and log(exp(u)) = u.
 */
export function fn(name: ElementwiseFunction, a: Expr): Expr {
  const r = FUNCTIONS[name];
  if (a.op === 'num') {
    const v = exactValue(name, rationalOf(a));
    if (v !== undefined) return rationalNum(v);
  }
  const atZero = exactAtZero(name);
  if (a.op === 'zeros' && atZero !== undefined) {
    if (r.atZero === 0) return a;
    return r.atZero === 1 ? ones(a.shape) : mul(rationalNum(atZero), ones(a.shape));
  }
  if (name === 'log' && a.op === 'fn' && a.name === 'exp') return a.args[0];
  if (a.op === 'ones' && r.value(1) === 1) return a;
  return rawFn(name, a);
}

/** f(0) where it is rational (0, ½ or 1 in the records; acos(0) = π/2 and softplus(0) = log 2 are not). */
function exactAtZero(name: ElementwiseFunction): Rational | undefined {
  const z = FUNCTIONS[name].atZero;
  return Number.isInteger(2 * z) ? Q.fromNumber(z) : undefined;
}

/**
 * f(c) for a number c, where it is exactly rational: f(0) of every function with a finite value
 * there, the kinks (|c|, sign, relu, min0, step) and √ of a square. Otherwise f(c) stays written
 * (exp(2), not 7.389…).
 */
function exactValue(name: ElementwiseFunction, c: Rational): Rational | undefined {
  const r = FUNCTIONS[name];
  const s = Q.sign(c);
  if (s === 0) return exactAtZero(name);
  if (name === 'abs') return Q.absolute(c);
  if (name === 'sign') return Q.rational(BigInt(s));
  if (name === 'sqrt') return s > 0 ? Q.power(c, Q.rational(1n, 2n)) : undefined;
  if (name === 'log' && Q.equals(c, Q.ONE)) return Q.ZERO;
  if (r.cases) {
    const branch = s > 0 ? r.cases.positive : r.cases.negative;
    return branch === 'zero' ? Q.ZERO : branch === 'one' ? Q.ONE : c;
  }
  return undefined;
}

export function reduce(op: ReductionOp, a: Expr): Expr {
  if (isScalar(a.shape)) {
    switch (op) {
      case 'sum': case 'mean': case 'tr': case 'det': case 'logsumexp': return a;
      case 'norm1': case 'norm2': return fn('abs', a);
      case 'logdet': return fn('log', fn('abs', a));
    }
  }
  if (a.op === 'zeros' && (op === 'sum' || op === 'mean' || op === 'tr' || op === 'norm1' || op === 'norm2')) return num(0);
  if (op === 'sum' && a.op === 'ones') return sizeNode(a.shape);
  if (op === 'mean' && a.op === 'ones') return num(1);
  if (op === 'tr' && a.op === 'eye') return sizeNode(shape(a.shape.rows, 1));
  if ((op === 'tr' || op === 'det' || op === 'logdet') && a.op === 'transpose') return reduce(op, a.args[0]);
  if (op === 'sum' && a.op === 'transpose') return reduce('sum', a.args[0]);
  // Scalar multiples come out of linear reductions: sum(c·a) = c·sum(a), tr(c·A) = c·tr(A).
  if ((op === 'sum' || op === 'tr' || op === 'mean') && a.op === 'mul') {
    const scalars = a.args.filter((f) => isScalar(f.shape));
    const chain = a.args.filter((f) => !isScalar(f.shape));
    if (scalars.length > 0) return mul(...scalars, reduce(op, chain.length === 1 ? chain[0] : mul(...chain)));
  }
  if (op === 'tr' && a.op === 'add') return add(...a.args.map((t) => reduce(op, t)));
  return rawReduce(op, a);
}

export function inv(a: Expr): Expr {
  if (isScalar(a.shape)) return pow(a, num(-1));
  if (a.op === 'inv') return a.args[0];
  if (a.op === 'eye') return a;
  if (a.op === 'transpose') return transpose(inv(a.args[0]));
  if (a.op === 'matpow') return matpow(inv(a.args[0]), a.value as number);
  // (c·A·B)⁻¹ = c⁻¹ B⁻¹ A⁻¹ when every factor is square
  if (a.op === 'mul' && a.args.every((f) => f.shape.rows === f.shape.cols)) {
    return mul(...[...a.args].reverse().map(inv));
  }
  return rawInv(a);
}

export function diagm(v: Expr): Expr {
  const c = asColumn(v);
  if (c.op === 'ones') return eye(c.shape.rows);
  if (c.op === 'zeros') return zeros(shape(c.shape.rows, c.shape.rows));
  return rawDiagm(c);
}

/**
 * diag(A), the diagonal of a square matrix as a column, with the identities a textbook uses:
 * diag(diag(v)) = v, diag(abᵀ) = a ⊙ b, diag(I) = diag(𝟏𝟏ᵀ) = 𝟏, diag(Aᵀ) = diag(A), scalars out
 * (diag(cA) = c·diag(A)), a diagonal matrix at an end of a product an element-wise factor
 * (diag(A·diag(v)) = diag(A) ⊙ v, diag(diag(v)·A) = v ⊙ diag(A)), and linearity over a small flat
 * sum where a term simplifies (diag(𝟏𝟏ᵀdiag(x) + diag(x)𝟏𝟏ᵀ) = 2x: the gradient of sum(diag(x)²)).
 */
export function diagv(a: Expr): Expr {
  if (a.op === 'diagm') return asColumn(a.args[0]);
  if (a.op === 'mul' && a.args.length === 2 && isColumn(a.args[0].shape) && isRow(a.args[1].shape)) {
    return hadamard(a.args[0], transpose(a.args[1]));
  }
  if (a.op === 'eye' || (a.op === 'ones' && a.shape.rows === a.shape.cols)) return ones(shape(a.shape.rows, 1));
  if (a.op === 'zeros') return zeros(shape(a.shape.rows, 1));
  if (a.op === 'transpose') {
    // A loop: x'''… as read nests thousands of transposes.
    let b = a;
    while (b.op === 'transpose') b = b.args[0];
    return diagv(b);
  }
  if (a.op === 'mul') return diagonalOfProduct(a) ?? rawDiagv(a);
  if (a.op === 'add' && a.args.length < LARGE_SUM && !a.args.some((t) => t.op === 'add')) {
    const parts = a.args.map(diagv);
    if (parts.some((d, i) => d.op !== 'diagv' || d.args[0] !== a.args[i])) return add(...parts);
  }
  return rawDiagv(a);
}

/** diag of a product whose scalars come out or which starts or ends with diag(v); undefined if neither. */
function diagonalOfProduct(a: Expr): Expr | undefined {
  const scalars = a.args.filter((f) => isScalar(f.shape));
  const chain = a.args.filter((f) => !isScalar(f.shape));
  if (chain.length === 0) return undefined;
  if (scalars.length > 0) return mul(...scalars, diagv(chain.length === 1 ? chain[0] : mul(...chain)));
  if (chain.length < 2) return undefined;
  const [first, last] = [chain[0], chain[chain.length - 1]];
  if (last.op === 'diagm') return hadamard(diagv(mul(...chain.slice(0, -1))), asColumn(last.args[0]));
  if (first.op === 'diagm') return hadamard(asColumn(first.args[0]), diagv(mul(...chain.slice(1))));
  return undefined;
}

export const softmax = (z: Expr): Expr => rawSoftmax(z);

/** softmax(Z, d): of each row (d = 2) or column (d = 1); a single row or column is the vector softmax, a length-1 one is 1. */
export function softmaxAlong(z: Expr, d: Axis): Expr {
  const length = d === 2 ? z.shape.cols : z.shape.rows;
  if (length === 1) return ones(z.shape);
  if ((d === 2 ? z.shape.rows : z.shape.cols) === 1) return softmax(z);
  return rawSoftmaxAlong(z, d);
}

/** logsumexp(Z, d): of each row (d = 2, m×1) or column (d = 1, 1×n); of a single row or column, the scalar logsumexp. */
export function logsumexpAlong(z: Expr, d: Axis): Expr {
  const length = d === 2 ? z.shape.cols : z.shape.rows;
  if (length === 1) return z;
  if ((d === 2 ? z.shape.rows : z.shape.cols) === 1) return reduce('logsumexp', z);
  return rawLogsumexpAlong(z, d);
}

export function kron(a: Expr, b: Expr): Expr {
  if (isScalar(a.shape) || isScalar(b.shape)) return mul(a, b);
  if (isZero(a) || isZero(b)) return zeros(rawKron(a, b).shape);
  if (a.op === 'eye' && b.op === 'eye') return eye(rawKron(a, b).shape.rows);
  // Scalars come out: (cA) ⊗ B = c (A ⊗ B)
  const [ca, ra] = splitCoefficient(a);
  const [cb, rb] = splitCoefficient(b);
  if (!isOne(ca) || !isOne(cb)) return mul(rationalNum(Q.mul(ca, cb)), kron(ra, rb));
  return rawKron(a, b);
}

/** vec of an array: vectors become columns, matrices are column-stacked. */
export function vec(a: Expr): Expr {
  if (isScalar(a.shape) || isColumn(a.shape)) return a;
  if (isRow(a.shape)) return transpose(a);
  if (a.op === 'zeros') return zeros(shape(sizeOf(a.shape), 1));
  if (a.op === 'ones') return ones(shape(sizeOf(a.shape), 1));
  return rawVec(a);
}

export function entry(a: Expr, i: number, j: number): Expr {
  if (a.op === 'ones') return num(1);
  if (a.op === 'zeros') return num(0);
  if (isScalar(a.shape)) return a;
  if (a.op === 'block') {
    const cols = a.dims?.[1] as number;
    return a.args[(i - 1) * cols + (j - 1)];
  }
  if (a.op === 'unit') return num(i === a.value ? 1 : 0);
  return rawEntry(a, i, j);
}

/** ⟨P, Q⟩ = Σ P_ij Q_ij for arrays of the same shape, in textbook form (pq, pᵀq, tr(PᵀQ)). */
export function inner(p: Expr, q: Expr): Expr {
  if (isScalar(p.shape)) return mul(p, q);
  if (isColumn(p.shape)) return mul(transpose(p), q);
  if (isRow(p.shape)) return mul(p, transpose(q));
  if (p.op === 'eye') return reduce('tr', q);
  if (q.op === 'eye') return reduce('tr', p);
  return reduce('tr', mul(transpose(p), q));
}

export { num, zeros, ones, eye, node };

/** The constructors a reshaped vec is rebuilt with (simplify/unvec.ts). */
const RESHAPE_BUILDERS: ReshapeBuilders = { add, mul, hadamard, pow, fn, transpose, ones, zeros };

/** The constructors the function records write their derivatives with. */
export const BUILDERS: Builders = {
  add, sub, neg, mul, hadamard, pow, num, ones, zeros, fn: (name, a) => fn(name as ElementwiseFunction, a), pi: PI,
};
export type { Shape };
