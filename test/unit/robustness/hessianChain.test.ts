/**
 * The Hessian of sum(h ⊙ x) through a deep state h_k = tanh(W h_(k−1)), h_0 = x (issue 17). Its answer
 * is not linear in the depth (each term writes its prefix Wᵀdiag(d₁)Wᵀ… out again: docs/reliability.md,
 * "kept products"), but the work of derive() must grow no faster than that text does: the backward pass's
 * paths from a common ancestor to a contribution were built one step at a time, each a new flat product
 * (calculus/jacobianLinks.ts pathSum), cubic in all (18,304 / 76,160 / 436,352 checkpoints at 20 / 40 /
 * 80 layers, fitted slope 2.29, the text's 1.62). Through the gated state h = tanh(W h) ⊙ h, presentation's
 * factorSum took the common start of five or six products out one factor at a time (38,016 / 150,656 /
 * 867,456; present/factor.ts commonStart). Work counts only, in a child process (hessianChainProbe.ts);
 * short chains checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { gatedHessianChain, hessianChain, SIZES } from './hessianChainProbe';

describe('the Hessian of sum(h ⊙ x) through a deep state h = tanh(W h) (issue 17)', function () {
  this.timeout(600_000);

  for (const gated of [false, true]) {
    const name = gated ? 'through the gated state h = tanh(W h) ⊙ h, ' : '';
    it(`${name}derive() does work growing no faster than its text: log-log slope of the checkpoints ≤ that of the text, and ≤ 1.5`, () => {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'hessianChainProbe.js'), ...(gated ? ['gated'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const { work, text } = JSON.parse(out) as { work: number[]; text: number[] };
      const slope = (ys: readonly number[]): number => fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      const at = `${work.join(', ')} checkpoints, text ${text.join(', ')} characters (slope ${slope(text).toFixed(3)}) at ${SIZES.join(', ')} layers`;
      assert.ok(slope(work) <= Math.min(slope(text), 1.5), `work: log-log slope ${slope(work).toFixed(3)}: ${at}`);
    });
  }

  it('short chains are checked against finite differences, gated or not', () => {
    for (const n of [1, 2, 3, 5, 8, 13]) for (const chain of [hessianChain, gatedHessianChain]) {
      const r = derive({ ...chain(n, `c${n}`), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${n} layers: ${r.error.code} ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, `${n} layers: ${JSON.stringify(r.value.check)}`);
    }
  });
});
