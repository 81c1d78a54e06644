/**
 * Reverse mode's derivation (derivation/backprop.ts, the "backprop view") of a recurrence every step of
 * which multiplies by a large constant, y = sum(h_N), h_k = tanh(W_k h_(k−1)) ⊙ c, c = a₁ + … + a_N, by
 * W₁ (issue 17): each gradient ∂y/∂u_k holds c, and the steps wrote it out in each — the gradient, the
 * expression it comes from, and the rule applied — where the chain rule's and the differential method's
 * steps name it (derivation/sharedConstants.ts). Measured in a child process (backpropProbe.ts) at
 * 50 / 100 / 200 steps: the work (checkpoints) and the steps' size, all of them and the largest, grow with
 * a log-log slope ≤ 1.1. That every claim of every step holds: derivation/sharedConstants.test.ts.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { SIZES } from './backpropProbe';

describe('reverse mode\'s derivation of h = tanh(W_k h) ⊙ c (issue 17): work and steps linear in the steps', function () {
  this.timeout(600_000);

  for (const granularity of ['full', 'summary'] as const) {
    it(`${granularity}: work, all the steps and the largest grow with a log-log slope ≤ 1.1`, () => {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'backpropProbe.js'), granularity], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const series = JSON.parse(out) as Record<string, number[]>;
      assert.deepEqual(Object.keys(series), ['work', 'all steps', 'largest step']);
      for (const [name, ys] of Object.entries(series)) {
        const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
        assert.ok(slope <= 1.1, `${granularity}, ${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} steps)`);
      }
    });
  }
});
