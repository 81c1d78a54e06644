/**
 * The reshape of a column back to a matrix, in textbook form. The adjoint of vec (calculus/rules/
 * linear.ts unvec) writes the m×n matrix whose columns are the m-blocks of v (v of length m·n) as
 * (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ v), and numerator layout its transpose (I_n ⊗ vᵀ)(vec(I_n) ⊗ I_m)
 * (Magnus & Neudecker). When v is vec(Y) of an m×n matrix Y that product is Y itself (entry (i, j)
 * of the first is Σ_r vec(I_n)_{jn+r} v_{rm+i} = v_{jm+i} = Y_ij); 𝟏_(m·n) = vec(𝟏ₘ𝟏ₙᵀ); and since
 * the reshape only moves entries, it passes through sums, scalar multiples and element-wise
 * operations: unvec(c·vec(P) + f(vec(Q))) = c·P + f(Q).
 */
import type { Expr, ElementwiseFunction } from '../model/expr';
import { Dim, Shape, isColumn, isRow, isScalar, sameShape, shape } from '../model/shape';

/** The constructors the rebuilt matrix is made with (simplify/build.ts passes its own). */
export interface ReshapeBuilders {
  readonly add: (...terms: Expr[]) => Expr;
  readonly mul: (...factors: Expr[]) => Expr;
  readonly hadamard: (...factors: Expr[]) => Expr;
  readonly pow: (a: Expr, k: Expr) => Expr;
  readonly fn: (name: ElementwiseFunction, a: Expr) => Expr;
  readonly transpose: (a: Expr) => Expr;
  readonly ones: (s: Shape) => Expr;
  readonly zeros: (s: Shape) => Expr;
}

/**
 * The matrix for the pair a·b of a chain when it is a reshape of a column v written in the
 * Kronecker form above (either orientation), and v is one the reshape can be taken inside of;
 * undefined otherwise.
 */
export function reshapedPair(a: Expr, b: Expr, build: ReshapeBuilders): Expr | undefined {
  if (a.op !== 'kron' || b.op !== 'kron') return undefined;
  // (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ v) → the m×n reshape of v
  if (isVecEyeRow(a.args[0]) && a.args[1].op === 'eye' && b.args[0].op === 'eye' && isColumn(b.args[1].shape)) {
    const n = b.args[0].shape.rows;
    if (a.args[0].args[0].args[0].shape.rows !== n) return undefined;
    return reshaped(b.args[1], a.args[1].shape.rows, n, build);
  }
  // (I_n ⊗ vᵀ)(vec(I_n) ⊗ I_m) → the transpose of the m×n reshape of v
  if (a.args[0].op === 'eye' && isRow(a.args[1].shape) && isVecEye(b.args[0]) && b.args[1].op === 'eye') {
    const n = a.args[0].shape.rows;
    if (b.args[0].args[0].shape.rows !== n) return undefined;
    const m = reshaped(build.transpose(a.args[1]), b.args[1].shape.rows, n, build);
    return m === undefined ? undefined : build.transpose(m);
  }
  return undefined;
}

const isVecEye = (e: Expr): boolean => e.op === 'vec' && e.args[0].op === 'eye';
const isVecEyeRow = (e: Expr): boolean => e.op === 'transpose' && isVecEye(e.args[0]);

/** The m×n matrix whose column-stacking is the column v, when v is built of vec(·)s of m×n matrices. */
export function reshaped(v: Expr, m: Dim, n: Dim, build: ReshapeBuilders): Expr | undefined {
  if (isScalar(v.shape)) return v;
  if (!isColumn(v.shape)) return undefined;
  const target = shape(m, n);
  switch (v.op) {
    case 'vec':
      return sameShape(v.args[0].shape, target) ? v.args[0] : undefined;
    case 'ones':
      return build.ones(target);
    case 'zeros':
      return build.zeros(target);
    case 'add':
      return all(v.args, m, n, build, (terms) => build.add(...terms));
    case 'mul':
      // scalar factors and one column: c·v
      if (v.args.filter((f) => !isScalar(f.shape)).length !== 1) return undefined;
      return all(v.args, m, n, build, (factors) => build.mul(...factors));
    case 'hadamard':
      return all(v.args, m, n, build, (factors) => build.hadamard(...factors));
    case 'fn': {
      const inner = reshaped(v.args[0], m, n, build);
      return inner === undefined ? undefined : build.fn(v.name as ElementwiseFunction, inner);
    }
    case 'pow': {
      if (!isScalar(v.args[1].shape)) return undefined;
      const base = reshaped(v.args[0], m, n, build);
      return base === undefined ? undefined : build.pow(base, v.args[1]);
    }
    default:
      return undefined;
  }
}

function all(args: readonly Expr[], m: Dim, n: Dim, build: ReshapeBuilders, make: (parts: Expr[]) => Expr): Expr | undefined {
  const parts: Expr[] = [];
  for (const a of args) {
    const r = reshaped(a, m, n, build);
    if (r === undefined) return undefined;
    parts.push(r);
  }
  return make(parts);
}
