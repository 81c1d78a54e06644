/**
 * Matrix constructors: transpose, inverse, matrix powers, symmetry, diag, Kronecker products, vec, entries, inner products.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { transposedContraction } from '../tensor/contraction';
import { type Expr, num, rationalNum, zeros, ones, eye, rawMatpow, rawTranspose, rawInv, rawDiagm, rawDiagv, rawKron, rawVec, entry as rawEntry } from '../model/expr';
import { isScalar, isColumn, isRow, shape, transposeShape, sizeOf } from '../model/shape';
import * as Q from '../model/rational';
import { LARGE_SUM, add } from './add';
import { hadamard } from './hadamard';
import { isOne, isZero, splitCoefficient } from './numbers';
import { isZeroOne, pow } from './power';
import { mul } from './product';
import { reduce } from './reductions';

/** A vector-like expression as a column. */
export function asColumn(v: Expr): Expr {
  return isRow(v.shape) ? transpose(v) : v;
}

export function matpow(a: Expr, k: number): Expr {
  if (k === 0) return eye(a.shape.rows);
  if (k === 1) return a;
  // diag(𝟙[u > 0])ᵏ = diag(𝟙[u > 0]) for an integer k ≥ 1 (diag(d)ᵏ = diag(dᵏ), and dᵏ = d for entries 0 or 1)
  if (k > 0 && Number.isInteger(k) && a.op === 'diagm' && isZeroOne(a.args[0])) return a;
  if (a.op === 'matpow') return matpow(a.args[0], k * (a.value as number));
  // 𝐊(n,n) is its own inverse (a permutation, 𝐊(n,n)ᵀ = 𝐊(n,n)): its even powers are I, its odd ones itself.
  if (Number.isInteger(k) && a.op === 'commutation' && a.dims?.[0] === a.dims?.[1]) return k % 2 === 0 ? eye(a.shape.rows) : a;
  if (k > 0 && Number.isInteger(k) && a.op === 'diagm') return diagm(pow(a.args[0], num(k)));
  return rawMatpow(a, k);
}

/**
 * Is `a` symmetric whatever its variables' values (Aᵀ = A)? Symmetric variables, I, diagonal
 * matrices, square all-ones; products that read the same transposed and reversed (XᵀX, XXᵀ,
 * BᵀSB with S symmetric); sums closed under transposition (A + Aᵀ); inverses and powers of
 * symmetric matrices; element-wise functions and Hadamard products of symmetric matrices.
 */
export function isSymmetric(a: Expr): boolean {
  if (isScalar(a.shape)) return true;
  if (a.shape.rows !== a.shape.cols) return false;
  const known = SYMMETRIC.get(a);
  if (known !== undefined) return known;
  let out: boolean;
  switch (a.op) {
    case 'var': out = a.symmetric === true; break;
    case 'eye': case 'diagm': case 'ones': case 'zeros': out = true; break;
    case 'inv': case 'matpow': case 'fn': out = isSymmetric(a.args[0]); break;
    case 'hadamard': out = a.args.every(isSymmetric); break;
    case 'mul': {
      const chain = a.args.filter((f) => !isScalar(f.shape));
      const n = chain.length;
      out = chain.every((f, i) => (i === n - 1 - i ? isSymmetric(f) : transpose(f) === chain[n - 1 - i]));
      break;
    }
    case 'add': {
      const terms = new Set(a.args);
      out = a.args.every((t) => isSymmetric(t) || terms.has(transpose(t)));
      break;
    }
    default: out = false;
  }
  SYMMETRIC.set(a, out);
  return out;
}

const SYMMETRIC = new WeakMap<Expr, boolean>();

export function transpose(a: Expr): Expr {
  if (isScalar(a.shape)) return a;
  if (a.op !== 'transpose' && a.op !== 'var' && isSymmetric(a)) return a;
  switch (a.op) {
    case 'transpose':
      return a.args[0];
    case 'var':
      return a.symmetric ? a : rawTranspose(a);
    case 'eye':
      return a;
    case 'zeros':
      return zeros(transposeShape(a.shape));
    case 'ones':
      return ones(transposeShape(a.shape));
    case 'diagm':
      return a;
    case 'mul':
      return mul(...[...a.args].reverse().map(transpose));
    case 'kron':
      return kron(transpose(a.args[0]), transpose(a.args[1]));
    case 'inv':
      // (X⁻¹)ᵀ kept as the canonical X⁻ᵀ; (Xᵀ)⁻¹ is rewritten to it in inv(). The transpose of an inverse of a
      // transpose as read, ((Xᵀ)⁻¹)ᵀ, is X⁻¹ (it printed (Xᵀ)⁻ᵀ).
      if (a.args[0].op === 'transpose') return inv(a.args[0].args[0]);
      return rawTranspose(a);
    case 'matpow':
      return matpow(transpose(a.args[0]), a.value as number);
    case 'contract':
      return transposedContraction(a) ?? rawTranspose(a);
    default:
      return rawTranspose(a);
  }
}

export function inv(a: Expr): Expr {
  if (isScalar(a.shape)) return pow(a, num(-1));
  if (a.op === 'inv') return a.args[0];
  if (a.op === 'eye') return a;
  if (a.op === 'transpose') return transpose(inv(a.args[0]));
  if (a.op === 'matpow') return matpow(inv(a.args[0]), a.value as number);
  // (c·A·B)⁻¹ = c⁻¹ B⁻¹ A⁻¹ when every factor is square
  if (a.op === 'mul' && a.args.every((f) => f.shape.rows === f.shape.cols)) {
    return mul(...[...a.args].reverse().map(inv));
  }
  return rawInv(a);
}

