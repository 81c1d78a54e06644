/**
 * The parts of the input a derivative holds (a factor constant in the variable) are written in the
 * normal form the smart constructors give every other node where that is shorter, not as they
 * were read: `1./s` is read 1·s∘⁻¹ and was printed `(1*s.^-1) .* y`; like terms written in two
 * orders did not cancel. Each checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

const where = 't: scalar; y: vector(n); s: vector(n); x: vector(n)';

function result(expr: string, wrt: string, layout: 'numerator' | 'denominator' = 'numerator'): string {
  const r = derive({ expr, where, wrt: [wrt], layout, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
  return r.value.result.text;
}

describe('present: the parts of the input in a result are in normal form', () => {
  it('a constant factor read with a 1, or a product that has a shorter form: (1./s) .* y is s.^-1 .* y, diag(x)*y is x .* y', () => {
    assert.equal(result('t*((1./s).*y)', 't'), 's.^-1 .* y');
    assert.equal(result("x'*((1./s).*y)", 'x', 'denominator'), 's.^-1 .* y');
    assert.equal(result('t*(diag(x)*y)', 't'), 'x .* y');
  });
  it('like terms of the input meet: t·(y ./ s − (1./s) .* y) by t is 0', () => {
    assert.equal(result('t*(y./s - (1./s).*y)', 't'), 'zeros(n)');
  });
  it('an input already in normal form, or whose normal form is no shorter, is left as it is: (−y) .* (X*w) is not −(y .* (X*w))', () => {
    assert.equal(result("t*(x .* y) + x'*y", 't'), 'x .* y');
    assert.equal(result("x'*(s .* y)", 'x', 'denominator'), 's .* y');
    assert.equal(result('t*((-y) .* s)', 't'), '(-y) .* s');
    assert.equal(result('t*(x.*y.*x)', 't'), 'x .* y .* x');
  });
});
