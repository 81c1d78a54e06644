#!/usr/bin/env node
/**
 * Records every output form of every corpus case (test/corpus/*.json) through the public API, so a
 * refactoring can be shown to change no output byte:
 *
 *   npm run compile-tests && node scripts/corpus-outputs.mjs write /tmp/before.jsonl   # on main
 *   npm run compile-tests && node scripts/corpus-outputs.mjs compare /tmp/before.jsonl # after
 *
 * For each derivative case (and each LaTeX / NumPy form in notations.json) it records derive() in
 * all three layouts with the full and the summary derivation (text, Unicode, LaTeX, piecewise,
 * named forms, the equation, every step), and the NumPy, PyTorch and JAX code of emitCode(). A few
 * probes apply every element-wise function, reduction and structural operator, so operators the
 * corpus does not use are covered too. The snapshot is not committed: it is made from main before
 * the change. `compare` prints each differing case with its first differing field.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// MATCALC_OUT: another tsc output directory (default out/, where npm run compile-tests writes).
const core = createRequire(import.meta.url)(join(root, process.env.MATCALC_OUT ?? 'out', 'src', 'core', 'index.js'));

/** Element-wise functions, reductions and structural operators the corpus may not reach. */
const PROBES = [
  ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'abs', 'sqrt', 'sign', 'step'].flatMap((f) => [
    { id: `probe-${f}-scalar`, expr: `${f}(a*x'*y)`, wrt: ['x'] },
    { id: `probe-${f}-vector`, expr: `sum(${f}(A*x))`, wrt: ['x'] },
    { id: `probe-${f}-jacobian`, expr: `${f}(A*x)`, wrt: ['x'] },
    { id: `probe-${f}-d2`, expr: `${f}(a^2)`, wrt: ['a'], order: 2 },
  ]),
  { id: 'probe-min', expr: 'sum(min(0, A*x))', wrt: ['x'] },
  { id: 'probe-max', expr: 'max(0, a*b)', wrt: ['a'] },
  ...['sum', 'mean', 'norm1', 'norm2', 'logsumexp'].map((f) => ({ id: `probe-${f}`, expr: `${f}(X*y)`, wrt: ['X'] })),
  ...['tr', 'det', 'logdet'].map((f) => ({ id: `probe-${f}`, expr: `${f}(X*A)`, wrt: ['X'], where: 'X: matrix(n, n); A: matrix(n, n)' })),
  ...['tr', 'det', 'logdet'].map((f) => ({ id: `probe-${f}-jac`, expr: `${f}(X)*X`, wrt: ['X'], where: 'X: matrix(n, n)' })),
  { id: 'probe-inv', expr: 'inv(X)*y', wrt: ['X'], where: 'X: matrix(n, n)' },
  { id: 'probe-inv-grad', expr: "y'*inv(X)*y", wrt: ['X'], where: 'X: matrix(n, n)' },
  { id: 'probe-matpow', expr: "y'*X^3*y", wrt: ['X'], where: 'X: matrix(n, n)' },
  { id: 'probe-matpow-jac', expr: 'X^2', wrt: ['X'], where: 'X: matrix(n, n)' },
  { id: 'probe-matpow-t', expr: '(c*X)^3', wrt: ['c'], where: 'X: matrix(n, n)' },
  { id: 'probe-diag', expr: 'diag(x)*y', wrt: ['x'] },
  { id: 'probe-diag-grad', expr: "y'*diag(X)", wrt: ['X'], where: 'X: matrix(n, n)' },
  { id: 'probe-softmax', expr: 'softmax(A*x)', wrt: ['x'] },
  { id: 'probe-softmax-grad', expr: "y'*softmax(A*x)", wrt: ['x'] },
  { id: 'probe-kron-t', expr: 'kron(c*A, B)', wrt: ['c'], where: 'A: matrix(m, n); B: matrix(p, q)' },
  { id: 'probe-vec-t', expr: 'vec(c*A)', wrt: ['c'], where: 'A: matrix(m, n)' },
  { id: 'probe-kron-grad', expr: 'tr(kron(A, X))', wrt: ['X'], where: 'A: matrix(m, m); X: matrix(n, n)' },
  { id: 'probe-kron-jac', expr: 'kron(A, X)', wrt: ['X'], where: 'A: matrix(m, k); X: matrix(n, p)' },
  { id: 'probe-vec-grad', expr: "y'*vec(X)", wrt: ['X'], where: 'X: matrix(m, n); y: vector(m*n)' },
  { id: 'probe-vec-jac', expr: 'vec(A*X)', wrt: ['X'], where: 'A: matrix(m, n); X: matrix(n, p)' },
  { id: 'probe-pow', expr: 'sum(x.^a)', wrt: ['a'] },
  { id: 'probe-pow-x', expr: 'x.^3', wrt: ['x'] },
  { id: 'probe-hadamard', expr: 'x .* (A*x)', wrt: ['x'] },
  { id: 'probe-transpose', expr: "X'*A", wrt: ['X'] },
  { id: 'probe-literal', expr: '[a*b, a^2, sin(b)]', wrt: ['a', 'b'] },
  { id: 'probe-entry', expr: 'entry(X, 1, 2)^2', wrt: ['X'], where: 'X: matrix(2, 3)' },
  { id: 'probe-sym', expr: "x'*S*x", wrt: ['S'], where: 'S: matrix(n, n) symmetric' },
];

