/**
 * The derivation of chained assignments u_{k+1} = sin(u_k)·cos(u_k) (issue 17), whose tree doubles
 * with every assignment: the steps are answered (12 assignments used to end in a RangeError: the
 * simplification step's description compared the expressions by keys that held their children's
 * keys, as long as the written tree), stay linear in the number of assignments (sizes only, no
 * timings), and at 4 assignments every claim of every step holds numerically.
 */
import * as assert from 'node:assert/strict';
import { chainedRequest } from '../../../bench/families';
import { fitExponent } from '../../../bench/growth';
import { differentiate } from '../../../src/core/calculus/derive';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { present } from '../../../src/core/service';
import { derivationOf, verifyStep } from '../../../src/core/derivation/index';

describe('derivation: chained assignments (issue 17)', function () {
  this.timeout(300_000);

  it('the steps of 8 … 32 assignments are answered and grow linearly', () => {
    const sizes = [8, 16, 32];
    const lengths = sizes.map((n) => {
      const r = derive({ ...chainedRequest(n), steps: true, timeLimitMs: 120_000 });
      if (!r.ok) assert.fail(`${n} assignments: ${r.error.code} ${r.error.message}`);
      assert.ok((r.value.steps ?? []).length > 2, `${n} assignments: ${(r.value.steps ?? []).length} steps`);
      return JSON.stringify(r.value.steps).length;
    });
    const slope = fitExponent(sizes.map((n, i) => [n, lengths[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `log-log slope ${slope.toFixed(3)} (${lengths.join(', ')} characters at ${sizes.join(', ')} assignments)`);
  });

  it('at 4 assignments every claim of every step holds and the last step is the result', () => {
    const req = chainedRequest(4);
    const read = readExpression(req.expr, req.where, req.from ?? 'auto');
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    const x = read.value.variables.find((v) => v.name === 'x');
    assert.ok(x, 'x');
    const steps = derivationOf(read.value.expr, [x], 1, 'numerator', 'full', { present });
    steps.forEach((s, i) => {
      for (const r of verifyStep(s)) assert.ok(r.passed, `step ${i + 1} (${s.rule}, ${r.claim.kind}): ${r.maxRelError}${r.detail ? `, ${r.detail}` : ''}`);
    });
    assert.equal(steps[steps.length - 1].value, present(differentiate(read.value.expr, [x], 1), 'numerator'));
  });
});
