/**
 * The emitted NumPy code of every corpus case (test/corpus/*.json), run in python3: value() agrees
 * with the core's evaluator, and derivative() has the layout f.shape + x.shape (order 2: + x.shape)
 * and agrees with central finite differences of value() computed in Python, at two random points.
 *
 * A variable declared symmetric is perturbed along symmetric directions, which is what its
 * derivative ((G + Gᵀ)/2, or J(I + K)/2) reports.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from 'ml-matrix';
import type { Expr } from '../../../src/core/model/expr';
import { dimValue, isColumn, isRow, isScalar } from '../../../src/core/model/shape';
import { emitCode } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax';
import { evaluate, makeRng, numericHessian, numericJacobian, randomEnv, type NumericEnv } from '../../../src/core/numeric';
import { flat, relativeError, runPython, type Nested, type PythonPoint, type PythonRequest } from './python';

interface CorpusCase {
  readonly id: string;
  readonly expr: string;
  readonly where?: string;
  readonly wrt: readonly string[];
  readonly order?: 1 | 2;
}

const CORPUS_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'corpus');

function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as CorpusCase[]) {
      if (typeof c === 'object' && c !== null && 'expr' in c && 'wrt' in c) cases.push(c);
    }
  }
  return cases;
}

interface Prepared {
  readonly c: CorpusCase;
  readonly f: Expr;
  readonly wrt: readonly Expr[];
  readonly envs: readonly NumericEnv[];
  readonly request: PythonRequest;
}

function pythonArgument(v: Expr, m: Matrix): Nested {
  if (isScalar(v.shape)) return m.get(0, 0);
  if (isColumn(v.shape) || isRow(v.shape)) return m.to1DArray();
  return m.to2DArray();
}

function prepare(c: CorpusCase): Prepared | string {
  const read = readPlain(c.expr, c.where);
  if (!read.ok) return `cannot read: ${read.error.message}`;
  const f = read.value.expr;
  const variables = [...read.value.variables, ...read.value.unused];
  const wrt = c.wrt.map((name) => variables.find((v) => v.name === name) as Expr);
  const code = emitCode({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order }, 'numpy');
  if (!code.ok) return `cannot emit: ${code.error.message}`;
  // Seeded by the case's id, not its position: a case added to the corpus leaves every other case's points as they were.
  const rng = makeRng(1000 + [...c.id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_003, 0));
  const envs: NumericEnv[] = [];
  for (let k = 0; k < 2; k++) {
    const env = reliablePoint(f, wrt, c.order ?? 1, () => randomEnv(variables, [f], rng, k === 0 ? {} : { dims: envs[0].dims }));
    if (typeof env === 'string') return env;
    envs.push(env);
  }
  const points = envs.map((env) =>
    Object.fromEntries(read.value.variables.map((v) => [v.name as string, pythonArgument(v, env.values.get(v.name as string) as Matrix)])),
  );
  return { c, f, wrt, envs, request: { code: code.value, wrt: c.wrt, order: c.order ?? 1, points, symmetric: symmetricWrt(c) } };
}

/**
 * A random point where central finite differences can be trusted, as the core's own check picks
 * its points (numeric/check.ts): the estimates with steps s and s/2 agree to a tenth of the
 * tolerance, so a nearly singular matrix (log det, an inverse) or a point beside a kink is drawn
 * again rather than compared. Up to 20 draws, as checkDerivative.
 */
function reliablePoint(
  f: Expr,
  wrt: readonly Expr[],
  order: 1 | 2,
  draw: () => ReturnType<typeof randomEnv>,
): NumericEnv | string {
  let reason = '';
  for (let k = 0; k <= 20; k++) {
    const env = draw();
    if (!env.ok) return `no random point: ${env.error.message}`;
    const numeric = order === 2
      ? numericHessian(f, wrt, env.value, { reliabilityTolerance: 1e-5 })
      : numericJacobian(f, wrt, env.value, { reliabilityTolerance: 1e-6 });
    if (numeric.reliable) return env.value;
    reason = numeric.reason ?? '';
  }
  return `finite differences unreliable at 21 random points (last: ${reason})`;
}

function numpyShape(e: Expr, dims: ReadonlyMap<string, number>): number[] {
  if (isScalar(e.shape)) return [];
  if (isColumn(e.shape)) return [dimValue(e.shape.rows, dims)];
  if (isRow(e.shape)) return [dimValue(e.shape.cols, dims)];
  return [dimValue(e.shape.rows, dims), dimValue(e.shape.cols, dims)];
}

function check(p: Prepared, result: { points: PythonPoint[] } | { error: string }): void {
  if ('error' in result) assert.fail(`python3 raised:\n${result.error}\n--- code ---\n${p.request.code}`);
  const order = p.c.order ?? 1;
  result.points.forEach((res, k) => {
    const env = p.envs[k];
    const core = evaluate(p.f, env).to1DArray();
    assert.ok(relativeError(flat(res.value), core) < 1e-9, `value() differs from the core: ${res.value} vs ${core}`);
    const xShape = p.wrt.length > 1 ? [p.wrt.length] : numpyShape(p.wrt[0], env.dims);
    const expected = [...numpyShape(p.f, env.dims), ...xShape, ...(order === 2 ? xShape : [])];
    assert.deepEqual(res.derivativeShape, expected, 'derivative() layout');
    const err = relativeError(flat(res.derivative), flat(res.fd));
    assert.ok(err < (order === 2 ? 1e-4 : 1e-5), `derivative() vs finite differences: relative error ${err}\n${p.request.code}`);
  });
}

describe('write/numpy on the corpus: emitted code agrees with finite differences in Python', function () {
  this.timeout(300000);
  const cases = loadCorpus();
  const prepared = cases.map((c) => prepare(c));
  let results: ReturnType<typeof runPython> = [];
  before(() => {
    const ok = prepared.filter((p): p is Prepared => typeof p !== 'string');
    const out = runPython(ok.map((p) => p.request));
    results = prepared.map((p) => (typeof p === 'string' ? { error: p } : (out.shift() as (typeof out)[number])));
  });
  it('covers most of the corpus', () => assert.ok(cases.length >= 70, `${cases.length} cases`));
  cases.forEach((c, i) =>
    it(c.id, () => {
      const p = prepared[i];
      if (typeof p === 'string') assert.fail(p);
      check(p, results[i]);
    }),
  );
});

/** Whether a case differentiates by a variable declared symmetric. */
function symmetricWrt(c: CorpusCase): boolean {
  const read = readPlain(c.expr, c.where);
  if (!read.ok) return false;
  return [...read.value.variables, ...read.value.unused].some((v) => v.symmetric === true && c.wrt.includes(v.name as string));
}
