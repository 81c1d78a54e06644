/**
 * Property tests of the differentiator on random well-typed expressions over the whole input
 * vocabulary (test/fuzz/exprs.ts), first and second order, with respect to scalars, vectors,
 * matrices and stacked scalars: derivatives agree with central finite differences, simplification
 * is sound, the writers and the step-by-step derivation do not throw. CI size; `npm run fuzz` runs
 * 10,000. A failure is shrunk (fast-check, then to its smallest failing subexpression).
 */
import assert from 'node:assert/strict';
import { describeCase, runProperties } from '../../fuzz/properties';

const RUNS = 500;
const SEED = 20_251_126;

describe('robustness: random expressions differentiate correctly', function () {
  this.timeout(120_000);
  it(`${RUNS} random expressions: derivatives match finite differences, simplification is sound, steps are produced`, () => {
    const r = runProperties({ runs: RUNS, seed: SEED });
    const f = r.failure;
    assert.ok(f === undefined, f && `${describeCase(f.c)} (seed ${f.seed}): ${f.verdict.kind === 'failed' ? `${f.verdict.property}: ${f.verdict.detail}` : ''}`);
    assert.equal(r.runs, RUNS);
    // the run covered what it claims to
    for (const kind of ['scalar', 'vector', 'matrix', 'stacked scalars']) assert.ok((r.byWrtKind[kind] ?? 0) > 0, `no derivative with respect to ${kind}`);
    assert.ok(r.secondOrder > RUNS / 10, `only ${r.secondOrder} second derivatives`);
    // inconclusive points (finite differences unreliable everywhere) stay rare
    assert.ok(r.inconclusive < RUNS / 20, `${r.inconclusive} inconclusive: ${JSON.stringify(r.inconclusiveReasons)}`);
  });
});
