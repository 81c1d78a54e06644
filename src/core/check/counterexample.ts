/**
 * A small counterexample for a wrong claim: every dimension of size 2 (or the least its indices
 * need), values rounded to integers where the expression stays defined there (else to one decimal),
 * and the two values there — a point a learner can check by hand.
 */
import { Matrix } from 'ml-matrix';
import type { Counterexample } from '../api';
import type { Expr } from '../model/expr';
import { dimensionSymbols, evaluate, isAllFinite, relativeError, type NumericEnv } from '../numeric/index';
import { compared, TOLERANCE, type Judge } from './compare';
import { samplePoints } from './points';

const rows = (m: Matrix): number[][] => m.to2DArray().map((r) => r.map((v) => Number(v.toPrecision(6)) + 0));

function rounded(env: NumericEnv, step: number): NumericEnv {
  const values = new Map<string, Matrix>();
  for (const [k, v] of env.values) {
    const m = new Matrix(v.rows, v.columns);
    for (let i = 0; i < v.rows; i++) for (let j = 0; j < v.columns; j++) m.set(i, j, Math.round(v.get(i, j) / step) * step);
    values.set(k, m);
  }
  return { dims: env.dims, values };
}

export function counterexample(vars: readonly Expr[], f: Expr, claim: Expr, truth: Expr, judge: Judge): Counterexample | undefined {
  const dims = new Map<string, number>();
  for (const [s, least] of dimensionSymbols([f, claim, truth, ...vars])) dims.set(s, Math.max(2, least));
  const pc = compared(claim, judge);
  const pt = compared(truth, judge);
  const points = samplePoints(vars, [f, claim, truth], { dims, samples: 12, seed: 0xce });
  const candidates = points.ok ? points.value : [];
  for (const step of [1, 0.1, 0]) {
    for (const env0 of candidates) {
      const env = step === 0 ? env0 : rounded(env0, step);
      const [fv, c, t] = [evaluate(f, env), evaluate(pc, env), evaluate(pt, env)];
      if (!isAllFinite(fv) || !isAllFinite(c) || !isAllFinite(t)) continue;
      if (relativeError(c, t).maxRelError <= TOLERANCE) continue;
      return {
        dims: Object.fromEntries(env.dims),
        point: Object.fromEntries([...env.values].map(([k, v]) => [k, rows(v)])),
        expected: rows(t),
        claim: rows(c),
      };
    }
  }
  return undefined;
}
