/**
 * A claim that writes the identity as the product prints it, `I` (`−I`, `(xᵀx)I + 2xxᵀ` in plain text), when
 * the expression has no I: `matcalc check 'x' --wrt x --claim I` read I as an undeclared matrix variable and
 * said "incorrect: the claim is not the derivative I (I does not occur in the expression)", with the correct
 * answer printed as I beside it. An undeclared I that the expression does not have is the identity; a declared
 * I, or one of the expression, is that variable as before.
 */
import assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { derive } from '../../../src/core/index';

function verdict(expr: string, claim: string, wrt: string, where: string): string {
  const r = checkClaim({ expr, wrt: [wrt], where, claim, from: 'auto' });
  assert.ok(r.ok, r.ok ? '' : `${claim}: ${r.error.code}: ${r.error.message}`);
  return r.value.verdict === 'correct' ? 'correct' : `incorrect (${r.value.diagnosis?.kind ?? 'other'})`;
}

describe('check: an undeclared I in a claim is the identity', () => {
  const cases = [
    ['x', 'x', 'x: vector(n)', ['I', 'eye(n)']],
    ['w - x', 'x', 'w: vector(n); x: vector(n)', ['-I', '−I', '-1*I']],
    ['x*z', 'x', 'x: vector(n); z: scalar', ['z*I', 'I*z']],
    ["x'*x*x", 'x', 'x: vector(n)', ["(x'*x)*I + 2*x*x'", "x'*x*I + 2*x*x'"]],
    ['A*x + x', 'x', 'A: matrix(n, n); x: vector(n)', ['A + I']],
    ['X*w', 'w', 'X: matrix(m, n); w: vector(n)', ['X*I']],
  ] as const;

  it("the product's own answers, and I written in the plain syntax, are correct", () => {
    for (const [expr, wrt, where, claims] of cases) {
      const d = derive({ expr, wrt: [wrt], where, from: 'plain' });
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      for (const claim of [d.value.result.unicode ?? '', d.value.result.latex, d.value.result.text, ...claims]) {
        assert.equal(verdict(expr, claim, wrt, where), 'correct', `${expr}: ${claim}`);
      }
    }
  });

  it('a wrong multiple of I is still incorrect', () => {
    assert.notEqual(verdict('x', '2*I', 'x', 'x: vector(n)'), 'correct');
    assert.notEqual(verdict('w - x', 'I', 'x', 'w: vector(n); x: vector(n)'), 'correct');
    assert.notEqual(verdict("x'*x*x", "(x'*x)*I + x*x'", 'x', 'x: vector(n)'), 'correct');
  });

  it('a declared I, or an I of the expression, is that variable', () => {
    // I declared but not used: the claim I is that matrix, not the derivative of x.
    assert.notEqual(verdict('x', 'I', 'x', 'x: vector(n); I: matrix(n, n)'), 'correct');
    // I in the expression: ∂(I*x)/∂x is the variable I.
    assert.equal(verdict('I*x', 'I', 'x', 'x: vector(n); I: matrix(n, n)'), 'correct');
    assert.notEqual(verdict('I*x', 'eye(n)', 'x', 'x: vector(n); I: matrix(n, n)'), 'correct');
  });
});
