/**
 * Local Jacobians: for a node u = op(a₁, …), D = ∂vec(u)/∂vec(aᵢ)ᵀ (|u|×|aᵢ|, numerator layout,
 * column-major vec). These are Parr & Howard's "local Jacobians" (diag(f′(a)) for an element-wise
 * function, A for A·x, 𝟏ᵀ for a sum) and, for matrix arguments, the vec/Kronecker forms of
 * Magnus & Neudecker (∂vec(LXR)/∂vec(X)ᵀ = Rᵀ ⊗ L). The Jacobian engine chains them (jacobian.ts).
 */
import { commutation, Expr, unit } from '../model/expr';
import { isScalar, isColumn, isRow, isMatrix, sizeOf, shape } from '../model/shape';
import {
  add, diagm, eye, hadamard, inv, kron, matpow, mul, neg, num, ones, pow, reduce, softmax, sub, transpose, vec, fn,
  zeros,
} from '../simplify/build';
import { elementwiseDerivative } from './elementwise';
import { UnsupportedDerivative } from './unsupported';
import { MAX_MATRIX_EXPONENT } from '../limits/exponent';

const productOf = (fs: readonly Expr[]): Expr | undefined => (fs.length === 0 ? undefined : mul(...fs));

/** diag(vec(v)): the Jacobian of an element-wise operation with derivative values v. */
const diagOf = (v: Expr): Expr => (isScalar(v.shape) ? v : diagm(vec(v)));

/** A row vec(v)ᵀ: the Jacobian of a scalar-valued function with gradient v. */
const rowOf = (v: Expr): Expr => transpose(vec(v));

export function localJacobian(u: Expr, i: number): Expr {
  const a = u.args[i];
  switch (u.op) {
    case 'add':
      return eye(sizeOf(a.shape));
    case 'transpose':
      return isMatrix(a.shape) ? commutation(a.shape.rows, a.shape.cols) : eye(sizeOf(a.shape));
    case 'mul': {
      if (isScalar(a.shape)) return vec(productOf(u.args.filter((_, j) => j !== i)) ?? num(1));
      const scalars = u.args.filter((f) => isScalar(f.shape));
      let k = 0;
      for (let j = 0; j < i; j++) if (!isScalar(u.args[j].shape)) k++;
      const chain = u.args.filter((f) => !isScalar(f.shape));
      const left = productOf(chain.slice(0, k));
      const right = productOf(chain.slice(k + 1));
      // vec(L a R) = (Rᵀ ⊗ L) vec(a); with no R: (I ⊗ L), which is L itself when a is a column.
      const L = left ?? eye(a.shape.rows);
      const R = right ?? eye(a.shape.cols);
      const core = isColumn(a.shape) && !right ? L : isRow(a.shape) && !left ? transpose(R) : kron(transpose(R), L);
      return mul(...scalars, core);
    }
    case 'hadamard':
      return diagOf(hadamard(...u.args.filter((_, j) => j !== i)));
    case 'pow': {
      const [base, k] = u.args;
      if (i === 0) return diagOf(mul(k, pow(base, sub(k, num(1)))));
      return vec(hadamard(u, fn('log', base)));
    }
    case 'matpow': {
      const k = u.value as number;
      if (k > MAX_MATRIX_EXPONENT) throw new UnsupportedDerivative(`a matrix power with exponent ${k} (at most ${MAX_MATRIX_EXPONENT})`);
      const terms: Expr[] = [];
      for (let j = 0; j < k; j++) terms.push(kron(transpose(matpow(a, k - 1 - j)), matpow(a, j)));
      return terms.length === 0 ? zeros(shape(sizeOf(u.shape), sizeOf(a.shape))) : add(...terms);
    }
    case 'fn':
      return diagOf(elementwiseDerivative(u.name as never, a, u));
    case 'sum':
      return rowOf(ones(a.shape));
    case 'mean':
      return mul(pow(reduce('sum', ones(a.shape)), num(-1)), rowOf(ones(a.shape)));
    case 'norm1':
      return rowOf(fn('sign', a));
    case 'norm2':
      return mul(pow(u, num(-1)), rowOf(a));
    case 'tr':
      return rowOf(eye(a.shape.rows));
    case 'det':
      return mul(u, rowOf(transpose(inv(a))));
    case 'logdet':
      return rowOf(transpose(inv(a)));
    case 'inv':
      return neg(kron(transpose(u), u));
    case 'softmax':
      return sub(diagm(u), mul(u, transpose(u)));
    case 'diagm':
      // vec(diag v) = vec(I) ⊙ (𝟏 ⊗ v), so ∂vec(diag v)/∂vᵀ = diag(vec I)(𝟏 ⊗ I).
      return diagonalEmbedding(u.shape.rows);
    case 'diagv':
      // diag(A) = Dᵀ vec(A) with the same embedding D.
      return transpose(diagonalEmbedding(a.shape.rows));
    case 'logsumexp':
      return transpose(softmax(a));
    case 'block': {
      const [rows, cols] = u.dims as number[];
      const r = Math.floor(i / cols);
      const c = i % cols;
      return unit(rows * cols, c * rows + r + 1);
    }
    case 'entry': {
      const [r, c] = u.dims as number[];
      return transpose(unit(sizeOf(a.shape), (c - 1) * (a.shape.rows as number) + r));
    }
    default:
      throw new UnsupportedDerivative(`${u.op} in a Jacobian`);
  }
}

/** D_n = ∂vec(diag v)/∂vᵀ (n²×n): column i is eᵢ ⊗ eᵢ. */
function diagonalEmbedding(n: Expr['shape']['rows']): Expr {
  return mul(diagm(vec(eye(n))), kron(ones(shape(n, 1)), eye(n)));
}
