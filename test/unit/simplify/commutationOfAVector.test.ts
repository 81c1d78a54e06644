/**
 * The commutation matrix of a vector is the identity: K(1,n) = K(n,1) = I_n, since a row and a column have
 * the same vec. The derivative of a Kronecker product of vectors, ∂(w ⊗ x)/∂w (Parr & Howard's w ⊗ x read
 * as LaTeX's Kronecker product), printed 𝐊(1,n) ⊗ x, and ∂/∂x (𝐊(1,n)w) ⊗ I_m; a textbook writes I_n ⊗ x and
 * w ⊗ I_m. Checked numerically.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

describe('simplify: the commutation matrix of a vector is the identity', () => {
  it('∂(w ⊗ x)/∂w = I ⊗ x and ∂(w ⊗ x)/∂x = w ⊗ I, checked numerically', () => {
    const where = 'w: vector(n); x: vector(m)';
    for (const [expr, wrt, text] of [
      ['kron(w, x)', 'w', 'kron(eye(n), x)'],
      ['kron(w, x)', 'x', 'kron(w, eye(m))'],
      ["kron(w', x)", 'w', 'kron(eye(n), x)'],
    ] as const) {
      const r = derive({ expr, wrt: [wrt], where, from: 'plain', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, text, `${expr} by ${wrt}`);
      assert.equal(r.value.check?.passed, true, `${expr} by ${wrt}: ${JSON.stringify(r.value.check)}`);
    }
  });

  it('commutation(1, n) and commutation(n, 1) are the identity; commutation(2, 3) stays', () => {
    for (const [text, where, result] of [
      ['commutation(1, n)*x', 'x: vector(n)', 'eye(n)'],
      ['commutation(n, 1)*x', 'x: vector(n)', 'eye(n)'],
      ['commutation(2, 3)*x', 'x: vector(6)', 'commutation(2, 3)'],
    ] as const) {
      const r = derive({ expr: text, wrt: ['x'], where, from: 'plain', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, result, text);
      assert.equal(r.value.check?.passed, true, text);
    }
  });
});
