/**
 * Reductions (sum, trace, norms…) and the functions of a whole vector or axis (softmax, logsumexp).
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { type Expr, num, ones, rawReduce, rawSoftmax, rawSoftmaxAlong, rawLogsumexpAlong, type Axis, sizeNode, type ReductionOp } from '../model/expr';
import * as Q from '../model/rational';
import { isScalar, sameShape, shape } from '../model/shape';
import { add } from './add';
import { fn } from './elementwise';
import { isOnes, splitCoefficient } from './numbers';
import { mul } from './product';

export function reduce(op: ReductionOp, a: Expr): Expr {
  if (isScalar(a.shape)) {
    switch (op) {
      case 'sum': case 'mean': case 'tr': case 'det': case 'logsumexp': return a;
      case 'norm1': case 'norm2': return fn('abs', a);
      case 'logdet': return fn('log', fn('abs', a));
    }
  }
  if (a.op === 'zeros' && (op === 'sum' || op === 'mean' || op === 'tr' || op === 'norm1' || op === 'norm2')) return num(0);
  if (op === 'sum' && a.op === 'ones') return sizeNode(a.shape);
  // The entries of a softmax add up to 1.
  if (op === 'sum' && a.op === 'softmax') return num(1);
  // A softmax along rows (d = 2) has rows that add up to 1: its sum is the number of rows; along columns, of columns.
  if (op === 'sum' && a.op === 'softmaxAlong') return sizeNode(a.value === 2 ? shape(a.shape.rows, 1) : shape(a.shape.cols, 1));
  if (op === 'mean' && a.op === 'ones') return num(1);
  if (op === 'tr' && a.op === 'eye') return sizeNode(shape(a.shape.rows, 1));
  if ((op === 'tr' || op === 'det' || op === 'logdet') && a.op === 'transpose') return reduce(op, a.args[0]);
  if (op === 'sum' && a.op === 'transpose') return reduce('sum', a.args[0]);
  // vec only stacks the entries: sum(vec(X)) = sum(X), mean(vec(X)) = mean(X).
  if ((op === 'sum' || op === 'mean') && a.op === 'vec') return reduce(op, a.args[0]);
  // Scalar multiples come out of linear reductions: sum(c·a) = c·sum(a), tr(c·A) = c·tr(A).
  if ((op === 'sum' || op === 'tr' || op === 'mean') && a.op === 'mul') {
    const scalars = a.args.filter((f) => isScalar(f.shape));
    const chain = a.args.filter((f) => !isScalar(f.shape));
    if (scalars.length > 0) return mul(...scalars, reduce(op, chain.length === 1 ? chain[0] : mul(...chain)));
  }
  if (op === 'tr' && a.op === 'add') return add(...a.args.map((t) => reduce(op, t)));
  // The entries of v − mean(v)𝟏 add up to 0: sum(x − mean(x)𝟏 + r) = sum(r), and so for the mean.
  if ((op === 'sum' || op === 'mean') && a.op === 'add') {
    const rest = withoutCentredPairs(a);
    if (rest) return rest.length === 0 ? num(0) : reduce(op, rest.length === 1 ? rest[0] : add(...rest));
  }
  return rawReduce(op, a);
}

/**
 * The terms of a sum `a` left after taking out each centred pair c·v and −c·mean(v)𝟏 (v of a's shape,
 * 𝟏 all ones of that shape), whose entries add up to c·(sum(v) − N·mean(v)) = 0; undefined when
 * there is no such pair.
 */
function withoutCentredPairs(a: Expr): Expr[] | undefined {
  const parts = a.args.map(splitCoefficient);
  const gone = new Set<number>();
  parts.forEach(([c, t], i) => {
    if (gone.has(i) || t.op !== 'mul' || t.args.length !== 2) return;
    const mean = t.args.find((f) => f.op === 'mean');
    const ones = t.args.find((f) => f !== mean && isOnes(f) && sameShape(f.shape, a.shape));
    if (mean === undefined || ones === undefined || !sameShape(mean.args[0].shape, a.shape)) return;
    const j = parts.findIndex(([d, u], k) => k !== i && !gone.has(k) && u === mean.args[0] && Q.equals(d, Q.neg(c)));
    if (j < 0) return;
    gone.add(i);
    gone.add(j);
  });
  return gone.size === 0 ? undefined : a.args.filter((_, i) => !gone.has(i));
}

export const softmax = (z: Expr): Expr => rawSoftmax(z);

/** softmax(Z, d): of each row (d = 2) or column (d = 1); a single row or column is the vector softmax, a length-1 one is 1. */
export function softmaxAlong(z: Expr, d: Axis): Expr {
  const length = d === 2 ? z.shape.cols : z.shape.rows;
  if (length === 1) return ones(z.shape);
  if ((d === 2 ? z.shape.rows : z.shape.cols) === 1) return softmax(z);
  return rawSoftmaxAlong(z, d);
}

/** logsumexp(Z, d): of each row (d = 2, m×1) or column (d = 1, 1×n); of a single row or column, the scalar logsumexp. */
export function logsumexpAlong(z: Expr, d: Axis): Expr {
  const length = d === 2 ? z.shape.cols : z.shape.rows;
  if (length === 1) return z;
  if ((d === 2 ? z.shape.rows : z.shape.cols) === 1) return reduce('logsumexp', z);
  return rawLogsumexpAlong(z, d);
}
