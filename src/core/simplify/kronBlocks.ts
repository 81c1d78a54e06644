/**
 * The weighted sum of a matrix's blocks, when each block is known: the adjoint of B in A ⊗ B (calculus/rules/
 * linear.ts blockWeighted) is Σᵢₗ Wᵢₗ·Gᵢₗ over the r×s blocks Gᵢₗ of an (a·r)×(c·s) matrix G, W a×c, written
 * (vec(W)ᵀ ⊗ I_r)(I_c ⊗ G)(vec(I_c) ⊗ I_s) (the i-th r rows of the l-th (a·r)-block of the middle product's
 * column are G's block (i, l); vec(W)ᵀ ⊗ I_r weighs block (i, l) by vec(W)_{i + a·l} = Wᵢₗ). Two forms of G
 * have blocks the product can be written without:
 * - every block the same matrix of ones, G = 𝟏_(a·r)𝟏_(c·s)ᵀ (or the matrix of ones): Σᵢₗ Wᵢₗ·𝟏_r𝟏_sᵀ =
 *   sum(W)·𝟏_r𝟏_sᵀ. ∂ 𝟏ᵀ(A ⊗ B)𝟏/∂A printed (vec(I_q)ᵀ ⊗ I_n)(I_q ⊗ (𝟏_(n·q)𝟏_(m·p)ᵀ))(vec(B) ⊗ I_m); a
 *   textbook writes sum(B)𝟏𝟏ᵀ.
 * - G = P ⊗ Q with P a×c and Q r×s: block (i, l) is Pᵢₗ·Q, and the sum ⟨W, P⟩·Q = (vec(W)ᵀvec(P))·Q.
 * - G = uvᵀ, an outer product, with w = vec(W)ᵀ: block (i, l) is uᵢvₗᵀ (uᵢ the i-th r-block of u, vₗ the l-th
 *   s-block of v), and the sum Σᵢₗ Wᵢₗuᵢvₗᵀ = UWVᵀ for U the r×a matrix of columns uᵢ, V the s×c of columns vₗ —
 *   written only when u and v are columns the reshape takes back to matrices (vec(U), sums and multiples of
 *   such: simplify/unvec.ts). ∂ vec(X)ᵀ(A ⊗ B)vec(Y)/∂B printed (vec(I_n)ᵀ ⊗ I_q)(I_n ⊗ (vec(Y) vec(X)ᵀ))(vec(A) ⊗ I_p);
 *   a textbook writes YAᵀXᵀ (numerator layout). Of plain vectors u, v the product has no shorter form without a
 *   reshape operator, which the language does not have: it is left as it is.
 * Scalars of G come out with it (linear). The transposed product (vec(I_c)ᵀ ⊗ I_s)(I_c ⊗ Gᵀ)(vec(W) ⊗ I_r) is
 * the transpose of the sum. Any other G — or a P ⊗ Q whose P is not a×c — is left as it is.
 */
import { type Expr, ones } from '../model/expr';
import { isScalar, isColumn, mulDim, shape } from '../model/shape';
import { transpose, vec } from './matrix';
import { mul } from './product';
import { reshaped, type ReshapeBuilders } from './unvec';

/** The weighted block sum a·b·c of the chain's triple, or undefined when the triple is not one (or G is of no form above). */
export function weightedBlockSum(a: Expr, b: Expr, c: Expr, build: ReshapeBuilders): Expr[] | undefined {
  if (a.op !== 'kron' || b.op !== 'kron' || c.op !== 'kron' || b.args[0].op !== 'eye') return undefined;
  if (isVecEye(c.args[0]) && a.args[1].op === 'eye' && c.args[1].op === 'eye' && isWeightRow(a.args[0])) {
    const sum = blockSum(a.args[0], a.args[1].shape.rows, b.args[0].shape.rows, b.args[1], c.args[0].args[0].shape.rows, c.args[1].shape.rows, build);
    return sum === undefined ? undefined : [sum];
  }
  // The transpose: (vec(I_c)ᵀ ⊗ I_s)(I_c ⊗ Gᵀ)(vec(W) ⊗ I_r) = (Σᵢₗ Wᵢₗ·Gᵢₗ)ᵀ.
  if (isVecEyeRow(a.args[0]) && a.args[1].op === 'eye' && c.args[1].op === 'eye' && isColumn(c.args[0].shape)) {
    const sum = blockSum(transpose(c.args[0]), c.args[1].shape.rows, b.args[0].shape.rows, transpose(b.args[1]), a.args[0].args[0].args[0].shape.rows, a.args[1].shape.rows, build);
    return sum === undefined ? undefined : [transpose(sum)];
  }
  return undefined;
}

const isVecEye = (e: Expr): boolean => e.op === 'vec' && e.args[0].op === 'eye';
const isVecEyeRow = (e: Expr): boolean => e.op === 'transpose' && isVecEye(e.args[0]);
const isWeightRow = (e: Expr): boolean => e.shape.rows === 1 && e.shape.cols !== 1;

/**
 * Σᵢₗ Wᵢₗ·Gᵢₗ for the row w = vec(W)ᵀ of length a·c, G of (a·r)×(c·s) with r×s blocks; `n` (the identity's size
 * in I_c ⊗ G) and `m` (that of vec(I_m)) must both be c. Undefined unless G is of a form the module names.
 */
function blockSum(w: Expr, r: Expr['shape']['rows'], n: Expr['shape']['rows'], g: Expr, m: Expr['shape']['rows'], s: Expr['shape']['rows'], build: ReshapeBuilders): Expr | undefined {
  // The chain is well formed: with n = m, G is (a·r)×(c·s) for a = (w's length)/c.
  if (n !== m || g.shape.cols !== mulDim(n, s)) return undefined;
  const scalars = g.op === 'mul' ? g.args.filter((f) => isScalar(f.shape)) : [];
  const blocks = g.op === 'mul' ? g.args.filter((f) => !isScalar(f.shape)) : [g];
  const weighted = (weight: Expr, block: Expr): Expr => mul(...scalars, weight, block);
  const allOnes = blocks.every((f) => f.op === 'ones') && (blocks.length === 1 || (blocks.length === 2 && isColumn(blocks[0].shape) && blocks[1].shape.rows === 1));
  if (allOnes) return weighted(mul(w, ones(shape(w.shape.cols, 1))), ones(shape(r, s)));
  if (blocks.length === 1 && blocks[0].op === 'kron') {
    const [p, q] = blocks[0].args;
    // P a×c (its rows then a: G's rows are P's times Q's), Q r×s.
    if (p.shape.cols !== n || q.shape.rows !== r || q.shape.cols !== s) return undefined;
    return weighted(mul(w, vec(p)), q);
  }
  const W = w.op === 'transpose' && w.args[0].op === 'vec' ? w.args[0].args[0] : undefined;
  if (W !== undefined && W.shape.cols === n && blocks.length === 2 && isColumn(blocks[0].shape) && blocks[1].shape.rows === 1) {
    // u of length a·r, v of length c·s (the chain is well formed): U r×a, V s×c.
    const U = reshaped(blocks[0], r, W.shape.rows, build);
    const V = U === undefined ? undefined : reshaped(transpose(blocks[1]), s, n, build);
    if (U !== undefined && V !== undefined) return mul(...scalars, U, W, transpose(V));
  }
  return undefined;
}
