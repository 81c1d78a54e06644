/**
 * The code and document writers: emitted PyTorch agrees numerically with the emitted NumPy on every
 * corpus case, the batch-form cases included (value() and derivative(), same shapes, at random points
 * that respect the functions' domains); emitted JAX compiles as Python and uses only jax; the Markdown derivation renders in
 * KaTeX; the CLI and batch requests offer --emit torch|jax|markdown.
 */
import { pythonWith, requirePython } from '../../harness/python';
import { JAX_SHIM } from '../../harness/jaxShim';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import katex from 'katex';
import type { Matrix } from 'ml-matrix';
import { answerBatchLine, parseDeriveArgs } from '../../../src/cli';
import type { DeriveRequest } from '../../../src/core/api';
import { derive, emitCode } from '../../../src/core/service';
import { namedForms } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { differentiate } from '../../../src/core/calculus/derive';
import { freeVariables, type Expr } from '../../../src/core/model/expr';
import { isColumn, isRow, isScalar } from '../../../src/core/model/shape';
import { exprsEqualNumerically, makeRng, randomEnv } from '../../../src/core/numeric';
import { readPlain } from '../../../src/core/syntax';
import { toMarkdown } from '../../../src/core/write';
import { splitEquation, stepBlock } from '../../../src/core/write/markdown';
import { batchCorpus, corpus, value, type CorpusCase } from './helpers';
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS } from '../../../src/core/functions/index';

type Nested = number | Nested[];

/** A Python that has PyTorch and NumPy ($MATCALC_PYTHON, python3 or Debian's python3). */
const torchPython = (): string | undefined => pythonWith(['torch', 'numpy']);

const HARNESS = String.raw`
import json, sys, traceback
import numpy as np
import torch

def arg(v):
    return np.array(v, dtype=float) if isinstance(v, list) else float(v)

out = []
for case in json.load(sys.stdin):
    try:
        ns_np, ns_t = {}, {}
        exec(compile(case['numpy'], 'numpy_code.py', 'exec'), ns_np)
        exec(compile(case['torch'], 'torch_code.py', 'exec'), ns_t)
        points = []
        for p in case['points']:
            a = {k: arg(v) for k, v in p.items()}
            vn, dn = ns_np['value'](**a), ns_np['derivative'](**a)
            # The torch functions take NumPy arrays, lists and tensors alike.
            vt = ns_t['value'](**{k: (torch.tensor(v) if isinstance(v, np.ndarray) else v) for k, v in a.items()})
            dt = ns_t['derivative'](**p)
            vt = vt if isinstance(vt, float) else vt.numpy()
            dt = dt if isinstance(dt, float) else dt.numpy()
            scale = lambda u: max(1.0, float(np.max(np.abs(u)))) if np.size(u) else 1.0
            points.append({
                'valueErr': float(np.max(np.abs(np.asarray(vn) - np.asarray(vt)))) / scale(vn) if np.size(vn) else 0.0,
                'derivErr': float(np.max(np.abs(np.asarray(dn) - np.asarray(dt)))) / scale(dn) if np.size(dn) else 0.0,
                'shapes': [list(np.shape(vn)), list(np.shape(vt)), list(np.shape(dn)), list(np.shape(dt))],
                'floats': [isinstance(vn, float), isinstance(vt, float), isinstance(dn, float), isinstance(dt, float)],
            })
        out.append({'points': points})
    except Exception:
        out.append({'error': traceback.format_exc()})
print(json.dumps(out))
`;

interface PointResult {
  readonly valueErr: number;
  readonly derivErr: number;
  readonly shapes: number[][];
  readonly floats: boolean[];
}

function pythonArgument(v: Expr, m: Matrix): Nested {
  if (isScalar(v.shape)) return m.get(0, 0);
  if (isColumn(v.shape) || isRow(v.shape)) return m.to1DArray();
  return m.to2DArray();
}

/**
 * Every element-wise function of the records applied to x itself (the random points respect its
 * domain: asin, atanh in (−1, 1), acosh above 1, log above 0), weighted by y: the corpus does not
 * reach them all, and each library spells them its own way (np.arcsinh, torch.arcsinh, _erf).
 */
const functionCases = (): CorpusCase[] => ELEMENTWISE_FUNCTIONS.map((name) => {
  const write = FUNCTIONS[name].plain.write;
  const call = write === 'max' || write === 'min' ? `${write}(0, x)` : `${write}(x)`;
  return { id: `function-${name}`, expr: `sum(y .* ${call})`, where: 'x: vector(n); y: vector(n)', wrt: ['x'], order: 1, layout: 'numerator' };
});

