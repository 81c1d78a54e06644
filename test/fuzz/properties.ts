/**
 * The derivative property campaign: `runs` random well-typed expressions (exprs.ts), each judged
 * by derivativeVerdict (derivatives.ts). fast-check shrinks the first failure to a minimal case.
 */
import fc from 'fast-check';
import { toText } from '../../src/core/write/index';
import { derivativeCase, type DerivativeCase, type Vocabulary } from './exprs';
import { derivativeVerdict, minimize, type Verdict } from './derivatives';

export interface PropertyOptions {
  readonly runs: number;
  readonly seed: number;
  readonly maxDepth?: number;
  readonly vocabulary?: Vocabulary;
}

export interface PropertyReport {
  readonly runs: number;
  readonly seed: number;
  readonly passed: number;
  readonly inconclusive: number;
  readonly inconclusiveReasons: Record<string, number>;
  readonly secondOrder: number;
  readonly byWrtKind: Record<string, number>;
  readonly totalMs: number;
  readonly maxMs: number;
  readonly failure?: { readonly c: DerivativeCase; readonly seed: number; readonly verdict: Verdict; readonly shrinks: number };
}

export const wrtKind = (c: DerivativeCase): string => {
  if (c.wrt.length > 1) return 'stacked scalars';
  const s = c.wrt[0].shape;
  if (s.rows === 1 && s.cols === 1) return 'scalar';
  return s.cols === 1 ? 'vector' : 'matrix';
};

export const describeCase = (c: DerivativeCase): string =>
  `d${c.order === 2 ? '²' : ''}/d(${c.wrt.map((v) => v.name).join(', ')}) of ${toText(c.f)}  [f ${String(c.f.shape.rows)}×${String(c.f.shape.cols)}]`;

export function runProperties(opts: PropertyOptions): PropertyReport {
  let passed = 0;
  let inconclusive = 0;
  let secondOrder = 0;
  let maxMs = 0;
  const inconclusiveReasons: Record<string, number> = {};
  const byWrtKind: Record<string, number> = {};
  let failing = false;
  const t0 = performance.now();
  const details = fc.check(
    fc.property(derivativeCase(opts.maxDepth ?? 4, opts.vocabulary ?? 'input'), fc.integer({ min: 1, max: 1_000_000 }), (c, seed) => {
      const t = performance.now();
      const v = derivativeVerdict(c, seed);
      if (!failing) {
        maxMs = Math.max(maxMs, performance.now() - t);
        byWrtKind[wrtKind(c)] = (byWrtKind[wrtKind(c)] ?? 0) + 1;
        if (c.order === 2) secondOrder++;
        if (v.kind === 'passed') passed++;
        if (v.kind === 'inconclusive') {
          inconclusive++;
          inconclusiveReasons[v.reason] = (inconclusiveReasons[v.reason] ?? 0) + 1;
        }
      }
      if (v.kind === 'failed') {
        failing = true;
        return false;
      }
      return true;
    }),
    { numRuns: opts.runs, seed: opts.seed },
  );
  const totalMs = performance.now() - t0;
  let failure: PropertyReport['failure'];
  if (details.failed && details.counterexample) {
    const [shrunk, seed] = details.counterexample;
    const { c, verdict } = minimize(shrunk, seed);
    failure = { c, seed, verdict, shrinks: details.numShrinks };
  }
  return {
    runs: details.numRuns, seed: opts.seed, passed, inconclusive, inconclusiveReasons, secondOrder, byWrtKind, totalMs, maxMs, failure,
  };
}
