/**
 * np.var / np.std, jnp.var, torch.var / torch.std and the arrays' .var() / .std(): each reads as
 * the population variance it computes — mean((a − mean(a)).^2), along an axis with NumPy's shapes —
 * its value is the library's (checked against a direct computation), its derivatives agree with
 * central finite differences, and where the library's default (NumPy ddof=0, PyTorch correction=1)
 * cannot be known, or the sample variance is asked for, it is refused, never read as the other.
 */
import * as assert from 'node:assert/strict';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, BOTH_LAYOUTS, error, numpy, numpyIs } from './helpers';

const WHERE = 'x: vector(n); X: matrix(m, n); g: vector(n); b: vector(n); eps: scalar';

const SAME: readonly [string, string][] = [
  ['np.var(x)', 'mean((x - mean(x)).^2)'],
  ['jnp.var(x)', 'mean((x - mean(x)).^2)'],
  ['np.var(x, ddof=0)', 'mean((x - mean(x)).^2)'],
  ['np.var(x, correction=0)', 'mean((x - mean(x)).^2)'],
  ['torch.var(x, correction=0)', 'mean((x - mean(x)).^2)'],
  ['torch.var(x, unbiased=False)', 'mean((x - mean(x)).^2)'],
  ['torch.var(x, False)', 'mean((x - mean(x)).^2)'],
  ['np.std(x)', 'sqrt(mean((x - mean(x)).^2))'],
  ['np.var(X)', 'mean((X - mean(X)).^2)'],
  ['np.var(X, axis=1, keepdims=True)', 'mean((X - mean(X, 2)).^2, 2)'],
  ['np.var(X, axis=1)', 'mean((X - mean(X, 2)).^2, 2)'],
  ['np.var(X, 0)', "mean((X - mean(X, 1)).^2, 1)'"],
  ['jnp.std(X, axis=-1, keepdims=True)', 'sqrt(mean((X - mean(X, 2)).^2, 2))'],
  ['torch.std(X, dim=0, keepdim=True, correction=0)', 'sqrt(mean((X - mean(X, 1)).^2, 1))'],
  // Methods and bare names: the library the code uses says which default applies.
  ['x.var(unbiased=False)', 'mean((x - mean(x)).^2)'],
  ['x.var(ddof=0)', 'mean((x - mean(x)).^2)'],
  ['(x - x.mean()) / np.sqrt(x.var() + eps)', '(x - mean(x))/sqrt(mean((x - mean(x)).^2) + eps)'],
  ['(x - torch.mean(x)) / torch.sqrt(x.var(correction=0) + eps)', '(x - mean(x))/sqrt(mean((x - mean(x)).^2) + eps)'],
];

describe('notations/numpy: var and std read as the population variance', () => {
  for (const [np, plain] of SAME) it(`${np} = ${plain}`, () => numpyIs(np, plain, WHERE));

  it('its value is NumPy\'s np.var and np.std (population), of a vector and along each axis of a matrix', () => {
    const xs = [1, 2, 4, 7, 11];
    const rows = [[1, 2, 4], [3, -1, 0.5]];
    const env = numericEnv({ n: 5, m: 2 }, { x: xs.map((v) => [v]) });
    const population = (v: readonly number[]): number => {
      const mu = v.reduce((s, t) => s + t, 0) / v.length;
      return v.reduce((s, t) => s + (t - mu) ** 2, 0) / v.length;
    };
    assert.ok(Math.abs(evaluate(numpy('np.var(x)', WHERE), env).get(0, 0) - population(xs)) < 1e-12);
    assert.ok(Math.abs(evaluate(numpy('np.std(x)', WHERE), env).get(0, 0) - Math.sqrt(population(xs))) < 1e-12);
    const menv = numericEnv({ n: 3, m: 2 }, { X: rows });
    const byRow = evaluate(numpy('np.var(X, axis=1)', WHERE), menv);
    assert.deepEqual([byRow.rows, byRow.columns], [2, 1]);
    rows.forEach((r, i) => assert.ok(Math.abs(byRow.get(i, 0) - population(r)) < 1e-12));
    const byColumn = evaluate(numpy('np.var(X, axis=0)', WHERE), menv);
    assert.deepEqual([byColumn.rows, byColumn.columns], [3, 1]);
    for (let j = 0; j < 3; j++) assert.ok(Math.abs(byColumn.get(j, 0) - population(rows.map((r) => r[j]))) < 1e-12);
  });
});

/** [NumPy text, variables]: every derivative checked numerically in both layouts. */
const DERIVATIVES: readonly [string, readonly string[]][] = [
  ['np.var(x)', ['x']],
  ['np.std(x)', ['x']],
  ['g * (x - x.mean()) / np.sqrt(x.var() + eps) + b', ['x', 'g', 'b', 'eps']],
  ['np.sum(np.var(X, axis=1))', ['X']],
  ['np.std(X, axis=0, keepdims=True)', ['X']],
  ['(X - X.mean(axis=1, keepdims=True)) / np.sqrt(X.var(axis=1, keepdims=True) + eps)', ['X']],
];

describe('notations/numpy: derivatives of var and std agree with finite differences', () => {
  for (const [text, wrts] of DERIVATIVES) {
    for (const wrt of wrts) {
      it(`∂(${text})/∂${wrt}`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
    }
  }
});

describe('notations/numpy: var and std refused where the reading would be a guess or is not supported', () => {
  it('a method or bare name in code that names no library: NumPy divides by N, PyTorch by N − 1', () => {
    let t = 'x.var()';
    assertError(error(readNumpy(t, WHERE)), 'numpy.ambiguous-library', t, t, 'ddof=0 (NumPy) or correction=0 (PyTorch)');
    t = '(x - x.mean()) / (x.std() + eps)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.ambiguous-library', 'x.std()', t, 'nothing here says which');
  });
  it('the sample variance (PyTorch\'s default, ddof=1) is refused, naming the population spelling', () => {
    let t = 'torch.var(x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', t, t, 'correction=0');
    t = '(x - x.mean()) / torch.sqrt(x.var() + eps)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'x.var()', t, 'N − 1');
    t = 'np.std(x, ddof=1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', t, t, 'ddof=0');
    t = 'torch.var(x, unbiased=True)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', t, t, 'sample variance');
  });
  it('keywords of the other library, two corrections at once, and bad values are refused at the argument', () => {
    let t = 'np.var(x, unbiased=False)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'False', t, 'not unbiased=');
    t = 'torch.var(x, ddof=0)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0', t, 'not ddof=');
    t = 'np.var(x, ddof=0, correction=0)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0', t, 'one of');
    t = 'np.var(x, ddof=0.5)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0.5', t, 'non-negative integer');
    t = 'np.var(X, axis=2)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'out of range');
  });
});
