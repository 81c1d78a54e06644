/**
 * Constants in emitted NumPy, PyTorch and JAX code, written as a person writes them: a function of
 * a size or of a number is Python's own arithmetic (math.log(n) in PyTorch and JAX, whose functions
 * take tensors; np.log(n) in NumPy), a negative number is subtracted (n - 3.0), and constant arrays
 * (torch.eye(k), _commutation(p, m)) go to the library's functions as they are, not wrapped again
 * in _as(…) or jnp.asarray(…). The code runs: NumPy's derivative agrees with finite differences of
 * its value, PyTorch's and JAX's (NumPy standing in for jax.numpy) with NumPy's.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { emitCode } from '../../../src/core/index';
import { pythonWith } from '../../harness/python';
import { JAX_SHIM } from '../../harness/jaxShim';
import { flat, relativeError, runPython, type Nested } from './python';
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS } from '../../../src/core/functions/index';

type Target = 'numpy' | 'torch' | 'jax';

interface Case {
  readonly expr: string;
  readonly where: string;
  readonly wrt: string;
  readonly point: Readonly<Record<string, Nested>>;
  /** What each library's code must contain. */
  readonly expect: Readonly<Record<Target, RegExp>>;
}

const x4 = [0.3, -1.2, 0.8, 2.1];
const matrix = (rows: number, cols: number, seed: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(seed + 3 * i + 7 * j)));

const CASES: readonly Case[] = [
  {
    expr: "log(n)*x'*x", where: 'x: vector(n)', wrt: 'x', point: { x: x4 },
    expect: { numpy: /return np\.ravel\(2\.0 \* np\.log\(n\) \* x\)$/m, torch: /return torch\.ravel\(2\.0 \* math\.log\(n\) \* x\)$/m, jax: /return jnp\.ravel\(2\.0 \* math\.log\(n\) \* x\)$/m },
  },
  {
    expr: "x'*x/exp(2)", where: 'x: vector(n)', wrt: 'x', point: { x: x4 },
    expect: { numpy: /return np\.ravel\(2\.0 \* x \/ np\.exp\(2\.0\)\)$/m, torch: /return torch\.ravel\(2\.0 \* x \/ math\.exp\(2\.0\)\)$/m, jax: /return jnp\.ravel\(2\.0 \* x \/ math\.exp\(2\.0\)\)$/m },
  },
  {
    expr: 'sum(x)*sin(pi/n)', where: 'x: vector(n)', wrt: 'x', point: { x: x4 },
    expect: { numpy: /np\.sin\(np\.pi \/ n\) \* np\.ones/, torch: /math\.sin\(torch\.pi \/ n\) \* torch\.ones/, jax: /math\.sin\(jnp\.pi \/ n\) \* jnp\.ones/ },
  },
  {
    expr: 'abs(n - 6)*sum(x)', where: 'x: vector(n)', wrt: 'x', point: { x: x4 },
    expect: { numpy: /np\.abs\(n - 6\.0\) \* np\.ones/, torch: /abs\(n - 6\.0\) \* torch\.ones/, jax: /abs\(n - 6\.0\) \* jnp\.ones/ },
  },
  {
    // σ, softplus and GELU, which Python's math does not name, in its arithmetic — without overflow: σ(u) = e^min(u, 0)/(1 + e^−|u|).
    // (The size n may stand in a local of its own.)
    expr: 'sigmoid(n - 1.5)*softplus(n)*gelu(2)*sum(x.^2)', where: 'x: vector(n)', wrt: 'x', point: { x: x4 },
    expect: {
      numpy: /_sigmoid\(\w+ - 1\.5\) \* np\.logaddexp\(0\.0, \w+\) \* _gelu\(2\.0\)/,
      torch: /\(math\.exp\(min\(\w+ - 1\.5, 0\.0\)\) \/ \(1\.0 \+ math\.exp\(-abs\(\w+ - 1\.5\)\)\)\) \* \(max\(\w+, 0\.0\) \+ math\.log1p\(math\.exp\(-abs\(\w+\)\)\)\) \* \(2\.0 \* \(1\.0 \+ math\.erf\(2\.0 \/ math\.sqrt\(2\.0\)\)\) \/ 2\.0\)/,
      jax: /\(math\.exp\(min\(\w+ - 1\.5, 0\.0\)\) \/ \(1\.0 \+ math\.exp\(-abs\(\w+ - 1\.5\)\)\)\) \* \(max\(\w+, 0\.0\) \+ math\.log1p\(math\.exp\(-abs\(\w+\)\)\)\) \* \(2\.0 \* \(1\.0 \+ math\.erf\(2\.0 \/ math\.sqrt\(2\.0\)\)\) \/ 2\.0\)/,
    },
  },
  {
    expr: 'kron(A, X)', where: 'A: matrix(m, k); X: matrix(n, p)', wrt: 'X', point: { A: matrix(2, 3, 1), X: matrix(2, 2, 2) },
    expect: { numpy: /np\.kron\(np\.eye\(k\), np\.kron\(_commutation\(p, m\), np\.eye\(n\)\)\)/, torch: /_kron\(torch\.eye\(k, dtype=torch\.float64\), _kron\(_commutation\(p, m\), torch\.eye\(n, dtype=torch\.float64\)\)\)/, jax: /jnp\.kron\(jnp\.eye\(k, dtype=jnp\.float64\), jnp\.kron\(_commutation\(p, m\), jnp\.eye\(n, dtype=jnp\.float64\)\)\)/ },
  },
  {
    expr: "y'*vec(X)", where: 'X: matrix(m, n); y: vector(m*n)', wrt: 'X', point: { X: matrix(3, 2, 3), y: [0.5, -0.25, 1.5, 2, -1, 0.75] },
    expect: { numpy: /np\.kron\(np\.reshape\(_t1, \(-1, 1\), order='F'\)\.T, np\.eye\(m\)\)/, torch: /_kron\(_vec\(_t1\)\.T, torch\.eye\(m, dtype=torch\.float64\)\)/, jax: /jnp\.kron\(jnp\.reshape\(_t1, \(-1, 1\), order='F'\)\.T, jnp\.eye\(m, dtype=jnp\.float64\)\)/ },
  },
];

