/** The derivative operator as LaTeX, e.g. \frac{\partial f}{\partial \mathbf{x}}, for the result's equation. */
import type { Layout } from '../api';
import { isMatrix, isScalar } from '../model/shape';
import { toLatex } from '../write/index';
import type { Derivative } from '../calculus/form';

/** Inputs longer than this are called f in the equation instead of being repeated. */
const INLINE_LIMIT = 12;

/** `nameLatex`: the function's name in the answer (present/functionName.ts), written where the input is long. */
export function derivativeLatex(d: Derivative, layout: Layout, resultLatex: string, inputLatex?: string, nameLatex = 'f'): string {
  const fl = d.f.size <= INLINE_LIMIT ? (inputLatex ?? toLatex(d.f)) : nameLatex;
  const inline = d.f.size <= INLINE_LIMIT;
  const x = d.wrt.length === 1 ? toLatex(d.wrt[0]) : `(${d.wrt.map((v) => toLatex(v)).join(', ')})`;
  const vecForm = d.form === 'jacobian' && d.order === 1 && (isMatrix(d.f.shape) || d.wrt.some((v) => isMatrix(v.shape)));
  let op: string;
  if (d.order === 2) {
    op = isScalar(d.wrt[0].shape) && d.wrt.length === 1
      ? `\\frac{\\partial^2}{\\partial ${x}^2}`
      : `\\frac{\\partial^2}{\\partial ${x}\\,\\partial ${x}^{\\top}}`;
  } else if (vecForm) {
    const num = `\\partial \\operatorname{vec}`;
    op = layout === 'denominator'
      ? `\\frac{\\partial (\\operatorname{vec} ${x})}{${num}(${fl})^{\\top}}`
      : `\\frac{${num}(${fl})}{\\partial (\\operatorname{vec} ${x})^{\\top}}`;
    return `${op} = ${resultLatex}`;
  } else {
    op = `\\frac{\\partial}{\\partial ${x}}`;
  }
  return inline ? `${op}\\left(${fl}\\right) = ${resultLatex}` : `${op} ${fl} = ${resultLatex}`;
}
