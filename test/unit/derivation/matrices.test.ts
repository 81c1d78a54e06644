/**
 * Derivatives with respect to matrices read like Magnus & Neudecker and the Matrix Cookbook (issue
 * 15), in the style of the seed's tests (seeds.test.ts): the differential of each piece, the
 * differentials substituted, the trace form tr(Gᵀ dX) (or vec(df) = J vec(dX)), the derivative
 * identified, then the layout. Each derivation is numerically sound (helpers.assertSound: every
 * claim true at random points, the last step the presented result, all LaTeX rendered by KaTeX),
 * and every matrix-variable case of the corpus is derived this way.
 */
import * as assert from 'node:assert/strict';
import { loadCorpus } from '../corpus/corpus.test';
import { verifyClaim } from '../../../src/core/derivation/index';
import { assertSound, derivation, rules, stepWith, type Case, type Derived } from './helpers';

function both(c: Case, check: (d: Derived, g: 'summary' | 'full') => void): void {
  for (const g of ['summary', 'full'] as const) {
    it(g, () => {
      const d = derivation(c, g);
      assertSound(d, `${c.expr} (${g})`);
      check(d, g);
    });
  }
}

const texts = (d: Derived, rule: string): string[] => d.pub.filter((p) => p.rule === rule).map((p) => p.afterText ?? '');
const last = (d: Derived): string => d.pub[d.pub.length - 1].afterText ?? '';

