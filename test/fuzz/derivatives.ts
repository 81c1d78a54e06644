/**
 * The derivative properties on one random expression (exprs.ts):
 * 1. differentiation does not throw, its derivative is well-shaped (wellShaped.ts) and agrees
 *    with central finite differences (numeric checkDerivative, 3 random points): first order
 *    against differences of f; second order against differences of the (verified) first;
 * 2. simplification is sound: normalize(f), simplify(f) and the presented (factored, tidied)
 *    derivative evaluate equal to what they came from;
 * 3. the writers render the function and the presented derivative (text, LaTeX) without throwing;
 * 4. the step-by-step derivation (derive({steps: true})'s steps) is produced without throwing and
 *    is not empty; every step has a name and a result. (Each step's numeric truth is checked by the
 *    derivation's own tests.)
 * Points where finite differences are unreliable, or no point where f is finite exists, make a
 * case inconclusive (counted), never passed.
 */
import { type Expr } from '../../src/core/model/expr';
import type { Derivative } from '../../src/core/calculus/form';
import { differentiate } from '../../src/core/calculus/derive';
import { UnsupportedDerivative } from '../../src/core/calculus/unsupported';
import { factorize } from '../../src/core/present/factor';
import { tidy } from '../../src/core/present/tidy';
import { normalize, simplify } from '../../src/core/simplify/simplify';
import {
  checkDerivative, compareNumerically, evaluateNodes, evaluationOrder, makeRng, maxAbs, randomEnv, type DerivativeCheck,
} from '../../src/core/numeric/index';
import { present } from '../../src/core/service';
import { derivationSteps } from '../../src/core/derivation/index';
import { toLatex, toText } from '../../src/core/write/index';
import type { DerivativeCase } from './exprs';
import { shapeProblem } from './wellShaped';
import { shrinkCase } from './shrink';

/** Largest accepted relative error of a derivative (the numeric check's default). */
export const DERIVATIVE_TOLERANCE = 1e-5;
/** Largest accepted relative error between an expression and its simplification. */
export const SIMPLIFY_TOLERANCE = 1e-7;

export type Verdict =
  | { readonly kind: 'passed' }
  | { readonly kind: 'inconclusive'; readonly reason: string }
  | { readonly kind: 'failed'; readonly property: string; readonly detail: string };

const checkOptions = (c: DerivativeCase, seed: number) => ({
  samples: 3,
  seed,
  tolerance: DERIVATIVE_TOLERANCE,
  ...(c.wrt.some((v) => v.symmetric) ? { symmetricPerturbation: 'symmetrized' as const } : {}),
});

const INCONCLUSIVE = new Set(['numeric.no-valid-point', 'numeric.unreliable']);

/**
 * Central differences carry a round-off error of about ε·|f|/s (ε = 2.2·10⁻¹⁶, step s ≈ 10⁻⁶): a
 * huge constant in f (f = g(x) + e¹⁶) drowns the derivative (f(x ± s) agree to the last digit), and
 * the step-halving test of the numeric check cannot see it. So a disagreement gets a second opinion
 * at other points (entries in [−1, 1], intermediates preferably ≤ 10³). The case is inconclusive
 * when that passes, or when it fails with a small error (< ROUND_OFF_SUSPECT) while f has values
 * above ROUND_OFF_MAGNITUDE, or with any error while f has values above HUGE. Anything else fails:
 * symbolic mistakes give errors of order one. A failure with a diagnostic (an ill-shaped derivative)
 * always fails.
 */
export const ROUND_OFF_SUSPECT = 1e-2;
export const ROUND_OFF_MAGNITUDE = 1e4;
export const HUGE = 1e10;

function largestValue(c: DerivativeCase, seed: number): number {
  const point = randomEnv(c.wrt, [c.f], makeRng(seed), { range: 1 });
  if (!point.ok) return Infinity;
  const memo = new Map();
  evaluateNodes(evaluationOrder([c.f]), point.value, memo);
  let m = 0;
  for (const v of memo.values()) m = Math.max(m, maxAbs(v));
  return m;
}

function judgeTwice(
  run: (opts: ReturnType<typeof checkOptions> & { range?: number; maxMagnitude?: number }) => DerivativeCheck,
  c: DerivativeCase,
  seed: number,
  property: string,
  d: Derivative,
): Verdict {
  const first = run(checkOptions(c, seed));
  const v = judge(first, property, d);
  if (v.kind !== 'failed' || first.diagnostic) return v;
  const second = run({ ...checkOptions(c, seed + 1), range: 1, maxMagnitude: 1e3 });
  if (second.passed) return { kind: 'inconclusive', reason: 'round-off (a second check at other points passed)' };
  if (!second.diagnostic) {
    const m = largestValue(c, seed + 1);
    if (m > HUGE) return { kind: 'inconclusive', reason: `huge values (> ${HUGE}) in f` };
    if (m > ROUND_OFF_MAGNITUDE && second.maxRelError < ROUND_OFF_SUSPECT) {
      return { kind: 'inconclusive', reason: `round-off (error ${second.maxRelError.toExponential(1)} with values > ${ROUND_OFF_MAGNITUDE} in f)` };
    }
  }
  return judge(second, property, d);
}

