/**
 * Textbook form: factor sums. Terms sharing a right factor are collected, Ax + Aᵀx → (A + Aᵀ)x;
 * likewise a left factor, a Hadamard factor (a ⊙ b + a ⊙ c → a ⊙ (b + c)) and a non-numeric scalar
 * factor. Greedy (the factor shared by most terms first), bottom-up, each step removes at least one
 * term from a sum, so it terminates. Sound: distributivity only.
 */
import { Expr, rawAdd, rawHadamard, rawMul, rationalNum, rationalOf, zeros } from '../model/expr';
import { rewriteBottomUp } from './bottomUp';
import { flatNested, keepsNested, sharedStart, withFlatArgs } from './nestedStart';
import { isScalar } from '../model/shape';
import { isLargeSum, add, chainLength, coefficientOf, eye, firstMatrix, flattensInto, hadamard, lastMatrix, mul, num, splitCoefficient, withoutFactor } from '../simplify/build';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';

type Side = 'right' | 'left' | 'hadamard' | 'scalar';

interface Candidate {
  readonly side: Side;
  readonly factor: Expr;
}

function candidatesOf(t: Expr): Candidate[] {
  const out: Candidate[] = [];
  if (t.op === 'mul') {
    const first = firstMatrix(t);
    if (first >= 0) {
      out.push({ side: 'right', factor: t.args[lastMatrix(t)] });
      out.push({ side: 'left', factor: t.args[first] });
    }
    for (const f of t.args) if (isScalar(f.shape) && f.op !== 'num') out.push({ side: 'scalar', factor: f });
  } else if (t.op === 'hadamard') {
    for (const f of t.args) out.push({ side: 'hadamard', factor: f });
  } else if (!isScalar(t.shape)) {
    out.push({ side: 'right', factor: t }, { side: 'left', factor: t });
  } else if (t.op !== 'num') {
    out.push({ side: 'scalar', factor: t });
  }
  return out;
}

/** t with the factor removed: what multiplies it. */
function cofactor(t: Expr, c: Candidate): Expr {
  if (c.side === 'hadamard') {
    const rest = t.args.filter((f, i) => !(f === c.factor && t.args.indexOf(f) === i));
    return rest.length === 0 ? num(1) : hadamard(...rest);
  }
  if (t.op !== 'mul') return num(1);
  const idx = c.side === 'scalar' ? t.args.indexOf(c.factor) : c.side === 'right' ? lastMatrix(t) : firstMatrix(t);
  return t.args.length === 1 ? num(1) : withoutFactor(t, idx);
}

/** Turn a scalar cofactor into c·I where the factored sum must be a matrix. */
function liftToIdentity(c: Expr, rows: Expr['shape']['rows']): Expr {
  return isScalar(c.shape) ? mul(c, eye(rows)) : c;
}

/**
 * A numeric factor common to every term (2a − 2b → 2(a − b)), or 1; negative when every term is
 * (−2a − 2b → −2(a + b), −a − b → −(a + b): −(xᵀAx)(B + Bᵀ)/(xᵀBx)², not (xᵀAx)(−B − Bᵀ)/(xᵀBx)²).
 */
function commonCoefficient(terms: readonly Expr[]): Rational {
  // Most sums have a term without a coefficient: no other term is looked at.
  const first = coefficientOf(terms[0]);
  const c0 = Q.absolute(first);
  if (Q.equals(first, Q.ONE) || c0.n === 0n) return Q.ONE;
  let negative = Q.sign(first) < 0;
  for (let i = 1; i < terms.length; i++) {
    const c = coefficientOf(terms[i]);
    if (!Q.equals(Q.absolute(c), c0)) return Q.ONE;
    negative &&= Q.sign(c) < 0;
  }
  return negative ? Q.neg(c0) : c0;
}

/**
 * The greatest common divisor of 1×1 terms' integer coefficients, when a scalar S was taken out of them (S·(2 − 8u)):
 * it comes out too, 2S(1 − 4u), as a factored form is written (2 sech²(a²)(1 − 4a² tanh(a²)), 2e^{a²}(1 + 2a²)). 1 where
 * a coefficient is not an integer, or for a sum alone: 9 + 18x stays (Parr & Howard's answer to 9(x + x²)).
 */
