/**
 * Whether a product of numbers prints as a decimal, summarised so that it can be known without
 * multiplying the numbers again in their order.
 *
 * mul() folds its numbers one by one, c ← c·f, and the product keeps the decimal mark (0.25, not ¼:
 * model/rational.ts) while one factor had it and every partial product since has a terminating
 * non-integer value: its denominator 2ᵃ5ᵇ ≠ 1. So the mark depends on the order of the factors
 * (0.5·2·¼ is ¼, 0.5·¼·2 is 0.25). Raising a product to a power (simplify/build.ts distributedPower)
 * folds the numbers of the product it opens in the order it opens them; the opened form, remembered
 * per node, has each number once with its summed exponent, so it must know the mark apart: this trace.
 *
 * The numbers n₁…n_m (each raised to an integer eᵢ) of a form, in their order, make partial products
 * Pᵢ = Πⱼ≤ᵢ nⱼ^eⱼ, written by their exponents over the primes (a point: 2 and 5, and the other primes
 * of the numbers; a number with a prime beyond SMALL_PRIMES has no trace). Raised to k, the partial
 * products are Pᵢᵏ: the product of the form's numbers at k is a decimal exactly when some factor nⱼ^(eⱼk)
 * is one and every partial product from it on is a terminating non-integer, which for the points p
 * means: no other prime with a negative exponent in k·p, and 2 or 5 with a negative one. Only the sign
 * of k matters. The trace keeps, for each sign, the points from the last decimal factor on, and all the
 * points (for a form that follows), each set pruned to the points that can decide (see prune).
 */
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';

/** A product of numbers as its exponents over primes (prime → exponent, no zero entries). */
type Point = ReadonlyMap<number, number>;

export interface DecimalTrace {
  /** The product of all the numbers. */
  readonly end: Point;
  /** Every partial product (pruned). */
  readonly all: readonly Point[];
  /** The partial products from the last factor that is a decimal raised to a positive k on (pruned), or null if none is. */
  readonly positive: readonly Point[] | null;
  /** The same for a negative k. */
  readonly negative: readonly Point[] | null;
  /** The largest powerBits(nᵢ)·|eᵢ|: a power k of the form folds each factor when k times this is at most MAX_POWER_BITS. */
  readonly bits: number;
}

const ORIGIN: Point = new Map();

/** The trace of no numbers (or only ±1). */
export const NO_NUMBERS: DecimalTrace = { end: ORIGIN, all: [], positive: null, negative: null, bits: 0 };

/** The primes a number of a trace may have. */
const SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

/** A trace keeps at most this many points per set (else none: the caller opens the product in order instead). */
const MAX_POINTS = 16;

/** Exponents beyond this are not traced. */
const MAX_EXPONENT = 1_000_000;

/** The exponents of a bigint's primes, added to `into` with the sign `s`; false if it has a prime beyond SMALL_PRIMES. */
function addPrimes(a: bigint, s: 1 | -1, into: Map<number, number>): boolean {
  let rest = a < 0n ? -a : a;
  for (const p of SMALL_PRIMES) {
    const bp = BigInt(p);
    while (rest % bp === 0n) {
      rest /= bp;
      into.set(p, (into.get(p) ?? 0) + s);
    }
  }
  return rest === 1n;
}

const get = (p: Point, prime: number): number => p.get(prime) ?? 0;

/** Is the product at point p (raised to a power of sign s) a terminating non-integer? */
function terminatesAt(p: Point, s: 1 | -1): boolean {
  for (const [prime, e] of p) if (prime !== 2 && prime !== 5 && s * e < 0) return false;
  return s * get(p, 2) < 0 || s * get(p, 5) < 0;
}

/** p + q, or undefined past MAX_EXPONENT. */
function plus(p: Point, q: Point): Point | undefined {
  if (q.size === 0) return p;
  const out = new Map(p);
  for (const [prime, e] of q) {
    const sum = (out.get(prime) ?? 0) + e;
    if (Math.abs(sum) > MAX_EXPONENT) return undefined;
    if (sum === 0) out.delete(prime);
    else out.set(prime, sum);
  }
  return out;
}

/** k·p, or undefined past MAX_EXPONENT. */
function times(p: Point, k: number): Point | undefined {
  const out = new Map<number, number>();
  for (const [prime, e] of p) {
    if (Math.abs(e * k) > MAX_EXPONENT) return undefined;
    out.set(prime, e * k);
  }
  return out;
}

/**
 * Whether q decides whenever p does: for a positive power, where p is a terminating non-integer fails
 * (an other prime negative, or 2 and 5 both non-negative), q fails too — its other primes at most p's,
 * its 2 and 5 at least p's.
 */
