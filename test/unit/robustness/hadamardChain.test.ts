/**
 * A gate on a deep state, h_k = tanh(W h_(k−1)) ⊙ h_(k−1) (issue 17: every written form O(DAG)): each
 * factor diag(h_(k−1) ⊙ (𝟏 − t_k∘²)) of its Jacobian wrote h_(k−1) as the flat Hadamard product of every
 * earlier tanh, for hadamard() flattened nested products (988 / 2,713 / 8,263 / 28,365 Unicode characters
 * at 10 / 20 / 40 / 80 steps). A product of three plain factors or more is now kept one shared node
 * (simplify/build.ts, hadamardFactors). Sizes only, measured in a child process (hadamardChainProbe.ts) at
 * 100 / 200 / 400 steps (as recurrence.test.ts: the names u₁… grow a digit from 10 and from 100 steps);
 * short chains checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { gatedChain, SIZES } from './hadamardChainProbe';

describe('a gated deep state h = tanh(W h) ⊙ h (issue 17): every written form of its Jacobian linear in the depth', function () {
  this.timeout(600_000);

  it('text, Unicode, LaTeX, the equation and NumPy grow with a log-log slope ≤ 1.1', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const series = JSON.parse(out) as Record<string, number[]>;
    assert.deepEqual(Object.keys(series), ['text', 'Unicode', 'LaTeX', 'equation', 'NumPy']);
    for (const [name, ys] of Object.entries(series)) {
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} steps)`);
    }
  });

  it('short chains are checked against finite differences', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const r = derive({ ...gatedChain(n, `c${n}`), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${n} steps: ${r.error.code} ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, `${n} steps: ${JSON.stringify(r.value.check)}`);
    }
  });
});
