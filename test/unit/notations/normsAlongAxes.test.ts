/**
 * Norms of the rows or columns of a matrix — np.linalg.norm(X, axis=1), torch.norm(X, dim=1),
 * torch.linalg.vector_norm(X, ord=1, dim=0), X.norm(dim=1) — were refused ("the reduction must be over
 * all entries"), and a tuple of axes (X.sum(axis=(0, 1)), the sum of all entries) was "the axis must be
 * an integer". The norms read as sqrt(sum(X.^2, d)) and sum(abs(X), d) with NumPy's shapes; a tuple
 * naming every axis reduces over all entries, one axis in a tuple is that axis. Values are checked
 * against direct computations, derivatives against central differences; what NumPy refuses (a
 * repeated axis, 'fro' along one axis) is refused. F.normalize is refused naming the code that reads.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, BOTH_LAYOUTS, error, numpy, numpyIs } from './helpers';

const WHERE = 'X: matrix(m, n); x: vector(n)';
const ROWS = [[3, -4, 1.5], [0.5, 2, -2], [-1, 0.25, 6], [2, 2, -0.5]];

function values(text: string): number[][] {
  const v = evaluate(numpy(text, WHERE), numericEnv({ m: ROWS.length, n: ROWS[0].length }, { X: ROWS, x: [[1], [-2], [0.5]] }));
  return v.to2DArray();
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('notations/numpy: norms along an axis', () => {
  it('the 2-norms of the rows and the columns, as NumPy computes them (1-D unless keepdims)', () => {
    const rowNorms = ROWS.map((r) => Math.hypot(...r));
    const columnNorms = ROWS[0].map((_, j) => Math.hypot(...ROWS.map((r) => r[j])));
    for (const t of ['np.linalg.norm(X, axis=1)', 'torch.norm(X, dim=1)', 'torch.linalg.norm(X, dim=-1)', 'X.norm(dim=1)', 'np.linalg.norm(X, 2, 1)', 'np.linalg.norm(X, axis=1, keepdims=True)', 'torch.norm(X, p="fro", dim=1)']) {
      const v = values(t);
      assert.deepEqual([v.length, v[0].length], [ROWS.length, 1], t);
      v.forEach((r, i) => assert.ok(close(r[0], rowNorms[i]), `${t} row ${i}: ${r[0]} vs ${rowNorms[i]}`));
    }
    // NumPy drops the axis: a 1-D result, read as a column; keepdims keeps the 1×n row.
    for (const [t, rows, cols] of [['np.linalg.norm(X, axis=0)', columnNorms.length, 1], ['jnp.linalg.norm(X, axis=0, keepdims=True)', 1, columnNorms.length]] as const) {
      const v = values(t);
      assert.deepEqual([v.length, v[0].length], [rows, cols], t);
      columnNorms.forEach((c, j) => assert.ok(close(rows === 1 ? v[0][j] : v[j][0], c), `${t} column ${j}`));
    }
  });

  it('the 1-norms along an axis; the Frobenius norm over a tuple of both axes', () => {
    const v = values('torch.linalg.vector_norm(X, ord=1, dim=0)');
    ROWS[0].forEach((_, j) => assert.ok(close(v[j][0], ROWS.reduce((s, r) => s + Math.abs(r[j]), 0))));
    const w = values('np.linalg.norm(X, ord=1, axis=1)');
    ROWS.forEach((r, i) => assert.ok(close(w[i][0], r.reduce((s, t) => s + Math.abs(t), 0))));
    numpyIs('np.linalg.norm(X, axis=(0, 1))', 'norm2(X)', WHERE);
    numpyIs('torch.linalg.vector_norm(X, ord=1, dim=(0, 1))', 'norm1(X)', WHERE);
  });

  it('reads as the row or column sums it is', () => {
    numpyIs('np.linalg.norm(X, axis=1)', 'sqrt(sum(X.^2, 2))', WHERE);
    numpyIs('np.linalg.norm(X, axis=0)', "sqrt(sum(X.^2, 1)')", WHERE);
    numpyIs('np.linalg.norm(X, ord=1, axis=1)', 'sum(abs(X), 2)', WHERE);
  });

  it('refuses what NumPy refuses and the orders it cannot read', () => {
    let t = 'np.linalg.norm(X, "fro", 1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', '"fro"', t, 'along an axis');
    t = 'np.linalg.norm(X, np.inf, axis=1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'np.inf', t, 'along an axis');
    t = 'np.linalg.norm(X, 1, (0, 1))';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', '1', t, 'ord=1');
    t = 'np.linalg.norm(x, axis=1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '1', t, 'out of range for a 1-D array');
  });
});

describe('notations/numpy: a tuple of axes', () => {
  it('every axis is every entry; one axis in a tuple is that axis', () => {
    numpyIs('X.sum(axis=(0, 1))', 'sum(X)', WHERE);
    numpyIs('np.sum(X, axis=(-1, -2))', 'sum(X)', WHERE);
    numpyIs('torch.sum(X, dim=[0, 1])', 'sum(X)', WHERE);
    numpyIs('X.mean((0, 1), keepdims=True)', 'mean(X)', WHERE);
    numpyIs('X.sum(axis=(1,))', 'sum(X, 2)', WHERE);
    numpyIs('x.sum(axis=(0,))', 'sum(x)', WHERE);
    numpyIs('np.var(X, axis=(0, 1))', 'mean((X - mean(X)).^2)', WHERE);
    numpyIs('jax.scipy.special.logsumexp(X, axis=(0, 1))', 'logsumexp(vec(X))', WHERE);
    const v = values('X.sum(axis=(0, 1))');
    assert.ok(close(v[0][0], ROWS.flat().reduce((s, t) => s + t, 0)));
  });

  it('refuses a repeated axis, an empty tuple, and a tuple where one axis is meant (softmax)', () => {
    let t = 'X.sum(axis=(0, -2))';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '(0, -2)', t, 'repeated');
    t = 'x.sum(axis=(0, -1))';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '(0, -1)', t, 'repeated');
    t = 'X.sum(axis=())';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '()', t, 'reduces nothing');
    t = 'X.sum(axis=(0, 2))';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'out of range');
    t = 'torch.softmax(X, dim=(0, 1))';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '(0, 1)', t, 'must be an integer');
  });
});

describe('notations/numpy: derivatives through norms along an axis agree with finite differences', () => {
  for (const text of [
    'np.linalg.norm(X, axis=1).sum()',
    '(np.linalg.norm(X, axis=0) ** 2).mean()',
    '(X / np.linalg.norm(X, axis=1, keepdims=True)).sum()',
    'torch.linalg.vector_norm(X, ord=1, dim=1) @ np.linalg.norm(X, axis=1)',
    'np.tanh(X).sum(axis=(0, 1))',
  ]) {
    it(text, () => assertNumpyDerivativeChecked(text, WHERE, 'X', BOTH_LAYOUTS));
  }
});

describe('notations/numpy: F.normalize is refused naming the code that reads', () => {
  it('at the name, with both spellings, each of which reads and differentiates', () => {
    const t = 'F.normalize(X, dim=1)';
    assertError(error(readNumpy(t, WHERE)), 'name.unknown-function', 'F.normalize', t, 'x / torch.linalg.norm(x, dim=-1, keepdim=True)');
    for (const code of ['(X / torch.linalg.norm(X, dim=-1, keepdim=True)).sum()', '(X / torch.linalg.norm(X, dim=-1, keepdim=True).clamp_min(1e-12)).sum()']) {
      const r = derive({ expr: code, from: 'numpy', where: WHERE, wrt: ['X'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, code);
    }
  });
});