const request = (c: CorpusCase): DeriveRequest => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout, from: 'plain' });

/** Two random points (values respecting log/sqrt domains and symmetry) for a corpus case. */
function points(c: CorpusCase): Record<string, Nested>[] {
  const read = value(readPlain(c.expr, c.where), c.expr);
  const wrt = c.wrt.map((w) => [...read.variables, ...read.unused].find((v) => v.name === w) as Expr);
  const d = differentiate(read.expr, wrt, c.order);
  const vars = new Map<string, Expr>();
  for (const v of [...freeVariables(read.expr), ...freeVariables(d.expr), ...wrt]) vars.set(v.name as string, v);
  return [101, 202].map((seed) => {
    const env = value(randomEnv([...vars.values()], [read.expr, d.expr], makeRng(seed), { range: 1 }), 'random point');
    return Object.fromEntries([...vars].map(([name, v]) => [name, pythonArgument(v, env.values.get(name) as Matrix)]));
  });
}

describe('notations/emit: PyTorch code agrees with NumPy code on every corpus case and every element-wise function', function () {
  this.timeout(300000);
  // The NumPy code of every case is itself checked against finite differences (write/corpus-numpy.test.ts).
  const cases = [...corpus(), ...batchCorpus(), ...functionCases()];
  let results: ({ points: PointResult[] } | { error: string })[] = [];
  const codes = cases.map((c) => ({
    numpy: value(emitCode(request(c), 'numpy'), `numpy ${c.id}`),
    torch: value(emitCode(request(c), 'torch'), `torch ${c.id}`),
    points: points(c),
  }));

  before(() => {
    const python = torchPython();
    if (python === undefined) {
      assert.fail('no Python with torch and numpy: run scripts/setup.sh (installs python3-torch) or set MATCALC_PYTHON');
    }
    const r = spawnSync(python, ['-c', HARNESS], { input: JSON.stringify(codes), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) assert.fail(`python failed:\n${r.stderr}`);
    results = JSON.parse(r.stdout) as typeof results;
  });

  cases.forEach((c, i) => {
    it(`${c.id}: ${c.expr}`, () => {
      const code = codes[i].torch;
      assert.deepEqual(code.match(/^\s*(import|from)\s.*$/gm), ['import torch'], 'imports only torch');
      const result = results[i];
      if ('error' in result) assert.fail(`python raised:\n${result.error}\n--- torch code ---\n${code}`);
      for (const p of result.points) {
        assert.deepEqual(p.shapes[1], p.shapes[0], 'value shapes');
        assert.deepEqual(p.shapes[3], p.shapes[2], 'derivative shapes');
        assert.deepEqual(p.floats.slice(0, 2), [p.floats[0], p.floats[0]], 'scalars are floats in both');
        assert.equal(p.floats[3], p.floats[2], 'a scalar derivative is a float in both');
        assert.ok(p.valueErr < 1e-9, `value differs: relative error ${p.valueErr}`);
        assert.ok(p.derivErr < 1e-9, `derivative differs: relative error ${p.derivErr}\n${code}`);
      }
    });
  });
});

describe('notations/emit: JAX code', function () {
  this.timeout(120000);
  const cases = [...corpus(), ...batchCorpus(), ...functionCases()];

  it('compiles as Python and uses only jax, for every corpus case', () => {
    const sources = cases.map((c) => value(emitCode(request(c), 'jax'), `jax ${c.id}`));
    for (const [i, code] of sources.entries()) {
      assert.deepEqual(code.match(/^\s*(import|from)\s.*$/gm), ['import jax', 'import jax.numpy as jnp'], `imports of ${cases[i].id}`);
      assert.ok(!/\bnp\.|\btorch\./.test(code), `${cases[i].id} uses only jnp`);
      assert.ok(code.includes('jax.config.update("jax_enable_x64", True)'));
    }
    const check = String.raw`
import json, sys
bad = []
for i, code in enumerate(json.load(sys.stdin)):
    try:
        compile(code, 'jax_code_%d.py' % i, 'exec')
    except SyntaxError as e:
        bad.append([i, str(e)])
print(json.dumps(bad))
`;
    const r = spawnSync(requirePython(['numpy']), ['-c', check], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('computes what the NumPy code computes, run against NumPy standing in for jax.numpy', () => {
    // JAX is not installed here; jax.numpy mirrors NumPy's API, so a stand-in module (NumPy, plus
    // the .at[…].set(…) of JAX arrays) checks the emitted calls and their arithmetic.
    const shim = String.raw`
import sys, types, json
import numpy as np

${JAX_SHIM}
def arg(v):
    return np.array(v, dtype=float) if isinstance(v, list) else float(v)

out = []
for case in json.load(sys.stdin):
    ns_np, ns_j = {}, {}
    exec(compile(case['numpy'], 'numpy_code.py', 'exec'), ns_np)
    exec(compile(case['jax'], 'jax_code.py', 'exec'), ns_j)
    worst = 0.0
    for p in case['points']:
        a = {k: arg(v) for k, v in p.items()}
        for fn in ('value', 'derivative'):
            u, v = np.asarray(ns_np[fn](**a)), np.asarray(ns_j[fn](**a))
            if u.shape != v.shape:
                worst = float('inf')
            elif u.size:
                worst = max(worst, float(np.max(np.abs(u - v))) / max(1.0, float(np.max(np.abs(u)))))
    out.append(worst)
print(json.dumps(out))
`;
    const input = cases.map((c) => ({ numpy: value(emitCode(request(c), 'numpy')), jax: value(emitCode(request(c), 'jax')), points: points(c) }));
    const r = spawnSync('python3', ['-c', shim], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const errors = JSON.parse(r.stdout) as number[];
    errors.forEach((err, i) => assert.ok(err < 1e-9, `${cases[i].id}: JAX code differs from NumPy code (relative error ${err})`));
  });

  it('writes the closed form with jax.numpy', () => {
    const code = value(emitCode({ expr: "x'*A*x", where: 'x: vector(n); A: matrix(n, n)', wrt: ['x'] }, 'jax'));
    assert.ok(code.includes('def value(x, A):'));
    assert.ok(code.includes('x = jnp.asarray(x, dtype=jnp.float64).reshape(-1, 1)'));
    assert.ok(code.includes('return jnp.ravel((A + A.T) @ x)'), code);
  });
});

describe('notations/emit: Markdown derivations', () => {
  const KATEX = { throwOnError: true, strict: 'error' as const, displayMode: true };
  const blocks = (md: string): string[] => [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]);

  for (const c of corpus().filter((x) => ['ph-T3', 'ph-T27', 'cb-81', 'ml-logistic-loss', 'cb-xent-hessian', 'ph-relu-vector', 'cb-10.2.2'].includes(x.id))) {
    it(`${c.id}: every math block renders in KaTeX and every step is there`, () => {
      const r = value(derive({ ...request(c), steps: true }));
      const md = toMarkdown(r);
      const steps = r.steps ?? [];
      assert.ok(md.startsWith(`# ${c.order === 2 ? 'Second derivative' : 'Derivative'} of f with respect to ${c.wrt.join(', ')}\n`));
      const math = blocks(md);
      assert.equal(math.length, 2 + steps.length + (r.result.piecewiseLatex ? 1 : 0), 'f, each step, the result (and the cases)');
      for (const m of math) {
        assert.ok(m.startsWith('\\begin{aligned}') && m.endsWith('\\end{aligned}'), m);
        assert.ok(!/\n\s*\n/.test(m), 'no blank line inside display math');
        assert.doesNotThrow(() => katex.renderToString(m, KATEX), `KaTeX rejects:\n${m}`);
      }
      steps.forEach((s, i) => {
        assert.ok(md.includes(`### ${i + 1}. ${s.name}`), `step ${i + 1} heading`);
        assert.ok(md.includes(s.explanation), `step ${i + 1} explanation`);
      });
      assert.ok(md.includes('## Result'));
      assert.ok(md.includes(r.result.latex), 'the result');
    });
  }

  it('aligns a step at its = and writes a shared left side once', () => {
    assert.deepEqual(splitEquation('\\frac{\\partial y}{\\partial x} = 2x'), { lhs: '\\frac{\\partial y}{\\partial x}', rhs: '2x' });
    assert.equal(splitEquation('\\left\\{ a \\right\\}'), undefined);
    assert.equal(stepBlock('y = a', 'y = b'), '$$\n\\begin{aligned}\ny &= a \\\\\n&= b\n\\end{aligned}\n$$');
    assert.equal(stepBlock('u = a', 'v = b'), '$$\n\\begin{aligned}\nu &= a \\\\\nv &= b\n\\end{aligned}\n$$');
    assert.equal(stepBlock('a', 'b'), '$$\n\\begin{aligned}\n&a \\\\\n\\longrightarrow\\; &b\n\\end{aligned}\n$$');
  });

  it("shows a softmax Jacobian's block form, reading back, with what its blocks are (issue 13)", () => {
    for (const [dim, sentence] of [
      [2, /^Block diagonal: one k×k block diag\(pᵢ\) − pᵢpᵢᵀ per row pᵢ of P \(i = 1…N\), the entries of P and Z taken row by row .*\.$/m],
      [1, /^Block diagonal: one N×N block diag\(pⱼ\) − pⱼpⱼᵀ per column pⱼ of P \(j = 1…k\), the entries taken column by column, as vec takes them\.$/m],
    ] as const) {
      const r = value(derive({ expr: `softmax(Z, ${dim})`, where: 'Z: matrix(N, k)', wrt: ['Z'], steps: true }));
      const form = r.result.blocks;
      assert.ok(form, 'the core wrote the block form');
      const md = toMarkdown(r);
      const section = md.slice(md.indexOf('## Result'));
      const math = blocks(section);
      assert.equal(math.length, 2, 'the result, then its block form');
      const latex = namedForms(form).latex;
      const lhs = splitEquation(r.equationLatex)?.lhs;
      assert.equal(math[1], `\\begin{aligned}\n${lhs} &= ${latex}\n\\end{aligned}`);
      assert.ok(latex.includes(dim === 2 ? 'B = \\operatorname{diag}(\\operatorname{vec}(P^{\\top}))' : 'D = \\operatorname{diag}(\\operatorname{vec}(P))'), latex);
      for (const m of math) assert.doesNotThrow(() => katex.renderToString(m, KATEX), `KaTeX rejects:\n${m}`);
      assert.match(section, /^Block form:$/m);
      assert.match(section, sentence);
      // The Markdown's block form is the LaTeX where-form, which reads back to the derivative itself.
      const back = readExpression(latex, 'Z: matrix(N, k)', 'latex');
      assert.ok(back.ok, back.ok ? '' : back.error.message);
      const result = readExpression(r.result.text, 'Z: matrix(N, k)', 'plain');
      assert.ok(result.ok);
      assert.ok(exprsEqualNumerically(back.value.expr, result.value.expr), `reads back as the result: ${latex}`);
    }
    assert.ok(!toMarkdown(value(derive({ expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'] }))).includes('Block form'), 'a vector softmax has no blocks to show');
  });

  it('includes the numerical check when there is one', () => {
    const r = value(derive({ expr: "x'*x", wrt: ['x'], check: true }));
    assert.match(toMarkdown(r), /Numerical check \(central finite differences at \d+ random points\): maximum relative error .*, passed\./);
  });
});

describe('notations/emit: the CLI and batch requests', () => {
  it('accepts --emit torch, jax and markdown', () => {
    for (const emit of ['torch', 'jax', 'markdown']) assert.equal(parseDeriveArgs(['x', '--emit', emit]).emit, emit);
    assert.throws(() => parseDeriveArgs(['x', '--emit', 'fortran']), /--emit takes one of: text, latex, numpy, torch, jax, markdown/);
  });

  it('answers batch requests with code or a Markdown document', () => {
    const torch = answerBatchLine(JSON.stringify({ expr: 'x @ A @ x', from: 'numpy', wrt: 'x', emit: 'torch' })) as { ok: boolean; code: string };
    assert.equal(torch.ok, true);
    assert.match(torch.code, /^import torch$/m);
    const jax = answerBatchLine(JSON.stringify({ expr: '\\mathbf{x}^\\top A\\mathbf{x}', wrt: 'x', emit: 'jax' })) as { ok: boolean; code: string };
    assert.equal(jax.ok, true);
    assert.match(jax.code, /^import jax\.numpy as jnp$/m);
    const md = answerBatchLine(JSON.stringify({ expr: "x'*A*x", wrt: 'x', emit: 'markdown' })) as { ok: boolean; markdown: string };
    assert.equal(md.ok, true);
    assert.match(md.markdown, /^# Derivative of f with respect to x$/m);
    assert.match(md.markdown, /## Derivation/);
    const bad = answerBatchLine(JSON.stringify({ expr: '\\foo', from: 'latex', emit: 'torch' })) as { ok: boolean; error: { start: number; end: number; message: string } };
    assert.equal(bad.ok, false);
    assert.deepEqual([bad.error.start, bad.error.end], [0, 4]);
  });
});
