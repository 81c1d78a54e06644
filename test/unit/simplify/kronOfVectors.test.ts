/**
 * A Kronecker product of a column and a row is their outer product: u ⊗ vᵀ = vᵀ ⊗ u = uvᵀ. Second derivatives
 * printed it as a Kronecker product — the Hessian of sum(softmax(x) ⊙ a) had the factor aᵀ ⊗ softmax(x), that of
 * (xᵀx)(xᵀSx) the terms x ⊗ (xᵀS) and xᵀ ⊗ (Sx) beside 3xxᵀS, which a textbook writes as one product
 * (softmax(x)aᵀ; 4xxᵀS). Checked numerically; no ⊗ is left in these results.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

const WHERE = 'x: vector(n); a: vector(n); S: matrix(n, n) symmetric; A: matrix(m, n)';

describe('simplify: the Kronecker product of a column and a row is their outer product', () => {
  for (const [expr, layout] of [
    ['sum(softmax(x) .* a)', 'numerator'],
    ['sum(softmax(x) .* a)', 'denominator'],
    ["x'*x*x'*S*x", 'numerator'],
    ["x'*x*x'*S*x", 'denominator'],
    ['a\'*softmax(A\'*A*x)', 'numerator'],
  ] as const) {
    it(`the Hessian of ${expr} (${layout}) has no ⊗ of vectors, and passes its check`, () => {
      const r = derive({ expr, wrt: ['x'], where: WHERE, order: 2, layout, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
      assert.ok(!r.value.result.text.includes('kron('), `${expr}: ${r.value.result.text}`);
    });
  }
});
