/**
 * A gradient that adds terms and the transpose of a sum of terms has that transpose pushed in where like terms
 * then combine: ∂/∂x of (xᵀx)(xᵀAx) printed (((xᵀx)Aᵀ + (xᵀAx)I)x + (xᵀ((xᵀx)Aᵀ + (xᵀAx)I))ᵀ)ᵀ, where a textbook
 * writes xᵀ((xᵀx)(A + Aᵀ) + 2(xᵀAx)I). Checked numerically; the printed form has no transposed sum.
 */
import assert from 'node:assert/strict';
import { checkEquality, derive } from '../../../src/core/index';

const WHERE = 'x: vector(n); A: matrix(n, n); S: matrix(n, n) symmetric';

describe('present: a transposed sum beside its like terms is pushed in', () => {
  for (const [expr, layout, textbook] of [
    ["(x'*x)*(x'*A*x)", 'numerator', "x'*((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))"],
    ["(x'*x)*(x'*A*x)", 'denominator', "((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))*x"],
  ] as const) {
    it(`${expr} (${layout})`, () => {
      const r = derive({ expr, wrt: ['x'], where: WHERE, layout, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
      const printed = r.value.result.text;
      assert.ok(!/\)\)'\)?'?$/.test(printed) && !printed.includes("))')'"), `${expr}: ${printed}`);
      const same = checkEquality({ left: printed, right: textbook, where: WHERE });
      assert.ok(same.ok && same.value.verdict === 'correct', `${expr}: ${printed} is not ${textbook}`);
      assert.ok(printed.length <= textbook.length + 4, `${expr}: ${printed} is longer than ${textbook}`);
    });
  }
});
