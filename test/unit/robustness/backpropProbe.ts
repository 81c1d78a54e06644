/**
 * The measurements of backpropSteps.test.ts, in a child process of their own (as recurrenceProbe.ts): the
 * reverse-mode derivation (derivation/backprop.ts, the "backprop view") of a recurrence every step of
 * which multiplies by a large constant, y = sum(h_N), h_k = tanh(W_k h_(k−1)) ⊙ c, c = a₁ + … + a_N, by
 * W₁. `node backpropProbe.js <full|summary>` prints, for each of SIZES, the work (checkpoints) and the
 * size of the steps (all of them, the largest) as JSON: { name: [value at each of SIZES] }.
 */
import type { Granularity } from '../../../src/core/api';
import { derivationOf, toDerivationSteps, type Step } from '../../../src/core/derivation/index';
import type { Expr } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { present } from '../../../src/core/service';
import { counted } from '../checkpoints';

export const SIZES = [50, 100, 200] as const;

const steps = (n: number, line: string): string[] => Array.from({ length: n }, (_, k) => line.replaceAll('{k}', String(k + 1)));

/** The recurrence at n steps, its names ending in `v`, read; with W₁ (by which it is derived). */
export function scaledRecurrence(n: number, v: string): { f: Expr; W1: Expr } {
  const expr = [`def f(x${v}):`, `    c = ${steps(n, `a{k}${v}`).join(' + ')}`, `    h = x${v}`, ...steps(n, `    h = np.tanh(W{k}${v} @ h) * c`), '    return np.sum(h)'].join('\n');
  const where = `${steps(n, `W{k}${v}`).join(', ')}: matrix(n, n); x${v}, ${steps(n, `a{k}${v}`).join(', ')}: vector(n)`;
  const read = readExpression(expr, where, 'numpy');
  if (!read.ok) throw new Error(`${n} steps: ${read.error.code} ${read.error.message}`);
  const W1 = read.value.variables.find((w) => w.name === `W1${v}`);
  if (W1 === undefined) throw new Error(`no W1${v}`);
  return { f: read.value.expr, W1 };
}

/** Its reverse-mode derivation by W₁ at `granularity`. */
export const backprop = (n: number, v: string, granularity: Granularity): Step[] => {
  const { f, W1 } = scaledRecurrence(n, v);
  return derivationOf(f, [W1], 1, 'numerator', granularity, { present, method: 'backprop' });
};

export function grows(granularity: Granularity): Record<string, number[]> {
  const series: Record<string, number[]> = { work: [], 'all steps': [], 'largest step': [] };
  SIZES.forEach((n, i) => {
    const { value: shown, work } = counted(() => toDerivationSteps(backprop(n, `q${i}`, granularity)));
    series.work.push(work);
    series['all steps'].push(JSON.stringify(shown).length);
    series['largest step'].push(Math.max(...shown.map((s) => JSON.stringify(s).length)));
  });
  return series;
}

if (require.main === module) process.stdout.write(JSON.stringify(grows(process.argv[2] as Granularity)));
