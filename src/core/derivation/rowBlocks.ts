/**
 * The block-diagonal reading of a row-wise softmax's Jacobian (batch-deep-learning.md, "Row-wise
 * softmax"): P = softmax(Z, 2) takes each row pᵢ = softmax(zᵢ) on its own, so with the entries of P
 * and Z taken row by row — vec(Pᵀ) = K vec(P), K the commutation matrix — the Jacobian
 * K J Kᵀ is block diagonal, one block diag(pᵢ) − pᵢpᵢᵀ per row:
 *
 *   K J Kᵀ = D − D(I_N ⊗ 𝟏𝟏ᵀ)D,  D = diag(vec(Pᵀ)),
 *
 * I_N ⊗ 𝟏𝟏ᵀ being block diagonal with blocks 𝟏𝟏ᵀ and D with blocks diag(pᵢ). A column-wise softmax
 * (softmax(Z, 1)) is already block diagonal in vec's column order: one block per column. The step's
 * claim is that equation between the result and the block form (checked numerically); the blocks
 * themselves are its reading.
 */
import type { Derivative } from '../calculus/form';
import { commutation, Expr, rawAdd, rawDiagm, rawKron, rawMul, rawTranspose, rawVec } from '../model/expr';
import { shape } from '../model/shape';
import { eye, num, ones } from '../simplify/build';
import { latexDim } from '../write/names';
import { equalClaim, step } from './context';
import { EQUALS, note } from './notation';
import type { Definitions, Part, Step } from './step';

export function rowBlocksStep(result: Expr, d: Derivative, defs: Definitions): Step | undefined {
  const f = d.f;
  const x = d.wrt[0];
  if (d.order !== 1 || d.form !== 'jacobian' || d.wrt.length !== 1 || x.symmetric) return undefined;
  if (f.op !== 'softmaxAlong' || f.args[0] !== x) return undefined;
  const byRows = f.value === 2;
  const [rows, cols] = [x.shape.rows, x.shape.cols];
  // Row order: entries of Pᵀ (column-major) are P's rows one after another; blocks of the row length.
  const [count, size] = byRows ? [rows, cols] : [cols, rows];
  const ordered = byRows ? rawTranspose(f) : f;
  const D = rawDiagm(rawVec(ordered));
  const blocks = rawKron(eye(count), rawMul([ones(shape(size, 1)), rawTranspose(ones(shape(size, 1)))]));
  const blockForm = rawAdd([D, rawMul([num(-1), D, blocks, D])]);
  const K = commutation(rows, cols);
  const reordered = byRows ? rawMul([K, result, rawTranspose(K)]) : result;
  const i = byRows ? 'i' : 'j';
  const p = { tex: `\\mathbf{p}_{${i}}`, text: `p${i === 'i' ? 'ᵢ' : 'ⱼ'}` };
  const blockNote = note(
    `\\operatorname{blockdiag}\\left(\\operatorname{diag}(${p.tex}) - ${p.tex}${p.tex}^{\\top}\\right)_{${i}=1}^{${latexDim(count)}}`,
    `blockdiag(diag(${p.text}) − ${p.text}${p.text}ᵀ)_{${i}=1..${String(count).replace(/·/g, '')}}`,
  );
  // By columns the result is the block form itself: only its reading is added.
  const after: Part[] = byRows ? [reordered, EQUALS, blockForm, EQUALS, blockNote] : [result, EQUALS, blockNote];
  const unit = byRows ? 'row' : 'column';
  const explanation = byRows
    ? `Read the Jacobian row by row: each row pᵢ of the softmax depends only on the same row zᵢ, with local Jacobian diag(pᵢ) − pᵢpᵢᵀ. Taking the entries of both matrices row by row (vec(Pᵀ) = K vec(P), K the commutation matrix) turns J into K J Kᵀ, block diagonal: one ${latexDimText(cols)}×${latexDimText(cols)} block per row and zeros between rows.`
    : `Read the Jacobian column by column: each column pⱼ of the softmax depends only on the same column zⱼ, with local Jacobian diag(pⱼ) − pⱼpⱼᵀ. vec stacks the columns, so J is already block diagonal: one ${latexDimText(rows)}×${latexDimText(rows)} block per ${unit} and zeros between ${unit}s.`;
  return step('row-blocks', 'note', {
    explanation,
    before: [result],
    after,
    claims: [equalClaim(defs, reordered, blockForm)],
    value: result,
  });
}

const latexDimText = (n: Expr['shape']['rows']): string => String(n).replace(/·/g, '');
