/**
 * The general contraction node (`op: 'contract'`): Σ over the summed letters of the product of the
 * operands' entries, for the contractions that have no form in the core's matrix operations
 * (lower.ts refuses them: they need an intermediate with three indices, e.g. Σ A_ij B_ik C_il D_jk
 * E_jl F_kl). Operands are scalars, vectors and matrices; each carries one letter per axis ('' for
 * a scalar, one letter for a vector — column or row — two for a matrix, a repeated letter taking
 * its diagonal).
 *
 * The result is a matrix whose rows run over the `rows` letters and whose columns run over the
 * `cols` letters, each group in column-major (vec) order, its first letter running fastest. An
 * einsum's output of at most two letters is the usual one: '' a scalar, 'i' a column vector, 'ij'
 * a matrix (rows i, columns j). Longer groups are what the local Jacobian of a contraction needs:
 * ∂vec(u)/∂vec(A)ᵀ has rows over u's letters and columns over A's.
 *
 * The spec is stored in the node's `name` in explicit form, "ij,ik,jk->i"; a grouped output is
 * written with a bar between the groups, "ij,ik->ij|k" (rows i, j; columns k). Hash-consing keys
 * on the name and the operands, so the same contraction is the same node.
 */
import { node, num, rawMul, rawVec, zeros, type Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { mulDim, shape, type Dim, type Shape } from '../model/shape';
import { matrixForm, transposed, type IndexedOperand } from './lower';

export interface ContractionSpec {
  /** One letter per axis of each operand. */
  readonly inputs: readonly string[];
  /** The letters the result's rows run over (column-major), and its columns. */
  readonly rows: string;
  readonly cols: string;
}

/** Whether the output is an ordinary einsum output (at most one letter for rows, one for columns, no lone column group). */
export const isPlainOutput = (rows: string, cols: string): boolean => rows.length <= 1 && cols.length <= 1 && (rows !== '' || cols === '');

/** The spec as stored in the node's name: "ij,jk->ik", or "ij,jk->ij|k" for a grouped output. */
export function specName(s: ContractionSpec): string {
  const out = isPlainOutput(s.rows, s.cols) ? s.rows + s.cols : `${s.rows}|${s.cols}`;
  return `${s.inputs.join(',')}->${out}`;
}

/** The spec of a contraction node (its name). */
export function contractionSpec(e: Expr): ContractionSpec {
  const [lhs, out] = (e.name as string).split('->');
  const inputs = lhs.split(',');
  if (out.includes('|')) {
    const [rows, cols] = out.split('|');
    return { inputs, rows, cols };
  }
  return { inputs, rows: out.slice(0, 1), cols: out.slice(1) };
}

/** The length of each letter, from the operands' shapes (a vector's letter runs along its long side). */
export function letterDims(operands: readonly Expr[], inputs: readonly string[]): Map<string, Dim> {
  const dims = new Map<string, Dim>();
  operands.forEach((o, k) => {
    const ls = inputs[k];
    if (ls.length === 1) dims.set(ls, o.shape.cols === 1 ? o.shape.rows : o.shape.cols);
    else if (ls.length === 2) {
      dims.set(ls[0], o.shape.rows);
      if (!dims.has(ls[1])) dims.set(ls[1], o.shape.cols);
    }
  });
  return dims;
}

const groupDim = (letters: string, dims: ReadonlyMap<string, Dim>): Dim =>
  [...letters].reduce<Dim>((d, c) => mulDim(d, dims.get(c) as Dim), 1);

export function contractionShape(operands: readonly Expr[], s: ContractionSpec): Shape {
  const dims = letterDims(operands, s.inputs);
  return shape(groupDim(s.rows, dims), groupDim(s.cols, dims));
}

/** The contraction node exactly as given (no rewriting): readers use it when lowering fails. */
export function rawContraction(operands: readonly Expr[], s: ContractionSpec): Expr {
  return node({ op: 'contract', name: specName(s), args: operands, shape: contractionShape(operands, s) });
}

/**
 * The contraction in its simplest form: zero when an operand is zero; an identity operand over a
 * summed letter is a δ contracted away by renaming (Σₖ δᵢₖ Aₖⱼ = Aᵢⱼ); the matrix operations of
 * lower.ts when the output is an ordinary one and they exist; else the contraction node.
 */
export function contraction(operands: readonly IndexedOperand[], rows: string, cols = ''): Expr {
  const out = rows + cols;
  let ops = [...operands];
  const dims = letterDims(ops.map((o) => o.expr), ops.map((o) => o.letters));
  const resultShape = shape(groupDim(rows, dims), groupDim(cols, dims));
  if (ops.some((o) => o.expr.op === 'zeros')) return zeros(resultShape);
  for (;;) {
    const k = ops.findIndex((o) => o.expr.op === 'eye' && o.letters.length === 2 && o.letters[0] !== o.letters[1]
      && [...o.letters].some((c) => !out.includes(c) && ops.some((p) => p !== o && p.letters.includes(c))));
    if (k < 0) break;
    const [a, b] = ops[k].letters;
    const [from, to] = !out.includes(b) && ops.some((p, j) => j !== k && p.letters.includes(b)) ? [b, a] : [a, b];
    ops = ops.filter((_, j) => j !== k).map((o) => ({ expr: o.expr, letters: o.letters.split(from).join(to) }));
  }
  // Scalar operands scale the contraction: they stand in front (a 1 is left out).
  const scalars = ops.filter((o) => o.letters === '' && o.expr !== num(1)).map((o) => o.expr);
  ops = ops.filter((o) => o.letters !== '');
  const body = ops.length === 0 ? num(1) : lowered(ops, rows, cols);
  if (scalars.length === 0) return body;
  return rawMul(isScalar(body.shape) && body === num(1) ? scalars : [...scalars, body]);
}

/** The matrix operations of the contraction where it has them (lower.ts), else the node. */
function lowered(ops: readonly IndexedOperand[], rows: string, cols: string): Expr {
  const out = rows + cols;
  // A row (->|p) is the transpose of a column; one group of two letters is the vec of a matrix.
  const reshape = (e: Expr): Expr => {
    const column = out.length === 2 ? rawVec(e) : e;
    return rows === '' ? transposed(column) : column;
  };
  const e = isPlainOutput(rows, cols) || out.length <= 2 ? matrixForm(ops, out) : undefined;
  if (e !== undefined) return isPlainOutput(rows, cols) ? e : reshape(e);
  return rawContraction(ops.map((o) => o.expr), { inputs: ops.map((o) => o.letters), rows, cols });
}

/** The transpose of a contraction node with rows and columns: the same contraction with the groups swapped. */
export function transposedContraction(e: Expr): Expr | undefined {
  const s = contractionSpec(e);
  if (s.rows === '' || s.cols === '') return undefined;
  return rawContraction(e.args, { inputs: s.inputs, rows: s.cols, cols: s.rows });
}

/** A letter used by none of `taken`, for a new axis. */
export function freshLetter(taken: Iterable<string>): string {
  const used = new Set([...taken].join(''));
  for (const c of 'pqrstuvwxyzabcdefghijklmnoPQRSTUVWXYZABCDEFGHIJKLMNO') if (!used.has(c)) return c;
  throw new RangeError('a contraction with more than 52 index letters');
}
