/**
 * Sizes of arrays in NumPy, PyTorch and JAX code, read as the plain syntax's size expressions:
 *
 * | code | library | reads as |
 * |---|---|---|
 * | `A.shape[i]`, `len(A)` (axis 0), `np.size(A, i)`, `np.size(A, axis=i)` | NumPy, JAX | size(A, 1) or size(A, 2) |
 * | `A.size(i)`, `A.size(dim=i)`, `A.size()[i]` | PyTorch | size(A, 1) or size(A, 2) |
 * | `np.size(A)`, `jnp.size(A)` | NumPy, JAX | numel(A) |
 * | `A.numel()`, `torch.numel(A)` | PyTorch | numel(A) |
 * | `A.size` | NumPy, JAX (a number) | numel(A) |
 *
 * size(A, d) is the size node of one dimension (the same node as the dimension's name: `X.shape[0]`
 * is N when X is matrix(N, d)); numel(A) the size node of rows·cols, the same node as count(m, n) and
 * the N of mean(A). Where the libraries differ the code decides: `A.size` is the number of entries of
 * a NumPy or JAX array but a method of a PyTorch tensor (A.size / 2 is an error there), and
 * `A.size(0)` calls a number in NumPy (an error). `A.size` is read in code that uses NumPy or JAX and
 * not PyTorch; `A.size(i)` and `A.numel()` (no method of a NumPy array) are refused in code that uses
 * NumPy or JAX and not PyTorch; where nothing
 * says, `A.size` is refused (`numpy.ambiguous-library`). Axes out of range, a scalar's axes and arrays
 * whose number of axes is not known are refused at the cause.
 */
import type { Span } from '../../api';
import { fail } from '../diagnostics';
import { callNode, numberNode } from '../nodes';
import { integer } from './batch';
import type { Lowered } from './matmul';
import type { PyNode } from './parser';

/** Which libraries the code uses, as far as the reader can see (matmul.ts usesPyTorch, usesNumPy). */
export interface CodeLibraries {
  readonly torch: boolean;
  readonly numpy: boolean;
}

/**
 * The length of an axis of an array, `A.shape[i]` (`len(A)`: axis 0, `A.size(i)`) — a size, the scalar
 * size(A, 1) or size(A, 2) of the plain syntax. A 1-D array has one axis (its length, whether it acts
 * as a column or a row), a 2-D array two; a scalar none, and an array whose number of axes is not
 * known here is refused (declare it). `shown`: the array as written; `what`: the call as written, for errors.
 */
export function lengthOf(r: Lowered, index: PyNode, span: Span, arraySpan: Span, shown: string, what = `${shown}.shape`): Lowered {
  const i = integer(index);
  if (i === undefined) return fail('numpy.unsupported', index.span, `${what} takes an integer index (0 for the first axis)`);
  const axes = r.kind === 'scalar' ? 0 : r.kind === 'column' || r.kind === 'row' ? 1 : r.kind === 'matrix' ? 2 : undefined;
  if (axes === undefined) return fail('numpy.unsupported', arraySpan, `the number of axes of ${shown} is not known here: declare it (e.g. # ${shown}: matrix(N, d))`);
  if (i < -axes || i >= axes) {
    return fail('numpy.argument', index.span, axes === 0 ? `${shown} is a scalar: its shape () has no axis ${i}` : `${shown} is ${axes}-D: axis ${i} is out of range (${axes === 1 ? '0 or -1' : '0, 1, -1 or -2'})`);
  }
  const axis = i < 0 ? i + axes : i;
  const d = axes === 1 ? (r.kind === 'row' ? 2 : 1) : axis + 1;
  return { ast: callNode('size', [r.ast, numberNode(d, String(d), index.span)], span, span), kind: 'scalar' };
}

/** The number of entries of an array (np.size(A), A.numel(), NumPy's A.size): numel(A). */
export function numelOf(r: Lowered, span: Span, nameSpan: Span): Lowered {
  return { ast: callNode('numel', [r.ast], span, nameSpan), kind: 'scalar' };
}

/** NumPy's and JAX's attribute `A.size`, the number of entries: read where the code says it is theirs. */
export function sizeAttribute(r: Lowered, span: Span, attrSpan: Span, shown: string, code: CodeLibraries): Lowered {
  if (code.numpy && !code.torch) return numelOf(r, span, attrSpan);
  const both = code.numpy && code.torch;
  return fail(code.torch && !both ? 'numpy.unsupported' : 'numpy.ambiguous-library', attrSpan,
    code.torch && !both
      ? `${shown}.size is a method of a PyTorch tensor, not a number: ${shown}.numel() is the number of its entries, ${shown}.size(0) the length of its first axis`
      : `${shown}.size is the number of entries of a NumPy array but a method of a PyTorch tensor, and nothing here says which ${shown} is: ` +
          `write np.size(${shown}) or ${shown}.numel() for the number of entries, ${shown}.shape[0] for the length of the first axis`);
}

/** PyTorch's `A.size(i)` (a call of NumPy's number A.size fails): refused in code of NumPy or JAX only. */
export function checkSizeMethod(nameSpan: Span, shown: string, code: CodeLibraries): void {
  if (code.numpy && !code.torch) {
    fail('numpy.unsupported', nameSpan, `${shown}.size is a number in NumPy and JAX (the number of entries), not a method: write ${shown}.shape[0] for the length of the first axis, np.size(${shown}) or ${shown}.size for the number of entries`);
  }
}

/** PyTorch's `A.numel()` (NumPy's and JAX's arrays have no such method): refused in code of NumPy or JAX only. */
export function checkNumelMethod(nameSpan: Span, shown: string, code: CodeLibraries): void {
  if (code.numpy && !code.torch) {
    fail('numpy.unsupported', nameSpan, `${shown}.numel() is a method of a PyTorch tensor; NumPy's and JAX's arrays have none: write np.size(${shown}) or ${shown}.size for the number of entries`);
  }
}
