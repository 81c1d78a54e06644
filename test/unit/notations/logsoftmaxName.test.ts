/**
 * logsoftmax is a function of the plain syntax (and `F.log_softmax` of PyTorch), but LaTeX's
 * `\operatorname{logsoftmax}(Z, 2)` — the batch cross-entropy as a note writes it, beside the `\operatorname{softmax}`
 * and `\operatorname{logsumexp}` the reader knows — was "unknown function", and Unicode math's `logsoftmax(𝐳)` too.
 * Both read as the plain syntax's logsoftmax, and the cross-entropy's gradient is checked numerically.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { assertSame, latexIs, plain, readAs } from './helpers';

describe('notations: logsoftmax in LaTeX and Unicode math', () => {
  it('reads \\operatorname{logsoftmax} and \\mathrm{logsoftmax} as logsoftmax', () => {
    latexIs('\\operatorname{logsoftmax}(\\mathbf{z})', 'logsoftmax(z)', 'z: vector(n)');
    latexIs('\\mathrm{logsoftmax}(Z, 2)', 'logsoftmax(Z, 2)', 'Z: matrix(N, k)');
  });

  it('reads logsoftmax( in Unicode math', () => {
    assertSame(readAs('logsoftmax(𝐳)', 'unicode', 'z: vector(n)'), plain('logsoftmax(z)', 'z: vector(n)'), 'logsoftmax(𝐳)');
    assertSame(readAs('sum(Y ⊙ logsoftmax(Z, 2))', 'auto', 'Z: matrix(N, k); Y: matrix(N, k)'), plain('sum(Y .* logsoftmax(Z, 2))', 'Z: matrix(N, k); Y: matrix(N, k)'), 'sum(Y ⊙ logsoftmax(Z, 2))');
  });

  it('differentiates the batch cross-entropy written in LaTeX, checked numerically', () => {
    const where = 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k)';
    const expr = '-\\frac{1}{N}\\operatorname{sum}(Y \\odot \\operatorname{logsoftmax}(XW + \\mathbf{1}\\mathbf{b}^T, 2))';
    for (const wrt of ['W', 'b']) {
      const r = derive({ expr, wrt: [wrt], where, from: 'latex', check: true, layout: 'mixed' });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, `∂/∂${wrt}: ${JSON.stringify(r.value.check)}`);
    }
  });
});
