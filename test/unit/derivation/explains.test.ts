/**
 * The derivation read as a learner reads it: every sentence true of the step it explains, written in
 * the derivation's own names, every identity it uses named, every product shown with the factors it
 * multiplies. Each case is also checked step by step (assertSound: every claim numerically true, the
 * last step the presented result).
 */
import * as assert from 'node:assert/strict';
import { assertSound, derivation, stepWith, type Case, type Derived } from './helpers';

/** The step whose Unicode result starts with `lhs` (the first). */
function stepShowing(d: Derived, lhs: string): { readonly explanation: string; readonly text: string } {
  const k = d.pub.findIndex((p) => (p.afterText ?? '').startsWith(lhs));
  assert.ok(k >= 0, `no step shows ${lhs}: ${d.pub.map((p) => p.afterText).join(' | ')}`);
  return { explanation: d.pub[k].explanation, text: d.pub[k].afterText ?? '' };
}

function sound(c: Case, g: 'full' | 'summary' = 'full'): Derived {
  const d = derivation(c, g);
  assertSound(d, `${c.expr} (${g})`);
  return d;
}

const PH_T27: Case = { expr: 'mean((y - max(0, X*w + b)).^2)', where: 'X: matrix(N, n); w: vector(n); y: vector(N); b: scalar', wrt: ['w'] };