function above(q: Point, p: Point): boolean {
  for (const prime of new Set([...p.keys(), ...q.keys()])) {
    const [a, b] = [get(q, prime), get(p, prime)];
    if (prime === 2 || prime === 5 ? a < b : a > b) return false;
  }
  return true;
}

const same = (p: Point, q: Point): boolean => p.size === q.size && [...p].every(([prime, e]) => q.get(prime) === e);

/**
 * The points that can decide: a point with one above it and one below it (see above) never does —
 * for a positive power the one above fails where it fails, for a negative the one below — and shifts
 * and integer scalings of all the points keep that order (a negative one reverses it both ways).
 */
function prune(points: readonly Point[]): Point[] | undefined {
  const unique: Point[] = [];
  for (const p of points) if (!unique.some((q) => same(p, q))) unique.push(p);
  const out = unique.filter((p) => !(unique.some((q) => q !== p && above(q, p)) && unique.some((q) => q !== p && above(p, q))));
  return out.length <= MAX_POINTS ? out : undefined;
}

/** Every point through `f`, or undefined if `f` fails on one. */
function mapped(points: readonly Point[], f: (p: Point) => Point | undefined): Point[] | undefined {
  const out: Point[] = [];
  for (const p of points) {
    const q = f(p);
    if (q === undefined) return undefined;
    out.push(q);
  }
  return out;
}

/** Every point shifted by `by`. */
const shifted = (points: readonly Point[], by: Point): Point[] | undefined => mapped(points, (p) => plus(p, by));

/** The trace of one number (as a factor of a product), or null if it has a prime beyond SMALL_PRIMES. */
export function numberTrace(r: Rational): DecimalTrace | null {
  if (Q.powerBits(r) === 0) return NO_NUMBERS;
  const p = new Map<number, number>();
  if (!addPrimes(r.n, 1, p) || !addPrimes(r.d, -1, p)) return null;
  return {
    end: p,
    all: [p],
    positive: r.decimal && terminatesAt(p, 1) ? [p] : null,
    negative: r.decimal && terminatesAt(p, -1) ? [p] : null,
    bits: Q.powerBits(r),
  };
}

/** The trace of the numbers of `a` followed by those of `b`, or null if it is too large. */
export function followedBy(a: DecimalTrace, b: DecimalTrace): DecimalTrace | null {
  if (b.all.length === 0) return a;
  if (a.all.length === 0) return b;
  const end = plus(a.end, b.end);
  const bAll = shifted(b.all, a.end);
  if (end === undefined || bAll === undefined) return null;
  const all = prune([...a.all, ...bAll]);
  const last = (sa: readonly Point[] | null, sb: readonly Point[] | null): readonly Point[] | null | undefined => {
    if (sb !== null) return shifted(sb, a.end);
    return sa === null ? null : prune([...sa, ...bAll]);
  };
  const positive = last(a.positive, b.positive);
  const negative = last(a.negative, b.negative);
  if (all === undefined || positive === undefined || negative === undefined) return null;
  return { end, all, positive, negative, bits: Math.max(a.bits, b.bits) };
}

/** The trace of the numbers each raised to an integer q, or null if it is too large. */
export function raisedTo(t: DecimalTrace, q: Rational): DecimalTrace | null {
  if (Q.equals(q, Q.ONE) || t.all.length === 0) return t;
  if (q.n === 0n) return NO_NUMBERS;
  const k = Number(q.n);
  if (q.d !== 1n || Math.abs(k) > MAX_EXPONENT) return null;
  const scaled = (points: readonly Point[] | null): Point[] | null | undefined => (points === null ? null : mapped(points, (p) => times(p, k)));
  const [end, all, positive, negative] = [times(t.end, k), scaled(t.all), scaled(k > 0 ? t.positive : t.negative), scaled(k > 0 ? t.negative : t.positive)];
  if (end === undefined || all === undefined || all === null || positive === undefined || negative === undefined) return null;
  return { end, all, positive, negative, bits: t.bits * Math.abs(k) };
}

/** Whether mul() folds every factor of the form raised to k (an integer) into a number (see MAX_POWER_BITS). */
export const foldsAt = (t: DecimalTrace, k: Rational): boolean => t.bits * Math.abs(Number(k.n)) <= Q.MAX_POWER_BITS;

/** Whether the product of the form's numbers raised to k (an integer, not 0), folded in their order, is marked a decimal. */
export function isDecimalAt(t: DecimalTrace, k: Rational): boolean {
  const s = k.n > 0n ? 1 : -1;
  const from = s > 0 ? t.positive : t.negative;
  return from !== null && from.every((p) => terminatesAt(p, s));
}