describe('derivation: matrix derivatives by differentials', () => {
  describe('log det X: d log det X = tr(X⁻¹ dX), so ∂/∂X = X⁻ᵀ (Cookbook (57))', () => {
    both({ expr: 'logdet(X)', where: 'X: matrix(n, n)', wrt: ['X'] }, (d) => {
      assert.deepEqual(rules(d), ['differential', 'identify', 'layout']);
      assert.deepEqual(texts(d, 'differential'), ['df = tr(X⁻¹ dX)']);
      const identify = stepWith(d, 'identify').p;
      assert.equal(identify.afterText, '∂f/∂X = X⁻ᵀ');
      assert.match(identify.explanation, /denominator layout/);
      assert.match(identify.explanation, /numerator layout/);
      assert.equal(last(d), '∂f/∂X = X⁻¹');
    });
  });

  describe('tr(AXB): d tr(AXB) = tr(A dX B) = tr(BA dX), so ∂/∂X = AᵀBᵀ (Cookbook (100))', () => {
    both({ expr: 'tr(A*X*B)', wrt: ['X'] }, (d, g) => {
      if (g === 'full') {
        assert.equal(stepWith(d, 'intermediate-variables').p.afterText, 'U = AXB,  f = tr(U)');
        assert.deepEqual(texts(d, 'differential'), ['dU = A dX B', 'df = tr(dU)']);
        assert.equal(stepWith(d, 'differential-chain').p.afterText, 'df = tr(A dX B)');
      } else {
        assert.deepEqual(rules(d), ['differential', 'trace-form', 'identify', 'layout']);
      }
      const trace = stepWith(d, 'trace-form').p;
      assert.equal(trace.afterText, 'df = tr(BA dX)');
      assert.match(trace.explanation, /cyclic/);
      assert.equal(stepWith(d, 'identify').p.afterText, '∂f/∂X = AᵀBᵀ');
      assert.equal(last(d), '∂f/∂X = BA');
    });
  });

  describe('tr(XᵀAX): the product rule on differentials, two traces collected, ∂/∂X = (A + Aᵀ)X (Cookbook (107))', () => {
    both({ expr: "tr(X'*A*X)", where: 'X: matrix(n, k); A: matrix(n, n)', wrt: ['X'] }, (d, g) => {
      const differentials = texts(d, 'differential');
      assert.ok(differentials.includes(g === 'full' ? 'dV = dU AX + UA dX' : 'dU = dXᵀ AX + XᵀA dX'), differentials.join('\n'));
      // Written in X, the trace of the sum is the sum of the traces, each then brought to tr(Gᵢᵀ dX).
      assert.match(stepWith(d, 'differential-chain').p.afterText ?? '', /= tr\(dXᵀ AX\) \+ tr\(XᵀA dX\)$/);
      assert.equal(stepWith(d, 'trace-form').p.afterText, 'df = tr(XᵀAᵀ dX) + tr(XᵀA dX) = tr(Xᵀ(A + Aᵀ) dX)');
      assert.equal(stepWith(d, 'identify').p.afterText, '∂f/∂X = (A + Aᵀ)X');
      assert.equal(last(d), '∂f/∂X = Xᵀ(A + Aᵀ)');
    });
  });

  describe('det X: d det X = det(X) tr(X⁻¹ dX), so ∂/∂X = det(X)X⁻ᵀ (Cookbook (49))', () => {
    both({ expr: 'det(X)', where: 'X: matrix(n, n)', wrt: ['X'] }, (d) => {
      assert.deepEqual(rules(d), ['differential', 'identify', 'layout']);
      assert.deepEqual(texts(d, 'differential'), ['df = det(X) tr(X⁻¹ dX)']);
      assert.equal(stepWith(d, 'identify').p.afterText, '∂f/∂X = det(X)X⁻ᵀ');
      assert.equal(last(d), '∂f/∂X = det(X)X⁻¹');
    });
  });

  describe('X⁻¹ by X (matrix by matrix): df = −X⁻¹ dX X⁻¹, vec(df) = −(X⁻ᵀ ⊗ X⁻¹) vec(dX) (Cookbook (59), Magnus & Neudecker)', () => {
    both({ expr: 'inv(X)', where: 'X: matrix(n, n)', wrt: ['X'] }, (d) => {
      assert.deepEqual(rules(d), ['differential', 'vec-form', 'identify']);
      assert.deepEqual(texts(d, 'differential'), ['df = −X⁻¹ dX X⁻¹']);
      const vec = stepWith(d, 'vec-form').p;
      assert.equal(vec.afterText, 'vec(df) = −(X⁻ᵀ ⊗ X⁻¹) vec(dX)');
      assert.match(vec.explanation, /vec\(AXB\) = \(Bᵀ ⊗ A\) vec\(X\)|Bᵀ ⊗ A/);
      assert.equal(last(d), '∂vec f/∂(vec X)ᵀ = −(X⁻ᵀ ⊗ X⁻¹)');
    });
  });

  describe('XᵀA by X: vec(df) = (Aᵀ ⊗ I)𝐊 vec(dX), the Jacobian whole (the product does not take 𝐊 into vec(dX) as vec(dXᵀ))', () => {
    both({ expr: "X'*A", where: 'X: matrix(m, n); A: matrix(m, k)', wrt: ['X'] }, (d) => {
      assert.equal(stepWith(d, 'vec-form').p.afterText, 'vec(df) = (Aᵀ ⊗ I_n)𝐊(m,n) vec(dX)');
      assert.equal(last(d), '∂vec f/∂(vec X)ᵀ = (Aᵀ ⊗ I_n)𝐊(m,n)');
    });
  });

  describe('‖AX − B‖²_F: d‖U‖²_F through the norm, ∂/∂X = 2Aᵀ(AX − B) (Cookbook (120), least squares)', () => {
    both({ expr: 'norm2(A*X - B)^2', where: 'A: matrix(m, n); X: matrix(n, k); B: matrix(m, k)', wrt: ['X'] }, (d, g) => {
      const defs = stepWith(d, 'intermediate-variables').p.afterText;
      assert.equal(defs, g === 'full' ? 'U = AX,  V = U − B,  z = ‖V‖_F,  f = z²' : 'U = AX − B,  v = ‖U‖_F,  f = v²');
      assert.ok(texts(d, 'differential').includes(g === 'full' ? 'dz = tr(Vᵀ dV)/‖V‖_F' : 'dv = tr(Uᵀ dU)/‖U‖_F'), texts(d, 'differential').join('\n'));
      // 2v dv with dv = tr(Uᵀ dU)/‖U‖_F: written in X the norms cancel, and df is in trace form already.
      assert.match(stepWith(d, 'differential-chain').p.afterText ?? '', /= 2 tr\(\(AX − B\)ᵀA dX\)$/);
      assert.ok(!d.steps.some((s) => s.rule === 'trace-form'), 'no trace-form step: df is tr(Gᵀ dX) once substituted');
      assert.equal(stepWith(d, 'identify').p.afterText, '∂f/∂X = 2Aᵀ(AX − B)');
      assert.equal(last(d), '∂f/∂X = 2(AX − B)ᵀA');
    });
  });
});

