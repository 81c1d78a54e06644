/**
 * mul(): products — scalars merged as powers, numbers folded, and the matrix chain simplified (./chain);
 * settled chains (SETTLED) are scanned only where new factors meet them.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { checkpoint } from '../limits/budget';
import { type Expr, num, rationalNum, rationalOf, zeros, eye, rawMul, productShape } from '../model/expr';
import { isScalar, sameShape } from '../model/shape';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { add } from './add';
import { NONE_SETTLED, type Settled, simplifyChain } from './chain';
import { dropStepsBesideRelu, sigmoidOfScalars, signBesideAbs } from './factorRules';
import { isOne, isZeroQ } from './numbers';
import { pow } from './power';
import { matpow } from './matrix';
import { pushReversed } from './stack';
import { softmaxesInChain } from './softmaxForm';

/**
 * A product inside a product may be written flat (associativity) unless it is a 1×1 value made by
 * a matrix chain, like xᵀy: that factor scales, and its row and column must not join the outer chain.
 */
export function flattensInto(f: Expr): boolean {
  return f.op === 'mul' && (!isScalar(f.shape) || f.args.every((a) => isScalar(a.shape)));
}

/** A positive integer power of a scaled matrix, (cA)ᵏ, as a factor of a product. */
const isScaledPower = (f: Expr): boolean =>
  f.op === 'matpow' && (f.value as number) > 0 && Number.isInteger(f.value) && f.args[0].op === 'mul' && f.args[0].args.some((a) => isScalar(a.shape));

/**
 * (cA)ᵏ = cᵏAᵏ in a product, the scalars taken out of the power (they commute): ∂(cX)³/∂c, X(cX)² + c²X³ + (cX)²X,
 * is 3c²X³. A power alone keeps its form as read, (cX)³.
 */
function openedScaledPower(f: Expr): Expr[] {
  const k = f.value as number;
  const base = f.args[0].args;
  return [...base.filter((a) => isScalar(a.shape)).map((a) => pow(a, num(k))), matpow(mul(...base.filter((a) => !isScalar(a.shape))), k)];
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

/** The exponents of a product without scalar factors (never added to: its scalar order is empty). */
const NO_EXPONENTS: ReadonlyMap<number, Rational> = new Map();

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
    } else if (isScaledPower(f)) {
      pushReversed(pending, openedScaledPower(f));
    } else {
      flat.push(f);
      if (!isScalar(f.shape)) matrices++;
    }
  }
  const settled = known ?? (prefix > 0 || lastStart >= 0 ? { prefix, suffix: lastStart >= 0 && lastStart + lastLength === matrices ? lastLength : 0 } : NONE_SETTLED);
  const resultShape = productShape(flat);
  let c = Q.ONE;
  const scalarOrder: Expr[] = [];
  // The scalar factors' exponents by base: made at the first scalar factor (most products of the
  // matrix chains have none, and the rules among scalars below then have nothing to do).
  let scalarExp: Map<number, Rational> | undefined;
  let chain: Expr[] = [];
  for (const f of flat) {
    if (f.op === 'num') c = Q.mul(c, rationalOf(f));
    else if (isScalar(f.shape)) {
      const [base, k] = powerParts(f);
      scalarExp ??= new Map<number, Rational>();
      const before = scalarExp.get(base.id);
      if (before === undefined) scalarOrder.push(base);
      scalarExp.set(base.id, before === undefined ? k : Q.add(before, k));
    } else if (f.op === 'zeros') return zeros(resultShape);
    else chain.push(f);
  }
  if (isZeroQ(c)) return zeros(resultShape);
  const exps = scalarExp ?? NO_EXPONENTS;
  if (scalarExp !== undefined) {
    mergeSymbolicPowers(scalarOrder, scalarExp);
    dropStepsBesideRelu(scalarOrder, scalarExp);
    signBesideAbs(scalarOrder, scalarExp);
    sigmoidOfScalars(scalarOrder, scalarExp);
  }
  chain = simplifyChain(chain, settled);
  // exp(u)/sum(exp(u)) = softmax(u) (simplify/softmaxForm.ts); the chain's new factors may pair (𝟏ᵀsoftmax(u) = 1).
  const softmaxes = scalarExp === undefined || chain.length === 0 ? undefined : softmaxesInChain(scalarOrder, scalarExp, chain);
  if (softmaxes !== undefined) chain = simplifyChain(softmaxes);
  if (chain.some((f) => f.op === 'zeros')) return zeros(resultShape);
  // Chain rules can produce 1×1 values (1ᵀx = sum(x)): they join the scalars.
  if (chain.some((f) => isScalar(f.shape))) {
    return mul(rationalNum(c), ...scalarOrder.map((b) => pow(b, rationalNum(exps.get(b.id) as Rational))), ...chain);
  }
  // Chains that reduced to a 1×1 value join the scalars; numbers raised to a power fold into c.
  const out: Expr[] = [];
  const powers: Expr[] = [];
  for (const base of scalarOrder) {
    const k = exps.get(base.id) as Rational;
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
