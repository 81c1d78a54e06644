/**
 * The sizes of arrays as PyTorch, NumPy and JAX write them beside `X.shape[0]` (shapeAsSize.test.ts):
 * PyTorch's `X.size(0)`, `X.size(dim=1)`, `X.size()[1]`, `X.numel()`, `torch.numel(X)`; NumPy's and
 * JAX's `np.size(X)`, `np.size(X, 1)`, `X.size` (an attribute, the number of entries) — each was
 * "unknown method .size()", "unknown function" or "the attribute .size is not supported". A length
 * reads as size(X, d), the dimension's size node; a number of entries as the plain syntax's numel(X),
 * the size node of rows·cols — the same node as count(N, d) and as the N of mean(X), so
 * np.sum(X) / X.numel() is mean(X)'s value. Where the libraries differ the code decides: `X.size` is
 * a number in NumPy and JAX but a method in PyTorch, and is refused where nothing says which.
 */
import * as assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { sizeNode } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, BOTH_LAYOUTS, error, numpy, numpyIs, plain } from './helpers';

const WHERE = 'X: matrix(N, d); w: vector(d); y: vector(N); s: scalar';

describe('notations/numpy: X.size(0), X.numel(), np.size(X) and X.size are sizes', () => {
  it('a length of an axis reads as size(X, d), the dimension', () => {
    numpyIs('torch.sum(X) / X.size(0)', 'sum(X)/N', WHERE);
    numpyIs('torch.sum(X) / X.size(dim=1) + X.size(-2)', 'sum(X)/d + N', WHERE);
    numpyIs('torch.sum(X) / X.size()[1]', 'sum(X)/d', WHERE);
    numpyIs('np.sum(X) / np.size(X, 0) + np.size(w, axis=0)', 'sum(X)/N + d', WHERE);
    numpyIs('np.sum(X) / jnp.size(X, -1)', 'sum(X)/d', WHERE);
    numpyIs('torch.sum(w @ X.T) / (w @ X.T).size(-1)', "sum(w'*X')/N", WHERE);
  });

  it('a number of entries reads as numel(X): one size node, the N of mean(X) and count(N, d)', () => {
    const counted = plain('count(N, d)', WHERE);
    assert.equal(counted, sizeNode(shape('N', 'd')));
    for (const text of ['X.numel()', 'torch.numel(X)', 'np.size(X)', 'np.size(X, axis=None)', 'jnp.size(X)']) assert.equal(numpy(text, WHERE), counted, text);
    // X.size in code that uses NumPy: the same node.
    numpyIs('np.sum(X) + X.size', 'sum(X) + count(N, d)', WHERE);
    assert.equal(plain('numel(X)', WHERE), counted);
    assert.equal(plain('numel(w)', WHERE), plain('d', WHERE));
    assert.equal(plain('numel(s)', WHERE), plain('1', WHERE));
    assert.equal(plain('numel(X)', 'X: matrix(2, 3)'), plain('6', 'X: matrix(2, 3)'));
    numpyIs('np.sum(X) / X.size', 'sum(X)/numel(X)', WHERE);
    numpyIs('torch.sum(X) / X.numel()', 'sum(X)/count(N, d)', WHERE);
    numpyIs('np.sum(X) / np.size(X) + w.size', 'sum(X)/numel(X) + d', WHERE);
    // Of an array whose shape comes from the expression: numel of the product.
    numpyIs('torch.sum(X @ w) / (X @ w).numel()', 'sum(X*w)/N', WHERE);
  });

  it("the values are the library's: the entries, and each axis's length", () => {
    const rows = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 2]];
    const env = numericEnv({ N: 4, d: 3 }, { X: rows, w: [[1], [2], [3]] });
    const at = (text: string): number => evaluate(numpy(text, WHERE), env).get(0, 0);
    assert.equal(at('X.numel()'), 12);
    assert.equal(at('np.size(X)'), 12);
    assert.equal(at('np.sum(X) * 0 + X.size'), 12);
    assert.equal(at('X.size(0) * 10 + X.size()[1]'), 43);
    assert.equal(at('np.size(X, 1) + np.size(w)'), 6);
    assert.equal(at('X.size(1) + w.numel()'), 6);
    // np.sum(X) / X.size is np.mean(X).
    assert.equal(at('np.sum(X) / X.size'), at('np.mean(X)'));
  });

  it('a claim with X.numel() is judged as the one with N·d', () => {
    for (const [claim, verdict] of [
      ['2 * X.T @ (X @ w) / X.numel()', 'correct'],
      ['2 * X.T @ (X @ w) / (X.size(0) * X.size(1))', 'correct'],
      ['2 * X.T @ (X @ w) / X.size(0)', 'incorrect'],
    ] as const) {
      const c = checkClaim({ expr: 'torch.sum((X @ w) ** 2) / X.numel()', wrt: ['w'], where: WHERE, claim, from: 'numpy' });
      assert.ok(c.ok, c.ok ? '' : `${claim}: ${c.error.message}`);
      assert.equal(c.value.verdict, verdict, claim);
    }
  });

  for (const [text, wrt] of [
    ['torch.sum(torch.tanh(X @ w)) / X.numel()', 'X'],
    ['torch.sum(torch.tanh(X @ w)) / X.size(0)', 'w'],
    ['np.sum(np.tanh(X @ w)) / X.size', 'X'],
  ] as const) {
    it(`∂(${text})/∂${wrt} agrees with finite differences (a size is a constant)`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
  }
});

describe('notations/numpy: sizes the reader cannot read one way are refused at the cause', () => {
  it('X.size where nothing or PyTorch says which library; X.size(0) in NumPy code', () => {
    let t = 'X.size';
    assertError(error(readNumpy(t, WHERE)), 'numpy.ambiguous-library', 'size', t, 'np.size(X) or X.numel()');
    t = 'torch.sum(X) / X.size';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'size', t, 'method of a PyTorch tensor');
    t = 'torch.sum(X) / X.size + np.sum(X)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.ambiguous-library', 'size', t, 'nothing here says');
    t = 'np.sum(X) / X.size(0)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'X.size', t, 'X.shape[0]');
    t = 'np.sum(X) / X.size()[0]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'X.size', t, 'not a method');
    // NumPy's and JAX's arrays have no numel method (PyTorch's tensors have).
    t = 'np.sum(X) / X.numel()';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'X.numel', t, 'np.size(X)');
  });

  it('X.size() alone, an axis out of range, a non-integer axis, a function of the other library', () => {
    let t = 'X.size()';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', t, t, 'torch.Size');
    t = 'X.size(2)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'out of range');
    t = 'X.size()[s]';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 's', t, 'integer index');
    t = 'np.size(w, 1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '1', t, 'out of range');
    t = 'torch.size(X)';
    assertError(error(readNumpy(t, WHERE)), 'name.unknown-function', 'torch.size', t);
    t = 'np.numel(X)';
    assertError(error(readNumpy(t, WHERE)), 'name.unknown-function', 'np.numel', t);
    t = 'X.numel(0)';
    assertError(error(readNumpy(t, WHERE)), 'call.arity', t, t);
    t = 'numel(X)';
    assertError(error(readNumpy(t, WHERE)), 'name.unknown-function', 'numel', t);
  });
});
