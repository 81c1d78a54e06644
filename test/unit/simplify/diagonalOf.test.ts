/**
 * The diagonal of a matrix, diag(A) (simplify/build.ts diagv), simplified where the textbook does:
 * scalars come out, diag(c·A) = c·diag(A); diag(𝟏𝟏ᵀ) = 𝟏; a diagonal matrix at either end of a product
 * becomes an element-wise factor, diag(A·diag(v)) = diag(A) ⊙ v and diag(diag(v)·A) = v ⊙ diag(A); and
 * diag is linear, diag(A + B) = diag(A) + diag(B), where that lets a term simplify. Before, the gradient
 * of sum(diag(x)²) was diag((𝟏𝟏ᵀ) diag(x) + diag(x)(𝟏𝟏ᵀ))ᵀ, and that of sum(diag(x)∘²) diag(2 diag(x))ᵀ:
 * both are 2xᵀ.
 */
import * as assert from 'node:assert/strict';
import { Expr, num, ones, rawDiagm, rawDiagv, rawMul, variable } from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import { add, diagv, mul } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { derive } from '../../../src/core/index';

const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const A = variable('A', shape('n', 'n'));
const B = variable('B', shape('n', 'k'));
const C = variable('C', shape('k', 'n'));
const s = variable('s', SCALAR);
const J = rawMul([ones(shape('n', 1)), ones(shape(1, 'n'))]);

/** diag of the raw product or sum, simplified, is `text` and has the value of the raw diag. */
function diagonalIs(a: Expr, built: Expr, text: string): void {
  const d = diagv(built);
  assert.equal(toText(d), text);
  assert.ok(exprsEqualNumerically(d, rawDiagv(a)), `diag(${toText(a)}) = ${text} is not sound`);
}

describe('simplify: the diagonal of a matrix (diagv)', () => {
  it('scalars come out: diag(2sA) = 2s·diag(A)', () => {
    diagonalIs(rawMul([num(2), s, A]), mul(num(2), s, A), '2*s*diag(A)');
  });

  it('diag(𝟏𝟏ᵀ) = 𝟏, diag of an all-ones square matrix = 𝟏', () => {
    diagonalIs(J, J, 'ones(n)');
    diagonalIs(ones(shape('n', 'n')), ones(shape('n', 'n')), 'ones(n)');
  });

  it('a diagonal matrix at an end of a product: diag(A diag(x)) = diag(A) ⊙ x, diag(diag(x) A) = x ⊙ diag(A), diag(BC diag(x)) = diag(BC) ⊙ x', () => {
    diagonalIs(rawMul([A, rawDiagm(x)]), mul(A, rawDiagm(x)), 'diag(A) .* x');
    diagonalIs(rawMul([rawDiagm(x), A]), mul(rawDiagm(x), A), 'x .* diag(A)');
    diagonalIs(rawMul([B, C, rawDiagm(x)]), mul(B, C, rawDiagm(x)), 'diag(B*C) .* x');
    diagonalIs(rawMul([J, rawDiagm(x)]), mul(J, rawDiagm(x)), 'x');
  });

  it('linear where a term simplifies: diag(𝟏𝟏ᵀ diag(x) + diag(x) 𝟏𝟏ᵀ) = 2x; otherwise kept: diag(A + BC)', () => {
    const sum = add(mul(J, rawDiagm(x)), mul(rawDiagm(x), J));
    diagonalIs(sum, sum, '2*x');
    diagonalIs(add(A, mul(B, C)), add(A, mul(B, C)), 'diag(A + B*C)');
    diagonalIs(add(A, rawDiagm(y)), add(A, rawDiagm(y)), 'diag(A) + y');
  });

  it('the gradients of sum(diag(x)²) and sum(diag(x)∘²) are 2xᵀ, checked against finite differences', () => {
    for (const expr of ['sum(diag(x)^2)', 'sum(diag(x).^2)', 'sum(diag(x)*diag(x))']) {
      const r = derive({ expr, where: 'x: vector(n)', wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, "2*x'", expr);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
    }
  });

  it('diag(A diag(x)), diag(diag(x) A diag(x)), tr(diag(x) A) by x in textbook form, checked against finite differences', () => {
    const cases: readonly [string, string][] = [
      ['sum(diag(A*diag(x)))', "diag(A)'"],
      ['sum(diag(diag(x)*A*diag(x)))', "2*(x .* diag(A))'"],
      ["y'*diag(A*diag(x))", "(diag(A) .* y)'"],
      ["sum(diag(x*x'))", "2*x'"],
      ['sum(diag(x)^3)', "3*(x.^2)'"],
      ['tr(diag(x)*A)', "diag(A)'"],
    ];
    for (const [expr, text] of cases) {
      const r = derive({ expr, where: 'x: vector(n); y: vector(n); A: matrix(n, n)', wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, text, expr);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
    }
  });
});
