/**
 * The random points a claim is judged at: several points, each with its own random sizes for the
 * symbolic dimensions (so factors made of sizes, 1/N, are told apart from constants), values that
 * respect the declarations (symmetric matrices symmetric) and every function's domain
 * (numeric/randomEnv.ts), and — for piecewise functions — points on both sides of every kink:
 * sampling goes on until the argument of every relu, abs, sign, step, min0 and ℓ1 norm has been seen
 * both positive and negative (or a bound on the points is reached).
 */
import type { Outcome } from '../api';
import { Expr, variable } from '../model/expr';
import type { Matrix } from 'ml-matrix';
import { evaluate, evaluationOrder, makeRng, NON_SMOOTH_FUNCTIONS, randomEnv, type NumericEnv } from '../numeric/index';
import type { ElementwiseFunction } from '../model/expr';

export const SAMPLES = 6;
const MAX_SAMPLES = 24;

export interface PointOptions {
  readonly seed?: number;
  /** Names of matrices to sample as symmetric (the symmetric-only re-test). */
  readonly symmetric?: ReadonlySet<string>;
  /** Names of variables to sample as probabilities, rows summing to 1 (the probabilities-only re-test). */
  readonly probabilities?: ReadonlySet<string>;
  readonly samples?: number;
  /** Fixed sizes (the small counterexample). */
  readonly dims?: ReadonlyMap<string, number>;
}

/** The arguments of the piecewise functions among the roots. */
function kinkArguments(roots: readonly Expr[]): Expr[] {
  return evaluationOrder(roots).flatMap((e) =>
    (e.op === 'fn' && NON_SMOOTH_FUNCTIONS.has(e.name as ElementwiseFunction)) || e.op === 'norm1' ? [e.args[0]] : [],
  );
}

function signsOf(m: Matrix): { pos: boolean; neg: boolean } {
  let pos = false;
  let neg = false;
  for (const row of m.to2DArray()) for (const v of row) {
    if (v > 0) pos = true;
    if (v < 0) neg = true;
  }
  return { pos, neg };
}

/** Random points for `roots` (the expression, the derivative, the claim) over the variables `vars`. */
export function samplePoints(vars: readonly Expr[], roots: readonly Expr[], opts: PointOptions = {}): Outcome<NumericEnv[]> {
  const rng = makeRng(opts.seed ?? 0xc1a1);
  const sym = opts.symmetric ?? new Set<string>();
  const probs = opts.probabilities ?? new Set<string>();
  const declared = vars.map((v) => {
    const name = v.name as string;
    if (v.op !== 'var' || !(sym.has(name) || probs.has(name))) return v;
    return variable(name, v.shape, v.symmetric === true || sym.has(name), v.probabilities === true || probs.has(name));
  });
  const kinks = kinkArguments(roots);
  const seen = kinks.map(() => ({ pos: false, neg: false }));
  const wanted = opts.samples ?? SAMPLES;
  const out: NumericEnv[] = [];
  // Kinks never crossed (relu of a positive quantity) stop the search after MAX_SAMPLES draws.
  for (let draw = 0; draw < MAX_SAMPLES * 2 && out.length < MAX_SAMPLES; draw++) {
    if (out.length >= wanted && seen.every((s) => s.pos && s.neg)) break;
    const point = randomEnv(declared, roots, rng, { minDim: 2, maxDim: 5, ...(opts.dims ? { dims: opts.dims } : {}) });
    if (!point.ok) {
      if (out.length > 0) break;
      return point;
    }
    const env = point.value;
    let useful = out.length < wanted;
    kinks.forEach((k, i) => {
      const s = signsOf(evaluate(k, env));
      if ((s.pos && !seen[i].pos) || (s.neg && !seen[i].neg)) useful = true;
      seen[i].pos ||= s.pos;
      seen[i].neg ||= s.neg;
    });
    if (useful) out.push(env);
  }
  return { ok: true, value: out };
}
