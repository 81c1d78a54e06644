/**
 * Records of the linear operators: each entry of u is a fixed linear combination of entries of
 * the arguments, so du = op(da) and the adjoint is the transpose of that map (matrix-derivative-
 * rules.md §2–§3; Magnus & Neudecker for vec and ⊗).
 */
import { block as rawBlock, commutation, Expr, unit } from '../../model/expr';
import { isMatrix, isRow, isScalar, sizeOf, shape } from '../../model/shape';
import {
  add, diagm, diagv, entry, eye, kron, mul, ones, pow, num, reduce, transpose, vec,
} from '../../simplify/build';
import { fixedDerivation, notLinkedForArrays, OperatorRule } from './types';

/** vec(A) → A for A rows×cols: unvec(v) = (vec(I_cols)ᵀ ⊗ I_rows)(I_cols ⊗ v) (Magnus & Neudecker). */
export function unvec(v: Expr, like: Expr['shape']): Expr {
  if (isScalar(like)) return v;
  if (like.cols === 1) return v;
  if (like.rows === 1) return transpose(v);
  return mul(kron(transpose(vec(eye(like.cols))), eye(like.rows)), kron(eye(like.cols), v));
}

/**
 * T with vec(A ⊗ B) = T (vec A ⊗ vec B) for A m×n, B p×q: T = I_n ⊗ K_{q,m} ⊗ I_p, K_{q,m} the
 * commutation matrix of a q×m matrix (Magnus & Neudecker, Theorem 3.10).
 */
function kronShuffle(a: Expr, b: Expr): Expr {
  const { rows: m, cols: n } = a.shape;
  const { rows: p, cols: q } = b.shape;
  return kron(eye(n), kron(commutation(q, m), eye(p)));
}

export const ADD: OperatorRule = {
  tangent: (u, d) => add(...u.args.map(d)),
  adjoint: (_u, ubar) => ubar,
  adjointMultiplier: () => ({ before: [], after: [] }),
  // ȧ itself, the other terms' tangents 0 (unless a is more than one term: a + a).
  tangentMultiplier: (u, i) => (u.args.filter((t) => t === u.args[i]).length === 1 ? { before: [], after: [] } : undefined),
  local: (u, i) => eye(sizeOf(u.args[i].shape)),
  differential: { formula: 'd(a + b) = da + db', of: (u, d) => add(...u.args.map(d)) },
  derivation: {
    local: (e, depends) => {
      const deps = e.args.filter(depends);
      const expansion = deps.some((t) => t.op === 'mul' && t.args.some((f) => f.op === 'ones') && t.args.some((f) => isScalar(f.shape) && depends(f)));
      if (expansion) return { id: 'scalar-expansion', sentence: 'Adding a scalar to every element is scalar expansion: its derivative with respect to the scalar is the vector of ones 𝟏.' };
      return { id: 'sum-rule', sentence: 'The derivative of a sum is the sum of the derivatives of its terms; terms that do not depend on the variable contribute 0.' };
    },
    adjoint: () => 'a sum passes Ḡ unchanged to each of its terms',
  },
};

export const TRANSPOSE: OperatorRule = {
  tangent: (u, d) => transpose(d(u.args[0])),
  adjoint: (_u, ubar) => transpose(ubar),
  adjointMultiplier: notLinkedForArrays,
  local: (u, i) => {
    const a = u.args[i];
    return isMatrix(a.shape) ? commutation(a.shape.rows, a.shape.cols) : eye(sizeOf(a.shape));
  },
  differential: { formula: 'd(Aᵀ) = (dA)ᵀ', of: (u, d) => transpose(d(u.args[0])) },
  derivation: {
    local: (e) => ({
      id: 'transpose',
      sentence: isMatrix(e.shape)
        ? 'Transposing a matrix only permutes its entries: in vec form its Jacobian is the commutation matrix K.'
        : 'Transposing a vector does not change its entries, so it does not change their derivatives.',
    }),
    adjoint: () => 'a transpose passes back Ḡᵀ',
  },
};

/** sum, mean and tr: linear reductions, du = op(da). */
const linearReduction = (op: 'sum' | 'mean' | 'tr') => (u: Expr, d: (a: Expr) => Expr): Expr => reduce(op, d(u.args[0]));

/** A row vec(v)ᵀ: the Jacobian of a scalar-valued function with gradient v. */
export const rowOf = (v: Expr): Expr => transpose(vec(v));

