/**
 * A gradient through vec(X): the adjoint of vec reshapes the column Ḡ back to X's shape,
 * unvec(v) = (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ v) for X m×n (numerator layout: its transpose,
 * (I_n ⊗ vᵀ)(vec(I_n) ⊗ I_m)). When v is vec(Y) (Y m×n) that is Y itself, 𝟏_(m·n) gives 𝟏ₘ𝟏ₙᵀ,
 * and the identity passes through sums, scalar multiples and element-wise operations — so the
 * result is written in textbook form (2Xᵀ, Aᵀ, 𝟏ₙ𝟏ₘᵀ), not as a product of Kronecker products.
 * Each result is checked against central finite differences in every layout.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import type { Layout } from '../../../src/core/api';
import { Expr, eye, rawFn, rawKron, rawMul, rawTranspose, rawVec, variable, ones, rawAdd, num } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { mul, transpose } from '../../../src/core/simplify/build';
import { exprsEqualNumerically } from '../../../src/core/numeric/equal';

const WHERE = 'X: matrix(m, n); A: matrix(m, n); B: matrix(n, p); s: scalar';
const LAYOUTS: readonly Layout[] = ['numerator', 'denominator', 'mixed'];

/** The expected text in numerator layout, and in denominator (= mixed, X a matrix) layout. */
const TEXTBOOK: readonly [string, string, string][] = [
  ['sum(vec(X))', 'ones(n, m)', 'ones(m, n)'],
  ["vec(X)'*vec(X)", "2*X'", '2*X'],
  ['norm2(vec(X))^2', "2*X'", '2*X'],
  ["vec(A)'*vec(X)", "A'", 'A'],
  ["vec(X)'*vec(A)", "A'", 'A'],
];

/** Forms the identity passes through: sums, scalar factors, element-wise functions and powers, a product around vec. */
const THROUGH: readonly string[] = [
  "vec(A)'*vec(X) + vec(X)'*vec(X)",
  'norm2(vec(X))',
  'sum(exp(vec(X)))',
  "s*vec(A)'*vec(X)",
  'sum(vec(X).^3)',
  "sum(vec(A) .* sin(vec(X)))",
  'sum(vec(X*B))',
];

function derived(expr: string, layout: Layout) {
  const r = derive({ expr, where: WHERE, wrt: ['X'], layout, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `${expr} (${layout}): ${r.value.result.text}, max relative error ${r.value.check?.maxRelError}`);
  return r.value.result;
}

describe('calculus/vecGradient: a gradient through vec(X) in textbook form', () => {
  for (const [expr, numerator, denominator] of TEXTBOOK) {
    for (const layout of LAYOUTS) {
      const want = layout === 'numerator' ? numerator : denominator;
      it(`∂ ${expr} / ∂X = ${want} in ${layout} layout, checked numerically`, () => {
        assert.equal(derived(expr, layout).text, want);
      });
    }
  }
  for (const expr of THROUGH) {
    for (const layout of LAYOUTS) {
      it(`∂ ${expr} / ∂X has no Kronecker reshape in ${layout} layout, checked numerically`, () => {
        const text = derived(expr, layout).text;
        assert.doesNotMatch(text, /kron/, text);
      });
    }
  }
  it('the identity itself: (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ v) and (I_n ⊗ vᵀ)(vec(I_n) ⊗ I_m) simplify to the reshape of v and its transpose, equal at random points', () => {
    const Y = variable('Y', shape('m', 'n'));
    const Z = variable('Z', shape('m', 'n'));
    const P = variable('P', shape('n', 'm'));
    const columns: [Expr, Expr | undefined][] = [
      [rawVec(Y), Y],
      [ones(shape('m·n', 1)), ones(shape('m', 'n'))],
      [rawAdd([rawMul([num(3), rawVec(Y)]), rawFn('exp', rawVec(Z))]), undefined],
      [rawVec(P), undefined], // n×m: the reshape is not P, the Kronecker form stays
    ];
    const vecEye = rawVec(eye('n'));
    for (const [v, want] of columns) {
      const rawDen = rawMul([rawKron(rawTranspose(vecEye), eye('m')), rawKron(eye('n'), v)]);
      const rawNum = rawMul([rawKron(eye('n'), rawTranspose(v)), rawKron(vecEye, eye('m'))]);
      const den = mul(rawKron(rawTranspose(vecEye), eye('m')), rawKron(eye('n'), v));
      const numerator = mul(rawKron(eye('n'), transpose(v)), rawKron(vecEye, eye('m')));
      assert.ok(exprsEqualNumerically(rawDen, den), 'denominator form changed value');
      assert.ok(exprsEqualNumerically(rawNum, numerator), 'numerator form changed value');
      assert.equal(numerator, transpose(den));
      if (want !== undefined) assert.equal(den, want);
      if (v.op === 'vec' && v.args[0] === P) assert.equal(den.op, 'mul');
      else assert.notEqual(den.op, 'mul');
    }
  });
  it('a vector of another shape than X is not reshaped as if it were vec(X): vec(Xᵀ) stays a permutation', () => {
    // vec(Xᵀ) has X's number of entries but is not vec of an m×n matrix: unvec of it is not Xᵀ.
    const r = derive({ expr: "vec(X')'*vec(X')", where: WHERE, wrt: ['X'], layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.check?.passed, r.value.result.text);
  });
});