function judge(check: DerivativeCheck, property: string, d: Derivative): Verdict {
  if (check.passed) return { kind: 'passed' };
  if (check.diagnostic && INCONCLUSIVE.has(check.diagnostic.code)) return { kind: 'inconclusive', reason: check.diagnostic.code };
  const worst = check.worst ? ` (worst entry ${check.worst.row},${check.worst.col}: numeric ${check.worst.numeric}, symbolic ${check.worst.symbolic})` : '';
  const why = check.diagnostic ? `${check.diagnostic.code}: ${check.diagnostic.message}` : `max relative error ${check.maxRelError.toExponential(2)}${worst}`;
  return { kind: 'failed', property, detail: `${why}; derivative ${toText(d.expr)}` };
}

function sound(a: Expr, b: Expr, vars: readonly Expr[], what: string, seed: number): Verdict {
  const r = compareNumerically(a, b, vars, { samples: 2, seed, tolerance: SIMPLIFY_TOLERANCE });
  if (r.equal) return { kind: 'passed' };
  if (r.diagnostic?.code === 'numeric.no-valid-point') return { kind: 'inconclusive', reason: r.diagnostic.code };
  const why = r.diagnostic ? `${r.diagnostic.code}: ${r.diagnostic.message}` : `max relative error ${r.maxRelError.toExponential(2)}`;
  return { kind: 'failed', property: `${what} is sound`, detail: `${why}: ${toText(a)}  vs  ${toText(b)}` };
}

function guarded(property: string, run: () => Verdict): Verdict {
  try {
    return run();
  } catch (e) {
    if (e instanceof UnsupportedDerivative) return { kind: 'failed', property, detail: `UnsupportedDerivative: ${e.message}` };
    const stack = e instanceof Error ? (e.stack ?? '').split('\n').slice(0, 4).join(' | ') : String(e);
    return { kind: 'failed', property, detail: `threw ${stack}` };
  }
}

/** Every property on one case; the first failure, else inconclusive if any part was, else passed. */
export function derivativeVerdict(c: DerivativeCase, seed = 1): Verdict {
  const vars = c.wrt;
  let inconclusive: string | undefined;
  const steps: [string, () => Verdict][] = [
    ['normalize', () => sound(normalize(c.f), c.f, vars, 'normalize(f)', seed)],
    ['simplify', () => sound(simplify(c.f), c.f, vars, 'simplify(f)', seed)],
    ['first order', () => {
      const d1 = differentiate(c.f, c.wrt, 1);
      const illShaped = shapeProblem(d1.expr);
      if (illShaped) return { kind: 'failed', property: 'the derivative is well-shaped', detail: `${illShaped}: ${toText(d1.expr)}` };
      const v = judgeTwice((o) => checkDerivative(c.f, c.wrt, d1, o), c, seed, 'first derivative matches finite differences', d1);
      if (v.kind !== 'passed') return v;
      const shown = tidy(factorize(d1.expr));
      const s = sound(shown, d1.expr, vars, 'the factored derivative', seed);
      if (s.kind !== 'passed') return s;
      for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
        const p = present(d1, layout);
        toText(p);
        toLatex(p);
      }
      if (c.order === 1) return v;
      const d2 = differentiate(c.f, c.wrt, 2);
      const illShaped2 = shapeProblem(d2.expr);
      if (illShaped2) return { kind: 'failed', property: 'the second derivative is well-shaped', detail: `${illShaped2}: ${toText(d2.expr)}` };
      const v2 = judgeTwice(
        (o) => checkDerivative(c.f, c.wrt, d2, { ...o, gradient: d1.expr }), c, seed, 'second derivative matches finite differences of the first', d2,
      );
      if (v2.kind !== 'passed') return v2;
      toText(present(d2, 'numerator'));
      return v2;
    }],
    ['writers', () => {
      toText(c.f);
      toLatex(c.f);
      return { kind: 'passed' };
    }],
    ['steps', () => {
      const steps = derivationSteps(c.f, c.wrt, c.order, 'numerator', 'full', { present });
      const bad = steps.findIndex((st) => st.name.length === 0 || st.after.length === 0);
      if (steps.length === 0) return { kind: 'failed', property: 'the derivation has steps', detail: 'no steps' };
      if (bad >= 0) return { kind: 'failed', property: 'every step has a name and a result', detail: `step ${bad + 1}: ${JSON.stringify(steps[bad])}` };
      return { kind: 'passed' };
    }],
  ];
  for (const [name, run] of steps) {
    const v = guarded(name, run);
    if (v.kind === 'failed') return v;
    if (v.kind === 'inconclusive') inconclusive ??= `${name}: ${v.reason}`;
  }
  return inconclusive ? { kind: 'inconclusive', reason: inconclusive } : { kind: 'passed' };
}

/** Shrink a failing case to its smallest subexpression that fails the same property (shrink.ts). */
export function minimize(c: DerivativeCase, seed: number): { c: DerivativeCase; verdict: Verdict } {
  const verdict = derivativeVerdict(c, seed);
  if (verdict.kind !== 'failed') return { c, verdict };
  const failed = (next: DerivativeCase): Verdict | undefined => {
    const v = derivativeVerdict(next, seed);
    return v.kind === 'failed' ? v : undefined;
  };
  const same = (a: Verdict, b: Verdict): boolean => a.kind === 'failed' && b.kind === 'failed' && a.property === b.property;
  const shrunk = shrinkCase(c, verdict, failed, same);
  return { c: shrunk.c, verdict: shrunk.failure };
}
