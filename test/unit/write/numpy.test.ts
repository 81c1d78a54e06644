import * as assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import {
  Expr, block, commutation, eye, freeVariables, num, ones, rawAdd, rawDiagm, rawDiagv, rawFn, rawHadamard, rawInv,
  rawKron, rawMatpow, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, rawVec, sizeNode, variable,
} from '../../../src/core/model/expr';
import { dimValue, isColumn, isRow, isScalar, shape, SCALAR } from '../../../src/core/model/shape';
import type { Derivative, DerivativeForm } from '../../../src/core/calculus/form';
import { evaluate, makeRng, numericEnv, type NumericEnv } from '../../../src/core/numeric';
import { toNumpy } from '../../../src/core/write';
import { differentiate } from '../../../src/core/calculus/derive';
import { emitCode } from '../../../src/core/index';
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS } from '../../../src/core/functions/index';
import { flat, runPython, runPythonSnippet, type Nested, type PythonPoint, type PythonRequest } from './python';

const DIMS = { m: 3, n: 4, p: 2, h: 3 };

const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const z = variable('z', shape('n', 1));
const w = variable('w', shape('n', 1));
const c = variable('c', shape('m', 1));
const r = variable('r', shape(1, 'n'));
const A = variable('A', shape('m', 'n'));
const M = variable('M', shape('n', 'n'));
const N = variable('N', shape('n', 'n'));
const P = variable('P', shape('n', 'n'));
const X = variable('X', shape('n', 'n'));
const Y = variable('Y', shape('n', 'p'));
const s = variable('s', SCALAR);
const t = variable('t', SCALAR);
const bias = variable('b', SCALAR);

const T = rawTranspose;
const neg = (e: Expr): Expr => rawMul([num(-1), e]);
const sub = (p: Expr, q: Expr): Expr => rawAdd([p, neg(q)]);

function derivative(f: Expr, wrt: Expr | Expr[], form: DerivativeForm, expr: Expr, order: 1 | 2 = 1): Derivative {
  return { f, wrt: Array.isArray(wrt) ? wrt : [wrt], form, expr, order };
}

/** Random values for the variables of d; matrices named X get a dominant diagonal (invertible, positive determinant). */
function randomPoint(d: Derivative, seed: number): NumericEnv {
  const rng = makeRng(seed);
  const values: Record<string, Matrix> = {};
  const vars = [...freeVariables(d.f), ...freeVariables(d.expr), ...d.wrt];
  for (const v of vars) {
    const name = v.name as string;
    if (name in values) continue;
    const rows = typeof v.shape.rows === 'number' ? v.shape.rows : DIMS[v.shape.rows as keyof typeof DIMS];
    const cols = typeof v.shape.cols === 'number' ? v.shape.cols : DIMS[v.shape.cols as keyof typeof DIMS];
    const m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, rng.uniform(-1, 1));
    if (name === 'X') for (let i = 0; i < rows; i++) m.set(i, i, m.get(i, i) + rows);
    values[name] = m;
  }
  return numericEnv(DIMS, values);
}

/** A variable's value as the generated code takes it: floats, 1-D vectors, 2-D matrices. */
function pythonArgument(v: Expr, m: Matrix): Nested {
  if (isScalar(v.shape)) return m.get(0, 0);
  if (isColumn(v.shape) || isRow(v.shape)) return m.to1DArray();
  return m.to2DArray();
}

function outputShape(e: Expr): number[] {
  const dim = (d: number | string): number => dimValue(d, new Map(Object.entries(DIMS)));
  if (isScalar(e.shape)) return [];
  if (isColumn(e.shape)) return [dim(e.shape.rows)];
  if (isRow(e.shape)) return [dim(e.shape.cols)];
  return [dim(e.shape.rows), dim(e.shape.cols)];
}

const maxAbs = (v: readonly number[]): number => v.reduce((a, b) => Math.max(a, Math.abs(b)), 0);

/** max |a − b| / max(1, max |b|) */
function relativeError(a: readonly number[], b: readonly number[]): number {
  assert.equal(a.length, b.length, 'sizes differ');
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / Math.max(1, maxAbs(b));
}

interface Prepared {
  readonly d: Derivative;
  readonly code: string;
  readonly envs: NumericEnv[];
  readonly request: PythonRequest;
}