function integerDivisor(terms: readonly Expr[]): bigint {
  if (terms.length < 2 || !isScalar(terms[0].shape)) return 1n;
  let g = 0n;
  for (const t of terms) {
    const c = coefficientOf(t);
    if (c.d !== 1n) return 1n;
    let a = c.n < 0n ? -c.n : c.n;
    let b = g;
    while (b !== 0n) [a, b] = [b, a % b];
    g = a;
    if (g === 1n) return 1n;
  }
  return g;
}

/**
 * A sum that holds every term of a sum S and a term S·M (or M·S) written with S as its first (last)
 * matrix factor is S(I + M): W − W𝟏𝟏ᵀ/n → W(I − 𝟏𝟏ᵀ/n), the gradient through a centring (a layer
 * norm's mean). The terms after the rewrite, or undefined when no term is such a product.
 */
function collectSum(terms: readonly Expr[]): Expr[] | undefined {
  // Only a product whose first or last matrix factor is a sum can be such a term (most sums have none).
  if (!terms.some((t) => t.op === 'mul' && firstMatrix(t) >= 0 && (t.args[firstMatrix(t)].op === 'add' || t.args[lastMatrix(t)].op === 'add'))) return undefined;
  const ids = new Set(terms.map((t) => t.id));
  for (const t of terms) {
    for (const c of candidatesOf(t)) {
      const s = c.factor;
      if ((c.side !== 'left' && c.side !== 'right') || s.op !== 'add' || s === t) continue;
      if (!s.args.every((a) => ids.has(a.id) && a !== t) || new Set(s.args.map((a) => a.id)).size !== s.args.length) continue;
      const m = cofactor(t, c);
      if (isScalar(m.shape)) continue;
      const around = add(eye(c.side === 'left' ? s.shape.cols : s.shape.rows), m);
      const rest = terms.filter((x) => x !== t && !s.args.includes(x));
      return [c.side === 'left' ? mul(s, around) : mul(around, s), ...rest];
    }
  }
  return undefined;
}

/**
 * A sum of 1×1 terms holding c times every term of a sum S that is a factor of another of its terms: those terms are
 * c·S, written so, and the steps below take S out. The second derivative of tanh(a²), 2 − 2tanh(a²)² −
 * 8a²tanh(a²)(1 − tanh(a²)²) (the first derivative's 1 − tanh(a²)² multiplied out by the product rule), is
 * 2(1 − tanh(a²)²)(1 − 4a²tanh(a²)). The terms after the rewrite, or undefined when there is no such S. Sound:
 * distributivity (c·S is the sum of the c·sᵢ).
 */
function collectScaledSum(terms: readonly Expr[]): Expr[] | undefined {
  if (!isScalar(terms[0].shape) || !terms.some((t) => t.op === 'mul' && t.args.some((f) => f.op === 'add'))) return undefined;
  const parts = terms.map(splitCoefficient);
  for (const t of terms) {
    if (t.op !== 'mul') continue;
    for (const s of t.args) {
      if (s.op !== 'add' || !isScalar(s.shape) || s.args.length >= terms.length) continue;
      const used = new Set<number>();
      let c: Rational | undefined;
      for (const [k, rest] of s.args.map(splitCoefficient)) {
        const j = parts.findIndex(([, r], i) => r === rest && terms[i] !== t && !used.has(i));
        const ratio = j < 0 ? undefined : Q.mul(parts[j][0], Q.inverse(k));
        if (ratio === undefined || (c !== undefined && !Q.equals(c, ratio))) {
          c = undefined;
          break;
        }
        c = ratio;
        used.add(j);
      }
      if (c === undefined) continue;
      return [mul(rationalNum(c), s), ...terms.filter((_, i) => !used.has(i))];
    }
  }
  return undefined;
}

