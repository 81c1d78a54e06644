/**
 * A dimension the emitted code needs but no argument's shape gives — n of c·sum(ones(n)) by c, where
 * only a declaration `y: vector(n)` of a variable f does not use names it, or m of a vector(m*n) —
 * is a parameter of value() and derivative() (an int), after the variables: the code runs, where it
 * raised "the dimension n cannot be read from the arguments". Checked in python3: NumPy's derivative
 * against finite differences of its value, PyTorch's and JAX's (NumPy standing in for jax.numpy)
 * against NumPy's.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { emitCode } from '../../../src/core/index';
import { pythonWith } from '../../harness/python';
import { JAX_SHIM } from '../../harness/jaxShim';
import { flat, relativeError, runPython, type Nested } from './python';

type Target = 'numpy' | 'torch' | 'jax';

interface Case {
  readonly expr: string;
  readonly where: string;
  readonly wrt: string;
  /** The signature value() and derivative() must have. */
  readonly signature: string;
  readonly point: Readonly<Record<string, Nested>>;
}

const CASES: readonly Case[] = [
  // y is declared, not used: n comes from its declaration only.
  { expr: 'c*sum(ones(n))', where: 'y: vector(n); c: scalar', wrt: 'c', signature: '(c, n)', point: { c: 0.7, n: 4 } },
  { expr: 'c^2*tr(eye(n))', where: 'A: matrix(n, n); c: scalar', wrt: 'c', signature: '(c, n)', point: { c: -1.3, n: 3 } },
  // k only from an unused declaration, n from x.
  { expr: "c*x'*x*sum(ones(k))", where: 'x: vector(n); B: matrix(k, k); c: scalar', wrt: 'x', signature: '(c, x, k)', point: { c: 0.5, x: [0.3, -1.2, 0.8], k: 2 } },
  // m only inside a product of dimensions (y: vector(m*n)), which no argument's shape splits.
  { expr: 'c*sum(ones(m)) + sum(y)', where: 'y: vector(m*n); c: scalar', wrt: 'c', signature: '(c, y, m)', point: { c: 1.1, y: [1, 2, 3, 4, 5, 6], m: 2 } },
];

const code = (c: Case, target: Target): string => {
  const r = emitCode({ expr: c.expr, where: c.where, wrt: [c.wrt] }, target);
  if (!r.ok) assert.fail(`${target} ${c.expr}: ${r.error.message}`);
  return r.value;
};

describe('write: a dimension no argument gives is a parameter of the emitted functions', function () {
  this.timeout(120000);

  it('value() and derivative() take it, in every library, and never raise for it', () => {
    for (const c of CASES) {
      for (const target of ['numpy', 'torch', 'jax'] as const) {
        const source = code(c, target);
        assert.match(source, new RegExp(`^def value\\${c.signature.replace(')', '\\)')}:$`, 'm'), `${target} ${c.expr}:\n${source}`);
        assert.match(source, new RegExp(`^def derivative\\${c.signature.replace(')', '\\)')}:$`, 'm'), `${target} ${c.expr}:\n${source}`);
        assert.doesNotMatch(source, /raise ValueError/, `${target} ${c.expr}:\n${source}`);
      }
    }
  });

  it('NumPy: the derivative agrees with finite differences of the value', () => {
    const results = runPython(CASES.map((c) => ({ code: code(c, 'numpy'), wrt: [c.wrt], order: 1, points: [c.point] })));
    results.forEach((r, i) => {
      if ('error' in r) assert.fail(`${CASES[i].expr}: python raised\n${r.error}`);
      const p = r.points[0];
      assert.deepEqual(p.derivativeShape, p.fdShape);
      assert.ok(relativeError(flat(p.derivative), flat(p.fd)) < 1e-7, `${CASES[i].expr}: ${JSON.stringify(p.derivative)} vs ${JSON.stringify(p.fd)}`);
    });
  });

  it('PyTorch and JAX (NumPy standing in for jax.numpy) compute what NumPy computes', () => {
    const python = pythonWith(['torch', 'numpy']);
    if (python === undefined) assert.fail('no Python with torch and numpy: run scripts/setup.sh (installs python3-torch) or set MATCALC_PYTHON');
    const harness = String.raw`
import json, sys, types
import numpy as np
import torch

${JAX_SHIM}

out = []
for case in json.load(sys.stdin):
    ns = {t: {} for t in ('numpy', 'torch', 'jax')}
    for t in ns:
        exec(compile(case[t], t + '_code.py', 'exec'), ns[t])
    a = {k: (np.array(v, dtype=float) if isinstance(v, list) else v) for k, v in case['point'].items()}
    out.append({t: [np.asarray(ns[t][fn](**a), dtype=float).tolist() for fn in ('value', 'derivative')] for t in ns})
print(json.dumps(out))
`;
    const input = CASES.map((c) => ({ numpy: code(c, 'numpy'), torch: code(c, 'torch'), jax: code(c, 'jax'), point: c.point }));
    const r = spawnSync(python, ['-c', harness], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<Target, [Nested, Nested]>[];
    out.forEach((res, i) => {
      for (const target of ['torch', 'jax'] as const) {
        for (const k of [0, 1]) {
          const err = relativeError(flat(res[target][k]), flat(res.numpy[k]));
          assert.ok(err < 1e-12, `${CASES[i].expr}: ${target} ${k === 0 ? 'value' : 'derivative'} differs from NumPy's (${err})`);
        }
      }
    });
  });
});
