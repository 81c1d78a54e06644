/**
 * The measurements of hessianChain.test.ts, in a child process of their own (as deepProbe.ts): the
 * Hessian of sum(h ⊙ x) through a deep state h_k = tanh(W h_(k−1)), h_0 = x, makes many nodes.
 * `node hessianChainProbe.js [gated]` prints the work of derive() (budget checkpoints, deterministic) and
 * the length of its text result at each of SIZES as JSON: { work: [...], text: [...] }; `gated`: through
 * the gated state h_k = tanh(W h_(k−1)) ⊙ h_(k−1) instead.
 */
import type { DeriveRequest } from '../../../src/core/api';
import { measured } from './deepProbe';

export const SIZES = [20, 40, 80] as const;

/** h_k = tanh(W h_(k−1)), h_0 = x, n steps; the Hessian of sum(h_n ⊙ x) by x. */
export const hessianChain = (n: number, v = ''): DeriveRequest => ({
  expr: [`def f(x${v}):`, `    h = x${v}`, ...Array.from({ length: n }, () => `    h = np.tanh(W${v} @ h)`), `    return np.sum(h * x${v})`].join('\n'),
  where: `W${v}: matrix(n, n); x${v}: vector(n)`,
  wrt: [`x${v}`],
  order: 2,
  from: 'numpy',
});

/** h_k = tanh(W h_(k−1)) ⊙ h_(k−1), h_0 = x, n steps; the Hessian of sum(h_n ⊙ x) by x. */
export const gatedHessianChain = (n: number, v = ''): DeriveRequest => ({
  ...hessianChain(n, v),
  expr: [`def f(x${v}):`, `    h = x${v}`, ...Array.from({ length: n }, () => `    h = np.tanh(W${v} @ h) * h`), `    return np.sum(h * x${v})`].join('\n'),
});

export function work(gated: boolean): { work: number[]; text: number[] } {
  const runs = SIZES.map((n, i) => measured((gated ? gatedHessianChain : hessianChain)(n, `s${i}`)));
  return { work: runs.map((r) => r.work), text: runs.map((r) => r.answer.result.text.length) };
}

if (require.main === module) process.stdout.write(JSON.stringify(work(process.argv[2] === 'gated')));
