/**
 * Negative matrix powers (issue 13): X^-1 and X^(-1) are inv(X), X^-k is inv(X)^k, and as in
 * MATLAB the exponent is a signed primary, so X^-1*b is (X^-1)*b. Derivatives are checked against
 * finite differences (first and second order, w.r.t. the matrix, a vector and a scalar).
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax/index';
import { toText } from '../../../src/core/write/index';

const WHERE = 'X: matrix(n, n); a: vector(n); b: vector(n); s: scalar';
const read = (e: string): string => {
  const r = readPlain(e, WHERE);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return toText(r.value.expr);
};

function checked(expr: string, wrt: string, order: 1 | 2 = 1): string {
  const r = derive({ expr, where: WHERE, wrt: [wrt], order, layout: 'denominator', check: true });
  assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.message}`);
  assert.ok(r.value.check?.passed, `${expr} w.r.t. ${wrt}, order ${order}: max relative error ${r.value.check?.maxRelError}`);
  return r.value.result.text;
}

describe('negative matrix powers', () => {
  it('X^-1, X^(-1) are inv(X); X^-2 is inv(X)^2; X^-1*b is (X^-1)*b', () => {
    assert.equal(read('X^-1'), 'inv(X)');
    assert.equal(read('X^(-1)'), 'inv(X)');
    assert.equal(read('X^(-2)'), 'inv(X)^2');
    assert.equal(read("a'*X^-1*b"), "a'*inv(X)*b");
  });
  it("∂ a'X⁻¹b/∂X = −X⁻ᵀabᵀX⁻ᵀ (Matrix Cookbook (61)), and the others by finite differences", () => {
    assert.equal(checked("a'*X^-1*b", 'X'), "-inv(X)'*a*b'*inv(X)'");
    checked("a'*X^(-2)*b", 'X');
    checked("a'*(s*X)^-3*b", 's', 2);
    checked("a'*X^-1*a", 'a', 2);
    checked('tr(X^-2)', 'X');
  });
  it('a non-integer exponent is still refused', () => {
    const r = readPlain('X^(1/2)', WHERE);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'shape.matrix-power');
  });
});
