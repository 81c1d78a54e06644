/**
 * The MLP loss ‖tanh(W_L … tanh(W₁x)) − y‖² by W₁ (issue 17, the benchmark's MLP family): derive()'s work
 * is linear in the depth, in every stage. Counted, never timed, in a child process (mlpWorkProbe.ts) at
 * 64, 128, 256 and 512 layers: the work of each stage (checkpoints), the nodes it asks of the
 * hash-consing table (found or made) and the nodes it makes grow with a log-log slope ≤ 1.1, and so do
 * derive()'s whole, with and without its steps.
 *
 * Why this stands apart from the benchmark's time exponent (docs/benchmarks.md, "MLP growth exponent ≤
 * 1.1 in time"): that exponent was 1.25–1.39 while every count here grows with slope 0.97–1.01. The time
 * that grows faster is the young-generation collections': one per ~14 MB allocated (~80 KB per layer),
 * each of about the same cost, so fewer than half the calls hold one below ~100 layers and nearly every
 * call from 128 on — the median call steps up by one inside the target's window (docs/benchmarks.md,
 * the MLP's time exponent, 2026-12-07).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { SIZES } from './mlpWorkProbe';

describe('the MLP by W₁ (issue 17): every stage of derive() linear in its work, from 64 to 512 layers', function () {
  this.timeout(600_000);

  let series: Record<string, number[]>;
  before(() => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'mlpWorkProbe.js')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    series = JSON.parse(out) as Record<string, number[]>;
  });

  it('measures every stage of derive(), and derive() whole', () => {
    const stages = new Set(Object.keys(series).map((k) => k.slice(0, k.lastIndexOf(':'))));
    assert.deepEqual([...stages], [
      'read',
      'differentiate',
      'present',
      'write the input',
      'bind the shared parts',
      'write the binding form',
      'the equation',
      'the index form',
      'the steps',
      'derive()',
      'derive() with steps',
    ]);
    for (const [name, ys] of Object.entries(series)) assert.equal(ys.length, SIZES.length, name);
    // The whole does the most work, and every stage that makes the result does some.
    assert.ok(series['derive(): work'][0] > series['write the binding form: work'][0]);
    for (const s of ['read', 'differentiate', 'present', 'write the binding form']) assert.ok(series[`${s}: work`].every((w) => w > 1_000), s);
  });

  // No bound on each doubling alone: work is counted to within CHECK_EVERY (256 checkpoints), and the
  // names W100 … W512 are a character longer than W10 … W99.
  it('work, nodes asked of the table and nodes made grow with a log-log slope ≤ 1.1', () => {
    for (const [name, ys] of Object.entries(series)) {
      if (ys.every((y) => y === ys[0])) continue; // a fixed cost (the equation: none of the expression is written again)
      assert.ok(ys.every((y) => y > 0), `${name}: ${ys.join(', ')}`);
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} layers)`);
    }
  });
});
