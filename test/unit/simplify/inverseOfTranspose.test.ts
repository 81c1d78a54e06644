/**
 * The transpose of an inverse of a transpose is the inverse: ((Xᵀ)⁻¹)ᵀ = X⁻¹. The smart inverse writes (Xᵀ)⁻¹ as
 * X⁻ᵀ, but an input keeps what was written (inv(A') in the plain syntax, np.linalg.inv(A.T)), and the
 * derivative's transposes of it printed (Aᵀ)⁻ᵀ: ∂ tr((Aᵀ)⁻¹B)/∂A was −(Aᵀ)⁻ᵀBᵀ(Aᵀ)⁻ᵀ, which is −A⁻¹BᵀA⁻¹.
 * The identity is checked at random points (of a product too); each derivative passes the numerical check; the
 * transpose of an inverse of a matrix that is not a transpose stays the canonical X⁻ᵀ.
 */
import assert from 'node:assert/strict';
import { rawInv, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { inv, mul, transpose } from '../../../src/core/simplify/build';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { derivedAsCases } from './derivedAs';

describe('simplify: ((Xᵀ)⁻¹)ᵀ = X⁻¹', () => {
  const A = variable('A', shape('n', 'n'));
  const B = variable('B', shape('n', 'n'));
  it('the transpose of (Aᵀ)⁻¹ as read is A⁻¹, of the same value; A⁻ᵀ stays a transpose; ((AB)ᵀ)⁻¹ transposed has the same value', () => {
    const read = rawInv(rawTranspose(A));
    assert.equal(transpose(read), inv(A));
    assert.ok(exprsEqualNumerically(rawTranspose(read), inv(A)));
    assert.equal(transpose(inv(A)), rawTranspose(inv(A)));
    assert.equal(transpose(transpose(inv(A))), inv(A));
    const ab = rawInv(rawTranspose(mul(A, B)));
    assert.ok(exprsEqualNumerically(rawTranspose(ab), transpose(ab)));
  });
  derivedAsCases(
    [
      ["tr(inv(A')*B)", 'A', "-inv(A)*B'*inv(A)"],
      ["tr(inv(A')^2*B)", 'A', "-inv(A)*(B'*inv(A) + inv(A)*B')*inv(A)"],
      ["x'*inv(A')*y", 'A', "-inv(A)*x*y'*inv(A)"],
    ],
    'A: matrix(n, n); B: matrix(n, n); x: vector(n); y: vector(n)',
  );
});