export function diagm(v: Expr): Expr {
  const c = asColumn(v);
  if (c.op === 'ones') return eye(c.shape.rows);
  if (c.op === 'zeros') return zeros(shape(c.shape.rows, c.shape.rows));
  return rawDiagm(c);
}

/**
 * diag(A), the diagonal of a square matrix as a column, with the identities a textbook uses:
 * diag(diag(v)) = v, diag(abᵀ) = a ⊙ b, diag(I) = diag(𝟏𝟏ᵀ) = 𝟏, diag(Aᵀ) = diag(A), scalars out
 * (diag(cA) = c·diag(A)), a diagonal matrix at an end of a product an element-wise factor
 * (diag(A·diag(v)) = diag(A) ⊙ v, diag(diag(v)·A) = v ⊙ diag(A)), and linearity over a small flat
 * sum where a term simplifies (diag(𝟏𝟏ᵀdiag(x) + diag(x)𝟏𝟏ᵀ) = 2x: the gradient of sum(diag(x)²)).
 */
export function diagv(a: Expr): Expr {
  if (a.op === 'diagm') return asColumn(a.args[0]);
  if (a.op === 'mul' && a.args.length === 2 && isColumn(a.args[0].shape) && isRow(a.args[1].shape)) {
    return hadamard(a.args[0], transpose(a.args[1]));
  }
  if (a.op === 'eye' || (a.op === 'ones' && a.shape.rows === a.shape.cols)) return ones(shape(a.shape.rows, 1));
  if (a.op === 'zeros') return zeros(shape(a.shape.rows, 1));
  if (a.op === 'transpose') {
    // A loop: x'''… as read nests thousands of transposes.
    let b = a;
    while (b.op === 'transpose') b = b.args[0];
    return diagv(b);
  }
  if (a.op === 'mul') return diagonalOfProduct(a) ?? rawDiagv(a);
  if (a.op === 'add' && a.args.length < LARGE_SUM && !a.args.some((t) => t.op === 'add')) {
    const parts = a.args.map(diagv);
    if (parts.some((d, i) => d.op !== 'diagv' || d.args[0] !== a.args[i])) return add(...parts);
  }
  return rawDiagv(a);
}

/** diag of a product whose scalars come out or which starts or ends with diag(v); undefined if neither. */
function diagonalOfProduct(a: Expr): Expr | undefined {
  const scalars = a.args.filter((f) => isScalar(f.shape));
  const chain = a.args.filter((f) => !isScalar(f.shape));
  if (chain.length === 0) return undefined;
  if (scalars.length > 0) return mul(...scalars, diagv(chain.length === 1 ? chain[0] : mul(...chain)));
  if (chain.length < 2) return undefined;
  const [first, last] = [chain[0], chain[chain.length - 1]];
  if (last.op === 'diagm') return hadamard(diagv(mul(...chain.slice(0, -1))), asColumn(last.args[0]));
  if (first.op === 'diagm') return hadamard(asColumn(first.args[0]), diagv(mul(...chain.slice(1))));
  return undefined;
}

export function kron(a: Expr, b: Expr): Expr {
  if (isScalar(a.shape) || isScalar(b.shape)) return mul(a, b);
  if (isZero(a) || isZero(b)) return zeros(rawKron(a, b).shape);
  if (a.op === 'eye' && b.op === 'eye') return eye(rawKron(a, b).shape.rows);
  // Scalars come out: (cA) ⊗ B = c (A ⊗ B)
  const [ca, ra] = splitCoefficient(a);
  const [cb, rb] = splitCoefficient(b);
  if (!isOne(ca) || !isOne(cb)) return mul(rationalNum(Q.mul(ca, cb)), kron(ra, rb));
  // A column and a row: u ⊗ vᵀ = vᵀ ⊗ u = uvᵀ, the outer product.
  if (isColumn(a.shape) && isRow(b.shape)) return mul(a, b);
  if (isRow(a.shape) && isColumn(b.shape)) return mul(b, a);
  return rawKron(a, b);
}

/** vec of an array: vectors become columns, matrices are column-stacked. */
export function vec(a: Expr): Expr {
  if (isScalar(a.shape) || isColumn(a.shape)) return a;
  if (isRow(a.shape)) return transpose(a);
  if (a.op === 'zeros') return zeros(shape(sizeOf(a.shape), 1));
  if (a.op === 'ones') return ones(shape(sizeOf(a.shape), 1));
  return rawVec(a);
}

export function entry(a: Expr, i: number, j: number): Expr {
  if (a.op === 'ones') return num(1);
  if (a.op === 'zeros') return num(0);
  if (isScalar(a.shape)) return a;
  if (a.op === 'block') {
    const cols = a.dims?.[1] as number;
    return a.args[(i - 1) * cols + (j - 1)];
  }
  if (a.op === 'unit') return num(i === a.value ? 1 : 0);
  return rawEntry(a, i, j);
}

/** ⟨P, Q⟩ = Σ P_ij Q_ij for arrays of the same shape, in textbook form (pq, pᵀq, tr(PᵀQ)). */
export function inner(p: Expr, q: Expr): Expr {
  if (isScalar(p.shape)) return mul(p, q);
  if (isColumn(p.shape)) return mul(transpose(p), q);
  if (isRow(p.shape)) return mul(p, transpose(q));
  if (p.op === 'eye') return reduce('tr', q);
  if (q.op === 'eye') return reduce('tr', p);
  return reduce('tr', mul(transpose(p), q));
}
