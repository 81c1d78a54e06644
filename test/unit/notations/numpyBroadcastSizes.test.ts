/**
 * NumPy's broadcasting fixes sizes: a 1-D array beside a 2-D one is aligned with its last axis, so
 * in `X @ W + b` the length of b is the number of columns of X @ W. The NumPy reader wrote the row
 * b' but the shape checker never equated a broadcast's sizes, so with the matrices undeclared —
 * their sizes only the letters' m×n — valid PyTorch was refused: `X @ W + b` with `b: vector(k)` said "cannot add
 * X*W (m×p) and b' (1×k): the shapes differ"; `X * w` (scale each column) likewise. In NumPy text
 * a 1-D array's broadcast as a row now equates the sizes NumPy requires equal — never two declared
 * sizes that differ, and never the two sides of one matrix (`Z - logsumexp(Z, axis=1)` is NumPy's
 * error, not a square Z). A column (`x[:, None]`, or a 1-D array beside a name of unknown shape)
 * fixes nothing, as before. The plain syntax is unchanged.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { error, value, variablesOf } from './helpers';

function read(text: string, where?: string): { text: string; variables: string } {
  const r = value(readNumpy(text, where), text);
  return { text: toText(r.expr), variables: variablesOf(r) };
}

describe('notations/numpy: a broadcast fixes the sizes NumPy requires equal', () => {
  it('a 1-D array beside an undeclared matrix has its column count', () => {
    assert.deepEqual(read('X @ W + b', 'b: vector(k)'), { text: "X*W + ones(m)*b'", variables: 'X:m×n W:n×k b:k×1' });
    assert.deepEqual(read('X @ W.T + b', 'b: vector(k)'), { text: "X*W' + ones(m)*b'", variables: 'X:m×n W:k×n b:k×1' });
    assert.deepEqual(read('X * w'), { text: "X .* (ones(m)*w')", variables: 'X:m×n w:n×1' });
    assert.deepEqual(read('X * w', 'X: matrix(N, d)'), { text: "X .* (ones(N)*w')", variables: 'X:N×d w:d×1' });
    assert.deepEqual(read('X / w', 'w: vector(d)'), { text: "X ./ (ones(m)*w')", variables: 'X:m×d w:d×1' });
  });

  it('refuses what NumPy refuses: declared sizes that differ, and a matrix made square', () => {
    const mismatch = (text: string, where?: string): void => {
      const d = error(readNumpy(text, where), text);
      assert.equal(d.code, 'shape.mismatch', `${text}: ${d.message}`);
    };
    mismatch('X * w', 'X: matrix(N, d); w: vector(k)');
    mismatch('X @ W + b', 'X: matrix(N, d); W: matrix(d, k); b: vector(m)');
    mismatch('Z - scipy.special.logsumexp(Z, axis=1)');
    mismatch('X - X.sum(axis=1)');
    mismatch('X - X @ v');
  });

  it('the plain syntax keeps its rule: a broadcast never equates sizes', () => {
    const r = readPlain("X*W + b'", 'b: vector(k)');
    assert.ok(!r.ok && r.error.code === 'shape.mismatch', r.ok ? toText(r.value.expr) : r.error.message);
  });

  it('the derivatives by every variable agree with central differences', () => {
    const cases: readonly (readonly [string, string, string?])[] = [
      ['np.sum(np.tanh(X @ W + b))', 'W', 'b: vector(k)'],
      ['np.sum(np.tanh(X @ W + b))', 'b', 'b: vector(k)'],
      ['np.sum(np.tanh(X @ W + b))', 'X', 'b: vector(k)'],
      ['np.sum((X * w) ** 2)', 'w'],
      ['np.sum((X * w) ** 2)', 'X'],
    ];
    for (const [expr, wrt, where] of cases) {
      for (const layout of ['numerator', 'denominator'] as const) {
        const d = derive({ expr, wrt: [wrt], where, from: 'numpy', layout, check: true });
        assert.ok(d.ok, d.ok ? '' : `${expr}: ${d.error.message}`);
        assert.ok(d.value.check?.passed, `${expr} by ${wrt} (${layout}): max relative error ${d.value.check?.maxRelError}`);
      }
    }
  });
});
