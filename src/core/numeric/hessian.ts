/**
 * Numeric Hessians of a scalar function by central finite differences of f itself (no gradient
 * expression needed): H[a, b] = (f(x + s_a d_a + s_b d_b) − f(x + s_a d_a − s_b d_b)
 * − f(x − s_a d_a + s_b d_b) + f(x − s_a d_a − s_b d_b)) / (4 s_a s_b), |x|×|x| in stacked-vec
 * order (so it equals ∂vec(∇f)/∂(vec x)ᵀ), symmetric by construction. Steps are relative,
 * s = h·max(1, |x_b|) with default h = 1e-4 (second differences need larger steps than first
 * ones). Reliability as in jacobian.ts: estimates with steps s and s/2 must agree, no kink nearby,
 * all values finite, and no estimate drowned by the round-off of its four values (roundOffProblem).
 * Directions for symmetric variables as in directions.ts.
 */
import { Matrix } from 'ml-matrix';
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import type { NumericEnv } from './env';
import { PointEvaluator } from './pointEvaluator';
import { Direction, directionScale, displaced, perturbationDirections } from './directions';
import { entryRelError } from './relativeError';
import {
  basePointProblem, DEFAULT_KINK_MARGIN, DEFAULT_RELIABILITY_TOLERANCE, DEFAULT_ROUND_OFF_TOLERANCE, JacobianOptions, NumericDerivative,
  roundOffProblem, unreliable,
} from './jacobian';

export function numericHessian(
  f: Expr,
  wrt: readonly Expr[],
  env: NumericEnv,
  opts: JacobianOptions = {},
): NumericDerivative {
  if (!isScalar(f.shape)) throw new Error('numericHessian: the function must be scalar (1×1)');
  const h = opts.h ?? 1e-4;
  const tolerance = opts.reliabilityTolerance ?? DEFAULT_RELIABILITY_TOLERANCE;
  const ev = new PointEvaluator([f], wrt, env);
  const dirs = perturbationDirections(wrt, env, opts.symmetricPerturbation);
  const n = dirs.length;
  const problem = basePointProblem(ev, f, opts.kinkMargin ?? DEFAULT_KINK_MARGIN);
  if (problem) return unreliable(n, n, problem);

  const steps = dirs.map((d) => h * Math.max(1, directionScale(env, d)));
  const at = (da: Direction, ta: number, db: Direction, tb: number): number =>
    ev.valueAt(f, displaced(env, [[da, ta], [db, tb]])).get(0, 0);
  const roundOff = opts.roundOffTolerance ?? DEFAULT_ROUND_OFF_TOLERANCE;
  let drowned: string | undefined;
  const second = (a: number, b: number, k: number): number => {
    const sa = steps[a] * k;
    const sb = steps[b] * k;
    const [da, db] = [dirs[a], dirs[b]];
    const v = [at(da, sa, db, sb), at(da, sa, db, -sb), at(da, -sa, db, sb), at(da, -sa, db, -sb)];
    const estimate = (v[0] - v[1] - v[2] + v[3]) / (4 * sa * sb);
    if (k === 1) drowned = roundOffProblem(estimate, Math.max(...v.map(Math.abs)), 4 * sa * sb, 4, roundOff);
    return estimate;
  };
  const H = new Matrix(n, n);
  let spread = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const full = second(a, b, 1);
      if (drowned) return unreliable(n, n, drowned);
      const half = second(a, b, 0.5);
      if (!Number.isFinite(full) || !Number.isFinite(half)) {
        return unreliable(n, n, 'the function is not finite within a step of the point');
      }
      H.set(a, b, full);
      H.set(b, a, full);
      spread = Math.max(spread, entryRelError(full, half));
    }
  }
  if (spread > tolerance) {
    return { value: H, reliable: false, spread, reason: `step-halving estimates disagree by ${spread.toExponential(2)}` };
  }
  return { value: H, reliable: true, spread };
}
