/**
 * The measurements of hessianChain.test.ts, in a child process of their own (as deepProbe.ts): the
 * Hessian of sum(h ⊙ x) through a deep state h_k = tanh(W h_(k−1)), h_0 = x, makes many nodes.
 * `node hessianChainProbe.js [gated]` prints the work of derive() (budget checkpoints, deterministic), the
 * length of its text result and the edges of the derivative it presents (before it is written) at each of
 * SIZES as JSON: { work: [...], text: [...], edges: [...] }; `gated`: through
 * the gated state h_k = tanh(W h_(k−1)) ⊙ h_(k−1) instead. `node hessianChainProbe.js lengths [gated]` prints
 * the length of every written form of the answer at each of LENGTH_SIZES: { text: [...], Unicode: [...], … }.
 */
import type { DeriveRequest } from '../../../src/core/api';
import { derive, emitCode } from '../../../src/core/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { withBudget } from '../../../src/core/limits/index';
import { postorder } from '../../../src/core/model/expr';
import { prepare, present } from '../../../src/core/service';
import { measured } from './deepProbe';

export const SIZES = [20, 40, 80] as const;

/**
 * The depths at which every written form of the answer is measured (`node hessianChainProbe.js lengths
 * [gated]`): past 80 layers too, where the binding form's names (u₁₀₀₀) gain a digit more slowly.
 */
export const LENGTH_SIZES = [20, 40, 80, 160] as const;

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

export function work(gated: boolean): { work: number[]; text: number[]; edges: number[] } {
  const requests = SIZES.map((n, i) => (gated ? gatedHessianChain : hessianChain)(n, `s${i}`));
  const runs = requests.map(measured);
  return { work: runs.map((r) => r.work), text: runs.map((r) => r.answer.result.text.length), edges: requests.map(presentedEdges) };
}

/** The edges (arguments of the distinct nodes) of the derivative derive() presents, before it is written. */
function presentedEdges(req: DeriveRequest): number {
  return withBudget({ timeMs: 600_000 }, () => {
    const p = prepare(req);
    if (!p.ok) throw new Error(p.error.message);
    return postorder(present(differentiate(p.value.f, p.value.wrt, 2), 'numerator')).reduce((sum, e) => sum + e.args.length, 0);
  });
}

/** The length of each written form of the answer (text, Unicode, LaTeX, NumPy code) at each of LENGTH_SIZES. */
export function lengths(gated: boolean): Record<string, number[]> {
  const series: Record<string, number[]> = { text: [], Unicode: [], LaTeX: [], NumPy: [] };
  LENGTH_SIZES.forEach((n, i) => {
    const req = { ...(gated ? gatedHessianChain : hessianChain)(n, `l${i}`), timeLimitMs: 600_000 };
    const r = derive(req);
    if (!r.ok) throw new Error(`${n} layers: ${r.error.code} ${r.error.message}`);
    const code = emitCode(req, 'numpy');
    if (!code.ok) throw new Error(`${n} layers, NumPy: ${code.error.code} ${code.error.message}`);
    series.text.push(r.value.result.text.length);
    series.Unicode.push((r.value.result.unicode ?? '').length);
    series.LaTeX.push(r.value.result.latex.length);
    series.NumPy.push(code.value.length);
  });
  return series;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const gated = args.includes('gated');
  process.stdout.write(JSON.stringify(args[0] === 'lengths' ? lengths(gated) : work(gated)));
}
