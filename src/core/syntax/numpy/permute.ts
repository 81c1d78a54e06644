/**
 * Reordering the axes of an array of at most two: `np.transpose(A, (1, 0))`, `A.transpose(1, 0)`
 * (NumPy: a permutation), `torch.transpose(A, 0, 1)`, `A.transpose(0, 1)` (PyTorch: two axes
 * swapped), `A.permute(1, 0)`, `torch.permute(A, (1, 0))`, `np.permute_dims`, `np.swapaxes(A, 0, 1)`,
 * `A.swapaxes(0, 1)`, `torch.swapdims`, `np.moveaxis(A, 0, 1)`, `torch.movedim`. On a 2-D array each
 * is Aᵀ or A itself; on a 1-D array (and a scalar) only the array itself can be asked for. Axes out of
 * range, repeated, or not a permutation are refused as the libraries refuse them (`numpy.argument`),
 * at the axes. `A.transpose(0, 1)` is A in NumPy but Aᵀ in PyTorch: the caller says which library
 * the code uses, and where nothing says, it is refused (`numpy.ambiguous-library`).
 */
import type { Span } from '../../api';
import { fail } from '../diagnostics';
import { asAtom, transposeNode } from '../nodes';
import type { Lowered } from './matmul';
import type { PyNode } from './parser';
import { integer } from './batch';

/** How the axes are given: a permutation of all axes (undefined: reversed), two axes swapped, or one axis moved. */
export type AxisOrder =
  | { readonly how: 'permutation'; readonly axes: readonly PyNode[] | undefined; readonly span: Span }
  | { readonly how: 'swap' | 'move'; readonly axes: readonly [PyNode, PyNode]; readonly span: Span };

/** The number of axes of a lowered array (unknown arrays are read as matrices, as `.T` reads them). */
const rank = (a: Lowered): number => (a.kind === 'scalar' ? 0 : a.kind === 'column' || a.kind === 'row' ? 1 : 2);

/** An axis as an index in 0…rank−1 (negative axes count from the end), or a refusal at it. */
function axisIndex(node: PyNode, n: number, shown: string): number {
  const v = integer(node);
  if (v === undefined) return fail('numpy.argument', node.span, `${shown}: an axis must be an integer, found ${node.kind}`);
  if (v < -n || v >= n) {
    return fail('numpy.argument', node.span, n === 0 ? `${shown}: a scalar has no axis ${v}` : `${shown}: axis ${v} is out of range for a ${n}-D array (${n === 1 ? '0 or -1' : '0, 1, -1 or -2'})`);
  }
  return v < 0 ? v + n : v;
}

/** `a` with its axes reordered: Aᵀ when the two axes of a 2-D array trade places, else `a` itself. */
export function reorderAxes(a: Lowered, order: AxisOrder, shown: string, span: Span): Lowered {
  const n = rank(a);
  let swapped: boolean;
  if (order.how === 'permutation') {
    if (order.axes === undefined) swapped = n === 2;
    else {
      if (order.axes.length !== n) {
        return fail('numpy.argument', order.span, `${shown}: the axes must name each of the ${n} ${n === 1 ? 'axis' : 'axes'} of the ${n === 0 ? 'scalar' : `${n}-D array`} once, found ${order.axes.length}`);
      }
      const at = order.axes.map((x) => axisIndex(x, n, shown));
      if (new Set(at).size !== at.length) return fail('numpy.argument', order.span, `${shown}: an axis is repeated`);
      swapped = n === 2 && at[0] === 1;
    }
  } else {
    const [i, j] = order.axes.map((x) => axisIndex(x, n, shown));
    swapped = i !== j;
  }
  if (!swapped) return a;
  return { ast: transposeNode(asAtom(a.ast), span), kind: a.kind };
}

/** Whether `a.transpose(i, j)` is the transpose both as NumPy (the order (1, 0)) and as PyTorch (axes 0 and 1 swapped) read it. */
export function transposeInEither(a: Lowered, i: PyNode, j: PyNode): boolean {
  const at = [integer(i), integer(j)].map((v) => (v === undefined || v < -2 || v > 1 ? undefined : v < 0 ? v + 2 : v));
  return rank(a) === 2 && at[0] === 1 && at[1] === 0;
}
