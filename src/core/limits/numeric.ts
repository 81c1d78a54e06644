/**
 * Limits of the numerical check. Its cost grows with the sizes involved: a first-order check
 * evaluates f about 4·Σ|x| times per random point (central differences at steps s and s/2), a
 * second-order check by second differences of f about 8·Σ|x|² times, and every evaluation costs
 * the products and inverses of f's intermediate values. Symbolic dimensions get small random sizes
 * (2–4), so only literal sizes (`x: vector(100000)`, `eye(5000)`, `entry(A, 9000, 1)`) can blow
 * up; `checkSizeProblem` refuses them before any array is allocated.
 *
 * Measured (before these limits), 3 points: tr(A*A) for A 20×20, first order: 1.2 s; 40×40: 17 s;
 * logdet(A) for A 10×10, second order by second differences: 7.7 s; x: vector(100000000): the
 * process ran out of memory.
 */
import type { Diagnostic } from '../api';
import { postorder, type Expr } from '../model/expr';
import { dimValue, type Dim } from '../model/shape';

/** Σ|x| for a first-order check, or a second-order one against a first derivative. */
export const MAX_CHECK_VARIABLE_ENTRIES = 256;
/** Σ|x| for a second-order check by second differences of f (cost ∝ Σ|x|²). */
export const MAX_CHECK_HESSIAN_VARIABLE_ENTRIES = 32;
/** Entries of any intermediate value (e.g. 128×128). */
export const MAX_CHECK_VALUE_ENTRIES = 16_384;
/** Entries of the derivative's canonical matrix (|f|·Σ|x|, or Σ|x|² for a Hessian). */
export const MAX_CHECK_DERIVATIVE_ENTRIES = 65_536;
/** The largest random size a symbolic dimension gets in a check (numeric/dims.ts). */
export const CHECK_SYMBOL_SIZE = 4;

export interface CheckSizeOptions {
  /** 2 for a Hessian. */
  readonly order?: 1 | 2;
  /** Second order against a first-derivative expression (cost like first order). */
  readonly withGradient?: boolean;
  /** Size given to symbolic dimensions (default CHECK_SYMBOL_SIZE). */
  readonly symbolSize?: number;
}

const SYMBOL = /^[^\d·][^·]*$/;

/** Concrete sizes at their largest: symbols at `symbolSize`, or more where an index needs more. */
function largestSizes(roots: readonly Expr[], symbolSize: number): Map<string, number> {
  const sizes = new Map<string, number>();
  const note = (d: Dim, least = 1): void => {
    if (typeof d === 'number') return;
    for (const part of d.split('·')) {
      if (!SYMBOL.test(part)) continue;
      const bound = d === part ? least : 1;
      sizes.set(part, Math.max(sizes.get(part) ?? symbolSize, bound, symbolSize));
    }
  };
  for (const root of roots) {
    for (const e of postorder(root)) {
      note(e.shape.rows);
      note(e.shape.cols);
      if (e.dims) for (const d of e.dims) if (typeof d === 'string') note(d);
      if (e.op === 'unit' && e.value !== undefined) note(e.shape.rows, e.value);
      if (e.op === 'entry' && e.dims) {
        const [i, j] = e.dims;
        if (typeof i === 'number') note(e.args[0].shape.rows, i);
        if (typeof j === 'number') note(e.args[0].shape.cols, j);
      }
    }
  }
  return sizes;
}

const entriesOf = (e: Expr, sizes: ReadonlyMap<string, number>): number =>
  dimValue(e.shape.rows, sizes) * dimValue(e.shape.cols, sizes);

const fmt = (n: number): string => (Number.isFinite(n) ? n.toLocaleString('en-US') : String(n));

function refuse(message: string): Diagnostic {
  return { code: 'limit.check-size', message: `${message}; the derivative is given without a numerical check`, start: 0, end: 0 };
}

/**
 * Why a numerical check of `roots` (the function, its derivative, …) with respect to `wrt` would be
 * too large, or undefined when it is not. Allocates nothing.
 */
export function checkSizeProblem(roots: readonly Expr[], wrt: readonly Expr[], opts: CheckSizeOptions = {}): Diagnostic | undefined {
  const sizes = largestSizes([...roots, ...wrt], opts.symbolSize ?? CHECK_SYMBOL_SIZE);
  const variables = wrt.reduce((n, x) => n + entriesOf(x, sizes), 0);
  const hessian = opts.order === 2 && !opts.withGradient;
  const maxVariables = hessian ? MAX_CHECK_HESSIAN_VARIABLE_ENTRIES : MAX_CHECK_VARIABLE_ENTRIES;
  if (!(variables <= maxVariables)) {
    const names = wrt.map((x) => x.name ?? '?').join(', ');
    return refuse(`checking numerically with respect to ${names} would perturb ${fmt(variables)} entries, at most ${fmt(maxVariables)} are checked${hessian ? ' for a second derivative' : ''}`);
  }
  let largest: { e: Expr; n: number } | undefined;
  for (const root of roots) {
    for (const e of postorder(root)) {
      const n = entriesOf(e, sizes);
      if (!largest || !(n <= largest.n)) largest = { e, n };
    }
  }
  if (largest && !(largest.n <= MAX_CHECK_VALUE_ENTRIES)) {
    const what = largest.e.op === 'var' ? `${largest.e.name} has` : `an intermediate value has`;
    return refuse(`${what} ${fmt(largest.n)} entries, at most ${fmt(MAX_CHECK_VALUE_ENTRIES)} are evaluated in a numerical check`);
  }
  const fEntries = roots.length > 0 ? entriesOf(roots[0], sizes) : 1;
  const derivative = opts.order === 2 ? variables * variables : fEntries * variables;
  if (!(derivative <= MAX_CHECK_DERIVATIVE_ENTRIES)) {
    return refuse(`the derivative has ${fmt(derivative)} entries, at most ${fmt(MAX_CHECK_DERIVATIVE_ENTRIES)} are checked numerically`);
  }
  return undefined;
}
