/**
 * Exact rational numbers, the value of every `num` node: integer and rational literals and the
 * arithmetic the smart constructors fold on them stay exact (x³/3 differentiates to x², not to
 * 3·0.333…x²). Numerator and denominator are bigints in lowest terms, the denominator positive.
 *
 * `decimal` marks a number written (or computed only from numbers written) with a decimal point:
 * it prints as a decimal (0.5, as the user wrote it) where its expansion terminates; every other
 * non-integer prints as a fraction (½, \frac{1}{2}, 1/2).
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
  readonly decimal: boolean;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Does 1/d have a terminating decimal expansion (d = 2^a 5^b)? */
function terminates(d: bigint): boolean {
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

export function rational(n: bigint, d: bigint = 1n, decimal = false): Rational {
  if (d === 0n) throw new Error('rational with a zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  return { n, d, decimal: decimal && d !== 1n && terminates(d) };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The exact value of a decimal literal (3, 0.25, 1e-3, 2.5E+4); undefined if it is not one. */
export function parseDecimal(text: string): Rational | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole, frac = '', exp = '0'] = m;
  const e = Number(exp) - frac.length;
  if (!Number.isSafeInteger(e) || Math.abs(e) > 100_000) return undefined;
  let n = BigInt(`${whole}${frac}` || '0');
  if (sign === '-') n = -n;
  const written = frac.length > 0 || /[eE]-/.test(text);
  return e >= 0 ? rational(n * 10n ** BigInt(e), 1n, written) : rational(n, 10n ** BigInt(-e), written);
}

/**
 * The rational a JavaScript number stands for: its shortest decimal spelling (0.5 is ½, 0.1 is
 * 1/10), exact for integers. Numbers made by code (the ½ of (G + Gᵀ)/2) are fractions.
 */
export function fromNumber(v: number): Rational {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  if (Number.isSafeInteger(v)) return rational(BigInt(v));
  const r = parseDecimal(String(v)) as Rational;
  return rational(r.n, r.d);
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

const either = (a: Rational, b: Rational): boolean => a.decimal || b.decimal;

export const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d, either(a, b));
export const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d, either(a, b));
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d, decimal: a.decimal });
export const inverse = (a: Rational): Rational => rational(a.d, a.n, a.decimal);
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const sign = (a: Rational): -1 | 0 | 1 => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const equals = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const absolute = (a: Rational): Rational => (a.n < 0n ? neg(a) : a);

/** Bits of a bigint's magnitude. */
const bits = (a: bigint): number => abs(a).toString(2).length;

/** The largest number of bits a folded power may have: beyond it the power stays written (2^100000). */
export const MAX_POWER_BITS = 4096;

/** The bits integerPower counts per unit of exponent: a^k folds when k·powerBits(a) ≤ MAX_POWER_BITS (±1: always). */
export const powerBits = (a: Rational): number => (abs(a.n) === 1n && a.d === 1n ? 0 : bits(a.n) + bits(a.d));

/** a^k for an integer k, or undefined when the result would be huge or 0^negative. */
export function integerPower(a: Rational, k: bigint): Rational | undefined {
  if (k === 0n) return ONE;
  if (a.n === 0n) return k > 0n ? ZERO : undefined;
  const m = k < 0n ? -k : k;
  if (abs(a.n) !== 1n || a.d !== 1n) {
    if (m > BigInt(MAX_POWER_BITS) || (bits(a.n) + bits(a.d)) * Number(m) > MAX_POWER_BITS) return undefined;
  }
  const r = rational(a.n ** m, a.d ** m, a.decimal);
  return k < 0n ? inverse(r) : r;
}

/** The exact integer q-th root of a non-negative bigint, or undefined. */
function integerRoot(a: bigint, q: number): bigint | undefined {
  if (a < 0n) return undefined;
  if (a < 2n) return a;
  const r = BigInt(Math.round(Math.pow(Number(a), 1 / q)));
  for (const c of [r - 1n, r, r + 1n]) if (c >= 0n && c ** BigInt(q) === a) return c;
  return undefined;
}

