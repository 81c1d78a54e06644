/**
 * Numeric equality of two expressions: both are evaluated at several random points (randomEnv.ts,
 * at which both are finite) and compared in the measure of relativeError.ts. Used to verify that
 * simplification and derivation steps are sound. Shapes must be the same (symbolically); otherwise
 * the expressions are unequal. When no point where both are defined is found they are reported
 * unequal (with a diagnostic): equality could not be confirmed.
 */
import type { Diagnostic } from '../api';
import type { Expr } from '../model/expr';
import { sameShape, shapeText } from '../model/shape';
import { makeRng, DEFAULT_SEED } from './rng';
import { randomEnv, RandomEnvOptions } from './randomEnv';
import { evaluate } from './evaluate';
import { relativeError } from './relativeError';

export interface EqualityOptions extends RandomEnvOptions {
  /** Points compared (default 3). */
  readonly samples?: number;
  readonly seed?: number;
  /** Largest accepted error (default 1e-8). */
  readonly tolerance?: number;
}

export interface EqualityReport {
  readonly equal: boolean;
  /** Largest error over the points compared (+∞ if none was). */
  readonly maxRelError: number;
  readonly samples: number;
  readonly diagnostic?: Diagnostic;
}

export function compareNumerically(
  a: Expr,
  b: Expr,
  vars: readonly Expr[] = [],
  opts: EqualityOptions = {},
): EqualityReport {
  if (!sameShape(a.shape, b.shape)) {
    return {
      equal: false,
      maxRelError: Infinity,
      samples: 0,
      diagnostic: {
        code: 'numeric.shape-mismatch',
        message: `the shapes differ: ${shapeText(a.shape)} and ${shapeText(b.shape)}`,
        start: 0,
        end: 0,
      },
    };
  }
  const samples = Math.max(1, opts.samples ?? 3);
  const tolerance = opts.tolerance ?? 1e-8;
  const rng = makeRng(opts.seed ?? DEFAULT_SEED);
  let maxRelError = 0;
  for (let s = 0; s < samples; s++) {
    const point = randomEnv(vars, [a, b], rng, opts);
    if (!point.ok) {
      return { equal: false, maxRelError: s === 0 ? Infinity : maxRelError, samples: s, diagnostic: point.error };
    }
    maxRelError = Math.max(maxRelError, relativeError(evaluate(a, point.value), evaluate(b, point.value)).maxRelError);
  }
  return { equal: maxRelError <= tolerance, maxRelError, samples };
}

export function exprsEqualNumerically(
  a: Expr,
  b: Expr,
  vars: readonly Expr[] = [],
  opts: EqualityOptions = {},
): boolean {
  return compareNumerically(a, b, vars, opts).equal;
}