function corpusCases() {
  const dir = join(root, 'test', 'corpus');
  const all = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    all.push(...JSON.parse(readFileSync(join(dir, file), 'utf8')).map((c) => ({ ...c, file })));
  }
  const plain = all.filter((c) => 'expr' in c && 'wrt' in c);
  const requests = plain.map((c) => ({ id: c.id, req: { expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout } }));
  for (const n of all.filter((c) => 'latex' in c)) {
    const c = plain.find((p) => p.id === n.id);
    if (!c) continue;
    const base = { where: n.where ?? c.where, wrt: c.wrt, order: c.order };
    requests.push({ id: `${n.id}#latex`, req: { ...base, expr: n.latex, from: 'latex' } });
    requests.push({ id: `${n.id}#numpy`, req: { ...base, expr: n.numpy, from: 'numpy' } });
  }
  for (const p of PROBES) requests.push({ id: p.id, req: { expr: p.expr, where: p.where, wrt: p.wrt, order: p.order } });
  return requests;
}

/** Every output of one request, as one JSON-able record. */
function outputsOf(req) {
  const out = {};
  for (const layout of ['numerator', 'denominator', 'mixed']) {
    for (const granularity of ['full', 'summary']) {
      const r = core.derive({ ...req, layout, steps: true, granularity });
      out[`${layout}/${granularity}`] = r.ok ? { ...r.value, check: undefined } : { error: r.error };
    }
  }
  for (const target of ['numpy', 'torch', 'jax']) out[target] = core.emitCode(req, target);
  return out;
}

function snapshot() {
  return corpusCases().map(({ id, req }) => JSON.stringify({ id, outputs: outputsOf(req) }));
}

/** The first path at which two JSON values differ, e.g. "numerator/full.steps.3.after". */
function firstDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return { path, before: a, after: b };
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return { path, before: a, after: b };
}

const [mode, file] = process.argv.slice(2);
if (mode === 'write' && file) {
  const lines = snapshot();
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${lines.length} cases written to ${file}`);
} else if (mode === 'compare' && file) {
  const before = new Map(readFileSync(file, 'utf8').trim().split('\n').map((l) => [JSON.parse(l).id, l]));
  const now = snapshot();
  let differ = 0;
  for (const line of now) {
    const { id, outputs } = JSON.parse(line);
    const old = before.get(id);
    if (old === undefined) {
      console.log(`+ ${id}: new case`);
      continue;
    }
    before.delete(id);
    if (old === line) continue;
    differ++;
    const d = firstDifference(JSON.parse(old).outputs, outputs);
    console.log(`≠ ${id} at ${d.path}\n  before: ${JSON.stringify(d.before)}\n  after:  ${JSON.stringify(d.after)}`);
  }
  for (const id of before.keys()) console.log(`- ${id}: case gone`);
  console.log(`${now.length} cases, ${differ} differ`);
  process.exitCode = differ > 0 ? 1 : 0;
} else {
  console.error('usage: node scripts/corpus-outputs.mjs write|compare FILE (after npm run compile-tests)');
  process.exitCode = 2;
}
