/**
 * The value of an expression on concrete arrays. The DAG is walked iteratively in postorder with a
 * memo by node id: every shared subexpression is computed once and deep expressions cannot
 * overflow the stack. Values are ml-matrix Matrices of the node's shape (scalars 1×1).
 *
 * Domain errors (log of a negative, a singular inverse, ...) give NaN or ±Infinity entries, never a
 * throw. A missing or wrongly sized variable, or an ill-shaped expression (a node whose value does
 * not have the node's shape, a product of incompatible factors), is a caller's bug: it throws.
 */
import { Matrix } from 'ml-matrix';
import { checkpoint } from '../limits/budget';
import { Expr, postorder, ElementwiseFunction, CONSTANTS, type ConstantName } from '../model/expr';
import { Dim, dimValue, isScalar } from '../model/shape';
import type { NumericEnv } from './env';
import { SCALAR_FUNCTIONS } from './elementwise';
import {
  commutationMatrix, filled, frobenius, logSumExp, logSumExpAlong, softmaxAlong, mapEntries, scalarMatrix, softmax, vec,
} from './matrices';
import { det, inverse, logAbsDet, matrixPower } from './linalg';
import { contractValues } from './contraction';
import { contractionSpec } from '../tensor/contraction';

/** Node id → value. */
export type Memo = Map<number, Matrix>;

/** The value of e in env (a fresh Matrix the caller may mutate). */
export function evaluate(e: Expr, env: NumericEnv): Matrix {
  const memo: Memo = new Map();
  evaluateNodes(postorder(e), env, memo);
  const v = memo.get(e.id) as Matrix;
  return e.op === 'var' ? v.clone() : v;
}

