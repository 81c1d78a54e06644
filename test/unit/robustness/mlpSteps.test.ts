/**
 * A deep network's derivation through every reader (issue 17): the MLP loss ‖tanh(W_L … tanh(W₁x)) − y‖²
 * with its derivation steps, read from LaTeX, from NumPy (nested, and one reassignment per layer)
 * and from the plain syntax. Sizes only, no timings: at 256 layers every reader gives the plain
 * reader's derivation; from 32 to 256 layers the steps grow linearly (log-log slope ≤ 1.1) — the
 * differential of the network substituted back repeats every layer in the layers above it, and is
 * written in the binding form (derivation/differential.ts), a part named as the steps name it;
 * at 6 layers, through the LaTeX and NumPy readers, every claim of every step holds numerically.
 */
import * as assert from 'node:assert/strict';
import { mlpLatexRequest, mlpNestedNumpyRequest, mlpNumpyRequest, mlpRequest } from '../../../bench/families';
import { fitExponent } from '../../../bench/growth';
import type { DeriveRequest, DeriveResult } from '../../../src/core/api';
import { differentiate } from '../../../src/core/calculus/derive';
import { derive } from '../../../src/core/index';
import { present } from '../../../src/core/service';
import { readExpression } from '../../../src/core/read';
import { derivationOf, verifyStep } from '../../../src/core/derivation/index';

const READERS: readonly (readonly [string, (layers: number) => DeriveRequest])[] = [
  ['LaTeX', mlpLatexRequest],
  ['NumPy, nested', mlpNestedNumpyRequest],
  ['NumPy, one reassignment per layer', mlpNumpyRequest],
];

function answer(req: DeriveRequest): DeriveResult {
  const r = derive({ ...req, steps: true, timeLimitMs: 120_000 });
  if (!r.ok) assert.fail(`${req.from ?? 'plain'}: ${r.error.code} ${r.error.message}`);
  assert.ok((r.value.steps ?? []).length > 0, 'a derivation');
  return r.value;
}

describe('a deep network\'s derivation through every reader (issue 17)', function () {
  this.timeout(600_000);

  it('at 256 layers, the LaTeX and NumPy readers give the plain reader\'s result and derivation', () => {
    const plain = answer(mlpRequest(256));
    // NumPy code in a `def loss(…)` names the function (present/functionName.ts): its derivation is
    // the plain reader's of the same expression named so, `loss = …`.
    const plainLoss = answer({ ...mlpRequest(256), expr: `loss = ${mlpRequest(256).expr}` });
    assert.equal(plainLoss.input.name?.text, 'loss');
    for (const [name, request] of READERS) {
      const other = answer(request(256));
      const same = other.input.name?.text === 'loss' ? plainLoss : plain;
      assert.equal(other.input.name?.text, name === 'NumPy, one reassignment per layer' ? 'loss' : 'f', `${name}: the function's name`);
      assert.equal(other.input.text, plain.input.text, `${name}: read as the plain text reads`);
      assert.deepEqual(other.result, plain.result, `${name}: the same gradient`);
      assert.deepEqual(other.steps, same.steps, `${name}: the same derivation`);
    }
    const steps = plain.steps ?? [];
    assert.deepEqual(steps.map((s) => s.rule).slice(-3), ['differential-chain', 'trace-form', 'identify']);
    // The substituted differential in the binding form, a layer named as the steps name it
    // (present/answerNames.ts: the result names its parts first, the steps' other parts take
    // another letter): u₁ = tanh(W₁x) is the steps' u₁ = tanh(v₁), v₁ = W₁x.
    const trace = steps[steps.length - 2].afterText ?? '';
    assert.match(steps[0].afterText ?? '', /^v₁ = W₁x, {2}u₁ = tanh\(v₁\), {2}v₂ = W₂u₁, {2}u₂ = tanh\(v₂\)/);
    assert.match(trace, / where u₁ = tanh\(W₁x\), u₂ = tanh\(W₂u₁\), /);
  });

  for (const [name, request] of READERS) {
    it(`${name}: the derivation grows linearly with the layers, 32 … 256`, () => {
      const sizes = [32, 64, 128, 256];
      const runs = sizes.map((L) => answer(request(L)).steps ?? []);
      const series: Record<string, number[]> = {
        'all steps': runs.map((s) => JSON.stringify(s).length),
        'largest step': runs.map((s) => Math.max(...s.map((x) => JSON.stringify(x).length))),
      };
      for (const [what, ys] of Object.entries(series)) {
        const slope = fitExponent(sizes.map((n, i) => [n, ys[i]] as const)).exponent;
        assert.ok(slope <= 1.1, `${what}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${sizes.join(', ')} layers)`);
      }
    });
  }

  it('at 6 layers, through the LaTeX and NumPy readers, every claim of every step holds and the last step is the result', () => {
    for (const [name, request] of READERS) {
      const req = request(6);
      const read = readExpression(req.expr, req.where, req.from ?? 'auto');
      assert.ok(read.ok, read.ok ? '' : read.error.message);
      const w1 = read.value.variables.find((v) => v.name === 'W1');
      assert.ok(w1, 'W1');
      const steps = derivationOf(read.value.expr, [w1], 1, 'mixed', 'full', { present });
      assert.ok(steps.length > 3, `${name}: ${steps.length} steps`);
      steps.forEach((s, i) => {
        for (const r of verifyStep(s)) assert.ok(r.passed, `${name}: step ${i + 1} (${s.rule}, ${r.claim.kind}): ${r.maxRelError}${r.detail ? `, ${r.detail}` : ''}`);
      });
      assert.equal(steps[steps.length - 1].value, present(differentiate(read.value.expr, [w1], 1), 'mixed'), `${name}: the last step reaches the result`);
    }
  });
});
