/**
 * NumPy / PyTorch / JAX in batch form (issue 13): axis reductions (axis=, dim=, keepdims, methods),
 * softmax / log_softmax / logsumexp along an axis, NumPy's broadcasting of 1-D arrays beside 2-D
 * ones, and the library losses (F.mse_loss, F.cross_entropy with class probabilities,
 * F.binary_cross_entropy_with_logits, reduction=). Each spelling reads as the plain expression it
 * means, and its derivatives by every variable agree with central finite differences.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, BOTH_LAYOUTS, error, numpyIs } from './helpers';

const WHERE = 'X: matrix(N, n); Y: matrix(N, k) probabilities; W: matrix(n, k); b: vector(k); z: vector(N); y: vector(N); v: vector(k); c: vector(n)';

/** NumPy text → the plain text it means (under WHERE). */
const SAME: readonly [string, string][] = [
  ['np.sum(X, axis=0)', "sum(X, 1)'"],
  ['np.sum(X, axis=1)', 'sum(X, 2)'],
  ['np.sum(X, axis=-1)', 'sum(X, 2)'],
  ['np.sum(X, axis=-2, keepdims=True)', 'sum(X, 1)'],
  ['np.sum(X, 1, keepdims=True)', 'sum(X, 2)'],
  ['torch.sum(X, dim=1, keepdim=True)', 'sum(X, 2)'],
  ['X.sum(axis=1)', 'sum(X, 2)'],
  ['X.sum()', 'sum(X)'],
  ['X.mean(0)', "mean(X, 1)'"],
  ['np.mean(X, axis=1)', 'mean(X, 2)'],
  ['jnp.mean(X, axis=0, keepdims=True)', 'mean(X, 1)'],
  ['np.sum(z, axis=0)', 'sum(z)'],
  ['scipy.special.logsumexp(X, axis=1)', 'logsumexp(X, 2)'],
  ['torch.logsumexp(X, dim=0)', "logsumexp(X, 1)'"],
  ['jax.scipy.special.logsumexp(X)', 'logsumexp(vec(X))'],
  ['X.logsumexp(dim=1)', 'logsumexp(X, 2)'],
  ['scipy.special.softmax(X, axis=1)', 'softmax(X, 2)'],
  ['torch.softmax(X, dim=0)', 'softmax(X, 1)'],
  ['F.softmax(X, dim=-1)', 'softmax(X, 2)'],
  ['jax.nn.softmax(X)', 'softmax(X, 2)'],
  ['jax.nn.softmax(X, axis=0)', 'softmax(X, 1)'],
  ['F.log_softmax(X, dim=1)', 'logsoftmax(X, 2)'],
  ['jax.nn.log_softmax(X)', 'logsoftmax(X, 2)'],
  ['X.softmax(dim=1)', 'softmax(X, 2)'],
  ['scipy.special.softmax(v)', 'softmax(v)'],
  // Broadcasting: a 1-D vector beside a 2-D array is a row.
  ['X @ W + b', "X*W + b'"],
  ['b + X @ W', "b' + X*W"],
  ['(X @ W) * b', "(X*W) .* b'"],
  ['X - X.mean(axis=0)', 'X - mean(X, 1)'],
  ['X - np.mean(X, axis=1, keepdims=True)', 'X - mean(X, 2)'],
  ['X * c', "X .* c'"],
  ['X / c', "X ./ c'"],
  // Losses, PyTorch's definitions.
  ['F.mse_loss(X @ W, Y)', 'mean((X*W - Y).^2)'],
  ["F.mse_loss(X @ W, Y, reduction='sum')", 'sum((X*W - Y).^2)'],
  ["F.mse_loss(X @ W, Y, reduction='none')", '(X*W - Y).^2'],
  ['F.cross_entropy(X @ W + b, Y)', "-mean(sum(Y .* logsoftmax(X*W + b', 2), 2))"],
  ["F.cross_entropy(X @ W + b, Y, reduction='sum')", "sum(-sum(Y .* logsoftmax(X*W + b', 2), 2))"],
  ["F.cross_entropy(X @ W + b, Y, reduction='none')", "-sum(Y .* logsoftmax(X*W + b', 2), 2)"],
  ['F.binary_cross_entropy_with_logits(z, y)', 'mean(softplus(z) - y .* z)'],
  ["F.binary_cross_entropy_with_logits(z, y, reduction='sum')", 'sum(softplus(z) - y .* z)'],
];

describe('notations/numpy: batch spellings read as the plain expressions they mean', () => {
  for (const [np, plain] of SAME) it(`${np} = ${plain}`, () => numpyIs(np, plain, WHERE));
});

