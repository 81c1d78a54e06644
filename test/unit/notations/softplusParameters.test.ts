/**
 * PyTorch's `F.softplus(x, beta=1, threshold=20)` (torch/nn/functional.py, the kernel
 * `x·β > threshold ? x : log1p(exp(x·β)) / β`): a beta or a threshold, by keyword or positional, was
 * refused ("does not support the keyword argument 'beta'", "takes 1 argument"). beta reads exactly,
 * softplus(β·u)/β. The threshold switches to the identity where β·u > threshold: at the default 20
 * the switch moves the value by under e⁻²⁰/β ≈ 2.1·10⁻⁹/β, under 1.1·10⁻¹⁰ of the value and below
 * float32's rounding, and it reads as softplus(β·u)/β (as F.softplus(x) always has); any other
 * threshold reads as the library computes it, the switch written with the step 𝟙[β·u − t > 0]
 * (softplus(β·u)/β + 𝟙[β·u − t > 0] .* (u − softplus(β·u)/β)). Checked against that kernel at
 * points on both sides of the switch, and the derivatives against central differences.
 */
import * as assert from 'node:assert/strict';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, assertWritersReadBack, BOTH_LAYOUTS, error, numpy, numpyIs } from './helpers';

const WHERE = 'x: vector(n); X: matrix(m, n); s: scalar';

/** PyTorch's softplus kernel (aten/src/ATen/native/cpu/Activation.cpp), in double precision. */
const torchSoftplus = (beta: number, threshold: number) => (u: number): number => (u * beta > threshold ? u : Math.log1p(Math.exp(u * beta)) / beta);

/** [code, β, threshold, whether the reading is the kernel exactly (false: the default threshold)]. */
const CASES: readonly [string, number, number, boolean][] = [
  ['F.softplus(x, beta=2)', 2, 20, false],
  ['F.softplus(x, 2)', 2, 20, false],
  ['torch.nn.functional.softplus(x, beta=0.5, threshold=20)', 0.5, 20, false],
  ['F.softplus(x, 1, 20.0)', 1, 20, false],
  ['F.softplus(x, beta=2, threshold=1)', 2, 1, true],
  ['F.softplus(x, 3, 2.5)', 3, 2.5, true],
  ['F.softplus(x, threshold=0)', 1, 0, true],
  ['F.softplus(x, beta=-1.5, threshold=2)', -1.5, 2, true],
  ['torch.nn.functional.softplus(x, threshold=-1)', 1, -1, true],
];

/** Points on both sides of every switch of CASES (β·u = threshold) and far out. */
const POINTS = [-30, -12, -4, -2.5, -1.4, -1.3, -1, -0.7, -0.3, 0, 0.2, 0.45, 0.55, 0.8, 0.85, 1, 2.4, 2.6, 5, 9.9, 10.1, 25, 41, 60];

function values(text: string): number[] {
  const e = numpy(text, WHERE);
  const v = evaluate(e, numericEnv({ n: POINTS.length, m: 2 }, { x: POINTS.map((p) => [p]) }));
  return POINTS.map((_, i) => v.get(i, 0));
}

describe('notations/numpy: F.softplus with beta and threshold', () => {
  it("each value is PyTorch's kernel (exactly; at the default threshold within e⁻²⁰/β)", () => {
    for (const [text, beta, threshold, exact] of CASES) {
      const got = values(text);
      POINTS.forEach((p, i) => {
        const want = torchSoftplus(beta, threshold)(p);
        // The default switch: softplus(βu)/β − u = log1p(e^(−βu))/β < e^(−20)/β where βu > 20.
        const tolerance = 1e-12 * Math.max(1, Math.abs(want)) + (exact ? 0 : Math.exp(-threshold) / Math.abs(beta));
        assert.ok(Math.abs(got[i] - want) <= tolerance, `${text} at ${p}: ${got[i]}, PyTorch's ${want}`);
      });
    }
  });

  it('reads as softplus(β·u)/β, with the step where the threshold is not the default', () => {
    numpyIs('F.softplus(x, beta=2)', 'softplus(2*x)/2', WHERE);
    numpyIs('F.softplus(x, 2, 20)', 'softplus(2*x)/2', WHERE);
    numpyIs('F.softplus(x, beta=1)', 'softplus(x)', WHERE);
    numpyIs('F.softplus(X @ x, beta=s)', 'softplus(s*(X*x))/s', WHERE);
    numpyIs('F.softplus(x, beta=2, threshold=1)', 'softplus(2*x)/2 + step(2*x - 1) .* (x - softplus(2*x)/2)', WHERE);
    numpyIs('F.softplus(x, threshold=s)', 'softplus(x) + step(x - s) .* (x - softplus(x))', WHERE);
    numpyIs('F.softplus(x)', 'softplus(x)', WHERE);
  });

  it('what it reads as prints in each notation and reads back', () => {
    assertWritersReadBack(['softplus(2*x)/2', 'softplus(2*x)/2 + step(2*x - 1) .* (x - softplus(2*x)/2)'], WHERE);
  });

  it('refuses a zero beta, an array parameter, an unknown keyword, and parameters JAX has not', () => {
    let t = 'F.softplus(x, beta=0)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0', t, 'beta must not be 0');
    t = 'F.softplus(x, 0.0, 5)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0.0', t, 'beta must not be 0');
    t = 'F.softplus(x, beta=x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'x', t, 'beta must be a number');
    t = 'F.softplus(x, threshold=X)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'X', t, 'threshold must be a number');
    t = 'F.softplus(x, 1, 20, 3)';
    assertError(error(readNumpy(t, WHERE)), 'call.arity', t, t);
    t = 'F.softplus(x, alpha=2)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'alpha=2', t, "'alpha'");
    t = 'jax.nn.softplus(x, 2)';
    assertError(error(readNumpy(t, WHERE)), 'call.arity', t, t);
  });
});

describe('notations/numpy: derivatives through F.softplus with beta and threshold agree with finite differences', () => {
  for (const [text, wrts] of [
    ['F.softplus(X @ x, beta=2).sum()', ['x', 'X']],
    ['F.softplus(x, beta=s) @ x', ['x', 's']],
    ['F.softplus(x, 0.5, 20).sum()', ['x']],
    ['F.softplus(X @ x, beta=2, threshold=3).sum()', ['x']],
    ['F.softplus(x, threshold=s).sum()', ['x']],
  ] as const) {
    for (const wrt of wrts) it(`∂(${text})/∂${wrt}`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
  }
});
