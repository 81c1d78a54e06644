/**
 * The Hessian of a scalar is symmetric, so it is one matrix in every layout: the denominator layout's transpose
 * of the numerator Hessian is the same value, and is printed the same. It was printed with the transpose on
 * top — 2(((aᵀx)I + axᵀ)S + Sxaᵀ)ᵀ for (xᵀSx)(aᵀx), (… + 2(4(xᵀAx)I/(xᵀx)³ − …)xxᵀ)ᵀ for the Rayleigh
 * quotient — where the numerator layout printed it without. Each is checked numerically in each layout.
 */
import assert from 'node:assert/strict';
import { derive, type Layout } from '../../../src/core/index';

const WHERE = 'x: vector(n); a: vector(n); y: vector(n); S: matrix(n, n) symmetric; A: matrix(n, n); X: matrix(m, n); s: scalar; t: scalar';

describe('present: a Hessian is printed the same in every layout', () => {
  for (const [expr, wrt] of [
    ["(x'*S*x)*(a'*x)", ['x']],
    ["x'*A*x/(x'*x)", ['x']],
    ["(a'*x)/(y'*x)", ['x']],
    ['sum(exp(X*x))', ['X']],
    ['s^2*t^3 + s*exp(t)', ['s', 't']],
  ] as const) {
    it(`${expr} by ${wrt.join(', ')}`, () => {
      const printed = (['numerator', 'denominator', 'mixed'] as Layout[]).map((layout) => {
        const r = derive({ expr, wrt: [...wrt], where: WHERE, order: 2, layout, check: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.equal(r.value.check?.passed, true, `${expr} (${layout}): ${JSON.stringify(r.value.check)}`);
        return r.value.result.text;
      });
      assert.equal(printed[1], printed[0], `${expr}: denominator ${printed[1]}, numerator ${printed[0]}`);
      assert.equal(printed[2], printed[0], `${expr}: mixed ${printed[2]}, numerator ${printed[0]}`);
    });
  }
});
