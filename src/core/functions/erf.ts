/**
 * The error function and its complement, to about 1e-15 absolute error (the tests compare with
 * Python's math.erf): for |x| < 3 the series erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))
 * (Abramowitz & Stegun 7.1.6: all terms positive, so no cancellation), and beyond it the
 * continued fraction erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (A&S 7.1.14),
 * evaluated backwards from depth 60.
 */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}

/** erfc x for x ≥ 3 (the continued fraction). */
function erfcFraction(x: number): number {
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  return Math.sign(x) * (ax < 3 ? erfSeries(ax) : 1 - erfcFraction(ax));
}

/** erfc x = 1 − erf x, accurate in relative terms on the right tail (where 1 − erf x cancels). */
export function erfc(x: number): number {
  return x >= 3 ? erfcFraction(x) : 1 - erf(x);
}

/** The standard normal distribution function Φ(x) = erfc(−x/√2)/2, accurate on the left tail. */
export const normalCdf = (x: number): number => erfc(-x * Math.SQRT1_2) / 2;
