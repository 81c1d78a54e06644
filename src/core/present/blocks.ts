/**
 * The Jacobian of a softmax along a dimension as the textbooks print it (CS231n; Goodfellow et al.
 * §6.2.2.3; batch-deep-learning.md, "Row-wise softmax"): block diagonal, one block diag(pᵢ) − pᵢpᵢᵀ
 * per row pᵢ of P = softmax(Z, 2) (per column for softmax(Z, 1)), no row depending on another.
 *
 * The product's Jacobian is ∂vec P/∂(vec Z)ᵀ, vec stacking columns. A column-wise softmax's is block
 * diagonal as it is: D − D(I_k ⊗ 𝟏𝟏ᵀ)D, D = diag(vec(P)), I_k ⊗ 𝟏𝟏ᵀ having blocks 𝟏𝟏ᵀ and D blocks
 * diag(pⱼ), so each block is diag(pⱼ) − pⱼpⱼᵀ. A row-wise softmax's is block diagonal once the
 * entries are taken row by row, vec(Pᵀ) = 𝐊 vec(P) (𝐊 = 𝐊(N,k), the commutation matrix):
 *
 *   ∂vec P/∂(vec Z)ᵀ = Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K,  B = diag(vec(Pᵀ)),
 *
 * B having blocks diag(pᵢ). Both forms are expressions of the language (commutation(N, k), kron,
 * diag, vec), so the result's block form reads back like any named form; the blocks themselves are
 * its reading, blockdiag(diag(pᵢ) − pᵢpᵢᵀ)_{i=1..N}, which no reader takes.
 */
import type { Derivative } from '../calculus/form';
import { commutation, type Expr, freeVariables, rawAdd, rawDiagm, rawKron, rawMul, rawTranspose, rawVec, variable } from '../model/expr';
import { type Dim, shape } from '../model/shape';
import { eye, num, ones } from '../simplify/build';
import { latexDim, unicodeDim } from '../write/names';
import type { Named } from './cse';

/** A derivative that is the Jacobian of softmax(Z, d) by Z itself, read along its rows (d = 2) or columns (d = 1). */
export interface SoftmaxBlocks {
  /** softmax(Z, d). */
  readonly p: Expr;
  readonly byRows: boolean;
  /** The number of blocks (N rows, or k columns) and the size of each (k, or N). */
  readonly count: Dim;
  readonly size: Dim;
  /** P's entries in block order: Pᵀ by rows (vec(Pᵀ) lists the rows one after another), P by columns. */
  readonly ordered: Expr;
  /** 𝐊(N,k), with vec(Pᵀ) = 𝐊 vec(P): by rows only. */
  readonly reorder?: Expr;
}

export function softmaxBlocks(d: Derivative): SoftmaxBlocks | undefined {
  const f = d.f;
  const x = d.wrt[0];
  if (d.order !== 1 || d.form !== 'jacobian' || d.wrt.length !== 1 || x.symmetric) return undefined;
  if (f.op !== 'softmaxAlong' || f.args[0] !== x) return undefined;
  const byRows = f.value === 2;
  const { rows, cols } = x.shape;
  return byRows
    ? { p: f, byRows, count: rows, size: cols, ordered: rawTranspose(f), reorder: commutation(rows, cols) }
    : { p: f, byRows, count: cols, size: rows, ordered: f };
}

/** D − D(I_count ⊗ 𝟏𝟏ᵀ)D: block diagonal with blocks diag(pᵢ) − pᵢpᵢᵀ where D is block diagonal with blocks diag(pᵢ). */
export function blockDiagonal(D: Expr, b: SoftmaxBlocks): Expr {
  const column = ones(shape(b.size, 1));
  const blocks = rawKron(eye(b.count), rawMul([column, rawTranspose(column)]));
  return rawAdd([D, rawMul([num(-1), D, blocks, D])]);
}

/** The blocks in words and symbols: blockdiag(diag(pᵢ) − pᵢpᵢᵀ)_{i=1..N}, one k×k block per row pᵢ of P. */
export interface BlockReading {
  readonly latex: string;
  readonly unicode: string;
  /** One sentence (Unicode): which blocks, in which order of the entries. */
  readonly sentence: string;
}

export function blockReading(b: SoftmaxBlocks, pName = 'P'): BlockReading {
  const i = b.byRows ? 'i' : 'j';
  const sub = b.byRows ? 'ᵢ' : 'ⱼ';
  const [count, size] = [unicodeDim(b.count), unicodeDim(b.size)];
  const order = b.byRows
    ? `the entries of ${pName} and Z taken row by row (vec(${pName}ᵀ) = 𝐊 vec(${pName}), 𝐊 = 𝐊(${count},${size}) the commutation matrix)`
    : 'the entries taken column by column, as vec takes them';
  return {
    latex: `\\operatorname{blockdiag}\\left(\\operatorname{diag}(\\mathbf{p}_{${i}}) - \\mathbf{p}_{${i}}\\mathbf{p}_{${i}}^{\\top}\\right)_{${i}=1}^{${latexDim(b.count)}}`,
    unicode: `blockdiag(diag(p${sub}) − p${sub}p${sub}ᵀ)_{${i}=1..${count.replace(/·/g, '')}}`,
    sentence: `block diagonal: one ${size}×${size} block diag(p${sub}) − p${sub}p${sub}ᵀ per ${b.byRows ? 'row' : 'column'} p${sub} of ${pName} (${i} = 1…${count}), ${order}`,
  };
}

/** The first of `names` no variable of `e` (nor `taken`) has. */
const freeName = (names: readonly string[], taken: ReadonlySet<string>): string => names.find((n) => !taken.has(n)) ?? `${names[0]}1`;

/**
 * The presented Jacobian `shown` of a softmax along a dimension in its block form with P named:
 * Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K where P = softmax(Z, 2), B = diag(vec(Pᵀ)) by rows; D − D(I_k ⊗ 𝟏𝟏ᵀ)D
 * where P = softmax(Z, 1), D = diag(vec(P)) by columns. The same matrix in every layout (it is
 * symmetric, so the denominator layout's transpose is itself); undefined for any other derivative.
 */
export function softmaxBlockForm(d: Derivative): (Named & { readonly reading: BlockReading }) | undefined {
  const b = softmaxBlocks(d);
  if (!b) return undefined;
  const taken = new Set(freeVariables(d.f).map((v) => v.name as string));
  const pName = freeName(['P', 'S'], taken);
  const dName = freeName(b.byRows ? ['B', 'Q', 'R'] : ['D', 'Q', 'R'], new Set([...taken, pName]));
  const P = variable(pName, b.p.shape);
  const dValue = rawDiagm(rawVec(b.byRows ? rawTranspose(P) : P));
  const D = variable(dName, dValue.shape);
  const middle = blockDiagonal(D, b);
  const expr = b.reorder ? rawMul([rawTranspose(b.reorder), middle, b.reorder]) : middle;
  return {
    expr,
    definitions: [
      { name: pName, value: b.p },
      { name: dName, value: dValue },
    ],
    reading: blockReading(b, pName),
  };
}
