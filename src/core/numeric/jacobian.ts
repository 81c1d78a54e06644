/**
 * Numeric Jacobians by central finite differences.
 *
 * J[a, b] = ∂vec(f)_a / ∂(stacked vec x)_b, |f| × Σ|x_k| (vec is column-major; several variables
 * are stacked in order). Column b is (f(x + s d_b) − f(x − s d_b)) / 2s along the direction d_b of
 * directions.ts, with the relative step s = h·max(1, |x_b|) (default h = 1e-6).
 *
 * Reliability. Finite differences are trusted only where they are self-consistent: every column is
 * also computed with step s/2, and the point is reported unreliable when the two estimates differ
 * by more than `reliabilityTolerance` in the measure of relativeError.ts (default 1e-6). This
 * catches a kink or jump crossed by a step (relu, abs, step, sign, min0, norm1), round-off on
 * large values and ill-conditioning (a nearly singular inverse). A point is also unreliable when
 * the argument of a non-smooth function that depends on x is within `kinkMargin` (default 1e-3) of
 * its kink at 0 — the step-halving test cannot see a kink that sits exactly at the point — or when
 * f is not finite at the point or within a step. Callers resample unreliable points.
 *
 * Round-off. f(x ± s) each carry a rounding error of about ε·|f| (ε = 2⁻⁵²), so a difference quotient
 * is only known to within ε·|f|/s: for f ≈ 10¹⁰ and s = 10⁻⁶ that is ≈ 2, and the two estimates can
 * agree by landing on the same multiple of ulp(f)/2s — the step-halving test cannot see it. A point
 * is unreliable when that bound exceeds `roundOffTolerance` in the measure of relativeError.ts (the
 * comparison's own tolerance: round-off alone could decide it), so that a correct derivative of a
 * function carrying a huge constant is never reported wrong (roundOffProblem).
 */
import { Matrix } from 'ml-matrix';
import type { Expr } from '../model/expr';
import type { NumericEnv } from './env';
import { PointEvaluator } from './pointEvaluator';
import { Direction, directionScale, displaced, perturbationDirections, SymmetricMode } from './directions';
import { isAllFinite, vecEntries } from './matrices';
import { entryRelError } from './relativeError';

export interface JacobianOptions {
  /** Relative step: s = h·max(1, |x_b|). Default 1e-6. */
  readonly h?: number;
  /** How variables declared symmetric are perturbed (see directions.ts). Default 'unconstrained'. */
  readonly symmetricPerturbation?: SymmetricMode;
  /** Largest allowed disagreement between the estimates at s and s/2. Default 1e-6. */
  readonly reliabilityTolerance?: number;
  /** Least allowed distance of a non-smooth function's argument from its kink. Default 1e-3. */
  readonly kinkMargin?: number;
  /** Largest allowed round-off bound of an estimate (see above). Default 1e-5. */
  readonly roundOffTolerance?: number;
}

export interface NumericDerivative {
  /** The estimate with step s. */
  readonly value: Matrix;
  /** False when the estimate cannot be trusted at this point (see `reason`): resample. */
  readonly reliable: boolean;
  /** The disagreement between the estimates with steps s and s/2 (relativeError.ts measure). */
  readonly spread: number;
  readonly reason?: string;
}

export const DEFAULT_RELIABILITY_TOLERANCE = 1e-6;
export const DEFAULT_KINK_MARGIN = 1e-3;
export const DEFAULT_ROUND_OFF_TOLERANCE = 1e-5;

/**
 * The reason an estimate is drowned by round-off, or undefined: `magnitude` is the largest |f| its
 * difference quotient used and `divisor` what the difference was divided by (2s, or 4s_a·s_b for a
 * second difference, whose four values each carry ε·|f|).
 */
export function roundOffProblem(estimate: number, magnitude: number, divisor: number, values: number, tolerance: number): string | undefined {
  const bound = (values * Number.EPSILON * magnitude) / divisor;
  if (bound <= tolerance * Math.max(1, Math.abs(estimate))) return undefined;
  return `round-off: values of f up to ${magnitude.toExponential(2)} make a difference quotient uncertain by ${bound.toExponential(2)}`;
}

/** Checks shared by the Jacobian and the Hessian before any step is taken. */
export function basePointProblem(ev: PointEvaluator, f: Expr, kinkMargin: number): string | undefined {
  if (!isAllFinite(ev.base.get(f.id) as Matrix)) return 'the function is not finite at the point';
  const d = ev.kinkDistance();
  if (d < kinkMargin) return `the argument of a non-smooth function is ${d.toExponential(2)} from its kink`;
  return undefined;
}

export function unreliable(rows: number, cols: number, reason: string, spread = Infinity): NumericDerivative {
  return { value: new Matrix(rows, cols).fill(NaN), reliable: false, spread, reason };
}

export function numericJacobian(
  f: Expr,
  wrt: readonly Expr[],
  env: NumericEnv,
  opts: JacobianOptions = {},
): NumericDerivative {
  const h = opts.h ?? 1e-6;
  const tolerance = opts.reliabilityTolerance ?? DEFAULT_RELIABILITY_TOLERANCE;
  const ev = new PointEvaluator([f], wrt, env);
  const f0 = ev.base.get(f.id) as Matrix;
  const dirs = perturbationDirections(wrt, env, opts.symmetricPerturbation);
  const rows = f0.rows * f0.columns;
  const problem = basePointProblem(ev, f, opts.kinkMargin ?? DEFAULT_KINK_MARGIN);
  if (problem) return unreliable(rows, dirs.length, problem);

  const at = (d: Direction, t: number): number[] => vecEntries(ev.valueAt(f, displaced(env, [[d, t]])));
  const roundOff = opts.roundOffTolerance ?? DEFAULT_ROUND_OFF_TOLERANCE;
  const J = new Matrix(rows, dirs.length);
  let spread = 0;
  for (let b = 0; b < dirs.length; b++) {
    const d = dirs[b];
    const s = h * Math.max(1, directionScale(env, d));
    const [p, m, p2, m2] = [at(d, s), at(d, -s), at(d, s / 2), at(d, -s / 2)];
    for (let a = 0; a < rows; a++) {
      const full = (p[a] - m[a]) / (2 * s);
      const half = (p2[a] - m2[a]) / s;
      if (!Number.isFinite(full) || !Number.isFinite(half)) {
        return unreliable(rows, dirs.length, 'the function is not finite within a step of the point');
      }
      const drowned = roundOffProblem(full, Math.max(Math.abs(p[a]), Math.abs(m[a])), 2 * s, 2, roundOff);
      if (drowned) return unreliable(rows, dirs.length, drowned);
      J.set(a, b, full);
      spread = Math.max(spread, entryRelError(full, half));
    }
  }
  if (spread > tolerance) {
    return { value: J, reliable: false, spread, reason: `step-halving estimates disagree by ${spread.toExponential(2)}` };
  }
  return { value: J, reliable: true, spread };
}
