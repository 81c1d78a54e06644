/**
 * The measurements of deepLinear.test.ts, run in a child process of their own: the deep requests
 * make millions of nodes, and in the test process they would push the hash-consing table past its
 * reset bound (INTERN_LIMIT_BYTES), after which the nodes other test files made at load time are no
 * longer the canonical ones. `node deepProbe.js family <index> <steps: 0|1>` or `node deepProbe.js
 * claims` prints the measured series as JSON: { name: [value at each of SIZES] }.
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest, DeriveResult } from '../../../src/core/api';
import { derive, internTableBytes } from '../../../src/core/index';
import { derivationOf, type Step } from '../../../src/core/derivation/index';
import { readPlain } from '../../../src/core/syntax/index';
import { counted } from '../checkpoints';

export const SIZES = [1_000, 2_000, 4_000] as const;

export const nest = (open: string, inner: string, close: string, n: number): string => `${open.repeat(n)}${inner}${close.repeat(n)}`;

/** A family: the request at n levels, with variables named by `v` (a name no other size uses). */
interface Family {
  readonly name: string;
  readonly request: (n: number, v: string) => DeriveRequest;
}

/** q12 as LaTeX writes it (q_{12}: in LaTeX, q12 is q times 12). */
const latexName = (v: string): string => v.replace(/^([a-z])(\d+)$/, '$1_{$2}');

export const FAMILIES: readonly Family[] = [
  { name: 'sin(…x…) of a vector x (the Jacobian engine)', request: (n, v) => ({ expr: nest('sin(', v, ')', n), where: `${v}: vector(n)`, wrt: [v] }) },
  { name: 'sin(…a…) of a scalar a (forward mode)', request: (n, v) => ({ expr: nest('sin(', v, ')', n), where: `${v}: scalar`, wrt: [v] }) },
  { name: 'sum(sin(…x…)) of a vector x (reverse mode)', request: (n, v) => ({ expr: `sum(${nest('sin(', v, ')', n)})`, where: `${v}: vector(n)`, wrt: [v] }) },
  { name: '-(-(…a…)) of a scalar a', request: (n, v) => ({ expr: nest('-(', v, ')', n), where: `${v}: scalar`, wrt: [v] }) },
  { name: '\\sin(…x…) of a vector x, through the LaTeX reader', request: (n, v) => ({ expr: nest('\\sin(', latexName(v), ')', n), where: `${v}: vector(n)`, wrt: [v], from: 'latex' }) },
];

let fresh = 0;
/** A variable name used by no earlier measurement. */
const freshName = (): string => `q${++fresh}`;

interface Measured {
  /** Checkpoints passed (../checkpoints.ts counted). */
  readonly work: number;
  readonly nodeBytes: number;
  readonly answer: DeriveResult;
}

/** derive() with its checkpoints counted and the node table's growth. */
export function measured(req: DeriveRequest): Measured {
  const bytes = internTableBytes();
  const { value: r, work } = counted(() => derive({ ...req, timeLimitMs: 600_000 }));
  if (!r.ok) assert.fail(`${req.expr.slice(0, 20)}…: ${r.error.code} ${r.error.message}`);
  return { work, nodeBytes: internTableBytes() - bytes, answer: r.value };
}

/** The length of each written form of an answer. */
export const lengths = (a: DeriveResult): Record<string, number> => ({
  'input text': a.input.text.length,
  'result text': a.result.text.length,
  'result Unicode': (a.result.unicode ?? '').length,
  'result LaTeX': a.result.latex.length,
  equation: a.equationLatex.length,
});

export function grows(f: Family, steps: boolean): Record<string, number[]> {
  const runs = SIZES.map((n) => measured({ ...f.request(n, freshName()), steps }));
  for (const r of runs) assert.ok(!/^(zeros|0$)/.test(r.answer.result.text), `${f.name}: a zero derivative`);
  const series: Record<string, number[]> = { work: runs.map((r) => r.work), nodes: runs.map((r) => r.nodeBytes) };
  for (const name of Object.keys(lengths(runs[0].answer))) series[name] = runs.map((r) => lengths(r.answer)[name]);
  if (steps) {
    series['all steps'] = runs.map((r) => JSON.stringify(r.answer.steps).length);
    series['largest step'] = runs.map((r) => Math.max(...(r.answer.steps ?? []).map((s) => JSON.stringify(s).length)));
    assert.ok(runs.every((r) => (r.answer.steps ?? []).length > 0), 'a derivation');
  }
  return series;
}

/** The references a derivation's claims hold: each claim, and each distinct list of kept intermediates once. */
function claimReferences(steps: readonly Step[]): number {
  const lists = new Set<readonly unknown[]>();
  let claims = 0;
  for (const s of steps) {
    for (const c of s.claims) {
      claims++;
      if (c.keep) lists.add(c.keep);
    }
  }
  return claims + [...lists].reduce((n, l) => n + l.length, 0);
}

/** The claim references of -(-(…a…)) at each size. */
export function claimSeries(): Record<string, number[]> {
  const references = SIZES.map((n) => {
    const v = freshName();
    const read = readPlain(nest('-(', v, ')', n), `${v}: scalar`);
    assert.ok(read.ok);
    return claimReferences(derivationOf(read.value.expr, [read.value.variables[0]], 1, 'numerator', 'full'));
  });
  return { references };
}

if (require.main === module) {
  const [what, index, steps] = process.argv.slice(2);
  const series = what === 'claims' ? claimSeries() : grows(FAMILIES[Number(index)], steps === '1');
  process.stdout.write(JSON.stringify(series));
}
