/**
 * The functions of the plain syntax and how many arguments each takes. Their shape rules live in
 * `infer.ts` and the nodes they build in `build.ts`.
 */
import { namesOf } from '../functions/index';
import type { Ast, CallNode } from './ast';
import { AXIS_FUNCTIONS } from './axes';
import { table } from './table';

/**
 * Applied entry by entry; any shape: the names the plain syntax reads for each function record →
 * the function. `step(u)` is the indicator [u > 0] (the derivative of relu).
 */
export const ELEMENTWISE_NAMES = namesOf((r) => r.plain.read);
export const ELEMENTWISE: ReadonlySet<string> = new Set(Object.keys(ELEMENTWISE_NAMES));

/** Any shape → 1×1. */
export const REDUCTIONS: ReadonlySet<string> = new Set(['sum', 'mean', 'norm1', 'norm2']);

/** Square matrix → 1×1 (tr, det, logdet) or square matrix (inv). */
export const SQUARE_FUNCTIONS: ReadonlySet<string> = new Set(['tr', 'det', 'logdet', 'inv']);

/**
 * Functions whose arguments are dimensions (names, positive integers or products such as m*n),
 * not expressions: eye(n) is I (n×n), ones(n) / zeros(n) a column of n ones / zeros,
 * ones(m, n) / zeros(m, n) m×n, commutation(m, n) the commutation matrix K (mn×mn, vec(Xᵀ) =
 * K vec(X) for X m×n), count(m, n) the number m·n as a scalar.
 */
export const DIMENSION_FUNCTIONS: ReadonlySet<string> = new Set(['eye', 'ones', 'zeros', 'commutation', 'count']);

/**
 * The accepted argument counts [min, max]. Besides the input vocabulary, the nodes the
 * differentiator makes are readable so that the plain writer's output reads back: kron(A, B),
 * vec(X), commutation(m, n), unit(n, i) (the i-th basis column of length n), entry(A, i, j) (the
 * scalar A_ij, 1-based) and count(m, n). size(A, d) is MATLAB's: the number of rows (d = 1) or columns (d = 2)
 * of A as a scalar (the size node; NumPy's A.shape[0] reads as it); numel(A), MATLAB's too, the number of
 * its entries (the size node of count(m, n) for an m×n A; NumPy's A.size, PyTorch's A.numel()).
 */
export const ARITY: Readonly<Record<string, readonly [number, number]>> = table({
  ...Object.fromEntries([...ELEMENTWISE, ...REDUCTIONS, ...SQUARE_FUNCTIONS].map((f) => [f, [1, 1] as const])),
  diag: [1, 1],
  sum: [1, 2],
  mean: [1, 2],
  softmax: [1, 2],
  logsoftmax: [1, 2],
  logsumexp: [1, 2],
  dot: [2, 2],
  max: [2, 2],
  min: [2, 2],
  eye: [1, 1],
  vector: [1, 1],
  matrix: [1, 1],
  ones: [1, 2],
  zeros: [1, 2],
  kron: [2, 2],
  vec: [1, 1],
  commutation: [2, 2],
  unit: [2, 2],
  entry: [3, 3],
  count: [2, 2],
  size: [2, 2],
  numel: [1, 1],
});

/** The names of ARITY, as a Set: asked for every name read (detection, shapes, declarations). */
const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(ARITY));
export const isFunctionName = (name: string): boolean => FUNCTION_NAMES.has(name);

/**
 * The arguments of a call that are values (shape inference visits them, the builder builds them):
 * not the dimension, index, axis and constant arguments (read as numbers or names of sizes), nor
 * any argument of an unknown function (an error first).
 */
export function valueArguments(node: CallNode): readonly Ast[] {
  const { name, args } = node;
  if (!isFunctionName(name) || DIMENSION_FUNCTIONS.has(name) || name === 'unit' || name === 'vector' || name === 'matrix') return [];
  if (name === 'entry' || name === 'size' || AXIS_FUNCTIONS.has(name)) return args.slice(0, 1);
  return args;
}

/** How many arguments a function takes, as an error says it: "1 argument", "1 or 2 arguments". */
export function arityText(name: string): string {
  const [min, max] = ARITY[name];
  return min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} or ${max} arguments`;
}

/** The norms there are, as an error about a norm names them. */
export const NORMS = 'norm2(x) (the 2-norm of a vector, ‖x‖₂, and the Frobenius norm of a matrix, ‖X‖_F) or norm1(x) (the 1-norm of a vector, ‖x‖₁)';

/** Names users reach for, and what the plain syntax calls them. */
export const FUNCTION_SUGGESTIONS: Readonly<Record<string, string>> = table({
  trace: 'tr',
  norm: NORMS,
  ln: 'log',
  logistic: 'sigmoid',
  transpose: "x' (the transpose is written x' or x^T)",
  identity: 'eye',
  inverse: 'inv',
  determinant: 'det',
  lse: 'logsumexp',
  log_softmax: 'logsoftmax',
  maximum: 'max',
  minimum: 'min',
  diagm: 'diag',
  sgn: 'sign',
  ReLU: 'relu',
  sig: 'sigmoid',
});
