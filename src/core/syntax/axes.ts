/**
 * Functions along a dimension, MATLAB's way: a second argument 1 works down each column (one
 * result per column), 2 along each row (one result per row; rows are samples). sum(X, 1) is the
 * 1×n row 𝟏ᵀX, sum(X, 2) the m×1 column X𝟏; mean divides by the length summed over; logsumexp(X, d)
 * and softmax(X, d) are the row- or column-wise operators; logsoftmax(X, 2) = X − logsumexp(X, 2)𝟏ᵀ
 * and logsoftmax(v) = v − logsumexp(v)𝟏. Without a dimension, sum/mean/logsumexp reduce every
 * entry; softmax/logsoftmax of a matrix need one.
 */
import type { Span } from '../api';
import {
  type Axis, type Expr, num, ones, rawAdd, rawLogsumexpAlong, rawMul, rawPow, rawReduce, rawSoftmax, rawSoftmaxAlong, sizeNode,
} from '../model/expr';
import { shape } from '../model/shape';
import type { Ast } from './ast';
import { fail } from './diagnostics';
import { astText } from './print';

/** The functions that take an optional dimension, and those of them that normalize (same shape out). */
export const AXIS_FUNCTIONS: ReadonlySet<string> = new Set(['sum', 'mean', 'logsumexp', 'softmax', 'logsoftmax']);
export const NORMALIZATIONS: ReadonlySet<string> = new Set(['softmax', 'logsoftmax']);

/** The dimension argument: the literal 1 or 2 (parentheses allowed). */
export function axisArgument(fn: string, arg: Ast): Axis {
  let n = arg;
  while (n.kind === 'paren') n = n.arg;
  if (n.kind === 'number' && (n.value === 1 || n.value === 2)) return n.value;
  return fail(
    'call.argument',
    arg.span,
    `the dimension of ${fn} is 1 (down each column) or 2 (along each row), found ${astText(arg)}`,
  );
}

/** softmax(X) / logsoftmax(X) of a matrix: which normalization is meant is not guessed. */
export function needsAxis(fn: string, span: Span, argText: string): never {
  const each = fn === 'logsumexp' ? 'is taken over each row' : 'normalizes each row';
  const all = fn === 'logsumexp' ? `, ${fn}(vec(${argText})) over all entries` : '';
  return fail(
    'call.needs-dimension',
    span,
    `${fn} of a matrix needs a dimension: ${fn}(${argText}, 2) ${each} (rows are samples), ${fn}(${argText}, 1) each column${all}`,
  );
}

/** Build fn(x, d) (d given) or fn(x) for the functions of AXIS_FUNCTIONS, exactly as the text says. */
export function buildAlong(fn: string, x: Expr, d: Axis | undefined): Expr {
  const { rows, cols } = x.shape;
  if (d === undefined) {
    if (fn === 'softmax' || fn === 'logsoftmax') {
      const lse = rawReduce('logsumexp', x);
      return fn === 'logsoftmax' ? rawAdd([x, rawMul([num(-1), lse, ones(x.shape)])]) : rawSoftmax(x);
    }
    return rawReduce(fn as 'sum' | 'mean' | 'logsumexp', x);
  }
  switch (fn) {
    case 'sum':
      return d === 2 ? rawMul([x, ones(shape(cols, 1))]) : rawMul([ones(shape(1, rows)), x]);
    case 'mean': {
      const n = sizeNode(d === 2 ? shape(cols, 1) : shape(rows, 1));
      const summed = d === 2 ? [x, ones(shape(cols, 1))] : [ones(shape(1, rows)), x];
      return rawMul([...summed, rawPow(n, num(-1))]);
    }
    case 'logsumexp':
      return rawLogsumexpAlong(x, d);
    case 'softmax':
      return rawSoftmaxAlong(x, d);
    default: {
      const lse = rawLogsumexpAlong(x, d);
      const spread = d === 2 ? rawMul([lse, ones(shape(1, cols))]) : rawMul([ones(shape(rows, 1)), lse]);
      return rawAdd([x, rawMul([num(-1), spread])]);
    }
  }
}

