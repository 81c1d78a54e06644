/**
 * Growth exponents: the least-squares slope b of log y = a + b log x (y ∝ x^b), used by the
 * benchmark's scaling part and asserted (for sizes, never times) by test/unit/bench/scaling.test.ts.
 */
export interface Fit {
  readonly exponent: number;
  /** Coefficient of determination of the log-log line. */
  readonly r2: number;
  readonly points: number;
}

/** Points with x ≤ 0 or y ≤ 0 are left out; fewer than two points give NaN. */
export function fitExponent(points: readonly (readonly [number, number])[]): Fit {
  const ps = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)] as const);
  const n = ps.length;
  if (n < 2) return { exponent: NaN, r2: NaN, points: n };
  const mx = ps.reduce((a, [x]) => a + x, 0) / n;
  const my = ps.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of ps) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return { exponent: sxy / sxx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy), points: n };
}
