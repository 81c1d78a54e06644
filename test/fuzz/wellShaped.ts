/**
 * The shape invariant of the model, checked node by node: the terms of a sum share its shape, the
 * non-scalar factors of a product form a valid chain whose ends give its shape, element-wise
 * operands share a shape, square-only operators get square matrices. A derivative that breaks it
 * is wrong whatever its values (and the numeric evaluator throws on it).
 */
import { postorder, type Expr } from '../../src/core/model/expr';
import { isScalar, sameShape, shapeText, type Shape } from '../../src/core/model/shape';

const square = (s: Shape): boolean => s.rows === s.cols;

function nodeProblem(e: Expr): string | undefined {
  const a = e.args;
  switch (e.op) {
    case 'add':
      if (a.some((t) => !sameShape(t.shape, e.shape))) return `a sum of ${a.map((t) => shapeText(t.shape)).join(' + ')} is ${shapeText(e.shape)}`;
      return undefined;
    case 'hadamard': {
      const arrays = a.filter((t) => !isScalar(t.shape));
      if (arrays.some((t) => !sameShape(t.shape, e.shape))) return `an element-wise product of ${a.map((t) => shapeText(t.shape)).join(' ⊙ ')} is ${shapeText(e.shape)}`;
      return undefined;
    }
    case 'mul': {
      const chain = a.filter((t) => !isScalar(t.shape));
      for (let i = 0; i + 1 < chain.length; i++) {
        if (chain[i].shape.cols !== chain[i + 1].shape.rows) {
          return `a product chain ${chain.map((t) => shapeText(t.shape)).join(' · ')} does not fit at factor ${i + 1}`;
        }
      }
      const expected = chain.length === 0 ? e.shape : { rows: chain[0].shape.rows, cols: chain[chain.length - 1].shape.cols };
      if (!sameShape(expected, e.shape)) return `a product of ${a.map((t) => shapeText(t.shape)).join(' · ')} is ${shapeText(e.shape)}`;
      return undefined;
    }
    case 'pow':
      return isScalar(a[1].shape) || sameShape(a[1].shape, a[0].shape) ? undefined : `an exponent of shape ${shapeText(a[1].shape)}`;
    case 'matpow': case 'inv': case 'det': case 'logdet': case 'tr': case 'diagv':
      return square(a[0].shape) ? undefined : `${e.op} of a ${shapeText(a[0].shape)} matrix`;
    default:
      return undefined;
  }
}

/** The first ill-shaped node of e (children first), described, or undefined. */
export function shapeProblem(root: Expr): string | undefined {
  for (const e of postorder(root)) {
    const p = nodeProblem(e);
    if (p) return p;
  }
  return undefined;
}
