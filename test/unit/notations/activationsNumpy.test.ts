/**
 * PyTorch's and JAX's activation functions (F.silu, F.leaky_relu, F.elu, jax.nn.swish, …), PyTorch's
 * torch.rsqrt, x.reciprocal(), x.neg(), and the clamps with any scalar bounds (x.clamp_min(0.5),
 * torch.clamp(x, -1, 1)): each was "unknown function" (or only max(0, u) / min(0, u) for the clamps).
 * Each reads as the exact composition of the core's functions the library computes
 * (syntax/numpy/activations.ts): its value is the library's definition at points on both sides of
 * every kink (checked against a direct computation of that definition), its derivative agrees with
 * central differences, and what cannot be read that way is refused at the argument.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { readExpression } from '../../../src/core/read';
import { assertError, assertNumpyDerivativeChecked, BOTH_LAYOUTS, error, numpy, numpyIs } from './helpers';

const WHERE = 'x: vector(n); X: matrix(m, n); s: scalar';

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));
const softplus = (u: number): number => Math.log1p(Math.exp(u));
const relu6 = (u: number): number => Math.min(Math.max(u, 0), 6);
const SELU_ALPHA = Number('1.6732632423543772848170429916717');
const SELU_SCALE = Number('1.0507009873554804934193349852946');

/** [code, the library's definition entry by entry (PyTorch's kernels, JAX's jax.nn)]. */
const VALUES: readonly [string, (u: number) => number][] = [
  ['F.silu(x)', (u) => u * sigmoid(u)],
  ['torch.nn.functional.silu(x, inplace=False)', (u) => u * sigmoid(u)],
  ['jax.nn.swish(x)', (u) => u * sigmoid(u)],
  ['jax.nn.silu(x)', (u) => u * sigmoid(u)],
  ['F.leaky_relu(x)', (u) => (u >= 0 ? u : 0.01 * u)],
  ['F.leaky_relu(x, 0.2)', (u) => (u >= 0 ? u : 0.2 * u)],
  ['jax.nn.leaky_relu(x, negative_slope=0.3)', (u) => (u >= 0 ? u : 0.3 * u)],
  ['F.leaky_relu(x, -0.5)', (u) => (u >= 0 ? u : -0.5 * u)],
  ['F.elu(x)', (u) => (u > 0 ? u : Math.expm1(u))],
  ['F.elu(x, alpha=0.5)', (u) => (u > 0 ? u : 0.5 * Math.expm1(u))],
  ['jax.nn.elu(x, 2.0)', (u) => (u > 0 ? u : 2 * Math.expm1(u))],
  ['F.celu(x, alpha=2.0)', (u) => Math.max(0, u) + Math.min(0, 2 * Math.expm1(u / 2))],
  ['F.celu(x)', (u) => (u > 0 ? u : Math.expm1(u))],
  ['F.selu(x)', (u) => SELU_SCALE * (u > 0 ? u : SELU_ALPHA * Math.expm1(u))],
  ['F.relu6(x)', relu6],
  ['jax.nn.relu6(x)', relu6],
  ['F.hardtanh(x)', (u) => Math.min(Math.max(u, -1), 1)],
  ['F.hardtanh(x, min_val=-2.0, max_val=0.5)', (u) => Math.min(Math.max(u, -2), 0.5)],
  ['jax.nn.hard_tanh(x)', (u) => Math.min(Math.max(u, -1), 1)],
  ['F.hardsigmoid(x)', (u) => (u <= -3 ? 0 : u >= 3 ? 1 : u / 6 + 0.5)],
  ['jax.nn.hard_sigmoid(x)', (u) => relu6(u + 3) / 6],
  ['F.hardswish(x)', (u) => (u <= -3 ? 0 : u >= 3 ? u : (u * (u + 3)) / 6)],
  ['jax.nn.hard_silu(x)', (u) => (u * relu6(u + 3)) / 6],
  ['F.logsigmoid(x)', (u) => Math.log(sigmoid(u))],
  ['jax.nn.log_sigmoid(x)', (u) => Math.log(sigmoid(u))],
  ['F.softsign(x)', (u) => u / (1 + Math.abs(u))],
  ['jax.nn.soft_sign(x)', (u) => u / (1 + Math.abs(u))],
  ['F.mish(x)', (u) => u * Math.tanh(softplus(u))],
  ['F.tanhshrink(x)', (u) => u - Math.tanh(u)],
  ['torch.neg(x)', (u) => -u],
  ['x.neg()', (u) => -u],
  ['np.negative(x)', (u) => -u],
  ['x.clamp_min(0.5)', (u) => Math.max(u, 0.5)],
  ['torch.clamp_max(x, -1)', (u) => Math.min(u, -1)],
  ['torch.clamp(x, -1, 1)', (u) => Math.min(Math.max(u, -1), 1)],
  ['torch.clamp(x, min=-0.5)', (u) => Math.max(u, -0.5)],
  ['np.clip(x, 0, 2)', (u) => Math.min(Math.max(u, 0), 2)],
  ['np.clip(x, 1, -1)', (u) => Math.min(Math.max(u, 1), -1)],
];

