/**
 * The Hessian of sum(h ⊙ x) through a deep state h_k = tanh(W h_(k−1)), h_0 = x (issue 17). The derivative
 * derive() presents is not linear in the depth — its products J_kᵀ·diag(c_k) are flat, each holding the
 * shorter ones' factors again (docs/reliability.md, "kept products"): O(L²) edges — but every written form
 * is: a start or an end that products share is written once (present/sharedRuns.ts; on main 4,384 /
 * 12,678 / 41,238 / 146,358 characters of text at 20 / 40 / 80 / 160 layers, slope 1.69; through the gated
 * state, whose products share ends and whose Hadamard products leave one layer's gate out each, 12,245 /
 * 36,716 / 120,382 / 426,872, slope 1.71). The work of derive() must grow no faster than the presented
 * derivative's edges, and with slope ≤ 1.5 (until 2026-12-07 no faster than the text, which was then
 * superlinear; min(1.62, 1.5) was 1.5): the backward pass's paths from a common ancestor to a contribution
 * were built one step at a time, each a new flat product (calculus/jacobianLinks.ts pathSum), cubic in all
 * (18,304 / 76,160 / 436,352 checkpoints at 20 / 40 / 80 layers, fitted slope 2.29, the text's 1.62).
 * Through the gated state h = tanh(W h) ⊙ h, presentation's factorSum took the common start of five or six
 * products out one factor at a time (38,016 / 150,656 / 867,456; present/factor.ts commonStart). Work counts
 * and sizes only, in a child process (hessianChainProbe.ts); short chains checked against finite
 * differences, and their written forms read back.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { compareNumerically } from '../../../src/core/numeric/equal';
import { readExpression } from '../../../src/core/read';
import { prepare, present } from '../../../src/core/service';
import { gatedHessianChain, hessianChain, LENGTH_SIZES, SIZES } from './hessianChainProbe';

describe('the Hessian of sum(h ⊙ x) through a deep state h = tanh(W h) (issue 17)', function () {
  this.timeout(600_000);

  for (const gated of [false, true]) {
    const name = gated ? 'through the gated state h = tanh(W h) ⊙ h, ' : '';
    it(`${name}derive() does work growing no faster than the derivative it presents: log-log slope of the checkpoints ≤ that of the presented DAG's edges, and ≤ 1.5`, () => {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'hessianChainProbe.js'), ...(gated ? ['gated'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const { work, text, edges } = JSON.parse(out) as { work: number[]; text: number[]; edges: number[] };
      const slope = (ys: readonly number[]): number => fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      const at = `${work.join(', ')} checkpoints, ${edges.join(', ')} edges (slope ${slope(edges).toFixed(3)}), text ${text.join(', ')} characters at ${SIZES.join(', ')} layers`;
      assert.ok(slope(work) <= Math.min(slope(edges), 1.5), `work: log-log slope ${slope(work).toFixed(3)}: ${at}`);
    });
  }

  for (const gated of [false, true]) {
    const name = gated ? 'through the gated state h = tanh(W h) ⊙ h, ' : '';
    it(`${name}every written form of the answer (text, Unicode, LaTeX, NumPy) grows linearly: log-log slope ≤ 1.1 at ${LENGTH_SIZES.join(', ')} layers`, () => {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'hessianChainProbe.js'), 'lengths', ...(gated ? ['gated'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const series = JSON.parse(out) as Record<string, number[]>;
      for (const [form, ys] of Object.entries(series)) {
        const slope = fitExponent(LENGTH_SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
        assert.ok(slope <= 1.1, `${form}: ${ys.join(', ')} characters at ${LENGTH_SIZES.join(', ')} layers, log-log slope ${slope.toFixed(3)}`);
      }
    });
  }

  it('the written forms of short chains read back to the derivative (numerically), gated or not, their shared runs named', () => {
    for (const n of [2, 3, 5, 8, 13]) for (const chain of [hessianChain, gatedHessianChain]) {
      const req = chain(n);
      const r = derive(req);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const p = prepare(req);
      assert.ok(p.ok);
      const shown = present(differentiate(p.value.f, p.value.wrt, 2), 'numerator');
      for (const [written, from] of [[r.value.result.text, 'plain'], [r.value.result.unicode ?? '', 'unicode'], [r.value.result.latex, 'latex']] as const) {
        const back = readExpression(written, req.where, from);
        assert.ok(back.ok, back.ok ? '' : `${n} layers, ${from}: ${back.error.message}: ${written}`);
        const report = compareNumerically(shown, back.value.expr, back.value.variables, { samples: 3 });
        assert.ok(report.equal, `${n} layers, ${from}: ${written} (max relative error ${report.maxRelError})`);
      }
      if (n >= 5 && chain === hessianChain) assert.match(r.value.result.text, /= u\d+\*diag\(u\d+\)\*W'/, `${n} layers: a shared start named and nested: ${r.value.result.text}`);
    }
  });

  it('short chains are checked against finite differences, gated or not', () => {
    for (const n of [1, 2, 3, 5, 8, 13]) for (const chain of [hessianChain, gatedHessianChain]) {
      const r = derive({ ...chain(n, `c${n}`), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${n} layers: ${r.error.code} ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, `${n} layers: ${JSON.stringify(r.value.check)}`);
    }
  });
});
