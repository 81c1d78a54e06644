/**
 * A claim written in NumPy / PyTorch / JAX whose value is a 1-D array has no orientation: the
 * gradient of a scalar by a 1-D x is a 1-D array (what jax.grad and torch's .grad give), neither a
 * row nor a column. `check 'x @ A @ x' --from numpy --claim '(A + A.T) @ x'` said "incorrect
 * (layout): the claim is the derivative in denominator or mixed layout (n×1)" — and so did
 * `x @ (A + A.T)`, the same array. A 1-D claim is compared as the row or column the requested
 * layout asks for; a 2-D claim (`np.outer`, `[:, None]`) keeps its orientation, and the layout
 * verdict, as before.
 */
import assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { derive } from '../../../src/core/index';
import type { Layout } from '../../../src/core/api';

function verdict(expr: string, claim: string, wrt: string, where: string, layout: Layout = 'numerator'): string {
  const r = checkClaim({ expr, wrt: [wrt], where, claim, from: 'numpy', layout });
  assert.ok(r.ok, r.ok ? '' : `${claim}: ${r.error.code}: ${r.error.message}`);
  const d = r.value.diagnosis;
  return r.value.verdict === 'correct' ? 'correct' : `incorrect (${d?.kind ?? 'other'}${d?.layout !== undefined && d.kind !== 'layout' ? ', also layout' : ''})`;
}

const WHERE = 'x: vector(n); A: matrix(n, n); W: matrix(m, n); y: vector(m)';

describe('check: a 1-D NumPy claim has no layout', () => {
  it('the gradient written as a 1-D array is correct in every layout, whichever side the vector is on', () => {
    for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
      for (const claim of ['(A + A.T) @ x', 'x @ (A + A.T)', 'A @ x + A.T @ x', 'x @ A + x @ A.T', 'np.dot(A + A.T, x)']) {
        assert.equal(verdict('x @ A @ x', claim, 'x', WHERE, layout), 'correct', `${claim} (${layout})`);
      }
      assert.equal(verdict('np.sum(np.tanh(W @ x) * y)', 'W.T @ ((1 - np.tanh(W @ x) ** 2) * y)', 'x', WHERE, layout), 'correct', layout);
    }
  });

  it('the answer says the claim was read as a row', () => {
    const r = checkClaim({ expr: 'x @ A @ x', wrt: ['x'], where: WHERE, claim: '(A + A.T) @ x', from: 'numpy' });
    assert.ok(r.ok && r.value.oneDimensional === true);
    const d = checkClaim({ expr: 'x @ A @ x', wrt: ['x'], where: WHERE, claim: '(A + A.T) @ x', from: 'numpy', layout: 'denominator' });
    assert.ok(d.ok && d.value.oneDimensional === undefined, 'a column asked for: nothing to say');
  });

  it('a wrong 1-D claim is diagnosed without a layout complaint', () => {
    assert.equal(verdict('x @ A @ x', '2 * A @ x', 'x', WHERE), 'incorrect (symmetric-only)');
    assert.equal(verdict('x @ A @ x', 'x @ A', 'x', WHERE), 'incorrect (missing-term)');
    assert.equal(verdict('x @ A @ x', '-(A + A.T) @ x', 'x', WHERE), 'incorrect (sign)');
  });

  it('a 2-D claim keeps its orientation', () => {
    // The gradient by a matrix, written with np.outer (2-D): its layout is the one it is written in.
    assert.equal(verdict('np.sum(np.tanh(W @ x))', 'np.outer(1 - np.tanh(W @ x) ** 2, x)', 'W', WHERE), 'incorrect (layout)');
    assert.equal(verdict('np.sum(np.tanh(W @ x))', 'np.outer(1 - np.tanh(W @ x) ** 2, x)', 'W', WHERE, 'denominator'), 'correct');
    // A column made 2-D with [:, None] is a column.
    assert.equal(verdict('x @ A @ x', '((A + A.T) @ x)[:, None]', 'x', WHERE), 'incorrect (layout)');
    assert.equal(verdict('x @ A @ x', '((A + A.T) @ x)[:, None]', 'x', WHERE, 'denominator'), 'correct');
  });

  it('the derivative the claims are judged against agrees with central differences', () => {
    for (const layout of ['numerator', 'denominator'] as const) {
      const d = derive({ expr: 'x @ A @ x', wrt: ['x'], where: WHERE, from: 'numpy', layout, check: true });
      assert.ok(d.ok && d.value.check?.passed, d.ok ? `max relative error ${d.value.check?.maxRelError}` : d.error.message);
    }
    // And by hand: f(x) = xᵀAx at a point, its central differences against (A + Aᵀ)x.
    const A = [[1, 2, -1], [0.5, -3, 2], [4, 1, 0]];
    const x0 = [0.3, -1.2, 2];
    const f = (x: number[]): number => x.reduce((s, xi, i) => s + xi * A[i].reduce((t, aij, j) => t + aij * x[j], 0), 0);
    const h = 1e-6;
    for (let k = 0; k < 3; k++) {
      const up = x0.map((v, i) => (i === k ? v + h : v));
      const down = x0.map((v, i) => (i === k ? v - h : v));
      const fd = (f(up) - f(down)) / (2 * h);
      const claimed = [0, 1, 2].reduce((s, j) => s + (A[k][j] + A[j][k]) * x0[j], 0);
      assert.ok(Math.abs(fd - claimed) < 1e-6, `entry ${k}: ${fd} vs ${claimed}`);
    }
  });
});
