/**
 * simplify(e): rebuild an expression bottom-up through the smart constructors (build.ts), then
 * factor and tidy it for presentation. Used on inputs (e.g. to compare a user's expected form) and
 * in tests to show that every identity is sound (the result evaluates equal to the input).
 */
import { Axis, Expr, postorder, block, commutation, unit, sizeNode, entry as rawEntry, variable } from '../model/expr';
import {
  add, mul, hadamard, pow, extremum, matpow, transpose, fn, reduce, inv, diagm, diagv, softmax, softmaxAlong, logsumexpAlong, kron, vec, zeros, ones, eye,
} from './build';
import { factorize } from '../present/factor';
import { contraction, contractionSpec } from '../tensor/contraction';
import { tidy } from '../present/tidy';

/** e rebuilt over new arguments through the smart constructors. */
export function rebuildNode(e: Expr, a: readonly Expr[]): Expr {
  switch (e.op) {
    case 'var': return variable(e.name as string, e.shape, e.symmetric, e.probabilities);
    case 'num': case 'const': return e;
    case 'zeros': return zeros(e.shape);
    case 'ones': return ones(e.shape);
    case 'eye': return eye(e.shape.rows);
    case 'commutation': return commutation((e.dims as never)[0], (e.dims as never)[1]);
    case 'unit': return unit(e.shape.rows, e.value as number);
    case 'size': return sizeNode({ rows: (e.dims as never)[0], cols: (e.dims as never)[1] });
    case 'add': return add(...a);
    case 'mul': return mul(...a);
    case 'hadamard': return hadamard(...a);
    case 'pow': return pow(a[0], a[1]);
    case 'maximum': case 'minimum': return extremum(e.op, a[0], a[1]);
    case 'matpow': return matpow(a[0], e.value as number);
    case 'transpose': return transpose(a[0]);
    case 'fn': return fn(e.name as never, a[0]);
    case 'sum': case 'mean': case 'norm1': case 'norm2': case 'tr': case 'det': case 'logdet': case 'logsumexp':
      return reduce(e.op, a[0]);
    case 'inv': return inv(a[0]);
    case 'diagm': return diagm(a[0]);
    case 'diagv': return diagv(a[0]);
    case 'softmax': return softmax(a[0]);
    case 'softmaxAlong': return softmaxAlong(a[0], e.value as Axis);
    case 'logsumexpAlong': return logsumexpAlong(a[0], e.value as Axis);
    case 'block': return block((e.dims as number[])[0], (e.dims as number[])[1], a);
    case 'entry': return rawEntry(a[0], (e.dims as number[])[0], (e.dims as number[])[1]);
    case 'kron': return kron(a[0], a[1]);
    case 'vec': return vec(a[0]);
    case 'contract': {
      const s = contractionSpec(e);
      return contraction(a.map((expr, k) => ({ expr, letters: s.inputs[k] })), s.rows, s.cols);
    }
  }
}

/** Apply the smart constructors everywhere (algebraic normal form, no presentation passes). */
export function normalize(root: Expr): Expr {
  const done = new Map<number, Expr>();
  for (const e of postorder(root)) done.set(e.id, rebuildNode(e, e.args.map((x) => done.get(x.id) as Expr)));
  return done.get(root.id) as Expr;
}

export function simplify(root: Expr): Expr {
  return tidy(factorize(normalize(root)));
}
