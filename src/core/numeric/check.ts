/**
 * Numeric verification of a symbolic derivative: at several random points (randomEnv.ts) the
 * canonical value of the derivative (canonical.ts) is compared with central finite differences
 * (jacobian.ts; for order 2 the Jacobian of the gradient expression when given, else the
 * second differences of f in hessian.ts) in the entry-wise measure of relativeError.ts. Points where
 * finite differences are unreliable (kinks, round-off, ill-conditioning) are replaced by new ones;
 * `resampled` counts them. Every sample draws new dimension sizes too.
 *
 * passed ⇔ all requested samples were compared and maxRelError ≤ tolerance (default 1e-5).
 * When the check cannot be completed (no point in the domain, unreliable differences everywhere, a
 * derivative of the wrong size, or an evaluation that throws on an ill-shaped expression),
 * `diagnostic` says why, passed is false and maxRelError is the largest error seen so far (+∞ if
 * none was compared).
 */
import type { CheckReport, Diagnostic, DiagnosticCode } from '../api';
import type { Derivative } from '../calculus/form';
import type { Expr } from '../model/expr';
import type { Matrix } from 'ml-matrix';
import { makeRng, DEFAULT_SEED, Rng } from './rng';
import { randomEnv, RandomEnvOptions } from './randomEnv';
import { numericJacobian, JacobianOptions } from './jacobian';
import { numericHessian } from './hessian';
import { canonicalJacobian, expectedJacobianSize } from './canonical';
import { relativeError } from './relativeError';
import type { SymmetricMode } from './directions';

export interface CheckOptions extends RandomEnvOptions {
  /** Points compared (default 3). */
  readonly samples?: number;
  readonly seed?: number;
  /** Largest accepted error (default 1e-5). */
  readonly tolerance?: number;
  /** Order 2: the gradient expression (canonical form); its numeric Jacobian is the reference Hessian. */
  readonly gradient?: Expr;
  /** See directions.ts (default 'unconstrained'). */
  readonly symmetricPerturbation?: SymmetricMode;
  /** Unreliable points replaced per sample before giving up (default 20). */
  readonly maxResamples?: number;
  /** Relative finite-difference step (default 1e-6 for Jacobians, 1e-4 for second differences). */
  readonly h?: number;
  /** Least distance of a non-smooth function's argument from its kink (default 1e-3, jacobian.ts). */
  readonly kinkMargin?: number;
}

export interface WorstEntry {
  /** 0-based sample index, row and column of the canonical matrix. */
  readonly sample: number;
  readonly row: number;
  readonly col: number;
  readonly numeric: number;
  readonly symbolic: number;
}

export interface DerivativeCheck extends CheckReport {
  readonly tolerance: number;
  /** Points replaced because finite differences were unreliable there. */
  readonly resampled: number;
  readonly worst?: WorstEntry;
  readonly diagnostic?: Diagnostic;
}

const diagnostic = (code: DiagnosticCode, message: string): Diagnostic => ({ code, message, start: 0, end: 0 });

/** The outcome of one attempt at one random point. */
type Attempt =
  | { readonly kind: 'compared'; readonly numeric: Matrix; readonly symbolic: Matrix }
  | { readonly kind: 'unreliable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly diagnostic: Diagnostic };

function attempt(
  f: Expr,
  wrt: readonly Expr[],
  derivative: Derivative,
  opts: CheckOptions,
  roots: readonly Expr[],
  rng: Rng,
  fdOptions: JacobianOptions,
): Attempt {
  const point = randomEnv(wrt, roots, rng, opts);
  if (!point.ok) return { kind: 'failed', diagnostic: point.error };
  const env = point.value;
  const numeric = derivative.order === 2 && !opts.gradient
    ? numericHessian(f, wrt, env, fdOptions)
    : numericJacobian(derivative.order === 2 && opts.gradient ? opts.gradient : f, wrt, env, fdOptions);
  if (!numeric.reliable) return { kind: 'unreliable', reason: numeric.reason ?? '' };
  const symbolic = canonicalJacobian(derivative, env);
  const size = expectedJacobianSize({ ...derivative, f, wrt }, env);
  if (symbolic.rows !== size.rows || symbolic.columns !== size.cols) {
    return {
      kind: 'failed',
      diagnostic: diagnostic(
        'numeric.shape-mismatch',
        `the derivative's canonical value is ${symbolic.rows}×${symbolic.columns}, expected ${size.rows}×${size.cols}`,
      ),
    };
  }
  return { kind: 'compared', numeric: numeric.value, symbolic };
}

export function checkDerivative(
  f: Expr,
  wrt: readonly Expr[],
  derivative: Derivative,
  opts: CheckOptions = {},
): DerivativeCheck {
  const samples = Math.max(1, opts.samples ?? 3);
  const tolerance = opts.tolerance ?? 1e-5;
  const maxResamples = opts.maxResamples ?? 20;
  const rng = makeRng(opts.seed ?? DEFAULT_SEED);
  const roots = [f, derivative.expr, ...(opts.gradient ? [opts.gradient] : [])];
  const fdOptions: JacobianOptions = {
    h: opts.h,
    symmetricPerturbation: opts.symmetricPerturbation,
    reliabilityTolerance: tolerance / 10,
    roundOffTolerance: tolerance,
    kinkMargin: opts.kinkMargin,
  };

  let maxRelError = 0;
  let compared = 0;
  let resampled = 0;
  let worst: WorstEntry | undefined;
  const report = (d?: Diagnostic): DerivativeCheck => ({
    maxRelError: compared === 0 ? Infinity : maxRelError,
    samples: compared,
    passed: !d && compared === samples && maxRelError <= tolerance,
    tolerance,
    resampled,
    ...(worst ? { worst } : {}),
    ...(d ? { diagnostic: d } : {}),
  });

  for (let sample = 0; sample < samples; sample++) {
    let last: Attempt | undefined;
    for (let k = 0; k <= maxResamples; k++) {
      try {
        last = attempt(f, wrt, derivative, opts, roots, rng, fdOptions);
      } catch (e) {
        // An ill-shaped expression (a bug upstream) makes ml-matrix or a variable lookup throw.
        const message = `evaluation failed: ${e instanceof Error ? e.message : String(e)}`;
        return report(diagnostic('numeric.evaluation-failed', message));
      }
      if (last.kind !== 'unreliable') break;
      resampled++;
    }
    if (!last || last.kind === 'failed') return report(last?.diagnostic);
    if (last.kind === 'unreliable') {
      return report(diagnostic(
        'numeric.unreliable',
        `finite differences were unreliable at ${maxResamples + 1} random points (last: ${last.reason})`,
      ));
    }
    const err = relativeError(last.numeric, last.symbolic);
    if (err.row >= 0 && (!worst || err.maxRelError > maxRelError)) {
      worst = {
        sample, row: err.row, col: err.col,
        numeric: last.numeric.get(err.row, err.col), symbolic: last.symbolic.get(err.row, err.col),
      };
    }
    maxRelError = Math.max(maxRelError, err.maxRelError);
    compared++;
  }
  return report();
}