describe('derivation: the row-wise softmax\'s Jacobian ends in its block-diagonal form, diag(pᵢ) − pᵢpᵢᵀ per row (issue 13)', () => {
  describe('softmax(Z, 2): K J Kᵀ = D − D(I_N ⊗ 𝟏𝟏ᵀ)D with D = diag(vec(Pᵀ)), the blocks read from it', () => {
    both({ expr: 'softmax(Z, 2)', where: 'Z: matrix(N, k)', wrt: ['Z'] }, (d) => {
      const s = d.steps[d.steps.length - 1];
      assert.equal(s.rule, 'row-blocks');
      assert.equal(s.kind, 'note');
      assert.equal(d.pub[d.pub.length - 1].afterText,
        '𝐊(N,k) J 𝐊(N,k)ᵀ = diag(vec(Pᵀ)) − diag(vec(Pᵀ))(I_N ⊗ (𝟏_k𝟏_kᵀ)) diag(vec(Pᵀ)) = blockdiag(diag(pᵢ) − pᵢpᵢᵀ)_{i=1..N}');
      // P is the derivation's own name for the softmax, and J the Jacobian it identified.
      assert.equal(stepWith(d, 'identify').p.afterText?.startsWith('∂vec P/∂(vec Z)ᵀ = '), true);
      assert.match(s.explanation ?? '', /row by row.*diag\(pᵢ\) − pᵢpᵢᵀ.*block diagonal/s);
    });
    it('names the softmax P from its differential on: dP = P ⊙ (dZ − (P ⊙ dZ)𝟏𝟏ᵀ), never softmax(Z, 2) again after its definition', () => {
      for (const g of ['summary', 'full'] as const) {
        const d = derivation({ expr: 'softmax(Z, 2)', where: 'Z: matrix(N, k)', wrt: ['Z'] }, g);
        const { p: first } = stepWith(d, 'differential');
        assert.equal(first.name, 'Differential of P');
        assert.match(first.explanation, /^Take the differential of P = softmax\(Z, 2\)/, 'the definition, where P is introduced');
        assert.match(first.before, /^\\mathrm\{d\}P = \\mathrm\{d\}\\left\(\\operatorname\{softmax\}\(Z, 2\)\\right\)$/, first.before);
        assert.equal(first.afterText, 'dP = P ⊙ (dZ − (P ⊙ dZ)𝟏𝟏ᵀ)');
        assert.equal(stepWith(d, 'vec-form').p.afterText, 'vec(dP) = (diag(vec(P)) − diag(vec(P))((𝟏_k𝟏_kᵀ) ⊗ I_N) diag(vec(P))) vec(dZ)');
        assert.equal(stepWith(d, 'identify').p.afterText, '∂vec P/∂(vec Z)ᵀ = diag(vec(P)) − diag(vec(P))((𝟏_k𝟏_kᵀ) ⊗ I_N) diag(vec(P))');
        for (const p of d.pub.slice(d.pub.indexOf(first) + 1)) {
          for (const text of [p.afterText, p.before, p.after]) assert.doesNotMatch(text ?? '', /softmax/, `${p.name}: ${text}`);
        }
        // Only what is shown changes: each step's claims are over the expressions (assertSound checks them all).
        assertSound(d, `softmax(Z, 2) (${g})`);
      }
    });
    it('the claim has teeth: without the reordering by rows (J itself against the block form) it fails', () => {
      const d = derivation({ expr: 'softmax(Z, 2)', where: 'Z: matrix(N, k)', wrt: ['Z'] }, 'summary');
      const s = d.steps[d.steps.length - 1];
      const claim = s.claims[0];
      assert.ok(claim.kind === 'equal');
      const wrong = { ...claim, lhs: d.result };
      assert.ok(!verifyClaim(wrong).passed, 'J equals its row-ordered form at random points?');
    });
  });
  describe('softmax(Z, 1): already block diagonal in vec\'s column order, one block per column', () => {
    both({ expr: 'softmax(Z, 1)', where: 'Z: matrix(N, k)', wrt: ['Z'], layout: 'denominator' }, (d) => {
      assert.equal(d.steps[d.steps.length - 1].rule, 'row-blocks');
      assert.match(last(d), /= blockdiag\(diag\(pⱼ\) − pⱼpⱼᵀ\)_\{j=1..k\}$/);
    });
  });
  it('not for a softmax of an expression (XW) or a vector softmax', () => {
    for (const c of [{ expr: 'softmax(X*W, 2)', where: 'X: matrix(N, n); W: matrix(n, k)', wrt: ['W'] }, { expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'] }]) {
      assert.ok(!rules(derivation(c, 'summary')).includes('row-blocks'), c.expr);
    }
  });
});

describe('derivation: every matrix-variable corpus case by differentials', () => {
  const cases = loadCorpus().filter((c) => c.order !== 2 && c.wrt.length === 1);
  it('each has its differentials, a trace or vec form, the derivative identified; sound in both granularities', function () {
    this.timeout(60_000);
    let matrices = 0;
    for (const c of cases) {
      const d = derivation(c, 'summary');
      const w = d.wrt[0].shape;
      if (w.rows === 1 || w.cols === 1) continue;
      // ∂X/∂X is the identity in one step of its own, with no differential to take.
      if (d.f === d.wrt[0]) {
        assert.deepEqual(rules(d), ['identity'], c.id);
        // a symmetric S is not n² free entries: the step says why ∂S/∂S is ½(I + K), not I
        if (d.wrt[0].symmetric) assert.match(d.steps[0].explanation ?? '', /is symmetric.*½\(I \+ K\).*not the identity/s, c.id);
        else assert.match(d.steps[0].explanation ?? '', /the identity.*stacked column by column into vec .*, that is the .*×.* identity I\./s, c.id);
        // the step's formula names X itself, not a y the steps never define: ∂vec X/∂(vec X)ᵀ = I
        const wrt = d.pub[0].afterText ?? '';
        assert.ok(!/∂vec y/.test(wrt) && /^∂vec (\S+)\/∂\(vec \1\)ᵀ = /.test(wrt), `${c.id}: ${wrt}`);
        continue;
      }
      matrices++;
      for (const g of ['summary', 'full'] as const) {
        const dg = g === 'summary' ? d : derivation(c, g);
        assertSound(dg, `${c.id} (${g})`);
        const r = rules(dg);
        assert.ok(r.includes('differential') && r.includes('identify'), `${c.id} (${g}): ${r.join(', ')}`);
        assert.ok(r.indexOf('identify') > r.lastIndexOf('differential'), `${c.id} (${g}): identifies after the differentials`);
        // What is identified is a trace form (a scalar function: tr(Gᵀ dX), possibly times a scalar) or a vec form (vec(df) = J vec(dX)).
        const identified = dg.pub[r.indexOf('identify') - 1].afterText ?? '';
        // The variable as the Unicode form writes it (W2 → W₂).
        const dw = `d${c.wrt[0].replace(/\d/g, (k) => '₀₁₂₃₄₅₆₇₈₉'[Number(k)])}`.replace(/[^\w₀-₉]/g, '\\$&');
        assert.match(identified, new RegExp(`tr\\(.*${dw}\\)|vec\\(${dw}\\)`), `${c.id} (${g}): ${identified}`);
      }
    }
    assert.ok(matrices >= 15, `${matrices} matrix-variable corpus cases`);
  });
});