/** Emit the code and draw three random points. */
function prepare(d: Derivative): Prepared {
  const code = toNumpy(d.f, d);
  const envs = [11, 22, 33].map((seed) => randomPoint(d, seed));
  const vars = new Map<string, Expr>();
  for (const v of [...freeVariables(d.f), ...freeVariables(d.expr), ...d.wrt]) vars.set(v.name as string, v);
  const points = envs.map((env) => Object.fromEntries([...vars].map(([name, v]) => [name, pythonArgument(v, env.values.get(name) as Matrix)])));
  return { d, code, envs, request: { code, wrt: d.wrt.map((v) => v.name as string), order: d.order, points } };
}

/** Compare value() with the core's evaluator and derivative() with finite differences of value(). */
function check(p: Prepared, result: { points: PythonPoint[] } | { error: string }): void {
  const { d, code, envs } = p;
  assert.deepEqual(code.match(/^\s*(import|from)\s.*$/gm), ['import numpy as np'], 'imports only numpy');
  if ('error' in result) assert.fail(`python3 raised:\n${result.error}\n--- code ---\n${code}`);
  const xShape = d.wrt.length > 1 ? [d.wrt.length] : outputShape(d.wrt[0]);
  const expectedShape = [...outputShape(d.f), ...xShape, ...(d.order === 2 ? xShape : [])];
  result.points.forEach((res, k) => {
    const core = evaluate(d.f, envs[k]);
    assert.equal(res.valueIsFloat, isScalar(d.f.shape), 'a scalar value is a float');
    assert.ok(relativeError(flat(res.value), core.to1DArray()) < 1e-12, `value differs from the core: ${res.value} vs ${core.to1DArray()}`);
    // derivative() has the jax.jacobian layout and agrees with finite differences of value().
    assert.deepEqual(res.derivativeShape, expectedShape);
    assert.deepEqual(res.fdShape, expectedShape);
    assert.equal(res.derivativeIsFloat, expectedShape.length === 0, 'a scalar derivative is a float');
    const err = relativeError(flat(res.derivative), flat(res.fd));
    const tol = d.order === 2 ? 1e-5 : 1e-7;
    assert.ok(err < tol, `derivative vs finite differences: relative error ${err}\n${code}`);
  });
}

const u = rawAdd([rawMul([T(w), x]), bias]);
const sigma = rawFn('sigmoid', u);
const soft = rawSoftmax(z);
const Ax = rawMul([A, x]);
const residual = sub(Ax, c);
const inner = rawMul([T(x), x]);

