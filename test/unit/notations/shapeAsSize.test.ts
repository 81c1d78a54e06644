/**
 * NumPy's `X.shape[0]` (and `len(X)`) is a size, the number of rows of X: `matcalc check … --from numpy
 * --claim 'X.T @ (P - Y) / X.shape[0]'`, the way a gradient is written in code, was refused ("the
 * attribute .shape is not supported"). It reads as the plain syntax's `size(X, 1)` (MATLAB's: rows 1,
 * columns 2), the size node N of the dimension — the same scalar `N` is when X is declared
 * matrix(N, d), so `X.shape[0]` and `N` read as one expression and a claim written either way is
 * judged the same. Axes out of range, a scalar's shape and arrays of unknown rank are refused.
 */
import assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { derive } from '../../../src/core/index';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, error, numpy, numpyIs, plain } from './helpers';

const WHERE = 'X: matrix(N, d); w: vector(d); y: vector(N); s: scalar';

describe('notations/numpy: X.shape[i] and len(X) are sizes', () => {
  it('reads as the size of the axis, the same node as the dimension name', () => {
    numpyIs('np.sum(X) / X.shape[0]', 'sum(X)/N', WHERE);
    numpyIs('X.shape[1] * np.sum(X) + X.shape[-2]', 'd*sum(X) + N', WHERE);
    numpyIs('np.sum(X) / len(X)', 'sum(X)/N', WHERE);
    numpyIs('w / w.shape[0]', 'w/d', WHERE);
    numpyIs('np.sum(w @ X.T) / (w @ X.T).shape[-1]', "sum(w'*X')/N", WHERE);
    numpyIs('np.sum((X @ w - y) ** 2) / X.shape[0]', 'sum((X*w - y).^2)/N', WHERE);
    assert.equal(plain('sum(X)/size(X, 1) + size(X, 2)', WHERE), plain('sum(X)/N + d', WHERE));
    const v = evaluate(numpy('np.sum(X) / X.shape[0] + X.shape[1]', WHERE), numericEnv({ N: 4, d: 3 }, { X: [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]] }));
    assert.equal(v.get(0, 0), 48 / 4 + 3);
  });

  it('a claim with X.shape[0] is judged as the one with N', () => {
    const expr = 'np.sum((X @ w - y) ** 2) / X.shape[0]';
    for (const [claim, verdict] of [
      ['2 * X.T @ (X @ w - y) / X.shape[0]', 'correct'],
      ['2 * X.T @ (X @ w - y) / len(X)', 'correct'],
      ['2 * X.T @ (X @ w - y) / X.shape[1]', 'incorrect'],
      ['X.T @ (X @ w - y) / X.shape[0]', 'incorrect'],
    ] as const) {
      const r = checkClaim({ expr, wrt: ['w'], where: WHERE, claim, from: 'numpy' });
      assert.ok(r.ok, r.ok ? '' : `${claim}: ${r.error.message}`);
      assert.equal(r.value.verdict, verdict, claim);
    }
    // Undeclared X: its dimensions are the expression's (Xᵀ(P − Y)/N is the gradient in the denominator layout).
    const r = checkClaim({ expr: 'F.cross_entropy(X @ W, Y)', wrt: ['W'], layout: 'denominator', claim: 'X.T @ (torch.softmax(X @ W, dim=1) - Y) / X.shape[0]', from: 'numpy' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.verdict, 'correct');
  });

  it('differentiates to zero: a size is a constant (central differences)', () => {
    const r = derive({ expr: 'np.sum(np.tanh(X @ w)) / X.shape[0]', from: 'numpy', where: WHERE, wrt: ['X'], check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.check?.passed, r.value.result.text);
  });

  it('refuses an axis out of range, a scalar, a non-integer index and .shape alone', () => {
    let t = 'X.shape[2]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'out of range');
    t = 'w.shape[1]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '1', t, '1-D');
    t = 's.shape[0]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0', t, 'scalar');
    t = 'X.shape[s]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 's', t, 'integer index');
    t = 'w * X.shape';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'shape', t, 'X.shape[0]');
  });
});