/** Positive points only (the domain of rsqrt and where reciprocal is finite away from 0). */
const POSITIVE_VALUES: readonly [string, (u: number) => number][] = [
  ['torch.rsqrt(x)', (u) => 1 / Math.sqrt(u)],
  ['x.rsqrt()', (u) => 1 / Math.sqrt(u)],
  ['jax.lax.rsqrt(x)', (u) => 1 / Math.sqrt(u)],
  ['torch.reciprocal(x)', (u) => 1 / u],
  ['x.reciprocal()', (u) => 1 / u],
  ['np.reciprocal(x)', (u) => 1 / u],
];

/** Points on both sides of every kink (0, ±1, ±3, 6), and at some of them. */
const POINTS = [-7.5, -4, -3, -2.2, -1, -0.6, -0.05, 0, 0.03, 0.4, 1, 1.7, 2.9, 3, 4.2, 6, 8.1];
const POSITIVE_POINTS = [0.02, 0.3, 1, 2.5, 9, 40];

function assertValues(text: string, f: (u: number) => number, points: readonly number[]): void {
  const e = numpy(text, WHERE);
  const v = evaluate(e, numericEnv({ n: points.length, m: 2 }, { x: points.map((p) => [p]) }));
  assert.deepEqual([v.rows, v.columns], [points.length, 1], text);
  points.forEach((p, i) => {
    const want = f(p);
    assert.ok(Math.abs(v.get(i, 0) - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${text} at ${p}: ${v.get(i, 0)}, the library's ${want}`);
  });
}

describe('notations/numpy: activation functions read as the compositions they are', () => {
  it('each value is the library definition, on both sides of every kink', () => {
    for (const [text, f] of VALUES) assertValues(text, f, POINTS);
    for (const [text, f] of POSITIVE_VALUES) assertValues(text, f, POSITIVE_POINTS);
  });

  it('reads as the plain composition (the read-as line is what is differentiated)', () => {
    numpyIs('F.silu(x)', 'x .* sigmoid(x)', WHERE);
    numpyIs('F.leaky_relu(x, 0.2)', 'max(0, x) + 0.2*min(0, x)', WHERE);
    numpyIs('F.leaky_relu(x, negative_slope=s)', 'max(0, x) + s*min(0, x)', WHERE);
    numpyIs('F.elu(x)', 'max(0, x) + expm1(min(0, x))', WHERE);
    numpyIs('F.logsigmoid(x)', '-softplus(-x)', WHERE);
    numpyIs('torch.rsqrt(x)', 'x.^(-0.5)', WHERE);
    numpyIs('x.reciprocal()', 'x.^(-1)', WHERE);
    numpyIs('x.neg() + 1', '-x + 1', WHERE);
    numpyIs('x.clamp_min(0)', 'max(0, x)', WHERE);
    numpyIs('torch.clamp(x, min=0.0)', 'max(0, x)', WHERE);
    numpyIs('torch.clamp(x, max=0)', 'min(0, x)', WHERE);
    numpyIs('F.silu(X @ x)', '(X*x) .* sigmoid(X*x)', WHERE);
    numpyIs('F.gelu(x) + F.silu(x)', 'gelu(x) + x .* sigmoid(x)', WHERE);
  });

  it('of a matrix, entry by entry', () => {
    const e = numpy('F.silu(X) + F.leaky_relu(X, 0.1)', WHERE);
    const rows = [[-2, 0.5, 3], [1, -0.25, 0]];
    const v = evaluate(e, numericEnv({ m: 2, n: 3 }, { X: rows }));
    rows.forEach((r, i) => r.forEach((u, j) => assert.ok(Math.abs(v.get(i, j) - (u * sigmoid(u) + (u >= 0 ? u : 0.1 * u))) < 1e-12)));
  });
});

/** [code, variables]: each derivative checked against central differences in two layouts. */
const DERIVATIVES: readonly [string, readonly string[]][] = [
  ['F.silu(x).sum()', ['x']],
  ['F.silu(X @ x).sum()', ['x', 'X']],
  ['(F.leaky_relu(X @ x, s) ** 2).sum()', ['x', 's']],
  ['F.elu(X @ x, alpha=s).sum()', ['x', 's']],
  ['F.celu(x, alpha=s).sum()', ['x', 's']],
  ['F.selu(x) @ x', ['x']],
  ['F.relu6(3 * x).sum()', ['x']],
  ['F.hardtanh(x, -2.0, 2.0).sum()', ['x']],
  ['F.hardswish(x).sum()', ['x']],
  ['F.logsigmoid(X @ x).mean()', ['x']],
  ['F.softsign(x) @ x', ['x']],
  ['F.mish(x).sum()', ['x']],
  ['F.tanhshrink(X).sum()', ['X']],
  ['(x.neg() * x).sum()', ['x']],
  ['torch.clamp(x, -1.0, 1.0) @ x', ['x']],
  ['x.clamp_min(s).sum()', ['x', 's']],
];

describe('notations/numpy: derivatives through the activation functions agree with finite differences', () => {
  for (const [text, wrts] of DERIVATIVES) {
    for (const wrt of wrts) {
      it(`∂(${text})/∂${wrt}`, () => assertNumpyDerivativeChecked(text, WHERE, wrt, BOTH_LAYOUTS));
    }
  }

  it('∂ of rsqrt and reciprocal (positive x) agree with finite differences', () => {
    for (const text of ['torch.rsqrt(x * x + 1).sum()', '(x * x + 1).reciprocal().sum()']) {
      const r = derive({ expr: text, from: 'numpy', where: WHERE, wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, `${text}: ${r.value.result.text}`);
    }
  });
});

describe('notations/numpy: activation calls it cannot read are refused at the cause', () => {
  it('an array parameter or bound, an extra argument, an unknown keyword', () => {
    let t = 'F.leaky_relu(x, x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'x', t, 'negative_slope must be a number');
    t = 'F.elu(x, alpha=X)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'X', t, 'alpha must be a number');
    t = 'torch.clamp(x, min=x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', 'x', t, 'array bound');
    t = 'F.silu(x, True)';
    assertError(error(readNumpy(t, WHERE)), 'call.arity', t, t);
    t = 'F.leaky_relu(x, slope=0.1)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', 'slope=0.1', t, "'slope'");
    t = 'F.celu(x, 0)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0', t, 'alpha must not be 0');
    t = 'torch.clamp(x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', t, t, 'needs a bound');
  });

  it("NumPy's reciprocal of an integer literal (an integer: np.reciprocal(2) is 0)", () => {
    const t = 'np.reciprocal(2) * x';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'np.reciprocal(2) is 0');
    numpyIs('torch.reciprocal(2.0) * x', '2^(-1)*x', WHERE);
  });

  it('torch.where and comparisons are refused naming the selections that read', () => {
    let t = 'torch.where(x > 0, x, 0.1 * x)';
    assertError(error(readNumpy(t, WHERE)), 'numpy.unsupported', '>', t, 'F.leaky_relu(u, s)');
    t = 'np.where(c, x, X @ x)';
    assertError(error(readNumpy(t, WHERE)), 'name.unknown-function', 'np.where', t, 'branch not taken is not finite');
  });

  it('a bare silu(x) may be the code\'s own function: not read', () => {
    for (const t of ['silu(x)', 'leaky_relu(x)', 'permute(X, (1, 0))']) {
      const r = readExpression(t, WHERE, 'numpy');
      assert.ok(!r.ok, t);
      assert.equal(r.error.code, 'name.unknown-function', t);
    }
  });
});