/** a^k exactly, when it is rational (8^(2/3) = 4, (1/4)^(−1/2) = 2); undefined otherwise. */
export function power(a: Rational, k: Rational): Rational | undefined {
  if (k.d === 1n) return integerPower(a, k.n);
  if (k.d > 64n || a.n < 0n) return undefined;
  const q = Number(k.d);
  const rn = integerRoot(a.n, q);
  const rd = integerRoot(a.d, q);
  if (rn === undefined || rd === undefined) return undefined;
  return integerPower(rational(rn, rd, a.decimal), k.n);
}

/** The nearest double (correctly rounded for numerators and denominators below 2^53). */
export function toNumber(a: Rational): number {
  if (a.d === 1n) return Number(a.n);
  const v = Number(a.n) / Number(a.d);
  if (Number.isFinite(v) && v !== 0) return v;
  // Both huge: scale down to keep the quotient in range.
  const shift = BigInt(Math.max(0, Math.max(bits(a.n), bits(a.d)) - 1000));
  return Number(a.n >> shift) / Number(a.d >> shift);
}

/** Digits × 10^exponent in the shortest of positional and scientific notation (1.5e300, 1e-300). */
function scaled(digits: string, exponent: number): string {
  // An integer below 10²¹ prints as its digits (the positional form below; most numbers written).
  if (exponent === 0 && digits.length <= 21) return digits;
  const trimmed = digits.replace(/0+$/, '') || '0';
  const e = exponent + (digits.length - trimmed.length);
  const positional = e >= 0 ? trimmed + '0'.repeat(e) : (() => {
    const padded = trimmed.padStart(-e + 1, '0');
    return `${padded.slice(0, padded.length + e)}.${padded.slice(padded.length + e)}`;
  })();
  const point = e + trimmed.length - 1;
  const scientific = `${trimmed[0]}${trimmed.length > 1 ? `.${trimmed.slice(1)}` : ''}e${point}`;
  // As JavaScript prints numbers: positional from 10⁻⁶ up to 10²¹.
  return point >= -6 && point < 21 ? positional : scientific;
}

/** The magnitude as a decimal (its terminating expansion: 3, 0.25, 1e-300), or undefined. */
export function decimalText(a: Rational): string | undefined {
  if (a.d === 1n) return scaled(abs(a.n).toString(), 0);
  if (!terminates(a.d)) return undefined;
  let places = 0;
  let scale = 1n;
  while ((abs(a.n) * scale) % a.d !== 0n) {
    scale *= 10n;
    places++;
  }
  return scaled(((abs(a.n) * scale) / a.d).toString(), -places);
}

/** How a number prints: an integer or a decimal as digits, any other rational as |n| over d. */
export function numberParts(a: Rational): { readonly digits: string } | { readonly numerator: string; readonly denominator: string } {
  const text = a.d === 1n || a.decimal ? decimalText(a) : undefined;
  if (text !== undefined) return { digits: text };
  return { numerator: scaled(abs(a.n).toString(), 0), denominator: scaled(a.d.toString(), 0) };
}

/**
 * The key of a rational in the node table: its numerator and denominator in hexadecimal, written in
 * time linear in their bits (decimal digits take quadratic time: a derivative of ((…(eᵘ)²…)²)² with
 * 2,000 levels makes a number of 2,000 bits per level, and their decimal keys took 160 ms). A decimal
 * is marked with '.', which no hexadecimal number has: marked 'd', the decimal 1/5 (1/5d) and the
 * fraction 1/93 (1/5d, 93 = 0x5d) had one key, and 0.2 read as 1/93 once 1/93 was interned.
 */
export const rationalKey = (a: Rational): string => `${a.n.toString(16)}/${a.d.toString(16)}${a.decimal ? '.' : ''}`;