describe('derivation: the explanations a learner reads', () => {
  describe('an element-wise rule is written in its own argument, not in letters the derivation uses otherwise', () => {
    it('w ⊘ x: u = x∘⁻¹ — the power rule is stated in x, not as diag(n·uⁿ⁻¹) with u the intermediate and n the dimension', () => {
      const d = sound({ expr: 'w ./ x', where: 'w: vector(n); x: vector(n)', wrt: ['x'] });
      const s = stepShowing(d, '∂u/∂x = ');
      assert.equal(s.text, '∂u/∂x = diag(−x∘⁻²)');
      assert.doesNotMatch(s.explanation, /uⁿ/);
      assert.match(s.explanation, /d\/dx xⁿ = n·xⁿ⁻¹/);
    });
    it('Parr & Howard’s loss: the square of u₅ and the max(0, ·) of u₂ are stated in u₅ and u₂', () => {
      const d = sound(PH_T27);
      const square = stepShowing(d, '∂u₆/∂u₅ = ');
      assert.equal(square.text, '∂u₆/∂u₅ = diag(2u₅)');
      assert.match(square.explanation, /d\/du₅ u₅ⁿ = n·u₅ⁿ⁻¹/);
      const relu = stepShowing(d, '∂u₃/∂u₂ = ');
      assert.match(relu.explanation, /d\/du₂ max\(0, u₂\) = 𝟙\[u₂ > 0\]/);
    });
    it('softplus of a vector: its rule in x, with no eᵘ left in u', () => {
      const d = sound({ expr: 'softplus(x)', where: 'x: vector(n)', wrt: ['x'] });
      assert.match(d.pub[0].explanation, /\(d\/dx log\(1 \+ exp\(x\)\) = σ\(x\)\)/);
    });
    it('exp of a vector: its rule in x', () => {
      const d = sound({ expr: 'exp(x)', where: 'x: vector(n)', wrt: ['x'] });
      assert.match(d.pub[0].explanation, /d\/dx exp\(x\) = exp\(x\)/);
    });
  });
  describe('a chain-rule product shows every factor it multiplies', () => {
    const LOGISTIC: Case = { expr: "-(y*log(sigmoid(w'*x)) + (1 - y)*log(1 - sigmoid(w'*x)))", where: 'w: vector(n); x: vector(n); y: scalar', wrt: ['w'], layout: 'mixed' };
    it('the logistic loss: ∂u₆/∂w = ∂u₆/∂u₅ ∂u₅/∂w shows the factor 1, not (a) = a', () => {
      const d = sound(LOGISTIC);
      assert.equal(stepShowing(d, '∂u₆/∂w = ').text, '∂u₆/∂w = 1 · (−σ(u₁)(1 − σ(u₁))xᵀ) = −σ(u₁)(1 − σ(u₁))xᵀ');
      // A number before an array is multiplied with a dot, as between scalars: (−1) · σ(u₁)….
      assert.equal(stepShowing(d, '∂u₅/∂w = ').text, '∂u₅/∂w = (−1) · σ(u₁)(1 − σ(u₁))xᵀ = −σ(u₁)(1 − σ(u₁))xᵀ');
    });
    it('wᵀx + b: the chain ∂f/∂u₁ ∂u₁/∂w is 1 · xᵀ, then multiplied out', () => {
      const d = sound({ expr: 'dot(w, x) + b', where: 'w: vector(n); x: vector(n); b: scalar', wrt: ['w'] });
      assert.equal(stepShowing(d, '∂f/∂w = ').text, '∂f/∂w = 1 · xᵀ');
      assert.equal(d.pub[d.pub.length - 1].afterText, '∂f/∂w = xᵀ');
    });
  });
  describe('bringing dy to trace form names the identities it uses on sums and element-wise products', () => {
    const MLP = { where: 'X: matrix(N, n); W1: matrix(n, h); b1: vector(h); W2: matrix(h, k); b2: vector(k); Y: matrix(N, k)', layout: 'denominator' } as const;
    const traceForm = (c: Case, g: 'full' | 'summary'): string => stepWith(sound(c, g), 'trace-form').p.explanation;
    for (const g of ['full', 'summary'] as const) {
      it(`a mean of squares: mean(2(V ⊙ X dW)) is a trace by sum(A ⊙ B) = tr(AᵀB) (${g})`, () => {
        const e = traceForm({ expr: "mean((X*W + b' - Y).^2)", where: 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k); b: vector(k)', wrt: ['W'], layout: 'denominator' }, g);
        assert.match(e, /a mean is the sum divided by the number of entries, and sum\(A ⊙ B\) = tr\(AᵀB\)/);
        assert.doesNotMatch(e, /moves across/, 'the element-wise product is directly under the mean');
      });
      it(`an MLP: the derivative of tanh multiplies element-wise inside the product, so it moves across (${g})`, () => {
        const e = traceForm({ expr: "sum((tanh(X*W1 + b1')*W2 + b2' - Y).^2)/(N*k)", wrt: ['W1'], ...MLP }, g);
        assert.match(e, /a sum of all entries is a trace, sum\(A ⊙ B\) = tr\(AᵀB\)/);
        assert.match(e, /tr\(Aᵀ\(B ⊙ C\)\) = tr\(\(A ⊙ B\)ᵀC\)/);
      });
      it(`an MLP's bias, a vector: the same identities, for the matrices they act on (${g})`, () => {
        const e = traceForm({ expr: "sum((tanh(X*W1 + b1')*W2 + b2' - Y).^2)/(N*k)", wrt: ['b1'], ...MLP }, g);
        assert.match(e, /sum\(A ⊙ B\) = tr\(AᵀB\)/);
        assert.match(e, /tr\(Aᵀ\(B ⊙ C\)\) = tr\(\(A ⊙ B\)ᵀC\)/);
      });
      it(`aᵀXb uses no element-wise identity (${g})`, () => {
        const d = sound({ expr: "a'*X*b", where: 'a: vector(m); b: vector(n); X: matrix(m, n)', wrt: ['X'], layout: 'mixed' }, g);
        assert.doesNotMatch(stepWith(d, 'trace-form').p.explanation, /⊙/);
      });
    }
  });
  describe('differentials are spaced as a textbook writes them', () => {
    it('bᵀXᵀXc: dXᵀ and X are two factors, dXᵀ Xc, not dXᵀXc', () => {
      const d = sound({ expr: "b'*X'*X*c", where: 'b: vector(n); c: vector(n); X: matrix(m, n)', wrt: ['X'], layout: 'mixed' });
      const s = stepWith(d, 'differential-chain').p;
      assert.match(s.afterText ?? '', /bᵀ dXᵀ Xc/);
      assert.match(s.afterText ?? '', /dXᵀ X \+ Xᵀ dX/);
      assert.match(s.after, /\{\\mathrm\{d\}X\}\^\{\\top\}\\,X/);
    });
    it('cross-entropy: a negation and a quotient touch the differential, −dU₃ and du₈/N', () => {
      const d = sound({ expr: '-sum(Y .* logsoftmax(X*W, 2))/N', where: 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k)', wrt: ['W'], layout: 'denominator' });
      const texts = d.pub.map((p) => p.afterText ?? '');
      assert.ok(texts.includes('dU₄ = −dU₃'), texts.join(' | '));
      assert.ok(texts.includes('df = du₈/N'), texts.join(' | '));
    });
  });
  describe('the differentials substituted are written in X as a textbook would, with nothing left to cancel', () => {
    for (const g of ['full', 'summary'] as const) {
      it(`det(X⁻¹): df = det(U) tr(U⁻¹ dU) with U = X⁻¹ gives −det(X⁻¹) tr(dX X⁻¹), no (X⁻¹)⁻¹ (${g})`, () => {
        const d = sound({ expr: 'det(inv(X))', where: 'X: matrix(n, n)', wrt: ['X'], layout: 'mixed' }, g);
        const text = stepWith(d, 'differential-chain').p.afterText ?? '';
        assert.doesNotMatch(text, /\(X⁻¹\)⁻¹/);
        assert.match(text, /= −det\(X⁻¹\) tr\(dX X⁻¹\)$/);
      });
    }
    it('‖e‖₂² of an MLP’s error: d(u₆²) = 2u₆ du₆ with du₆ = u₅ᵀdu₅/‖u₅‖₂ — the norms cancel once written in W₁', () => {
      const d = sound({ expr: 'norm2(W2*relu(W1*x + b1) + b2 - y)^2', where: 'W1: matrix(h, n); W2: matrix(k, h); x: vector(n); b1: vector(h); b2: vector(k); y: vector(k)', wrt: ['W1'], layout: 'mixed' });
      const text = stepWith(d, 'differential-chain').p.afterText ?? '';
      const inW1 = text.slice(text.lastIndexOf(' = ') + 3);
      assert.doesNotMatch(inW1, /‖/, inW1);
      assert.equal(inW1, '2(W₂ max(0, W₁x + b₁) + b₂ − y)ᵀW₂(𝟙[W₁x + b₁ > 0] ⊙ (dW₁ x))');
    });
  });
  describe('the product rule says when a term uses the symmetry of a declared matrix', () => {
    it('xᵀWx, W symmetric: (Wx)ᵀ is written xᵀW, and the step says why', () => {
      const d = sound({ expr: "x'*W*x", where: 'x: vector(n); W: matrix(n, n) symmetric', wrt: ['x'], layout: 'mixed' });
      const s = stepWith(d, 'product-rule').p;
      assert.equal(s.afterText, '∂(xᵀWx)/∂x = (Wx)ᵀ·∂x/∂x + xᵀW·∂x/∂x = xᵀW + xᵀW');
      assert.match(s.explanation, /W is symmetric \(Wᵀ = W\)/);
    });
    it('Cookbook (84), (x − As)ᵀW(x − As), W symmetric: the local derivative ∂f/∂z says it too', () => {
      const d = sound({ expr: "(x - A*s)'*W*(x - A*s)", where: 'x: vector(m); A: matrix(m, n); s: vector(n); W: matrix(m, m) symmetric', wrt: ['s'], layout: 'mixed' });
      assert.match(stepWith(d, 'product-rule').p.explanation, /W is symmetric \(Wᵀ = W\)/);
    });
    it('xᵀAx, A not declared symmetric: no such sentence', () => {
      const d = sound({ expr: "x'*A*x", where: 'x: vector(n); A: matrix(n, n)', wrt: ['x'] });
      assert.doesNotMatch(stepWith(d, 'product-rule').p.explanation, /symmetric/);
    });
  });
  describe('a factor of a displayed product keeps its brackets', () => {
    it('the Hessian of Σ logsumexp by b: the chain ends (…)(I_k ⊗ 𝟏_N), not (…) I_k ⊗ 𝟏_N (read as ((…)I_k) ⊗ 𝟏_N)', () => {
      const d = sound({ expr: "sum(logsumexp(X*W + b', 2))", where: 'X: matrix(N, n); W: matrix(n, k); b: vector(k)', wrt: ['b'], order: 2 }, 'summary');
      const chain = stepWith(d, 'vector-chain-rule').p.afterText ?? '';
      assert.match(chain, / \(I_k ⊗ 𝟏_N\)$/, chain);
    });
  });
});
