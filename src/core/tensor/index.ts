/**
 * Tensors: einsum specs (spec.ts), their lowering to matrix operations (lower.ts), the general
 * contraction node where there is none (contraction.ts, in components: contractionText.ts), and
 * the index form of derivatives (components.ts → formula.ts → write.ts).
 */
import type { Derivative } from '../calculus/form';
import { isScalar, type Shape } from '../model/shape';
import type { KnownDimensions } from '../write/index';
import { NoIndexForm } from './components';
import { indexFormula, type IndexFormula } from './formula';
import { assertWritable, writeIndexForm, writeIndexFormUnicode, type WrittenIndexForm } from './write';

export { NoIndexForm } from './components';
export type { WrittenIndexForm } from './write';
export { indexFormula } from './formula';
export type { IndexFormula } from './formula';

const axes = (s: Shape): number => (s.rows === 1 ? 0 : 1) + (s.cols === 1 ? 0 : 1);

/** The number of indices of a derivative's components (∂fᵢⱼ/∂Xₖₗ: 4). */
export function tensorOrder(d: Derivative): number {
  if (d.wrt.length !== 1) return axes(d.f.shape) + d.order;
  return axes(d.f.shape) + d.order * axes(d.wrt[0].shape);
}

/**
 * The index form of a derivative with respect to one variable, written for a reader given
 * `dimensions` (the request's declarations); NoIndexForm when there is none.
 */
export function indexFormOf(d: Derivative, dimensions?: KnownDimensions): WrittenIndexForm {
  return writeIndexForm(formulaOf(d), dimensions);
}

/** indexFormOf's Unicode line alone (its LaTeX not written); NoIndexForm when there is none. */
export function indexFormUnicodeOf(d: Derivative, dimensions?: KnownDimensions): Pick<WrittenIndexForm, 'unicode'> {
  return writeIndexFormUnicode(formulaOf(d), dimensions);
}

/**
 * Why the derivative has no index form — the message of the NoIndexForm that indexFormOf throws — or
 * undefined when it has one; its formula is built, but not written.
 */
export function indexFormProblem(d: Derivative): string | undefined {
  try {
    assertWritable(formulaOf(d));
    return undefined;
  } catch (e) {
    if (e instanceof NoIndexForm) return e.message;
    throw e;
  }
}

function formulaOf(d: Derivative): IndexFormula {
  if (d.wrt.length !== 1) throw new NoIndexForm('the index form is written for one variable at a time');
  if (d.order === 2 && !isScalar(d.f.shape)) throw new NoIndexForm('a second derivative needs a scalar function');
  return indexFormula(d.f, d.wrt[0], d.order);
}