/**
 * S − c·SMS, a matrix and a sandwich of another between two copies of it, stays as it is: collecting
 * S on one side, (I − cSM)S, hides the symmetry the textbooks show — a softmax's Jacobian is
 * diag(p) − diag(p)𝟏𝟏ᵀdiag(p) = diag(p) − ppᵀ, and a row-wise softmax's D − D(𝟏𝟏ᵀ ⊗ I)D with
 * D = diag(vec(P)), one block diag(pᵢ) − pᵢpᵢᵀ per row.
 */
function isSandwich(terms: readonly Expr[]): boolean {
  if (terms.length !== 2) return false;
  // Up to numbers: −S⁻¹ + S⁻¹xxᵀS⁻¹ (a Gaussian's gradient by its covariance) stays too.
  const [t0, t1] = terms.map((t) => splitCoefficient(t)[1]);
  const [a, b] = isScalar(t0.shape) || t0.op === 'mul' ? [t1, t0] : [t0, t1];
  if (isScalar(a.shape) || a.op === 'mul' || b.op !== 'mul') return false;
  const first = firstMatrix(b);
  const last = lastMatrix(b);
  return first >= 0 && b.args[first] === a && b.args[last] === a && chainLength(b) >= 3;
}

/**
 * The factor offered by the most terms (at least two), the first offered among equals; undefined when
 * no two terms share one. `offers`: each term's candidates.
 */
function mostShared(offers: readonly Candidate[][]): Candidate | undefined {
  const same = (a: Candidate, b: Candidate): boolean => a.side === b.side && a.factor === b.factor;
  // Two terms (most sums): the first of the first term's factors that the second offers too.
  if (offers.length === 2) return offers[0].find((a) => offers[1].some((b) => same(a, b)));
  // Per (side, factor): the terms offering it, each counted once (x·x offers x once).
  const count = new Map<Side, Map<Expr, { c: Candidate; n: number; last: number }>>();
  const order: { c: Candidate; n: number; last: number }[] = [];
  offers.forEach((cs, k) => {
    for (const c of cs) {
      let bySide = count.get(c.side);
      if (!bySide) count.set(c.side, (bySide = new Map()));
      const entry = bySide.get(c.factor);
      if (!entry) {
        const e = { c, n: 1, last: k };
        bySide.set(c.factor, e);
        order.push(e);
      } else if (entry.last !== k) {
        entry.n++;
        entry.last = k;
      }
    }
  });
  let best: { c: Candidate; n: number } | undefined;
  for (const e of order) if (e.n >= 2 && (!best || e.n > best.n)) best = e;
  return best?.c;
}

function factorSum(terms: readonly Expr[]): Expr {
  if (terms.length < 2) return terms.length === 1 ? terms[0] : num(0);
  const ending = commonEnd(terms) ?? commonStart(terms);
  if (ending !== undefined) return ending;
  const sandwich = isSandwich(terms);
  const collected = sandwich ? undefined : collectSum(terms) ?? collectScaledSum(terms);
  if (collected) return factorSum(collected);
  const c0 = commonCoefficient(terms);
  if (!Q.equals(c0, Q.ONE)) {
    // Divide each coefficient exactly (c/c0 is ±1), so the inner sum has no common factor left.
    const inner = terms.map((t) => {
      const [c, rest] = splitCoefficient(t);
      return mul(rationalNum(Q.mul(c, Q.inverse(c0))), rest);
    });
    return mul(rationalNum(c0), factorSum(inner));
  }
  if (sandwich) return add(...terms);
  const offers = terms.map(candidatesOf);
  const c = mostShared(offers);
  if (!c) return add(...terms);
  const inside: Expr[] = [];
  const outside: Expr[] = [];
  terms.forEach((t, k) => {
    if (offers[k].some((o) => o.side === c.side && o.factor === c.factor)) inside.push(cofactor(t, c));
    else outside.push(t);
  });
  let factored: Expr;
  if (c.side === 'right' || c.side === 'left') {
    // The cofactors multiply a matrix-product factor: scalars among them become scalar·I.
    const dim = c.side === 'right' ? c.factor.shape.rows : c.factor.shape.cols;
    const anyMatrix = inside.some((t) => !isScalar(t.shape));
    const lifted = anyMatrix ? inside.map((t) => liftToIdentity(t, dim)) : inside;
    const sum = factorSum(lifted);
    factored = c.side === 'right' ? mul(sum, c.factor) : mul(c.factor, sum);
  } else if (c.side === 'hadamard') {
    factored = hadamard(c.factor, factorSum(inside));
  } else {
    const g = integerDivisor(inside);
    factored = g === 1n ? mul(c.factor, factorSum(inside)) : mul(rationalNum(Q.rational(g, 1n)), c.factor, factorSum(inside.map((t) => mul(rationalNum(Q.rational(1n, g)), t))));
  }
  return outside.length === 0 ? factored : factorSum([factored, ...outside]);
}

