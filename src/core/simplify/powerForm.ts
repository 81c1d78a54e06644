/**
 * The opened form of an integer power of a product of scalars, remembered per node (formAt):
 * distributedPower's loop done once per node and exponent class.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { checkpoint } from '../limits/budget';
import { type Expr, rationalOf } from '../model/expr';
import { type DecimalTrace, NO_NUMBERS, followedBy, numberTrace, raisedTo } from './decimalTrace';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { distributes, isFractionalPower, isPlainBase, isScalarProduct, scalarFactors } from './power';

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
export function formAt(root: Expr, m: Rational): { readonly opened: Opened | null; readonly scale: Rational } | null {
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
export function merged(parts: readonly [Expr, Rational][], g: number): Opened | null {
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
