/**
 * The reader fuzz campaign: for one notation, `runs` random inputs — a third full-Unicode text, a
 * third operator soup, a third mutated seeds (texts.ts) — each sent through `variables()` and
 * `derive()` (request.ts). Returns counts and the first failure, shrunk by fast-check.
 */
import fc from 'fast-check';
import type { Notation } from '../../src/core/index';
import { runRequest, reproduction, type FuzzInput, type RequestProblem, REQUEST_TIME_LIMIT_MS } from './request';
import { seedsFor } from './seeds';
import { mutatedSeed, operatorSoup, unicodeText } from './texts';

export type InputKind = 'unicode' | 'soup' | 'mutation';

export interface ReaderFuzzOptions {
  readonly runs: number;
  readonly seed: number;
  /** Share of requests that also run the numeric check (default 0). */
  readonly checkShare?: number;
  readonly limitMs?: number;
}

export interface ReaderFuzzReport {
  readonly from: Notation;
  readonly runs: number;
  readonly seed: number;
  readonly byKind: Record<InputKind, number>;
  /** Requests that derived a result (the rest answered with a diagnostic). */
  readonly derived: number;
  /** Diagnostic codes and how often they answered. */
  readonly codes: Record<string, number>;
  readonly maxMs: number;
  readonly slowest?: string;
  readonly totalMs: number;
  readonly failure?: { readonly input: string; readonly problem: RequestProblem; readonly shrinks: number };
}

/** A value one time in five, else undefined (random declarations mostly hide the expression's errors). */
const sometimes = (arb: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

export function inputArbitrary(from: Notation, checkShare: number): fc.Arbitrary<{ kind: InputKind; input: FuzzInput }> {
  const seeds = seedsFor(from);
  const extras = fc.record({ order: fc.constantFrom<1 | 2>(1, 1, 1, 2), check: fc.double({ min: 0, max: 1, noNaN: true }) });
  const withExtras = (kind: InputKind, expr: fc.Arbitrary<{ expr: string; where?: string }>) =>
    fc.tuple(expr, extras).map(([e, x]) => ({
      kind,
      input: { expr: e.expr, where: e.where, from, order: x.order, check: x.check < checkShare } as FuzzInput,
    }));
  return fc.oneof(
    withExtras('unicode', fc.record({ expr: unicodeText(), where: sometimes(unicodeText(20)) })),
    withExtras('soup', fc.record({ expr: operatorSoup(), where: sometimes(operatorSoup(8)) })),
    withExtras('mutation', mutatedSeed(seeds)),
  );
}

export function fuzzReader(from: Notation, opts: ReaderFuzzOptions): ReaderFuzzReport {
  const byKind: Record<InputKind, number> = { unicode: 0, soup: 0, mutation: 0 };
  const codes: Record<string, number> = {};
  let derived = 0;
  let maxMs = 0;
  let slowest: string | undefined;
  let failing = false;
  const t0 = performance.now();
  const details = fc.check(
    fc.property(inputArbitrary(from, opts.checkShare ?? 0), ({ kind, input }) => {
      const r = runRequest(input, opts.limitMs ?? REQUEST_TIME_LIMIT_MS);
      if (!failing) {
        byKind[kind]++;
        if (r.ms > maxMs) {
          maxMs = r.ms;
          slowest = reproduction(input);
        }
        if (r.ok && r.code === undefined) derived++;
        if (r.code !== undefined) codes[r.code] = (codes[r.code] ?? 0) + 1;
      }
      if (!r.ok) {
        failing = true;
        throw new Error(`${r.problem?.kind}: ${r.problem?.detail}`);
      }
    }),
    { numRuns: opts.runs, seed: opts.seed, endOnFailure: false },
  );
  const totalMs = performance.now() - t0;
  let failure: ReaderFuzzReport['failure'];
  if (details.failed && details.counterexample) {
    const [{ input }] = details.counterexample;
    const r = runRequest(input, opts.limitMs ?? REQUEST_TIME_LIMIT_MS);
    failure = {
      input: reproduction(input),
      problem: r.problem ?? { kind: 'threw', detail: String(details.errorInstance) },
      shrinks: details.numShrinks,
    };
  }
  return { from, runs: details.numRuns, seed: opts.seed, byKind, derived, codes, maxMs, slowest, totalMs, failure };
}
