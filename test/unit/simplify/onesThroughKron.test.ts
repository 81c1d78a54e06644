/**
 * Sums through a commutation matrix and a Kronecker product: 𝐊 is a permutation, so 𝟏ᵀ𝐊 = 𝟏ᵀ, 𝟏ᵀ𝐊ᵀ = 𝟏ᵀ,
 * 𝐊𝟏 = 𝟏 and 𝐊ᵀ𝟏 = 𝟏; and with 𝟏_(pq) = 𝟏_p ⊗ 𝟏_q, 𝟏ᵀ(A ⊗ B) = (𝟏ᵀA) ⊗ (𝟏ᵀB) and
 * (A ⊗ B)𝟏 = (A𝟏) ⊗ (B𝟏). ∂ sum(w ⊗ x)/∂w printed 𝟏_(m·n)ᵀ𝐊(m,n)ᵀ(x ⊗ I_n); a textbook writes
 * sum(x)𝟏ᵀ. Checked numerically.
 */
import { derivedAsCases } from './derivedAs';

const where = 'w: vector(n); x: vector(m); X: matrix(m, n); y: vector(m*n); A: matrix(p, q); B: matrix(r, s); z: vector(q*s); u: vector(p*r)';

describe('simplify: sums through a commutation matrix and a Kronecker product', () => {
  derivedAsCases([
    ['sum(kron(w, x))', 'w', 'sum(x)*ones(1, n)'],
    ['sum(kron(w, x))', 'x', 'sum(w)*ones(1, m)'],
    ["ones(m*n)'*commutation(m, n)*vec(X)", 'X', 'ones(n, m)'],
    ["ones(m*n)'*commutation(m, n)'*y", 'y', 'ones(1, m*n)'],
    ["ones(p*r)'*kron(A, B)*z", 'z', 'kron(ones(1, p)*A, ones(1, r)*B)'],
    ["u'*kron(A, B)*ones(q*s)", 'u', "kron(ones(1, q)*A', ones(1, s)*B')"],
  ], where);
});
