/**
 * A gradient that adds terms and the transpose of a sum of terms has that transpose pushed in where like terms
 * then combine: ∂/∂x of (xᵀx)(xᵀAx) printed (((xᵀx)Aᵀ + (xᵀAx)I)x + (xᵀ((xᵀx)Aᵀ + (xᵀAx)I))ᵀ)ᵀ, where a textbook
 * writes xᵀ((xᵀx)(A + Aᵀ) + 2(xᵀAx)I). Checked numerically; the printed form has no transposed sum, and
 * its text, Unicode and LaTeX read back as the textbook form. The like terms are found through a transposed
 * product's scalars (the Rayleigh quotient of a non-symmetric A printed ((Aᵀ/(xᵀx) − (xᵀAx)I/(xᵀx)²)x +
 * (xᵀ(…))ᵀ)ᵀ) and through a 1×1 run inside a chain (Sxxᵀx is (xᵀx)Sx: (xᵀx)(xᵀSx) written x'*x*x'*S*x printed
 * (((xᵀSx)I + Sxxᵀ)x + (xᵀS(xxᵀ + (xᵀx)I))ᵀ)ᵀ).
 */
import assert from 'node:assert/strict';
import { checkEquality, derive } from '../../../src/core/index';

const WHERE = 'x: vector(n); A: matrix(n, n); S: matrix(n, n) symmetric';

describe('present: a transposed sum beside its like terms is pushed in', () => {
  for (const [expr, layout, textbook] of [
    ["(x'*x)*(x'*A*x)", 'numerator', "x'*((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))"],
    ["(x'*x)*(x'*A*x)", 'denominator', "((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))*x"],
    ["x'*A*x/(x'*x)", 'numerator', "x'*((A + A')/(x'*x) - 2*(x'*A*x)*eye(n)/(x'*x)^2)"],
    ["x'*A*x/(x'*x)", 'denominator', "((A + A')/(x'*x) - 2*(x'*A*x)*eye(n)/(x'*x)^2)*x"],
    ["x'*x*x'*S*x", 'numerator', "2*x'*((x'*S*x)*eye(n) + (x'*x)*S)"],
    ["x'*x*x'*S*x", 'denominator', "2*((x'*S*x)*eye(n) + (x'*x)*S)*x"],
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
      for (const written of [r.value.result.unicode, r.value.result.latex]) {
        const back = checkEquality({ left: written ?? '', right: textbook, where: WHERE });
        assert.ok(back.ok && back.value.verdict === 'correct', `${expr}: ${written} does not read back as ${textbook}`);
      }
    });
  }
});