export const SUM: OperatorRule = {
  tangent: linearReduction('sum'),
  adjoint: (u, ubar) => mul(ubar, ones(u.args[0].shape)),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => rowOf(ones(u.args[0].shape)),
  differential: { formula: 'd sum(a) = sum(da)', of: linearReduction('sum') },
  derivation: fixedDerivation('sum-reduction', 'sum adds all entries, each with coefficient 1, so its derivative is the row of ones 𝟏ᵀ.', 'sum passes Ḡ to every entry (Ḡ·𝟏)'),
};

export const MEAN: OperatorRule = {
  tangent: linearReduction('mean'),
  adjoint: (u, ubar) => {
    const a = u.args[0];
    return mul(ubar, pow(reduce('sum', ones(a.shape)), num(-1)), ones(a.shape));
  },
  adjointMultiplier: notLinkedForArrays,
  local: (u) => {
    const a = u.args[0];
    return mul(pow(reduce('sum', ones(a.shape)), num(-1)), rowOf(ones(a.shape)));
  },
  differential: { formula: 'd mean(a) = mean(da)', of: linearReduction('mean') },
  derivation: fixedDerivation('mean-reduction', 'mean is the sum divided by the number of entries N, so its derivative is 𝟏ᵀ/N.', 'mean passes Ḡ/N to every entry'),
};

export const TR: OperatorRule = {
  tangent: linearReduction('tr'),
  adjoint: (u, ubar) => mul(ubar, eye(u.args[0].shape.rows)),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => rowOf(eye(u.args[0].shape.rows)),
  differential: { formula: 'd tr(A) = tr(dA)', of: linearReduction('tr') },
  derivation: fixedDerivation('trace-rule', 'The trace adds the diagonal entries, so its derivative with respect to the matrix is the identity I.', 'tr(A) passes back Ḡ·I'),
};

/** D_n = ∂vec(diag v)/∂vᵀ (n²×n): column i is eᵢ ⊗ eᵢ; vec(diag v) = vec(I) ⊙ (𝟏 ⊗ v). */
function diagonalEmbedding(n: Expr['shape']['rows']): Expr {
  return mul(diagm(vec(eye(n))), kron(ones(shape(n, 1)), eye(n)));
}

const DIAG_SENTENCE = 'diag only moves entries between a vector and the diagonal of a matrix, so each entry keeps its derivative.';

export const DIAGM: OperatorRule = {
  tangent: (u, d) => diagm(d(u.args[0])),
  adjoint: (u, ubar) => (isRow(u.args[0].shape) ? transpose(diagv(ubar)) : diagv(ubar)),
  local: (u) => diagonalEmbedding(u.shape.rows),
  differential: { formula: 'd diag(v) = diag(dv)', of: (u, d) => diagm(d(u.args[0])) },
  derivation: fixedDerivation('diag-rule', DIAG_SENTENCE, 'diag(v) passes back the diagonal of Ḡ'),
};

export const DIAGV: OperatorRule = {
  tangent: (u, d) => diagv(d(u.args[0])),
  adjoint: (_u, ubar) => diagm(ubar),
  // diag(A) = Dᵀ vec(A) with the same embedding D.
  local: (u) => transpose(diagonalEmbedding(u.args[0].shape.rows)),
  differential: { formula: 'd diag(A) = diag(dA)', of: (u, d) => diagv(d(u.args[0])) },
  derivation: fixedDerivation('diag-rule', DIAG_SENTENCE, 'diag(A) passes back Ḡ as a diagonal matrix'),
};

const blockTangent = (u: Expr, d: (a: Expr) => Expr): Expr => rawBlock(u.dims?.[0] as number, u.dims?.[1] as number, u.args.map(d));

export const BLOCK: OperatorRule = {
  tangent: blockTangent,
  adjoint: (u, ubar, i) => {
    const cols = u.dims?.[1] as number;
    return entry(ubar, Math.floor(i / cols) + 1, (i % cols) + 1);
  },
  local: (u, i) => {
    const [rows, cols] = u.dims as number[];
    const r = Math.floor(i / cols);
    const c = i % cols;
    return unit(rows * cols, c * rows + r + 1);
  },
  differential: { formula: 'd[a₁, a₂, …] = [da₁, da₂, …]', of: blockTangent },
  derivation: fixedDerivation('vector-literal', 'Each entry of a literal is differentiated on its own, giving one row of the Jacobian per entry.', 'each entry passes back its own gradient'),
};

const entryTangent = (u: Expr, d: (a: Expr) => Expr): Expr => entry(d(u.args[0]), u.dims?.[0] as number, u.dims?.[1] as number);