/** The order of evaluation of several roots: every distinct node once, children first. */
export function evaluationOrder(roots: readonly Expr[]): Expr[] {
  const seen = new Set<number>();
  const out: Expr[] = [];
  for (const r of roots) {
    for (const e of postorder(r)) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}

/**
 * Evaluate the nodes of `order` (children before parents, e.g. from `postorder`) that `memo` does
 * not hold yet, adding their values to `memo`. Lets callers reuse the values of nodes that do not
 * depend on a perturbed variable.
 */
export function evaluateNodes(order: readonly Expr[], env: NumericEnv, memo: Memo): void {
  for (const e of order) {
    checkpoint();
    if (memo.has(e.id)) continue;
    const v = evaluateNode(e, env, memo);
    const rows = dim(e.shape.rows, env);
    const cols = dim(e.shape.cols, env);
    if (v.rows !== rows || v.columns !== cols) {
      throw new Error(`ill-shaped expression: a '${e.op}' node of shape ${rows}×${cols} evaluated to ${v.rows}×${v.columns}`);
    }
    memo.set(e.id, v);
  }
}

const dim = (d: Dim, env: NumericEnv): number => dimValue(d, env.dims);

function evaluateNode(e: Expr, env: NumericEnv, memo: Memo): Matrix {
  const arg = (i: number): Matrix => memo.get(e.args[i].id) as Matrix;
  const rows = (): number => dim(e.shape.rows, env);
  const cols = (): number => dim(e.shape.cols, env);
  switch (e.op) {
    case 'var': return variableValue(e, env);
    case 'num': return scalarMatrix(e.value ?? NaN);
    case 'const': return scalarMatrix(CONSTANTS[e.name as ConstantName]);
    case 'zeros': return filled(rows(), cols(), 0);
    case 'ones': return filled(rows(), cols(), 1);
    case 'eye': return Matrix.eye(rows());
    case 'commutation': {
      const [p, q] = e.dims as readonly Dim[];
      return commutationMatrix(dim(p, env), dim(q, env));
    }
    case 'unit': {
      const n = rows();
      const i = e.value ?? NaN;
      if (!(Number.isInteger(i) && i >= 1 && i <= n)) return filled(n, 1, NaN);
      return filled(n, 1, 0).set(i - 1, 0, 1);
    }
    case 'size': {
      const [r, c] = e.dims as readonly Dim[];
      return scalarMatrix(dim(r, env) * dim(c, env));
    }
    case 'add': {
      const out = arg(0).clone();
      for (let i = 1; i < e.args.length; i++) out.add(arg(i));
      return out;
    }
    case 'mul': return product(e, memo);
    case 'hadamard': return hadamard(e, memo);
    case 'pow': return power(arg(0), arg(1));
    case 'maximum': case 'minimum': return extremum(e.op, arg(0), arg(1));
    case 'matpow': return matrixPower(arg(0), e.value ?? NaN);
    case 'transpose': return arg(0).transpose();
    case 'fn': return mapEntries(arg(0), SCALAR_FUNCTIONS[e.name as ElementwiseFunction] ?? (() => NaN));
    case 'sum': return scalarMatrix(arg(0).sum());
    case 'mean': return scalarMatrix(arg(0).mean());
    case 'norm1': return scalarMatrix(mapEntries(arg(0), Math.abs).sum());
    case 'norm2': return scalarMatrix(frobenius(arg(0)));
    case 'tr': return scalarMatrix(arg(0).trace());
    case 'det': return scalarMatrix(det(arg(0)));
    case 'logdet': return scalarMatrix(logAbsDet(arg(0)));
    case 'inv': return inverse(arg(0));
    case 'diagm': return Matrix.diag(arg(0).to1DArray());
    case 'diagv': return Matrix.columnVector(arg(0).diag());
    case 'softmax': return softmax(arg(0));
    case 'logsumexp': return scalarMatrix(logSumExp(arg(0)));
    case 'softmaxAlong': return softmaxAlong(arg(0), e.value === 1 ? 1 : 2);
    case 'logsumexpAlong': return logSumExpAlong(arg(0), e.value === 1 ? 1 : 2);
    case 'block': {
      const out = new Matrix(rows(), cols());
      e.args.forEach((a, k) => out.set(Math.floor(k / out.columns), k % out.columns, arg(k).get(0, 0)));
      return out;
    }
    case 'entry': {
      const a = arg(0);
      const [di, dj] = e.dims as readonly Dim[];
      const i = dim(di, env);
      const j = dim(dj, env);
      const inRange = i >= 1 && i <= a.rows && j >= 1 && j <= a.columns;
      return scalarMatrix(inRange ? a.get(i - 1, j - 1) : NaN);
    }
    case 'kron': return arg(0).kroneckerProduct(arg(1));
    case 'vec': return vec(arg(0));
    case 'contract': return contractValues(contractionSpec(e), e.args.map((_, i) => arg(i)));
  }
}

function variableValue(e: Expr, env: NumericEnv): Matrix {
  const v = env.values.get(e.name ?? '');
  if (!v) throw new Error(`no value for variable ${e.name}`);
  const r = dim(e.shape.rows, env);
  const c = dim(e.shape.cols, env);
  if (v.rows !== r || v.columns !== c) {
    throw new Error(`the value of ${e.name} is ${v.rows}×${v.columns}, expected ${r}×${c}`);
  }
  return v;
}

/** 1×1 factors (by their symbolic shape) scale; the others form a matrix-product chain in order. */
function product(e: Expr, memo: Memo): Matrix {
  let scale = 1;
  let chain: Matrix | undefined;
  for (const f of e.args) {
    const v = memo.get(f.id) as Matrix;
    if (isScalar(f.shape)) scale *= v.get(0, 0);
    else if (!chain) chain = v.clone();
    else if (chain.columns !== v.rows) {
      throw new Error(`ill-shaped product: ${chain.rows}×${chain.columns} times ${v.rows}×${v.columns}`);
    } else chain = chain.mmul(v);
  }
  if (!chain) return scalarMatrix(scale);
  return scale === 1 ? chain : chain.mul(scale);
}

/** Element-wise product; a 1×1 factor among larger ones scales. */
function hadamard(e: Expr, memo: Memo): Matrix {
  let scale = 1;
  let out: Matrix | undefined;
  for (const f of e.args) {
    const v = memo.get(f.id) as Matrix;
    if (isScalar(f.shape) && !isScalar(e.shape)) scale *= v.get(0, 0);
    else out = out ? out.mul(v) : v.clone();
  }
  if (!out) return scalarMatrix(scale);
  return scale === 1 ? out : out.mul(scale);
}

/** Element-wise max / min of two arrays of one shape. */
function extremum(op: 'maximum' | 'minimum', a: Matrix, b: Matrix): Matrix {
  const pick = op === 'maximum' ? Math.max : Math.min;
  const out = new Matrix(a.rows, a.columns);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) out.set(i, j, pick(a.get(i, j), b.get(i, j)));
  return out;
}

/** a .^ k with k 1×1 (or of a's shape: entry by entry). */
function power(a: Matrix, k: Matrix): Matrix {
  if (k.rows === 1 && k.columns === 1) {
    const p = k.get(0, 0);
    return mapEntries(a, (u) => Math.pow(u, p));
  }
  const out = new Matrix(a.rows, a.columns);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) out.set(i, j, Math.pow(a.get(i, j), k.get(i, j)));
  return out;
}
