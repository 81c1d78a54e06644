/**
 * The measurements of hadamardChain.test.ts, in a child process of their own (as deepProbe.ts): a deep
 * chain of Hadamard products makes many nodes. `node hadamardChainProbe.js` prints, for each of SIZES,
 * the length of every written form of the answer (text, Unicode, LaTeX, the equation, NumPy) as JSON:
 * { name: [length at each of SIZES] }. `node hadamardChainProbe.js work` prints the work of derive()
 * (budget checkpoints, deterministic) at each of WORK_SIZES and the length of its text result:
 * { work: [...], text: [...] }; `node hadamardChainProbe.js long` the same at LONG_WORK_SIZES. A last argument np.exp measures the exp gate instead of tanh.
 */
import type { DeriveRequest } from '../../../src/core/api';
import { derive, emitCode } from '../../../src/core/index';
import { measured } from './deepProbe';

export const SIZES = [100, 200, 400] as const;

/** The depths whose work is measured: at 200 steps main passed 4.2 million checkpoints (cubic, issue 17). */
export const WORK_SIZES = [50, 100, 200] as const;

/**
 * The depths at which the work of derive() must be linear (slope ≤ 1.1): before present/nestedStart.ts,
 * each level's factored Jacobian was a new flat product of all the levels before it (n²/2 factors in all),
 * which shows only past a few hundred steps (slope 1.14 at 50 / 100 / 200, 1.65 at 1,000 / 2,000).
 */
export const LONG_WORK_SIZES = [250, 500, 1_000, 2_000] as const;

/** The gates: tanh, and exp, which hadamard()'s rules watch (simplify/watchedFactors.ts). */
export const GATES = ['np.tanh', 'np.exp'] as const;
export type Gate = (typeof GATES)[number];

/** h_k = gate(W h_(k−1)) ⊙ h_(k−1), h_0 = x, n steps, then h_n + x: a gate on the state, by x. */
export const gatedChain = (n: number, v = '', gate: Gate = 'np.tanh'): DeriveRequest => ({
  expr: [`def f(x${v}):`, `    h = x${v}`, ...Array.from({ length: n }, () => `    h = ${gate}(W${v} @ h) * h`), `    h = h + x${v}`, '    return h'].join('\n'),
  where: `W${v}: matrix(n, n); x${v}: vector(n)`,
  wrt: [`x${v}`],
  from: 'numpy',
});

export function lengths(gate: Gate = 'np.tanh'): Record<string, number[]> {
  const series: Record<string, number[]> = { text: [], Unicode: [], LaTeX: [], equation: [], NumPy: [] };
  SIZES.forEach((n, i) => {
    const req = { ...gatedChain(n, `q${i}`, gate), timeLimitMs: 600_000 };
    const r = derive(req);
    if (!r.ok) throw new Error(`${n} steps: ${r.error.code} ${r.error.message}`);
    const code = emitCode(req, 'numpy');
    if (!code.ok) throw new Error(`${n} steps, NumPy: ${code.error.code} ${code.error.message}`);
    series.text.push(r.value.result.text.length);
    series.Unicode.push((r.value.result.unicode ?? '').length);
    series.LaTeX.push(r.value.result.latex.length);
    series.equation.push(r.value.equationLatex.length);
    series.NumPy.push(code.value.length);
  });
  return series;
}

/** The work of derive() (no steps) at each of WORK_SIZES, and the length of the text it answers. */
export function work(gate: Gate = 'np.tanh', sizes: readonly number[] = WORK_SIZES): { work: number[]; text: number[] } {
  const runs = sizes.map((n, i) => measured(gatedChain(n, `w${i}`, gate)));
  return { work: runs.map((r) => r.work), text: runs.map((r) => r.answer.result.text.length) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const gate = (GATES as readonly string[]).includes(args[args.length - 1]) ? (args[args.length - 1] as Gate) : 'np.tanh';
  process.stdout.write(JSON.stringify(args[0] === 'work' ? work(gate) : args[0] === 'long' ? work(gate, LONG_WORK_SIZES) : lengths(gate)));
}