/** [what, derivative] — the derivatives are written by hand in the canonical forms of calculus/form.ts. */
const CASES: readonly [string, Derivative][] = [
  ['xᵀMx: gradient (M + Mᵀ)x', derivative(rawMul([T(x), M, x]), x, 'gradient', rawMul([rawAdd([M, T(M)]), x]))],
  ['Ax: Jacobian A', derivative(Ax, x, 'jacobian', A)],
  ['X⁻¹: Jacobian −(X⁻ᵀ ⊗ X⁻¹)', derivative(rawInv(X), X, 'jacobian', neg(rawKron(T(rawInv(X)), rawInv(X))))],
  ['logdet X: gradient X⁻ᵀ', derivative(rawReduce('logdet', X), X, 'gradient', T(rawInv(X)))],
  ['det X: gradient det(X) X⁻ᵀ', derivative(rawReduce('det', X), X, 'gradient', rawMul([rawReduce('det', X), T(rawInv(X))]))],
  ['σ(wᵀx + b): gradient σ(1 − σ)x', derivative(sigma, w, 'gradient', rawMul([sigma, sub(num(1), sigma), x]))],
  ['softmax: Jacobian diag(s) − ssᵀ', derivative(soft, z, 'jacobian', sub(rawDiagm(soft), rawMul([soft, T(soft)])))],
  ['logsumexp: gradient softmax', derivative(rawReduce('logsumexp', z), z, 'gradient', soft)],
  ['‖Ax − c‖²: gradient 2Aᵀ(Ax − c)', derivative(rawPow(rawReduce('norm2', residual), num(2)), x, 'gradient', rawMul([num(2), T(A), residual]))],
  ['relu(Ax): Jacobian diag(step(Ax))A', derivative(rawFn('relu', Ax), x, 'jacobian', rawMul([rawDiagm(rawFn('step', Ax)), A]))],
  ['min(0, x): Jacobian diag(1 − step(x))', derivative(rawFn('min0', x), x, 'jacobian', rawDiagm(sub(ones(x.shape), rawFn('step', x))))],
  ['x ⊙ y: Jacobian diag(y)', derivative(rawHadamard([x, y]), x, 'jacobian', rawDiagm(y))],
  ['x ⊘ y by y: Jacobian −diag(x ⊘ y²)', derivative(rawHadamard([x, rawPow(y, num(-1))]), y, 'jacobian',
    neg(rawDiagm(rawHadamard([x, rawPow(y, num(-2))]))))],
  ['tr(MXN): gradient MᵀNᵀ', derivative(rawReduce('tr', rawMul([M, X, N])), X, 'gradient', rawMul([T(M), T(N)]))],
  ['Xᵀ: Jacobian K', derivative(T(Y), Y, 'jacobian', commutation('n', 'p'))],
  ['MY: Jacobian I ⊗ M', derivative(rawMul([M, Y]), Y, 'jacobian', rawKron(eye('p'), M))],
  ['X³: Jacobian Σ (Xᵏ)ᵀ ⊗ X²⁻ᵏ', derivative(rawMatpow(X, 3), X, 'jacobian', rawAdd([
    rawKron(T(rawMatpow(X, 2)), eye('n')), rawKron(T(X), X), rawKron(eye('n'), rawMatpow(X, 2)),
  ]))],
  ['vec(X ⊙ X): Jacobian diag(2 vec X)', derivative(rawVec(rawHadamard([X, X])), X, 'jacobian', rawDiagm(rawMul([num(2), rawVec(X)])))],
  ['diag(X): Jacobian (a 0/1 selector, for n = 4)', derivative(rawDiagv(X), X, 'jacobian', diagSelector())],
  ['rx by a row r: gradient xᵀ (r\'s shape)', derivative(rawMul([r, x]), r, 'gradient', T(x))],
  ['mean(x): gradient 𝟏/n', derivative(rawReduce('mean', x), x, 'gradient', rawMul([rawPow(sizeNode(x.shape), num(-1)), ones(x.shape)]))],
  // A size is a Python int in the code: its reciprocal 1.0 / n (np.reciprocal(3) is 0), its root n ** 0.5.
  ['inv(n)·xᵀx: gradient 2x/n', derivative(rawMul([rawInv(sizeNode(x.shape)), T(x), x]), x, 'gradient', rawMul([num(2), rawInv(sizeNode(x.shape)), x]))],
  ['√n·xᵀy: gradient √n y', derivative(rawMul([rawFn('sqrt', sizeNode(x.shape)), T(x), y]), x, 'gradient', rawMul([rawFn('sqrt', sizeNode(x.shape)), y]))],
  ['norm1: gradient sign', derivative(rawReduce('norm1', x), x, 'gradient', rawFn('sign', x))],
  ['Σ log(x² + 1): gradient 2x ⊘ (x² + 1)', derivative(
    rawReduce('sum', rawFn('log', rawAdd([rawPow(x, num(2)), ones(x.shape)]))), x, 'gradient',
    rawHadamard([rawMul([num(2), x]), rawPow(rawAdd([rawPow(x, num(2)), ones(x.shape)]), num(-1))]))],
  ['tanh(x)ᵀ tanh(x): gradient 2 tanh ⊙ (1 − tanh²)', derivative(
    rawMul([T(rawFn('tanh', x)), rawFn('tanh', x)]), x, 'gradient',
    rawMul([num(2), rawHadamard([rawFn('tanh', x), sub(ones(x.shape), rawPow(rawFn('tanh', x), num(2)))])]))],
  ['exp(xᵀx)·xᵀx shares xᵀx: gradient 2 exp(u)(1 + u) x', derivative(
    rawMul([rawFn('exp', inner), inner]), x, 'gradient',
    rawMul([num(2), rawFn('exp', inner), rawAdd([num(1), inner]), x]))],
  ['xᵀMx: Hessian M + Mᵀ', derivative(rawMul([T(x), M, x]), x, 'jacobian', rawAdd([M, T(M)]), 2)],
  ['logdet X: Hessian −K(X⁻ᵀ ⊗ X⁻¹)', derivative(rawReduce('logdet', X), X, 'jacobian',
    neg(rawMul([commutation('n', 'n'), rawKron(T(rawInv(X)), rawInv(X))])), 2)],
  ['[3s²t, 2s + t⁸] by (s, t): the matrix of partials', derivative(
    block(2, 1, [rawMul([num(3), rawPow(s, num(2)), t]), rawAdd([rawMul([num(2), s]), rawPow(t, num(8))])]), [s, t], 'jacobian',
    block(2, 2, [rawMul([num(6), s, t]), rawMul([num(3), rawPow(s, num(2))]), num(2), rawMul([num(8), rawPow(t, num(7))])]))],
  ['s²t by (s, t): a gradient row', derivative(rawMul([rawPow(s, num(2)), t]), [s, t], 'jacobian',
    block(1, 2, [rawMul([num(2), s, t]), rawPow(s, num(2))]))],
  ['exp(s)x by s: tangent exp(s)x', derivative(rawMul([rawFn('exp', s), x]), s, 'tangent', rawMul([rawFn('exp', s), x]))],
  ['sin(s)² by s: 2 sin cos', derivative(rawPow(rawFn('sin', s), num(2)), s, 'scalar', rawMul([num(2), rawFn('sin', s), rawFn('cos', s)]))],
  ['sqrt(s² + 1) by s: s/sqrt(s² + 1)', derivative(rawFn('sqrt', rawAdd([rawPow(s, num(2)), num(1)])), s, 'scalar',
    rawMul([s, rawPow(rawFn('sqrt', rawAdd([rawPow(s, num(2)), num(1)])), num(-1))]))],
  ['XP by X over three factors: (PN)ᵀ ⊗ M for MXPN', derivative(rawMul([M, X, P, N]), X, 'jacobian', rawKron(T(rawMul([P, N])), M))],
  // Every element-wise function of the records, its gradient as the core computes it.
  ...ELEMENTWISE_FUNCTIONS.map((name): [string, Derivative] => {
    const domain = FUNCTIONS[name].domain;
    const arg = domain === 'unit-interval' ? rawMul([num(0.5), x]) : domain === 'positive' ? rawAdd([rawHadamard([x, x]), ones(x.shape)])
      : domain === 'above-one' ? rawAdd([rawHadamard([x, x]), rawMul([num(2), ones(x.shape)])]) : rawMul([num(3), x]);
    const f = rawReduce('sum', rawHadamard([y, rawFn(name, arg)]));
    return [`Σ y ⊙ ${name}(u) by x: the core's gradient`, differentiate(f, [x])];
  }),
];

