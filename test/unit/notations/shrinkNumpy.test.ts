/**
 * PyTorch's `F.softshrink(x, lambd=0.5)` and `F.hardshrink(x, lambd=0.5)` (and `torch.hardshrink`,
 * `x.hardshrink()`) were "unknown function". Each reads as the exact composition of the core's
 * functions the kernel computes (aten/src/ATen/native/cpu/Activation.cpp):
 * softshrink `u > λ ? u − λ : u < −λ ? u + λ : 0` is max(0, u − λ) + min(0, u + λ) for every λ ≥ 0
 * (PyTorch refuses λ < 0, and so does the reader for a negative number); hardshrink
 * `−λ ≤ u ≤ λ ? 0 : u` is u .* step(abs(u) − λ) for every λ. Checked against the kernels at points on
 * both sides of ±λ and at them, and the derivatives against central differences.
 */
import * as assert from 'node:assert/strict';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, assertWritersReadBack, BOTH_LAYOUTS, error, numpy, numpyIs } from './helpers';

const WHERE = 'x: vector(n); X: matrix(m, n); s: scalar';

/** The kernels, as PyTorch computes them. */
const softshrink = (l: number) => (u: number): number => (u > l ? u - l : u < -l ? u + l : 0);
const hardshrink = (l: number) => (u: number): number => (u >= -l && u <= l ? 0 : u);

const CASES: readonly [string, (u: number) => number][] = [
  ['F.softshrink(x)', softshrink(0.5)],
  ['F.softshrink(x, 1.5)', softshrink(1.5)],
  ['torch.nn.functional.softshrink(x, lambd=0.25)', softshrink(0.25)],
  ['F.softshrink(x, 0)', softshrink(0)],
  ['F.hardshrink(x)', hardshrink(0.5)],
  ['torch.hardshrink(x, lambd=1.5)', hardshrink(1.5)],
  ['x.hardshrink()', hardshrink(0.5)],
  ['x.hardshrink(0.25)', hardshrink(0.25)],
  ['F.hardshrink(x, -1)', hardshrink(-1)],
  ['F.hardshrink(x, 0)', hardshrink(0)],
];

const POINTS = [-3, -1.6, -1.5, -1.4, -1, -0.6, -0.5, -0.4, -0.25, -0.1, 0, 0.1, 0.25, 0.3, 0.5, 0.55, 1, 1.5, 1.52, 4];

describe('notations/numpy: F.softshrink and F.hardshrink read as the compositions they are', () => {
  it("each value is PyTorch's kernel, on both sides of ±λ and at them", () => {
    for (const [text, f] of CASES) {
      const v = evaluate(numpy(text, WHERE), numericEnv({ n: POINTS.length, m: 2 }, { x: POINTS.map((p) => [p]) }));
      POINTS.forEach((p, i) => assert.ok(Math.abs(v.get(i, 0) - f(p)) <= 1e-15, `${text} at ${p}: ${v.get(i, 0)}, PyTorch's ${f(p)}`));
    }
  });

  it('reads as max/min and the step', () => {
    numpyIs('F.softshrink(x)', 'max(0, x - 0.5) + min(0, x + 0.5)', WHERE);
    numpyIs('F.softshrink(X @ x, lambd=s)', 'max(0, X*x - s) + min(0, X*x + s)', WHERE);
    numpyIs('F.hardshrink(x, 2)', 'x .* step(abs(x) - 2)', WHERE);
    numpyIs('x.hardshrink(lambd=s)', 'x .* step(abs(x) - s)', WHERE);
  });

  it('what it reads as prints in each notation and reads back', () => {
    assertWritersReadBack(['max(0, x - 0.5) + min(0, x + 0.5)', 'x .* step(abs(x) - 2)'], WHERE);
  });

  it('refuses a negative lambd for softshrink (PyTorch does), an array lambd, an unknown keyword', () => {
    let t = 'F.softshrink(x, -0.5)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '-0.5', t, 'lambd must be at least 0');
    t = 'F.softshrink(x, lambd=x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'x', t, 'lambd must be a number');
    t = 'F.hardshrink(x, lam=1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'lam=1', t, "'lam'");
  });
});

describe('notations/numpy: derivatives through softshrink and hardshrink agree with finite differences', () => {
  for (const [text, wrts] of [
    ['F.softshrink(X @ x).sum()', ['x', 'X']],
    ['F.softshrink(x, lambd=s) @ x', ['x', 's']],
    ['(F.hardshrink(X @ x, 0.25) ** 2).sum()', ['x', 'X']],
    ['x.hardshrink() @ x', ['x']],
  ] as const) {
    for (const wrt of wrts) it(`∂(${text})/∂${wrt}`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
  }
});
