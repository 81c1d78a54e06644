/**
 * The declaration name.undeclared suggests where only a size 1 fits: foo in (foo*x)^2 or 1/(foo*x),
 * with x: vector(n), must be a row, foo: matrix(1, n) — the suggestion said "no scalar, and no vector
 * or matrix of free sizes, fits", as if nothing did. Tried only when none of the kinds fits; each
 * suggestion, copied into the declarations, reads, and its derivative is checked numerically.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { error } from './helpers';

describe('syntax: a row vector is suggested where only a size 1 fits', () => {
  for (const [text, where, suggestion] of [
    ['(foo*x)^2', 'x: vector(n)', 'foo: matrix(1, n)'],
    ['1/(foo*x)', 'x: vector(n)', 'foo: matrix(1, n)'],
    ["x'*A*x/(foo*A*x)", 'x: vector(n); A: matrix(n, n)', 'foo: matrix(1, n)'],
    ['(foo*X*y)^2', 'X: matrix(m, k); y: vector(k)', 'foo: matrix(1, m)'],
  ] as const) {
    it(`${text} with ${where}: ${suggestion}, which reads and differentiates`, () => {
      const d = error(readExpression(text, where, 'plain'));
      assert.equal(d.code, 'name.undeclared', d.message);
      assert.ok(d.message.includes(`e.g. ${suggestion}`), d.message);
      const r = derive({ expr: text, where: `${where}; ${suggestion}`, wrt: ['foo'], from: 'plain', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, `max relative error ${r.value.check?.maxRelError}`);
    });
  }

  it('is not suggested where a kind fits already (lam*x: a scalar, a matrix)', () => {
    const d = error(readExpression('lam*x', 'x: vector(n)', 'plain'));
    assert.ok(!d.message.includes('matrix(1,'), d.message);
  });
});
