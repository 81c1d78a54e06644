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
import { type Expr, rawDiagm, rawMul, rawTranspose, rawVec } from '../model/expr';
import { blockDiagonal, blockReading, softmaxBlocks } from '../present/blocks';
import { unicodeDim } from '../write/names';
import { replaceNode } from './substitute';
import { equalClaim, step } from './context';
import { EQUALS, note } from './notation';
import type { Definitions, Part, Step } from './step';
import type { Writer } from './writer';

export function rowBlocksStep(w: Writer, result: Expr, d: Derivative, defs: Definitions): Step | undefined {
  const b = softmaxBlocks(d);
  if (!b) return undefined;
  const blockForm = blockDiagonal(rawDiagm(rawVec(b.ordered)), b);
  const reordered = b.reorder ? rawMul([b.reorder, result, rawTranspose(b.reorder)]) : result;
  // Written with the derivation's own name for the softmax (P, defined in its first step) and J,
  // the Jacobian the identification step named; the claim is over the expressions themselves.
  const named = [...defs].find(([, def]) => def === b.p)?.[0];
  const shownForm = named ? replaceNode(blockForm, b.p, named) : blockForm;
  const reading = blockReading(b, named ? w.unicode(named) : 'P');
  const blockNote = note(reading.latex, reading.unicode);
  const J = b.reorder ? note(`${w.latex(b.reorder)} J ${w.latex(rawTranspose(b.reorder))}`, `${w.unicode(b.reorder)} J ${w.unicode(rawTranspose(b.reorder))}`) : note('J');
  const after: Part[] = [J, EQUALS, shownForm, EQUALS, blockNote];
  const size = unicodeDim(b.size).replace(/·/g, '');
  const explanation = b.byRows
    ? `Read the Jacobian row by row: each row pᵢ of the softmax depends only on the same row zᵢ, with local Jacobian diag(pᵢ) − pᵢpᵢᵀ. Taking the entries of both matrices row by row (vec(Pᵀ) = 𝐊 vec(P), 𝐊 the commutation matrix) turns J into 𝐊 J 𝐊ᵀ, block diagonal: one ${size}×${size} block per row and zeros between rows.`
    : `Read the Jacobian column by column: each column pⱼ of the softmax depends only on the same column zⱼ, with local Jacobian diag(pⱼ) − pⱼpⱼᵀ. vec stacks the columns, so J is already block diagonal: one ${size}×${size} block per column and zeros between columns.`;
  return step('row-blocks', 'note', {
    explanation,
    before: [named ? replaceNode(result, b.p, named) : result],
    after,
    claims: [equalClaim(defs, reordered, blockForm)],
    value: result,
  });
}
