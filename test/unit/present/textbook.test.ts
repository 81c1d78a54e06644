/**
 * Textbook results (issue 15): the examples in their textbook forms, every simplification
 * behind them sound (finite differences; a symmetric-looking expression equal to its transpose at
 * random points), and no output of any corpus case — result, named form, code, steps — writing
 * `-1*`. (Sizes are written N, n*k: test/unit/corpus/sizes.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { derive, type DeriveRequest } from '../../../src/core/index';
import { rawTranspose } from '../../../src/core/model/expr';
import { compareNumerically } from '../../../src/core/numeric/index';
import { transpose } from '../../../src/core/simplify/build';
import { readPlain } from '../../../src/core/syntax/index';
import { loadCorpus } from '../corpus/corpus.test';

function result(expr: string, wrt: string, where?: string, layout: DeriveRequest['layout'] = 'numerator', order: 1 | 2 = 1): string {
  const r = derive({ expr, wrt: [wrt], ...(where ? { where } : {}), layout, order, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed !== false, `${expr}: the numerical check fails`);
  return r.value.result.text;
}

describe('present: textbook results', () => {
  it('∂ logdet(XᵀX)/∂X = 2(XᵀX)⁻¹Xᵀ: XᵀX is symmetric, so (M⁻¹ + M⁻ᵀ) is 2M⁻¹', () => {
    assert.equal(result("logdet(X'*X)", 'X', 'X: matrix(m, n)'), "2*inv(X'*X)*X'");
  });

  it('∂xˣ/∂x = xˣ(1 + log x): x·x^(x − 1) is xˣ, and the common factor comes out', () => {
    assert.equal(result('x^x', 'x', 'x: scalar'), 'x^x*(1 + log(x))');
  });

  it('tr(XᵀBX) by X is (B + Bᵀ)X, and tr(Xᵀ(B + Bᵀ)ᵀ dX) never shows the transpose of a symmetric sum', () => {
    assert.equal(result("tr(X'*B*X)", 'X', 'X: matrix(m, n); B: matrix(m, m)', 'mixed'), "(B + B')*X");
  });

  it('a scalar factored out of a sum inside a Hadamard product comes out of the product too: G₁ = ((P − Y)W₂ᵀ) ⊙ 𝟙[Z > 0], then /N', () => {
    // Backprop through a ReLU layer of a batch cross-entropy (batch-deep-learning.md, two-layer MLP).
    const where = 'X: matrix(N, n); W1: matrix(n, h); W2: matrix(h, k); Y: matrix(N, k) probabilities';
    assert.equal(result('-sum(Y .* logsoftmax(max(0, X*W1)*W2, 2))/N', 'W1', where, 'denominator'),
      "X'*(((softmax(max(0, X*W1)*W2, 2) - Y)*W2') .* step(X*W1))/N");
    assert.equal(result('-sum(Y .* logsoftmax(tanh(X*W1)*W2, 2))/N', 'W1', where, 'denominator'),
      "X'*(((softmax(tanh(X*W1)*W2, 2) - Y)*W2') .* (1 - tanh(X*W1).^2))/N");
  });

  it('binary cross-entropy written with log σ and log(1 − σ) over a batch: Xᵀ(σ(Xw) − y), as for one sample', () => {
    // The adjoints of the two logs meet at σ(Xw): ((𝟏 − y) ⊘ (𝟏 − σ) − y ⊘ σ) ⊙ σ ⊙ (𝟏 − σ), whose
    // Hadamard products distributed cancel to σ − y (Goodfellow et al. §6.2.2.2; CS229 logistic regression).
    const where = 'X: matrix(N, n); w: vector(n); y: vector(N)';
    const bce = '-sum(y .* log(sigmoid(X*w)) + (1 - y) .* log(1 - sigmoid(X*w)))';
    assert.equal(result(bce, 'w', where, 'denominator'), "X'*(sigmoid(X*w) - y)");
    assert.equal(result(`${bce}/N`, 'w', where, 'denominator'), "X'*(sigmoid(X*w) - y)/N");
    assert.equal(result('-sum(y .* log(sigmoid(z)) + (1 - y) .* log(1 - sigmoid(z)))', 'z', 'z: vector(N); y: vector(N)', 'denominator'), 'sigmoid(z) - y');
    // Its Hessian: the diagonals of the two logs' terms add up to 𝟏 (diag is linear), Xᵀ diag(σ ⊙ (𝟏 − σ))X.
    assert.equal(result(bce, 'w', where, 'numerator', 2), "X'*diag(sigmoid(X*w) .* (1 - sigmoid(X*w)))*X");
    // What is not smaller distributed stays: G ⊙ (𝟏 − tanh(z)∘²), not G − G ⊙ tanh(z)∘².
    assert.equal(result('sum(g .* tanh(z))', 'z', 'z: vector(N); g: vector(N)', 'denominator'), 'g .* (1 - tanh(z).^2)');
  });

  it('the Gaussian log-likelihood by its covariance: (S⁻¹xxᵀS⁻¹ − S⁻¹)/2, symmetric as printed, not (S⁻¹xxᵀ − I)S⁻¹/2', () => {
    // Matrix Cookbook (57) and (61): ∂ log det S = S⁻¹, ∂ aᵀS⁻¹a = −S⁻¹aaᵀS⁻¹ for symmetric S.
    const where = 'x: vector(n); S: matrix(n, n) symmetric';
    assert.equal(result("-x'*inv(S)*x/2 - logdet(S)/2", 'S', where, 'denominator'), "(inv(S)*x*x'*inv(S) - inv(S))/2");
  });

  it('d log|u| = du/u: sign(u) ⊘ |u| is u∘⁻¹ (where either is defined), sign(u) ⊙ |u| is u', () => {
    assert.equal(result('log(abs(a))', 'a', 'a: scalar'), result('log(a)', 'a', 'a: scalar'));
    assert.equal(result('sum(log(abs(x)))', 'x', 'x: vector(n)', 'denominator'), 'x.^-1');
    assert.equal(result("sum(log(abs(X*w)))", 'w', 'X: matrix(N, n); w: vector(n)', 'denominator'), "X'*(X*w).^-1");
    assert.equal(result('abs(a)^2', 'a', 'a: scalar'), '2*a');
  });

  it('a denominator-layout Jacobian of a literal is the literal transposed: [6xy, 2; 3x², 8y⁷] (Parr & Howard §4)', () => {
    const where = 'x: scalar; y: scalar';
    const r = derive({ expr: '[3*x^2*y, 2*x + y^8]', where, wrt: ['x', 'y'], layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.check?.passed, true);
    assert.equal(r.value.result.text, '[6*x*y, 2; 3*x^2, 8*y^7]');
    // A row stays the transpose of its column literal.
    const g = derive({ expr: '3*x^2*y', where, wrt: ['x', 'y'], check: true });
    assert.ok(g.ok);
    assert.equal(g.value.result.text, "[6*x*y, 3*x^2]'");
  });

  it('only expressions that are symmetric for every value keep their transpose away (checked at random points)', () => {
    const where = 'X: matrix(m, n); A: matrix(n, n); B: matrix(m, m); S: matrix(n, n) symmetric';
    const symmetric = ["X'*X", "X*X'", "A + A'", "inv(X'*X)", "X*S*X'", "2*X'*X", "(A + A')^2", "exp(S)", "inv(S) + S", "X'*B*X + X'*B'*X"];
    const general = ["X'*X*A", 'A*S', "A + A'*A", "X'*B*X", 'inv(A)'];
    for (const e of [...symmetric, ...general]) {
      const read = readPlain(e, where);
      assert.ok(read.ok, e);
      const m = read.value.expr;
      const t = transpose(m);
      const equal = compareNumerically(m, rawTranspose(m), [], { samples: 3, seed: 5, tolerance: 1e-8 }).equal;
      if (symmetric.includes(e)) {
        assert.equal(t, m, `${e} is symmetric`);
        assert.ok(equal, `${e} is not numerically symmetric`);
      } else {
        assert.notEqual(t, m, `${e} is not symmetric in general`);
        assert.ok(!equal, `${e} should differ from its transpose at a random point`);
      }
    }
  });

  it('the simplifications are sound: the derivatives that use them agree with finite differences', () => {
    for (const [expr, wrt, where] of [
      ["logdet(X'*X)", 'X', 'X: matrix(m, n)'],
      ["logdet(X*X') + tr(inv(X*X'))", 'X', 'X: matrix(m, n)'],
      ['x^x + x*x^(2*x)', 'x', 'x: scalar'],
      ['x^sin(x)*x^2', 'x', 'x: scalar'],
      ["tr(inv(A + A')*X)", 'A', 'A: matrix(n, n); X: matrix(n, n)'],
    ] as const) {
      for (const layout of ['numerator', 'mixed'] as const) {
        const r = derive({ expr, wrt: [wrt], where, layout, check: true });
        assert.ok(r.ok, expr);
        assert.equal(r.value.check?.passed, true, `${expr} (${layout}): ${r.value.result.text} fails the finite-difference check`);
      }
    }
  });
});

describe('present: no corpus output writes -1*', () => {
  for (const c of loadCorpus()) {
    it(`${c.id}`, () => {
      const r = derive({ expr: c.expr, wrt: c.wrt, ...(c.where ? { where: c.where } : {}), ...(c.order ? { order: c.order } : {}), ...(c.layout ? { layout: c.layout } : {}), steps: true });
      if (!r.ok) return;
      const all = JSON.stringify(r.value);
      // A coefficient −1 (-1*A), not a reciprocal power (count(n, 1)^-1*…).
      const at = all.search(/(?<!\^)-1\*/);
      assert.ok(at < 0, `${c.id}: -1* in ${all.slice(Math.max(0, at - 80), at + 40)}`);
    });
  }
});

