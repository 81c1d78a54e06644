/**
 * The NumPy, PyTorch and JAX code writers on deep input (issue 17), read by the plain, NumPy and
 * LaTeX readers: the code's length grows linearly with the depth (1,000 → 2,000 → 4,000 levels,
 * log-log slope ≤ 1.1, sizes only), and the code of sin(sin(…x…)) 10,000 deep runs — NumPy and
 * PyTorch in python3 (as the corpus tests run them), JAX against NumPy standing in for jax.numpy
 * (test/harness/jaxShim.ts) — giving sin¹⁰⁰⁰⁰(x) and its derivative, Π cos(sinᵏ(x)), as computed
 * here in double precision; the NumPy and LaTeX readers' code is the plain reader's, character for
 * character. Before, the derivative's 10,000-factor product was one Python
 * expression, which Python's compiler refuses (RecursionError); chains are now accumulated in
 * locals (write/arrayCode.ts MAX_CHAIN).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fitExponent } from '../../../bench/growth';
import type { DeriveRequest } from '../../../src/core/api';
import { emitCode } from '../../../src/core/index';
import { JAX_SHIM } from '../../harness/jaxShim';
import { requirePython } from '../../harness/python';

type Target = 'numpy' | 'torch' | 'jax';
const TARGETS: readonly Target[] = ['numpy', 'torch', 'jax'];

const nest = (open: string, inner: string, close: string, n: number): string => `${open.repeat(n)}${inner}${close.repeat(n)}`;

/** sin(…x…) n deep, x a vector, as each reader reads it. */
const READERS: readonly { readonly name: string; readonly request: (n: number) => DeriveRequest }[] = [
  { name: 'plain', request: (n) => ({ expr: nest('sin(', 'x', ')', n), where: 'x: vector(n)', wrt: ['x'], from: 'plain' }) },
  { name: 'NumPy', request: (n) => ({ expr: nest('np.sin(', 'x', ')', n), where: 'x: vector(n)', wrt: ['x'], from: 'numpy' }) },
  { name: 'LaTeX', request: (n) => ({ expr: nest('\\sin(', 'x', ')', n), where: 'x: vector(n)', wrt: ['x'], from: 'latex' }) },
];

function code(req: DeriveRequest, target: Target): string {
  const r = emitCode({ ...req, timeLimitMs: 600_000 }, target);
  if (!r.ok) assert.fail(`${target}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Runs Python source on stdin (the code is too long for an argument), returns stdout. */
function runPython(python: string, source: string): string {
  const r = spawnSync(python, ['-'], { input: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) assert.fail(`python failed (${r.status}):\n${r.stderr.slice(-2_000)}`);
  return r.stdout;
}

const POINT = [0.3, -0.7];

/** sinⁿ(x) and the diagonal of its Jacobian, Π cos(sinᵏ(x)), entry by entry. */
function expected(n: number): { value: number[]; diagonal: number[] } {
  let value = [...POINT];
  let diagonal = POINT.map(() => 1);
  for (let k = 0; k < n; k++) {
    diagonal = diagonal.map((d, i) => d * Math.cos(value[i]));
    value = value.map(Math.sin);
  }
  return { value, diagonal };
}

/** The emitted code and a snippet that prints [value, derivative] at POINT as JSON. */
function program(target: Target, source: string): { python: string; text: string } {
  const toList = (call: string): string => (target === 'torch' ? `${call}.tolist()` : `np.asarray(${call}).tolist()`);
  const print = `print(json.dumps([${toList(`value(x=${JSON.stringify(POINT)})`)}, ${toList(`derivative(x=${JSON.stringify(POINT)})`)}]))`;
  if (target === 'jax') {
    return { python: requirePython(['numpy']), text: `import sys, types, json\nimport numpy as np\n${JAX_SHIM}\n${source}\n\n${print}\n` };
  }
  const python = requirePython(target === 'torch' ? ['torch', 'numpy'] : ['numpy']);
  return { python, text: `import json\nimport numpy as np\n${source}\n\n${print}\n` };
}

function close(actual: readonly number[], wanted: readonly number[], what: string): void {
  assert.equal(actual.length, wanted.length, what);
  actual.forEach((a, i) => assert.ok(Math.abs(a - wanted[i]) <= 1e-9 * Math.max(1, Math.abs(wanted[i])), `${what}[${i}]: ${a}, expected ${wanted[i]}`));
}

describe('deep input (issue 17): the NumPy, PyTorch and JAX writers', function () {
  this.timeout(600_000);
  const SIZES = [1_000, 2_000, 4_000];

  for (const reader of READERS) {
    it(`sin(…x…) read by the ${reader.name} reader: the code of every target is linear in the depth`, () => {
      for (const target of TARGETS) {
        const lengths = SIZES.map((n) => code(reader.request(n), target).length);
        const slope = fitExponent(SIZES.map((n, i) => [n, lengths[i]] as const)).exponent;
        assert.ok(slope <= 1.1, `${target}: log-log slope ${slope.toFixed(3)} (${lengths.join(', ')} characters at ${SIZES.join(', ')} levels)`);
      }
    });
  }

  const LEVELS = 10_000;
  const want = expected(LEVELS);
  const [plain, ...others] = READERS;
  for (const reader of others) {
    it(`sin(…x…) 10,000 deep, read by the ${reader.name} reader: the code of every target is the plain reader's`, () => {
      for (const target of TARGETS) assert.ok(code(reader.request(LEVELS), target) === code(plain.request(LEVELS), target), target);
    });
  }
  for (const target of TARGETS) {
    it(`sin(…x…) 10,000 deep: the ${target} code runs and computes the value and the Jacobian`, () => {
      const { python, text } = program(target, code(plain.request(LEVELS), target));
      const [value, jacobian] = JSON.parse(runPython(python, text)) as [number[], number[][]];
      close(value, want.value, 'value');
      assert.equal(jacobian.length, POINT.length);
      close(jacobian.map((row, i) => row[i]), want.diagonal, 'Jacobian diagonal');
      close(jacobian.flatMap((row, i) => row.filter((_, j) => j !== i)), [0, 0], 'Jacobian off the diagonal');
    });
  }
});
