/**
 * pow(): element-wise and scalar powers, integer powers opened over products and powers of scalars.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { checkpoint } from '../limits/budget';
import { type Expr, num, rationalNum, rationalOf, ones, rawPow } from '../model/expr';
import { isScalar } from '../model/shape';
import { foldsAt, isDecimalAt } from './decimalTrace';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { isNum, isOnes, isZeroQ } from './numbers';
import { formAt } from './powerForm';
import { hadamard } from './hadamard';
import { mul } from './product';
import { pushReversed } from './stack';

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
  if (k.op === 'num' && isQuotient(a) && Q.isInteger(rationalOf(k)) && rationalOf(k).n < 0n) return hadamard(...a.args.map((f) => pow(f, k)));
  return rawPow(a, k);
}

/**
 * An element-wise quotient, a Hadamard product with a reciprocal factor (a negative numeric power): its negative
 * integer powers are taken entry by entry, (a ⊙ b)∘ᵏ = a∘ᵏ ⊙ b∘ᵏ for an integer k (where both sides are defined),
 * so (p ⊘ q)∘⁻¹ = q ⊘ p and p ⊘ (p ⊘ q) = q: the gradient of the KL divergence sum(q ⊙ log(q ⊘ softmax(z)))
 * held (q∘² ⊙ p∘⁻²) ⊘ (q ⊘ p). Other products keep their power, (a ⊙ b)∘⁻¹.
 */
const isQuotient = (a: Expr): boolean =>
  a.op === 'hadamard' && a.args.some((f) => f.op === 'pow' && f.args[1].op === 'num' && rationalOf(f.args[1]).n < 0n);

/** Does an integer power open `a`: a power with a numeric exponent, or a product of scalars? */
export const distributes = (a: Expr): boolean => (a.op === 'pow' && a.args[1].op === 'num') || isScalarProduct(a);

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

/** a^m exactly for an integer m (no size limit: the numbers the loop would fold one by one, multiplied). */
function exactPower(a: Rational, m: bigint): Rational {
  const abs = m < 0n ? -m : m;
  const r = Q.rational(a.n ** abs, a.d ** abs);
  return m < 0n ? Q.inverse(r) : r;
}

/** A base whose integer powers pow() writes b^k and mul() merges by their exponents (numbers: non-zero; a decimal's mark is traced). */
export function isPlainBase(b: Expr): boolean {
  if (b.op === 'num') return !isZeroQ(rationalOf(b));
  return !isOnes(b) && !isZeroOne(b);
}

/** A power with a numeric exponent that is not an integer (x^0.5, (ab)^(1/3)). */
export const isFractionalPower = (e: Expr): boolean => e.op === 'pow' && e.args[1].op === 'num' && !Q.isInteger(rationalOf(e.args[1]));

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

export const isScalarProduct = (a: Expr): boolean => a.op === 'mul' && isScalar(a.shape) && a.args.every((f) => isScalar(f.shape));

/**
 * The factors of a product of scalars, its nested products of scalars opened in a loop (as mul()
 * flattens them): −(−(…a…)) read as written nests one product per sign, and raising it to a power
 * recursed once per level (issue 13: 5,000 signs under ^{-1} threw RangeError).
 */
export function scalarFactors(a: Expr): Expr[] {
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
export function isZeroOne(a: Expr): boolean {
  // Through transposes by a loop: x'''… thousands deep must not overflow the stack.
  let e = a;
  while (e.op === 'transpose') e = e.args[0];
  if (e.op === 'fn') return e.name === 'step';
  if (e.op === 'hadamard') return e.args.every(isZeroOne);
  return false;
}

const isPositiveInteger = (k: Rational): boolean => Q.isInteger(k) && Q.sign(k) > 0;