/**
 * Two products of matrices P·F and Q·F ending in the same factors F = F₁…F_m (m ≥ 2): what the
 * greedy steps below make of them — each takes the last factor out (two matrix products offer no
 * sandwich and no collected sum, their numbers stay as they are, here with no number in common, and
 * right factors come first), rebuilding both products — all at once, factorSum([P, Q])·F₁…F_m. One
 * step per factor was quadratic in F: a recurrence's total T + D·W·T at the k-th step (a residual
 * network's, a Hessian's through shared layers) has k factors in common. Only while both rests are
 * products of two matrix factors or more that are not 1×1 (where the steps could differ); from
 * there on, the steps as they are. Undefined when this does not apply.
 */
function commonEnd(terms: readonly Expr[]): Expr | undefined {
  if (terms.length !== 2) return undefined;
  const [a, b] = terms;
  if (!isMatrixChain(a) || !isMatrixChain(b) || !Q.equals(commonCoefficient(terms), Q.ONE)) return undefined;
  let m = 0;
  for (;;) {
    const p = a.args.length - m;
    const q = b.args.length - m;
    if (a.args[p - 1] !== b.args[q - 1] || !restIsChain(a, p - 1) || !restIsChain(b, q - 1)) break;
    m++;
  }
  if (m < 2) return undefined;
  const rest = (t: Expr): Expr => mul(...t.args.slice(0, t.args.length - m));
  return mul(factorSum([rest(a), rest(b)]), ...a.args.slice(a.args.length - m));
}

/**
 * Products of matrices F·P₁, F·P₂, … starting with the same factors F = F₁…F_m (m ≥ 2), not all ending
 * in the same one: what the greedy steps make of them — each takes the first factor out (offered by
 * every term, and no right factor is: it is the most shared, and no term offers another; a right factor
 * shared by all would come first), rebuilding every product — all at once, F₁…F_m·factorSum([P₁, P₂, …]).
 * One step per factor was quadratic in F: the Jacobian of a gated state h = tanh(W h) ⊙ h is
 * J·diag(a) + J·diag(b)·W at the k-th step, J the product of the k before, and its Hessian's sums have
 * five or six such terms (issue 17). The same conditions as commonEnd: only while every rest is a
 * product of two matrix factors or more that is not 1×1; and, with three terms or more, only while no
 * rest's end is a sum that could be collected (collectSum, which the steps try first; mayCollect).
 * Undefined when this does not apply.
 */
function commonStart(terms: readonly Expr[]): Expr | undefined {
  if (terms.length < 2 || !terms.every(isMatrixChain) || !Q.equals(commonCoefficient(terms), Q.ONE)) return undefined;
  const lasts = new Set(terms.map((t) => t.args[t.args.length - 1]));
  if (lasts.size === 1) return undefined;
  const starts = terms.map(numberFirst);
  const sameAt = (m: number): boolean => terms.every((t, k) => t.args[starts[k] + m] === terms[0].args[starts[0] + m]);
  const chainsFrom = (m: number): boolean => terms.every((t, k) => restFromIsChain(t, starts[k] + m));
  const collects = (m: number): boolean => terms.length > 2 && terms.some((t, k) => mayCollect(t.args[starts[k] + m], terms.length, lasts) || mayCollect(t.args[t.args.length - 1], terms.length, lasts));
  let m = 0;
  while (sameAt(m) && !collects(m) && chainsFrom(m + 1)) m++;
  if (m < 2) return undefined;
  const rests = terms.map((t, k) => mul(...t.args.slice(0, starts[k]), ...t.args.slice(starts[k] + m)));
  return mul(...terms[0].args.slice(starts[0], starts[0] + m), factorSum(rests));
}