/** [NumPy text, the variables to differentiate by]: every derivative checked numerically. */
const DERIVATIVES: readonly [string, readonly string[]][] = [
  ['np.sum(X, axis=0)', ['X']],
  ['np.mean(X, axis=1, keepdims=True)', ['X']],
  ['np.sum(np.tanh(X @ W + b) ** 2)', ['X', 'W', 'b']],
  ['scipy.special.logsumexp(X @ W, axis=1)', ['W']],
  ['np.sum(jax.nn.log_softmax(X @ W + b) * Y)', ['W', 'b']],
  ['np.sum((X - X.mean(axis=0)) ** 2)', ['X']],
  ['F.mse_loss(X @ W + b, Y)', ['W', 'b', 'X']],
  ['F.cross_entropy(X @ W + b, Y)', ['W', 'b', 'X']],
  ["F.cross_entropy(X @ W + b, Y, reduction='sum')", ['W']],
  ['F.binary_cross_entropy_with_logits(X @ (W @ v), y)', ['W', 'v']],
  ['F.binary_cross_entropy_with_logits(z, y)', ['z', 'y']],
];

describe('notations/numpy: batch derivatives agree with finite differences', () => {
  for (const [text, wrts] of DERIVATIVES) {
    for (const wrt of wrts) {
      it(`∂(${text})/∂${wrt}`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
    }
  }

  it('F.cross_entropy(X @ W + b, Y) by W is Xᵀ(P − Y)/N: the target rows are class probabilities', () => {
    const where = 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k); b: vector(k)';
    const r = derive({ expr: 'F.cross_entropy(X @ W + b, Y)', where, wrt: ['W'], layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.text, "X'*(softmax(X*W + ones(N)*b', 2) - Y)/N");
    assert.ok(r.value.check?.passed);
    const bias = derive({ expr: 'F.cross_entropy(X @ W + b, Y)', where, wrt: ['b'], layout: 'denominator', check: true });
    assert.ok(bias.ok);
    assert.equal(bias.value.result.text, "(softmax(X*W + ones(N)*b', 2) - Y)'*ones(N)/N");
  });

  it('says what it assumed: Y probabilities (the target of F.cross_entropy), in the answer\'s assumed shapes — not when declared so', () => {
    const r = derive({ expr: 'F.cross_entropy(X @ W + b, Y)', where: 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k); b: vector(k)', wrt: ['W'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.assumed, [{ name: 'Y', shape: 'matrix(N, k) probabilities', by: 'usage', reason: 'the target of F.cross_entropy: class probabilities, each row sums to 1' }]);
    const undeclared = derive({ expr: 'F.cross_entropy(X @ W + b, Y)', where: 'X: matrix(N, n); W: matrix(n, k); b: vector(k)', wrt: ['W'] });
    assert.ok(undeclared.ok, undeclared.ok ? '' : undeclared.error.message);
    assert.match(undeclared.value.assumed.find((a) => a.name === 'Y')?.shape ?? '', /^matrix\(.*\) probabilities$/);
    const declared = derive({ expr: 'F.cross_entropy(X @ W + b, Y)', where: 'X: matrix(N, n); Y: matrix(N, k) probabilities; W: matrix(n, k); b: vector(k)', wrt: ['W'] });
    assert.ok(declared.ok);
    assert.deepEqual(declared.value.assumed, []);
  });
});

describe('notations/numpy: batch spellings that are errors', () => {
  const where = 'X: matrix(N, n); Z: matrix(N, k); W: matrix(n, k); b: vector(k); y: vector(N)';
  it('F.cross_entropy with integer class indices is refused, suggesting one-hot probabilities', () => {
    const t = 'F.cross_entropy(X @ W + b, y)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'y', t, 'one-hot');
  });
  it('a matrix softmax without an axis: PyTorch needs dim, SciPy would normalize all entries', () => {
    let t = 'F.softmax(Z)';
    assertError(error(readNumpy(t, where)), 'call.needs-dimension', t, t, 'dim=');
    t = 'scipy.special.softmax(Z)';
    assertError(error(readNumpy(t, where)), 'call.needs-dimension', t, t, 'all entries');
    t = 'torch.logsumexp(Z)';
    assertError(error(readNumpy(t, where)), 'call.needs-dimension', t, t, 'dim=');
  });
  it('Z - logsumexp(Z, axis=1) is a NumPy broadcasting error (N×k and (N,)), and an error here', () => {
    const t = 'Z - scipy.special.logsumexp(Z, axis=1)';
    assertError(error(readNumpy(t, where)), 'shape.mismatch', t, t, 'cannot subtract');
  });
  it('axes out of range, bad reductions and options that change the loss are refused', () => {
    let t = 'np.sum(Z, axis=2)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', '2', t, 'out of range');
    t = 'np.sum(y, axis=1)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', '1', t, '1-D');
    t = "F.mse_loss(Z, Z, reduction='avg')";
    assertError(error(readNumpy(t, where)), 'numpy.argument', "'avg'", t, 'reduction');
    t = 'F.cross_entropy(Z, Z, label_smoothing=0.1)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', '0.1', t, 'label_smoothing');
  });
});
