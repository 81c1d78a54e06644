/**
 * The entries of softmax(z) add up to 1, so sum(softmax(z)) is the constant 1 and its derivative is zero. It
 * printed (1 − sum(softmax(x)))softmax(x)ᵀ (also for 𝟏ᵀsoftmax(x)), a zero a textbook writes 𝟎ᵀ. The
 * expression as read keeps its sum; the derivative is zero, checked numerically.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

describe('simplify: the entries of a softmax add up to 1', () => {
  for (const expr of ['sum(softmax(x))', "ones(n)'*softmax(x)", 'sum(softmax(A*x))', 'c*sum(softmax(x)) + c']) {
    it(`∂ ${expr}/∂x is zero`, () => {
      const r = derive({ expr, wrt: ['x'], where: 'x: vector(n); A: matrix(n, n); c: scalar', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, 'zeros(1, n)', expr);
      assert.equal(r.value.input.text, expr, `${expr}: read as written`);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
    });
  }
});
