/**
 * The measurements of recurrence.test.ts, run in a child process of their own (as deepProbe.ts, whose
 * measure it uses): Jacobians of deep recurrences — a variable used at every step — make many nodes.
 * `node recurrenceProbe.js <index> [full|summary]` prints the measured series as JSON: { name: [value at each of SIZES] }.
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest, Granularity } from '../../../src/core/api';
import { lengths, measured } from './deepProbe';

export const SIZES = [100, 200, 400] as const;

const steps = (n: number, line: string): string[] => Array.from({ length: n }, (_, k) => line.replaceAll('{k}', String(k + 1)));

/** A recurrence at n steps, with names ending in `v` (a suffix no other size uses). */
interface Family {
  readonly name: string;
  readonly request: (n: number, v: string) => DeriveRequest;
}

/** h_k = tanh(W h_(k−1) + U x + b), h_0 = h0: the state h_n itself, a vector, by x or by b. */
const rnn = (n: number, v: string, wrt: 'x' | 'b'): DeriveRequest => ({
  expr: [`def f(x${v}, b${v}):`, `    h = h0${v}`, ...steps(n, `    h = np.tanh(W${v} @ h + U${v} @ x${v} + b${v})`), '    return h'].join('\n'),
  where: `W${v}, U${v}: matrix(n, n); x${v}, b${v}, h0${v}: vector(n)`,
  wrt: [`${wrt}${v}`],
  from: 'numpy',
});

export const FAMILIES: readonly Family[] = [
  { name: 'an RNN\'s state h_N by its input x (h_k = tanh(W h_(k−1) + U x + b))', request: (n, v) => rnn(n, v, 'x') },
  { name: 'an RNN\'s state h_N by its bias b', request: (n, v) => rnn(n, v, 'b') },
  {
    name: 'tanh(W tanh(W … x)) by W (the vec Jacobian)',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    h = x${v}`, ...steps(n, `    h = np.tanh(W${v} @ h)`), '    return h'].join('\n'),
      where: `W${v}: matrix(n, n); x${v}: vector(n)`,
      wrt: [`W${v}`],
      from: 'numpy',
    }),
  },
  {
    name: 'a residual network\'s state h = h + tanh(W_k h) by x',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    h = x${v}`, ...steps(n, `    h = h + np.tanh(W{k}${v} @ h)`), '    return h'].join('\n'),
      where: `${steps(n, `W{k}${v}`).join(', ')}: matrix(n, n); x${v}: vector(n)`,
      wrt: [`x${v}`],
      from: 'numpy',
    }),
  },
  {
    name: 'the Hessian of sum(h_N), h_k = tanh(W h_(k−1)), h_0 = x, by x (the Jacobian of the gradient)',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    h = x${v}`, ...steps(n, `    h = np.tanh(W${v} @ h)`), '    return np.sum(h)'].join('\n'),
      where: `W${v}: matrix(n, n); x${v}: vector(n)`,
      wrt: [`x${v}`],
      order: 2,
      from: 'numpy',
    }),
  },
  {
    name: 'a matrix state H_k = tanh(W H_(k−1) + X), H_0 = X, by W',
    request: (n, v) => ({
      expr: [`def f(X${v}):`, `    H = X${v}`, ...steps(n, `    H = np.tanh(W${v} @ H + X${v})`), '    return H'].join('\n'),
      where: `W${v}: matrix(n, n); X${v}: matrix(n, m)`,
      wrt: [`W${v}`],
      from: 'numpy',
    }),
  },
  {
    name: 'sum(h_N) of a residual network h = h + tanh(W h) by its shared W (the differential method)',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    h = x${v}`, ...steps(n, `    h = h + np.tanh(W${v} @ h)`), '    return np.sum(h)'].join('\n'),
      where: `W${v}: matrix(n, n); x${v}: vector(n)`,
      wrt: [`W${v}`],
      from: 'numpy',
    }),
  },
  {
    name: 'a constant c = a₁ + … + a_N added at every step, h_k = tanh(W_k h_(k−1) + c), by x',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    c = ${steps(n, `a{k}${v}`).join(' + ')}`, `    h = x${v}`, ...steps(n, `    h = np.tanh(W{k}${v} @ h + c)`), '    return h'].join('\n'),
      where: `${steps(n, `W{k}${v}`).join(', ')}: matrix(n, n); x${v}, ${steps(n, `a{k}${v}`).join(', ')}: vector(n)`,
      wrt: [`x${v}`],
      from: 'numpy',
    }),
  },
  {
    name: 'a constant c = a₁ + … + a_N multiplying every step, h_k = tanh(W_k h_(k−1)) ⊙ c, by x (diag(c) in every local Jacobian)',
    request: (n, v) => ({
      expr: [`def f(x${v}):`, `    c = ${steps(n, `a{k}${v}`).join(' + ')}`, `    h = x${v}`, ...steps(n, `    h = np.tanh(W{k}${v} @ h) * c`), '    return h'].join('\n'),
      where: `${steps(n, `W{k}${v}`).join(', ')}: matrix(n, n); x${v}, ${steps(n, `a{k}${v}`).join(', ')}: vector(n)`,
      wrt: [`x${v}`],
      from: 'numpy',
    }),
  },
];

/** The series of `f` at SIZES; with `granularity`, of its derivation too (the steps' size, all and the largest). */
export function grows(f: Family, granularity?: Granularity): Record<string, number[]> {
  const runs = SIZES.map((n, i) => measured({ ...f.request(n, `q${i}`), ...(granularity ? { steps: true, granularity } : {}) }));
  const series: Record<string, number[]> = { work: runs.map((r) => r.work), nodes: runs.map((r) => r.nodeBytes) };
  for (const name of Object.keys(lengths(runs[0].answer))) series[name] = runs.map((r) => lengths(r.answer)[name]);
  if (granularity) {
    assert.ok(runs.every((r) => (r.answer.steps ?? []).length > 0), 'a derivation');
    series['all steps'] = runs.map((r) => JSON.stringify(r.answer.steps).length);
    series['largest step'] = runs.map((r) => Math.max(...(r.answer.steps ?? []).map((s) => JSON.stringify(s).length)));
  }
  return series;
}

/** `node recurrenceProbe.js <index> [full|summary]`: the family's series, with its derivation at that granularity if given. */
if (require.main === module) process.stdout.write(JSON.stringify(grows(FAMILIES[Number(process.argv[2])], process.argv[3] as Granularity | undefined)));
