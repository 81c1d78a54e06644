/**
 * Issue 17's growth tests (sizes only, never times): every written form of a request — the input
 * as read and the result, in text, Unicode and LaTeX, and the equation — grows linearly with the
 * expression's DAG, through the reader, for the families whose written tree grows exponentially
 * (chained assignments) or quadratically (a deep network): log-log slope ≤ 1.1.
 */
import * as assert from 'node:assert/strict';
import { chainedRequest, mlpLatexRequest, mlpNestedNumpyRequest, mlpNumpyRequest, mlpRequest, resnetNumpyRequest } from '../../../bench/families';
import { fitExponent } from '../../../bench/growth';
import type { DeriveRequest, DeriveResult } from '../../../src/core/api';
import { derive } from '../../../src/core/index';

/** The written forms of an answer, by name, and their lengths. */
function forms(r: DeriveResult): Record<string, number> {
  return {
    'input text': r.input.text.length,
    'input Unicode': (r.input.unicode ?? '').length,
    'input LaTeX': r.input.latex.length,
    'result text': r.result.text.length,
    'result Unicode': (r.result.unicode ?? '').length,
    'result LaTeX': r.result.latex.length,
    equation: r.equationLatex.length,
  };
}

/** Slopes of every form's length against the size parameter. */
export function outputGrowth(request: (n: number) => DeriveRequest, sizes: readonly number[]): Record<string, { slope: number; lengths: number[] }> {
  const measured = sizes.map((n) => {
    const r = derive({ ...request(n), timeLimitMs: 60_000 });
    if (!r.ok) assert.fail(`size ${n}: ${r.error.code} ${r.error.message}`);
    return forms(r.value);
  });
  const out: Record<string, { slope: number; lengths: number[] }> = {};
  for (const name of Object.keys(measured[0])) {
    const lengths = measured.map((m) => m[name]);
    out[name] = { slope: fitExponent(sizes.map((n, i) => [n, lengths[i]] as const)).exponent, lengths };
  }
  return out;
}

function assertLinear(request: (n: number) => DeriveRequest, sizes: readonly number[]): void {
  for (const [name, g] of Object.entries(outputGrowth(request, sizes))) {
    assert.ok(g.slope <= 1.1, `${name}: log-log slope ${g.slope.toFixed(3)} (lengths ${g.lengths.join(', ')} at ${sizes.join(', ')})`);
  }
}

describe('issue 17 growth: every written form is linear in the expression', function () {
  this.timeout(120_000);

  it('chained assignments u_{k+1} = sin(u_k)·cos(u_k), n = 4 … 64, through the NumPy reader', () => {
    assertLinear(chainedRequest, [4, 8, 16, 32, 64]);
  });

  it('the MLP loss ‖h_L − y‖², L = 8 … 256, through the NumPy reader, gradient in W1', () => {
    assertLinear(mlpNumpyRequest, [8, 16, 32, 64, 128, 256]);
  });

  it('a residual network\'s loss ‖h_L − y‖², h_k = h_(k−1) + tanh(W_k h_(k−1)), L = 8 … 256, through the NumPy reader, gradient in W1 (was quadratic: every layer flattened into a sum of all before it)', () => {
    assertLinear(resnetNumpyRequest, [8, 16, 32, 64, 128, 256]);
    // The same answer, numerically: short networks checked against finite differences.
    for (const layers of [2, 5, 14]) {
      const r = derive({ ...resnetNumpyRequest(layers), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, `${layers} layers: ${JSON.stringify(r.value.check)}`);
    }
  });

  it('the MLP loss nested 8 … 256 layers deep, through the LaTeX reader (\\left\\| \\tanh(W_{L} …) − y \\right\\|^2)', () => {
    assertLinear(mlpLatexRequest, [8, 16, 32, 64, 128, 256]);
  });

  it('the MLP loss nested 8 … 256 layers deep as one NumPy expression (np.linalg.norm(np.tanh(W_L @ …) − y)**2)', () => {
    assertLinear(mlpNestedNumpyRequest, [8, 16, 32, 64, 128, 256]);
  });

  it('at 256 layers the LaTeX and NumPy readers read the plain reader\'s function and give its gradient in every form', () => {
    const answer = (req: DeriveRequest): DeriveResult => {
      const r = derive({ ...req, timeLimitMs: 60_000 });
      if (!r.ok) assert.fail(`${req.from}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    const plain = answer(mlpRequest(256));
    for (const other of [answer(mlpLatexRequest(256)), answer(mlpNestedNumpyRequest(256))]) {
      assert.equal(other.input.text, plain.input.text, `${other.input.notation}: read as the plain text reads`);
      assert.deepEqual(other.result, plain.result, `${other.input.notation}: the same gradient, written alike`);
    }
    assert.match(plain.input.text, /^norm2\(tanh\(W256\*tanh\(W255\*/);
  });

  it('the answer at the largest sizes is the binding form, and far below the tree size', () => {
    const r = derive({ ...chainedRequest(64), timeLimitMs: 60_000 });
    assert.ok(r.ok);
    // The tree of sum(u64) has about 2^65 nodes; the binding form a few characters per assignment.
    assert.ok(r.value.input.text.length < 100 * 64, `${r.value.input.text.length}`);
    assert.match(r.value.input.text, /^sum\(sin\(u63\) \.\* cos\(u63\)\) where u1 = sin\(x\) \.\* cos\(x\), /);
  });
});