/**
 * Whether collectSum could take f, a first or last factor of one of n products, as the sum S of a
 * term S·M: f is a sum of n − 1 terms or fewer, each a product ending in one of the products' last
 * factors (as each of them does). Conservative: true where collectSum might apply.
 */
const mayCollect = (f: Expr, n: number, lasts: ReadonlySet<Expr>): boolean =>
  f.op === 'add' && f.args.length < n && f.args.every((a) => a.op === 'mul' && lasts.has(a.args[a.args.length - 1]));

/** 1 when a product starts with its number (its coefficient, as mul() writes it), else 0. */
const numberFirst = (t: Expr): number => (t.args[0].op === 'num' && isScalar(t.args[0].shape) ? 1 : 0);

/** A product of two matrix factors or more, none of them 1×1, after its number if it has one. */
const isMatrixChain = (t: Expr): boolean =>
  t.op === 'mul' && t.args.length - numberFirst(t) >= 2 && t.args.every((f, i) => !isScalar(f.shape) || (i === 0 && numberFirst(t) === 1));

/** Whether the first n factors of a matrix chain hold two matrix factors or more and are not 1×1. */
const restIsChain = (t: Expr, n: number): boolean =>
  n - numberFirst(t) >= 2 && !isScalar({ rows: t.args[numberFirst(t)].shape.rows, cols: t.args[n - 1].shape.cols });

/** Whether a matrix chain's factors from the s-th on hold two matrix factors or more and are not 1×1. */
const restFromIsChain = (t: Expr, s: number): boolean =>
  t.args.length - s >= 2 && !isScalar({ rows: t.args[s].shape.rows, cols: t.args[t.args.length - 1].shape.cols });

/**
 * A Hadamard product one of whose factors became c·A when its sum was factored ((P/N − Y/N)W₂ᵀ →
 * (P − Y)W₂ᵀ/N): c comes out of it, ((P − Y)W₂ᵀ) ⊙ 𝟙[Z > 0] / N, not ((P − Y)W₂ᵀ/N) ⊙ 𝟙[Z > 0]
 * (CS231n's G₁ = (G₂W₂ᵀ) ⊙ φ′). Only such new scalars: a factor that had its scalar before (the
 * mean X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n) of a layer norm) keeps it. Sound: (cA) ⊙ B = c(A ⊙ B).
 */
function scalarsOutOfHadamard(e: Expr, original: Expr): Expr {
  const scaled = (f: Expr): boolean => f.op === 'mul' && !isScalar(f.shape) && f.args.some((g) => isScalar(g.shape));
  const lifted: Expr[] = [];
  const args = e.args.map((f, i) => {
    if (f === original.args[i] || !scaled(f) || scaled(original.args[i])) return f;
    lifted.push(...f.args.filter((g) => isScalar(g.shape)));
    return mul(...f.args.filter((g) => !isScalar(g.shape)));
  });
  return lifted.length === 0 ? e : mul(...lifted, rawHadamard(args));
}

/**
 * Factor every sum in the expression, bottom-up; `settled`: nodes it left as they were before (present/bottomUp.ts).
 * Within the walk a product made by it may stay nested in the next one (present/nestedStart.ts): written flat
 * before any other rule reads it, and at the end. `nested: false` writes every product flat at once (the same
 * answer, in quadratic work on a deep chain: what nestedStart.test.ts compares with).
 */
export function factorize(root: Expr, settled?: Set<Expr>, nested = true): Expr {
  return flatNested(rewriteBottomUp(root, nested ? factorNode : factorFlatNode, undefined, settled));
}

