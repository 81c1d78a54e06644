/**
 * The function reference (`matcalc functions`, docs/language.md): one line per function of the
 * plain syntax, read from the grammar's own tables (`functions.ts` and the element-wise function
 * records) so the list cannot drift: every name the parser accepts is listed, and the unit test
 * fails when one has no shape rule here (test/unit/syntax/reference.test.ts).
 */
import { FUNCTIONS } from '../functions/index';
import { ARITY, ELEMENTWISE_NAMES } from './functions';

/** The rule of a function that has no line in the table below (the drift test forbids it). */
export const UNDOCUMENTED = '(undocumented)';

export interface FunctionLine {
  readonly name: string;
  /** How it is called, e.g. `tr(A)`. */
  readonly call: string;
  /** Its shape rule and meaning. */
  readonly rule: string;
}

const STRUCTURAL: Readonly<Record<string, { call: string; rule: string }>> = {
  sum: { call: 'sum(X), sum(X, d)', rule: 'any shape → 1×1: the sum of the entries; m×n with d = 1 → 1×n (down each column), d = 2 → m×1 (across each row)' },
  mean: { call: 'mean(X), mean(X, d)', rule: 'any shape → 1×1: the mean of the entries; m×n with d = 1 → 1×n, d = 2 → m×1' },
  norm1: { call: 'norm1(x)', rule: 'any shape → 1×1: the sum of absolute values' },
  norm2: { call: 'norm2(x)', rule: 'vector → 1×1: the Euclidean norm ‖x‖₂; matrix → the Frobenius norm ‖X‖_F' },
  tr: { call: 'tr(A)', rule: 'n×n → 1×1: the trace' },
  det: { call: 'det(A)', rule: 'n×n → 1×1: the determinant' },
  logdet: { call: 'logdet(A)', rule: 'n×n → 1×1: log det A' },
  inv: { call: 'inv(A)', rule: 'n×n → n×n: the inverse (also A^-1 in LaTeX and Unicode)' },
  diag: { call: 'diag(x)', rule: 'n×1 → n×n diagonal matrix; n×n → n×1 its diagonal' },
  softmax: { call: 'softmax(z), softmax(X, d)', rule: 'n×1 → n×1: exp(z)/sum(exp(z)); m×n → m×n normalized along d (1: each column, 2: each row); a matrix needs d' },
  logsoftmax: { call: 'logsoftmax(z), logsoftmax(X, d)', rule: 'n×1 → n×1: z − logsumexp(z); m×n → m×n along d (1: each column, 2: each row); a matrix needs d' },
  logsumexp: { call: 'logsumexp(z), logsumexp(X, d)', rule: 'n×1 → 1×1: log sum exp(z); m×n with d = 1 → 1×n, d = 2 → m×1; a matrix needs d' },
  dot: { call: 'dot(x, y)', rule: "n×1, n×1 → 1×1: x'*y" },
  max: { call: 'max(a, b)', rule: 'element-wise max of two arrays of one shape (a row, column or scalar expands); max(0, u) is relu(u)' },
  min: { call: 'min(a, b)', rule: 'element-wise min of two arrays of one shape (a row, column or scalar expands); min(0, u) the entry-wise min(0, u)' },
  eye: { call: 'eye(n)', rule: 'dimension → n×n identity I' },
  vector: { call: 'vector(n)', rule: 'in declarations only: x: vector(n)' },
  matrix: { call: 'matrix(m, n)', rule: 'in declarations only: A: matrix(m, n)' },
  ones: { call: 'ones(n), ones(m, n)', rule: 'dimensions → n×1 or m×n of ones (𝟏)' },
  zeros: { call: 'zeros(n), zeros(m, n)', rule: 'dimensions → n×1 or m×n of zeros (𝟎)' },
  kron: { call: 'kron(A, B)', rule: 'm×n, p×q → mp×nq: the Kronecker product A ⊗ B' },
  vec: { call: 'vec(X)', rule: 'm×n → mn×1: the columns stacked' },
  commutation: { call: 'commutation(m, n)', rule: 'dimensions → mn×mn K with vec(Xᵀ) = K vec(X)' },
  unit: { call: 'unit(n, i)', rule: 'dimension, index → n×1: the i-th basis vector (1-based)' },
  entry: { call: 'entry(A, i, j)', rule: 'matrix, indices → 1×1: A_ij (1-based)' },
  count: { call: 'count(m, n)', rule: 'dimensions → 1×1: the number m·n' },
  size: { call: 'size(A, 1), size(A, 2)', rule: 'array, dimension number → 1×1: the number of rows (1) or columns (2) of A, as MATLAB (NumPy: A.shape[0], A.shape[1])' },
  numel: { call: 'numel(A)', rule: 'array → 1×1: the number of entries of A, m·n for an m×n A, as MATLAB (NumPy: A.size; PyTorch: A.numel())' },
  einsum: { call: 'einsum("ij,jk->ik", A, B)', rule: 'Einstein summation over the named indices (matrix operations where they exist, else a general contraction)' },
};

/** Every function of the plain syntax, element-wise ones first, with its call form and shape rule. */
export function functionReference(): FunctionLine[] {
  const out: FunctionLine[] = [];
  for (const [name, fn] of Object.entries(ELEMENTWISE_NAMES)) {
    const record = FUNCTIONS[fn];
    const alias = name === record.plain.write ? '' : ` (= ${record.plain.write})`;
    out.push({ name, call: `${name}(u)`, rule: `any shape, entry by entry${alias}: ${record.rule.text}` });
  }
  for (const name of [...Object.keys(ARITY), 'einsum']) {
    if (Object.prototype.hasOwnProperty.call(ELEMENTWISE_NAMES, name)) continue;
    const line = STRUCTURAL[name];
    out.push({ name, call: line?.call ?? `${name}(…)`, rule: line?.rule ?? UNDOCUMENTED });
  }
  return out;
}