/**
 * Every element-wise function of a size or a number in its domain, f(u)·Σx², to run: Python's math
 * where it has the function (math.acosh(2.0), max(n - 1.5, 0.0)), σ, softplus and GELU written out in it, else the library's on an array (sign, step).
 */
const FUNCTION_CASES: readonly Pick<Case, 'expr' | 'where' | 'wrt' | 'point'>[] = ELEMENTWISE_FUNCTIONS.map((name) => {
  const write = FUNCTIONS[name].plain.write;
  const domain = FUNCTIONS[name].domain;
  const u = domain === 'unit-interval' ? '0.5' : domain === 'above-one' ? '2' : domain === 'positive' ? '(n - 1.5)' : name === 'min0' ? '(0.5 - n)' : '(n - 1.5)';
  const call = write === 'max' || write === 'min' ? `${write}(0, ${u})` : `${write}${u.startsWith('(') ? u : `(${u})`}`;
  return { expr: `${call}*sum(x.^2)`, where: 'x: vector(n)', wrt: 'x', point: { x: x4 } };
});

const code = (c: Pick<Case, 'expr' | 'where' | 'wrt'>, target: Target): string => {
  const r = emitCode({ expr: c.expr, where: c.where, wrt: [c.wrt] }, target);
  if (!r.ok) assert.fail(`${target} ${c.expr}: ${r.error.message}`);
  return r.value;
};

/** The lines of value() and derivative() that are not an argument's conversion (x = _as(x).reshape(-1, 1)). */
const bodies = (source: string): string =>
  source.slice(source.indexOf('\ndef value('))
    .split('\n')
    .filter((l) => !/^ {4}(\w+) = (_as|jnp\.asarray|np\.asarray)\(\1\b/.test(l))
    .join('\n');

describe('write: constants in emitted code are written as a person writes them (NumPy, PyTorch, JAX)', () => {
  CASES.forEach((c) => {
    it(`${c.expr} by ${c.wrt}`, () => {
      for (const target of ['numpy', 'torch', 'jax'] as const) {
        const source = code(c, target);
        assert.match(source, c.expect[target], `${target}:\n${source}`);
        const body = bodies(source);
        assert.doesNotMatch(body, /_as\(|jnp\.asarray\(/, `${target}: no constant is converted again:\n${body}`);
        assert.doesNotMatch(body, /\+ -\d/, `${target}: a negative number is subtracted`);
        // Python's math module, imported first, exactly when the code uses it.
        const imports = source.match(/^import .*$/gm) ?? [];
        assert.equal(imports[0] === 'import math', /\bmath\./.test(body), `${target}: import math exactly when used:\n${source}`);
      }
    });
  });
});

const HARNESS = String.raw`
import json, sys, types
import numpy as np
import torch

${JAX_SHIM}

out = []
for case in json.load(sys.stdin):
    ns = {t: {} for t in ('numpy', 'torch', 'jax')}
    for t in ns:
        exec(compile(case[t], t + '_code.py', 'exec'), ns[t])
    a = {k: (np.array(v, dtype=float) if isinstance(v, list) else float(v)) for k, v in case['point'].items()}
    res = {}
    for t in ns:
        res[t] = [np.asarray(ns[t][fn](**a), dtype=float).tolist() for fn in ('value', 'derivative')]
    out.append(res)
print(json.dumps(out))
`;

describe('write: the code with constants runs and agrees', function () {
  this.timeout(120000);
  const ALL = [...CASES, ...FUNCTION_CASES];

  it('NumPy: the derivative agrees with finite differences of the value', () => {
    const results = runPython(ALL.map((c) => ({ code: code(c, 'numpy'), wrt: [c.wrt], order: 1, points: [c.point] })));
    results.forEach((r, i) => {
      if ('error' in r) assert.fail(`${ALL[i].expr}: python raised\n${r.error}`);
      const p = r.points[0];
      assert.deepEqual(p.derivativeShape, p.fdShape);
      assert.ok(relativeError(flat(p.derivative), flat(p.fd)) < 1e-7, `${ALL[i].expr}: ${JSON.stringify(p.derivative)} vs ${JSON.stringify(p.fd)}`);
    });
  });

  it('PyTorch and JAX (NumPy standing in for jax.numpy) compute what NumPy computes, also for every element-wise function of a number', () => {
    const python = pythonWith(['torch', 'numpy']);
    if (python === undefined) assert.fail('no Python with torch and numpy: run scripts/setup.sh (installs python3-torch) or set MATCALC_PYTHON');
    const input = ALL.map((c) => ({ numpy: code(c, 'numpy'), torch: code(c, 'torch'), jax: code(c, 'jax'), point: c.point }));
    const r = spawnSync(python, ['-c', HARNESS], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<Target, [Nested, Nested]>[];
    out.forEach((res, i) => {
      for (const target of ['torch', 'jax'] as const) {
        for (const k of [0, 1]) {
          const err = relativeError(flat(res[target][k]), flat(res.numpy[k]));
          assert.ok(err < 1e-12, `${ALL[i].expr}: ${target} ${k === 0 ? 'value' : 'derivative'} differs from NumPy's (${err})`);
        }
      }
    });
  });
});