function factorNode(given: Expr, original: Expr): Expr {
  if (given !== original) {
    const folded = zeroFolded(given);
    if (folded !== given) return folded;
  }
  if (given !== original && keepsNested(given)) return given;
  if (given.op === 'add') {
    const sum = flattenSame(given);
    return sharedStart(sum.args, factorSum) ?? factorSum(sum.args.map(flatNested));
  }
  // Only a node whose arguments the walk changed can hold a product it keeps nested.
  return factorFlatNode(given === original ? given : withFlatArgs(given), original);
}

function factorFlatNode(e: Expr, original: Expr): Expr {
  if (e !== original) {
    const folded = zeroFolded(e);
    if (folded !== e) return folded;
  }
  if (e.op === 'hadamard') return e === original ? e : scalarsOutOfHadamard(e, original);
  const out = flattenSame(e);
  return out.op === 'add' ? factorSum(out.args) : out;
}

/** The operations that are linear in each argument: a zero argument makes them zero. */
const LINEAR: ReadonlySet<Expr['op']> = new Set<Expr['op']>(['mul', 'hadamard', 'kron', 'transpose', 'vec', 'diagm', 'diagv', 'sum', 'mean', 'tr', 'entry', 'contract']);

const isZero = (e: Expr): boolean => e.op === 'zeros' || (e.op === 'num' && e.value === 0);

/**
 * A node one of whose arguments factoring made zero (a sum whose terms cancel once factored, AX − AY + A(Y − X)):
 * 𝟎 of its shape when it is linear in that argument (P ⊙ 𝟎, 𝟎ᵀ, sum(𝟎), c·𝟎), a sum without its zero terms; the
 * node itself otherwise (exp(𝟎) is not zero). The walk rebuilds a node from its new arguments as they are, so
 * ∂ sum(exp(P) ⊙ (AX − AY + A(Y − X)))/∂P printed (𝟎 ⊙ exp(P))ᵀ. Sound: multilinearity, 0 + t = t.
 */
function zeroFolded(e: Expr): Expr {
  if (!e.args.some(isZero)) return e;
  if (LINEAR.has(e.op)) return zeros(e.shape);
  if (e.op !== 'add') return e;
  const rest = e.args.filter((t) => !isZero(t));
  return rest.length === 0 ? zeros(e.shape) : rest.length === 1 ? rest[0] : rawAdd(rest);
}

/** Associativity only: a sum of sums and a product of products are written flat. */
export function flattenSame(e: Expr): Expr {
  if (e.op !== 'add' && e.op !== 'mul') return e;
  const flattens = e.op === 'add' ? isSum : flattensInto;
  if (!e.args.some(flattens)) return e;
  const args: Expr[] = [];
  for (const a of e.args) {
    if (flattens(a)) for (const b of a.args) args.push(b);
    else args.push(a);
  }
  if (e.op === 'add') return rawAdd(args);
  const folded = foldNumbers(args);
  return folded.length === 1 ? folded[0] : rawMul(folded);
}

/** A sum inside a sum is written flat, unless it is a large one add() keeps whole (simplify/build.ts largeSumKept). */
const isSum = (e: Expr): boolean => e.op === 'add' && !isLargeSum(e);

const isScalarNumber = (e: Expr): boolean => e.op === 'num' && isScalar(e.shape);

/**
 * The numbers among a flattened product's factors, multiplied into one (exact): −(−x), read as
 * (−1)·((−1)·x), flattens to (−1)·(−1)·x, which is x, not a product the writers print as −−1·x.
 * The number stands where the first one stood; a product of numbers equal to 1 is left out.
 */
function foldNumbers(args: readonly Expr[]): readonly Expr[] {
  let first = -1;
  let count = 0;
  let c: Rational = Q.ONE;
  for (let i = 0; i < args.length; i++) {
    if (!isScalarNumber(args[i])) continue;
    if (first < 0) first = i;
    count++;
    c = Q.mul(c, rationalOf(args[i]));
  }
  if (count < 2) return args;
  const out: Expr[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!isScalarNumber(args[i])) out.push(args[i]);
    else if (i === first && !(Q.equals(c, Q.ONE) && args.length > count)) out.push(rationalNum(c));
  }
  return out;
}