export const ENTRY: OperatorRule = {
  tangent: entryTangent,
  adjoint: (u, ubar) => {
    const a = u.args[0];
    const [r, c] = u.dims as number[];
    const ei = unit(a.shape.rows, r);
    const ej = unit(a.shape.cols, c);
    if (a.shape.cols === 1) return mul(ubar, ei);
    if (a.shape.rows === 1) return mul(ubar, transpose(ej));
    return mul(ubar, ei, transpose(ej));
  },
  local: (u) => {
    const a = u.args[0];
    const [r, c] = u.dims as number[];
    const rows = a.shape.rows;
    // The entry's place in vec order, (c − 1)·rows + r: with a symbolic row count (n) only in the first
    // column a number (it was 0·'n', NaN); elsewhere 𝐞_c ⊗ 𝐞_r, the same unit vector.
    if (c === 1) return transpose(unit(sizeOf(a.shape), r));
    if (typeof rows === 'number') return transpose(unit(sizeOf(a.shape), (c - 1) * rows + r));
    return transpose(kron(unit(a.shape.cols, c), unit(rows, r)));
  },
  differential: { formula: 'd(A_ij) = (dA)_ij', of: entryTangent },
  derivation: fixedDerivation('component', 'An entry of an array depends only on that entry.', 'each entry passes back its own gradient'),
};

const vecTangent = (u: Expr, d: (a: Expr) => Expr): Expr => vec(d(u.args[0]));

export const VEC: OperatorRule = {
  tangent: vecTangent,
  adjoint: (u, ubar) => unvec(ubar, u.args[0].shape),
  local: (u) => eye(sizeOf(u.shape)),
  differential: { formula: 'd vec(A) = vec(dA)', of: vecTangent },
  derivation: fixedDerivation('vec', 'vec only stacks the columns, so each entry keeps its derivative.', 'vec(A) passes back Ḡ reshaped to the shape of A'),
};

const kronTangent = (u: Expr, d: (a: Expr) => Expr): Expr => add(kron(d(u.args[0]), u.args[1]), kron(u.args[0], d(u.args[1])));

export const KRON: OperatorRule = {
  tangent: kronTangent,
  // B̄ = Σᵢⱼ Aᵢⱼ Ḡᵢⱼ over the p×q blocks Ḡᵢⱼ of Ḡ; Ā by the same rule applied to
  // B ⊗ A = K_{p,m} (A ⊗ B) K_{n,q} (Magnus & Neudecker, Theorem 3.9).
  adjoint: (u, ubar, i) => {
    const [a, b] = u.args;
    if (i === 1) return blockWeighted(a, ubar, b.shape);
    const swapped = mul(commutation(b.shape.rows, a.shape.rows), ubar, commutation(a.shape.cols, b.shape.cols));
    return blockWeighted(b, swapped, a.shape);
  },
  local: (u, i) => localKron(u, i),
  differential: { formula: 'd(A ⊗ B) = dA ⊗ B + A ⊗ dB', of: kronTangent },
  derivation: fixedDerivation('kronecker', 'The Kronecker product is linear in each factor.', 'A ⊗ B passes back Σᵢⱼ Aᵢⱼ·Ḡᵢⱼ to B (Ḡᵢⱼ the blocks of Ḡ, each B’s shape) and ⟨Ḡᵢⱼ, B⟩ to each entry Aᵢⱼ'),
};

/**
 * Σᵢⱼ Aᵢⱼ Gᵢⱼ over the blocks Gᵢⱼ (the shape of B) of G, the adjoint of B in A ⊗ B:
 * (vec(A)ᵀ ⊗ I_p)(I_n ⊗ G)(vec(I_n) ⊗ I_q) for A m×n, B p×q.
 */
function blockWeighted(a: Expr, g: Expr, block: Expr['shape']): Expr {
  const n = a.shape.cols;
  return mul(kron(rowOf(a), eye(block.rows)), kron(eye(n), g), kron(vec(eye(n)), eye(block.cols)));
}

/** ∂vec(A ⊗ B)/∂vec(B)ᵀ = T (vec A ⊗ I), ∂vec(A ⊗ B)/∂vec(A)ᵀ = T (I ⊗ vec B). */
function localKron(u: Expr, i: number): Expr {
  const [a, b] = u.args;
  const T = kronShuffle(a, b);
  return i === 1 ? mul(T, kron(vec(a), eye(sizeOf(b.shape)))) : mul(T, kron(eye(sizeOf(a.shape)), vec(b)));
}
