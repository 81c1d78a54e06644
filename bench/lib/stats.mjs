/** Order statistics (the growth-exponent fit is bench/growth.ts, bundled with the core). */

/** The q-quantile (0 ≤ q ≤ 1) of `xs`, by linear interpolation between order statistics. */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);
export const p95 = (xs) => quantile(xs, 0.95);
/** The arithmetic mean (NaN for none): what a cost paid in some calls only, as a garbage collection, adds to each. */
export const mean = (xs) => (xs.length === 0 ? NaN : xs.reduce((a, x) => a + x, 0) / xs.length);

export function geometricMean(xs) {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Rounds for JSON: `digits` significant digits. */
export function round(x, digits = 4) {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}