/** ∂ diag(X) / ∂ vec(X)ᵀ: row i selects entry (i, i), column i + n·i of vec. */
function diagSelector(): Expr {
  const n = DIMS.n;
  const entries: Expr[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n * n; j++) entries.push(num(j === i + n * i ? 1 : 0));
  return block(n, n * n, entries);
}

describe('write/numpy: emitted NumPy agrees with the core and with finite differences in Python', function () {
  this.timeout(120000);
  const prepared = CASES.map(([, d]) => prepare(d));
  let results: ReturnType<typeof runPython> = [];
  before(() => {
    results = runPython(prepared.map((p) => p.request));
  });
  CASES.forEach(([what], i) => it(what, () => check(prepared[i], results[i])));
});

describe('write/numpy: the source', () => {
  it('reads like hand-written NumPy', () => {
    const f = rawMul([T(x), M, x]);
    const code = toNumpy(f, derivative(f, x, 'gradient', rawMul([rawAdd([M, T(M)]), x])));
    assert.equal(code, [
      '# Generated by Matrix Calculus.',
      "# f = x'*M*x",
      "# derivative with respect to x: (M + M')*x (gradient)",
      'import numpy as np',
      '',
      '',
      'def value(x, M):',
      '    """f at the given arrays."""',
      '    x = np.asarray(x, dtype=float).reshape(-1, 1)',
      '    M = np.asarray(M, dtype=float)',
      '    return float(np.linalg.multi_dot([x.T, M, x])[0, 0])',
      '',
      '',
      'def derivative(x, M):',
      '    """The derivative of f with respect to x, of shape f.shape + x.shape."""',
      '    x = np.asarray(x, dtype=float).reshape(-1, 1)',
      '    M = np.asarray(M, dtype=float)',
      '    return np.ravel((M + M.T) @ x)',
      '',
    ].join('\n'));
  });

  it('divides as a person writes it: 2.0 * x / n, x / s ** 3.0, never float(n) ** (-1.0) or + (-1.0) * (NumPy, PyTorch and JAX)', () => {
    const cases: readonly [string, string, string | undefined, RegExp][] = [
      ['mean(x.^2)', 'x', undefined, /return (np|torch|jnp)\.ravel\(2\.0 \* x \/ n\)$/m],
      ['mean(x)', 'x', undefined, /return (np|torch|jnp)\.ravel\(\S+\(\(n, 1\)(, dtype=\S+)?\) \/ n\)$/m],
      ['sum(x.^2)/s', 'x', undefined, /return (np|torch|jnp)\.ravel\(2\.0 \* x \/ s\)$/m],
      ['x/s^2', 's', undefined, /return (np|torch|jnp)\.ravel\(-2\.0 \* x \/ s \*\* 3\.0\)$/m],
      // A negative term is subtracted: eye − 𝟏𝟏ᵀ/n, not eye + (-1.0) * … (the centring matrix is idempotent, so no power since 1e8de7f)
      ['sum((X - ones(N)*ones(1, N)*X/N).^2)', 'X', 'X: matrix(N, n)', /return 2\.0 \* \(\(\S+\.eye\(N[^)]*\) - \(\S+\(\(N, 1\)[^)]*\) @ \S+\(\(1, N\)[^)]*\)\) \/ N\) @ X\)$/m],
      ['mean(X*y)', 'X', 'X: matrix(m, n); y: vector(n)', /return \(\S+\(\(m, 1\)(, dtype=\S+)?\) @ y\.T\) \/ m$/m],
      ['sum(X)/count(m, n)', 'X', 'X: matrix(m, n)', /return \S+\(\(m, n\)(, dtype=\S+)?\) \/ \(m \* n\)$/m],
      ['x ./ y', 'y', undefined, /-\(x \/ y \*\* 2\.0\)/],
    ];
    for (const [expr, wrt, where, pattern] of cases) {
      for (const target of ['numpy', 'torch', 'jax'] as const) {
        const code = emitCode({ expr, wrt: [wrt], where }, target);
        assert.ok(code.ok, code.ok ? '' : code.error.message);
        assert.match(code.value, pattern, `${target} ${expr}:\n${code.value}`);
        assert.doesNotMatch(code.value, /\*\* \(-|float\([a-z]\) \*\*|[ (]\(-\d/, `${target} ${expr}: no negative power, no bracketed negative number`);
      }
    }
    // The code runs and agrees with the core (value and derivative at a point, in python3).
    const f = rawReduce('mean', rawPow(x, num(2)));
    const out = runPythonSnippet(toNumpy(f, differentiate(f, [x])), 'import json\nprint(json.dumps([value(x=[1.0, 2.0, 4.0]), derivative(x=[1.0, 2.0, 4.0]).tolist()]))');
    assert.deepEqual(JSON.parse(out), [7, [2 / 3, 4 / 3, 8 / 3]]);
  });

  it('writes numbers as a person writes them: / d ** 0.5 for a size (no float(d)), ** 0.5, (A + A.T) / 2.0 and einsum(…) / 3.0 (no (1.0/2.0) *) (NumPy, PyTorch and JAX)', () => {
    const cases: readonly [string, string, string | undefined, RegExp][] = [
      ["x'*x/sqrt(d)", 'x', 'x: vector(d)', /return (np|torch|jnp)\.ravel\(2\.0 \* x \/ d \*\* 0\.5\)$/m],
      ["sum(x)/sqrt(m*n)", 'x', 'x: vector(m*n); A: matrix(m, n)', /return (np|torch|jnp)\.ravel\(\S+\(\(m \* n, 1\)(, dtype=\S+)?\) \/ \(m \* n\) \*\* 0\.5\)$/m],
      ["(x'*x)^(1/2)", 'x', undefined, /return (np|torch|jnp)\.ravel\(x \/ \(x\.T @ x\)\[0, 0\] \*\* 0\.5\)$/m],
      ['tr(A*S)', 'S', 'A: matrix(n, n); S: matrix(n, n) symmetric', /return \(A \+ A\.T\) \/ 2\.0$/m],
      ['X^3/3', 'X', undefined, /return (np|torch|jnp)\.einsum\('ik,lj->ijkl', [^_]+, _e1\) \/ 3\.0 \+ /m],
      ['2*x\'*x/3', 'x', undefined, /return (np|torch|jnp)\.ravel\(4\.0 \* x \/ 3\.0\)$/m],
      ['-x\'*x/6', 'x', undefined, /return (np|torch|jnp)\.ravel\(-x \/ 3\.0\)$/m],
      // The function as read divides too: ((-x.T) @ x)[0, 0] / 6.0, not float64(6.0) ** (-1.0) * …
      ['-x\'*x/6', 'x', undefined, /return float\(\(\(-x\.T\) @ x\)\[0, 0\] \/ 6\.0\)$/m],
      ['X^3/3', 'X', undefined, /return (np|torch|jnp)\.linalg\.matrix_power\(X, 3\) \/ 3\.0$/m],
    ];
    for (const [expr, wrt, where, pattern] of cases) {
      for (const target of ['numpy', 'torch', 'jax'] as const) {
        const code = emitCode({ expr, wrt: [wrt], where }, target);
        assert.ok(code.ok, code.ok ? '' : code.error.message);
        assert.match(code.value, pattern, `${target} ${expr}:\n${code.value}`);
        assert.doesNotMatch(code.value, /float\([a-z](?: \* [a-z])*\)|\(1\.0\/\d+\.0\)|float64\(\d+\.0\) \*\*/, `${target} ${expr}: no float(d), no (1.0/q.0) factor, no float64(3.0) ** (-1.0)`);
      }
    }
    // The code runs and agrees with the core: x'x/√d at x = (1, 2, 4), d = 3; (x'x)^(1/2).
    const code = (expr: string, where?: string): string => {
      const emitted = emitCode({ expr, wrt: ['x'], where }, 'numpy');
      assert.ok(emitted.ok, emitted.ok ? '' : emitted.error.message);
      return emitted.value;
    };
    const run = (source: string): [number, number[]] => JSON.parse(runPythonSnippet(source, 'import json\nprint(json.dumps([value(x=[1.0, 2.0, 4.0]), derivative(x=[1.0, 2.0, 4.0]).tolist()]))')) as [number, number[]];
    const [v1, d1] = run(code("x'*x/sqrt(d)", 'x: vector(d)'));
    assert.ok(Math.abs(v1 - 21 / Math.sqrt(3)) < 1e-12 && [2, 4, 8].every((g, i) => Math.abs(d1[i] - g / Math.sqrt(3)) < 1e-12), `${v1} ${d1}`);
    const [v2, d2] = run(code("(x'*x)^(1/2)"));
    assert.ok(Math.abs(v2 - Math.sqrt(21)) < 1e-12 && [1, 2, 4].every((g, i) => Math.abs(d2[i] - g / Math.sqrt(21)) < 1e-12), `${v2} ${d2}`);
  });

  it('names shared subexpressions once', () => {
    const code = toNumpy(rawInv(X), derivative(rawInv(X), X, 'jacobian', neg(rawKron(T(rawInv(X)), rawInv(X)))));
    // A derivative with four indices is written as contractions (einsum), its shared factor named once.
    assert.match(code, /\n {4}_e1 = np\.linalg\.inv\(X\)\n {4}return -np\.einsum\('ik,lj->ijkl', _e1, _e1\)\n/);
    assert.ok(!code.includes('np.kron('), 'no Kronecker product is materialized');
  });

  it('takes **kw when a variable is named like a Python keyword', () => {
    const lam = variable('lambda', SCALAR);
    const np = variable('np', SCALAR);
    const f = rawMul([lam, np, T(x), x]);
    const code = toNumpy(f, derivative(f, x, 'gradient', rawMul([num(2), lam, np, x])));
    assert.match(code, /def value\(\*\*kw\):/);
    const out = runPythonSnippet(code, "import json\nargs = {'lambda': 2.0, 'np': 3.0, 'x': [1.0, 2.0]}\nprint(json.dumps([value(**args), derivative(**args).tolist()]))");
    assert.deepEqual(JSON.parse(out), [30, [12, 24]]);
  });

  it('includes only the helpers it uses', () => {
    const f = rawFn('sigmoid', rawMul([T(x), y]));
    const code = toNumpy(f, derivative(f, x, 'gradient', rawMul([f, sub(num(1), f), y])));
    assert.match(code, /def _sigmoid/);
    assert.doesNotMatch(code, /def _softmax|def _logsumexp|def _commutation|def _unit/);
  });

  it('takes a dimension no argument has as a parameter, after the variables', () => {
    const f = rawReduce('tr', eye('k'));
    const code = toNumpy(f, derivative(f, s, 'scalar', num(0)));
    assert.match(code, /^def value\(s, k\):$/m);
    assert.equal(runPythonSnippet(code, 'print(value(s=1.0, k=3), derivative(s=1.0, k=3))').trim(), '3.0 0.0');
  });

  it('reads each dimension from the first array that has it', () => {
    const f = rawMul([A, x]);
    const code = toNumpy(f, derivative(f, x, 'jacobian', A));
    assert.match(code, /\n {4}m = A\.shape\[0\]\n {4}n = A\.shape\[1\]\n/);
  });
});