describe('present/tidy: scalar factors in one order, variables by name', () => {
  it('the Hessian of sin(ab) writes ab in both off-diagonal entries (never ba beside ab), checked', () => {
    const r = derive({ expr: 'sin(a*b)', where: 'a: scalar; b: scalar', wrt: ['a', 'b'], order: 2, check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    assert.equal(r.value.result.unicode, '[−b² sin(ab), cos(ab) − ab sin(ab); cos(ab) − ab sin(ab), −a² sin(ab)]');
  });
  it('one number in front: the Hessian of sum(x∘³) is 6 diag(x), not 3 diag(2x); a diag without a number beside it keeps its own', () => {
    const where = 'x: vector(n); a: vector(n)';
    assert.equal(result('sum(x.^3)', 'x', where, 'numerator', 2), '6*diag(x)');
    assert.equal(result('3*x.^2', 'x', where), '6*diag(x)');
    assert.equal(result('sum(x.^4)/12', 'x', where, 'numerator', 2), 'diag(x.^2)');
    assert.equal(result('sum(sin(3*x))', 'x', where, 'numerator', 2), '-9*diag(sin(3*x))');
    assert.equal(result("a'*x.^3", 'x', where, 'numerator', 2), '6*diag(a .* x)');
    // Alone, the number stays inside (Parr & Howard's diag(2x), diag(−w ⊘ x∘²)).
    assert.equal(result('x.^2', 'x', where), 'diag(2*x)');
    assert.equal(result('a ./ x', 'x', where), 'diag(-(a .* x.^-2))');
  });
  it('∂(3x²y)/∂x = 6xy; x2 before x10; matrices keep their order', () => {
    assert.equal(result('3*x^2*y', 'x', 'x: scalar; y: scalar'), '6*x*y');
    assert.equal(result('x10*x2*x1^2', 'x1', 'x1: scalar; x2: scalar; x10: scalar'), '2*x1*x2*x10');
    assert.equal(result('b*a*B*A*x', 'x', 'a: scalar; b: scalar; A: matrix(n, n); B: matrix(n, n); x: vector(n)'), 'a*b*B*A');
  });
});
