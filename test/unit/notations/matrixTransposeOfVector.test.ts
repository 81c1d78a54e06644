/**
 * `.mT` transposes the last two axes; PyTorch ("tensor.mT is only supported on matrices or batches of
 * matrices"), JAX and NumPy 2 refuse it on a 1-D array. The reader read `x.mT` of a 1-D x as x (as
 * `.T` is), so `x.mT @ A @ x` — code that fails when run — was answered. It is refused at `.mT`;
 * `.T` of a 1-D array stays the array itself (NumPy's rule), and `.mT` of a matrix its transpose.
 */
import assert from 'node:assert/strict';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { assertError, error, value } from './helpers';

const WHERE = 'x: vector(n); A: matrix(n, n); W: matrix(m, n)';

describe('notations/numpy: .mT needs two dimensions', () => {
  it('refuses .mT of a 1-D array or a scalar, at .mT', () => {
    for (const [text, object] of [
      ['x.mT @ A @ x', 'x'],
      ['(W @ x).mT', '(W @ x)'],
      ['x.sum().mT', 'x.sum()'],
    ] as const) {
      const d = error(readNumpy(text, WHERE), text);
      assertError(d, 'numpy.argument', 'mT', text, `.mT needs an array of at least 2 dimensions, but ${object} is`);
    }
  });

  it('reads .mT of a matrix and .T of a 1-D array as before', () => {
    assert.equal(toText(value(readNumpy('x @ A.mT @ x', WHERE)).expr), "x'*A'*x");
    assert.equal(toText(value(readNumpy('x.T @ A @ x', WHERE)).expr), "x'*A*x");
    assert.equal(toText(value(readNumpy('x[:, None].mT @ A @ x', WHERE)).expr), "x'*A*x");
  });
});
