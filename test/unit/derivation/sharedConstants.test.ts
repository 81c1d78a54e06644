/**
 * A large constant several intermediates' definitions share is named once in the derivation
 * (derivation/sharedConstants.ts): written out in every definition, a recurrence adding the same sum
 * at each step made the first step quadratic in its length (robustness/recurrence.test.ts measures
 * that). Display only: every claim of every step still holds numerically, and the result is derive()'s.
 */
import * as assert from 'node:assert/strict';
import { assertSound, derivation, stepWith } from './helpers';

const SUM = 'a1+a2+a3+a4+a5+a6+a7+a8';
const WHERE = 'W1, W2: matrix(n, n); x, a1, a2, a3, a4, a5, a6, a7, a8: vector(n)';
const network = (sum: string): string => `sum(tanh(W2*tanh(W1*x + (${sum})) + (${sum})))`;

/** How often `part` occurs in `text`. */
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('derivation: a large constant several definitions share is named once', () => {
  for (const [wrt, granularity] of [['x', 'full'], ['x', 'summary'], ['W1', 'full'], ['W1', 'summary']] as const) {
    it(`by ${wrt}, ${granularity}: c = a₁ + … + a₈ listed first, the definitions written with c, every claim true`, () => {
      const d = derivation({ expr: network(SUM), where: WHERE, wrt: [wrt] }, granularity);
      assertSound(d, `${wrt} ${granularity}`);
      const { p } = stepWith(d, 'intermediate-variables');
      const text = p.afterText ?? '';
      assert.ok(text.startsWith('c = a₁ + a₂ + a₃ + a₄ + a₅ + a₆ + a₇ + a₈,'), text);
      assert.equal(count(text, 'a₈'), 1, text);
      assert.equal(count(text, ' + c'), 2, text);
      assert.match(p.explanation, /c names a constant the definitions share/);
    });
  }

  it('a summary\'s local Jacobians show the definitions with the name', () => {
    const d = derivation({ expr: network(SUM), where: WHERE, wrt: ['x'] }, 'summary');
    const { p } = stepWith(d, 'local-derivatives');
    // Its before (LaTeX) applies ∂/∂v to each definition: c, never a₈.
    assert.ok(!p.before.includes('_{8}') && p.before.includes('+ \\mathbf{c}'), p.before);
  });

  // diag(c) in every local Jacobian (h = tanh(W h) ⊙ c): the values the steps show name it too, where
  // they wrote it out in each Jacobian, in their product and in its multiplied-out form (issue 17).
  const scaled = `tanh(W2*(tanh(W1*x) .* (${SUM}))) .* (${SUM})`;
  for (const granularity of ['full', 'summary'] as const) {
    it(`${granularity}: the local Jacobians, their product and its multiplied-out form show diag(c), every claim true`, () => {
      const d = derivation({ expr: scaled, where: WHERE, wrt: ['x'] }, granularity);
      assertSound(d, `scaled ${granularity}`);
      const shown = d.pub.filter((p) => ['local-derivatives', 'elementwise-diagonal', 'vector-chain-rule', 'multiply-out'].includes(p.rule));
      assert.ok(shown.some((p) => p.rule === 'multiply-out') && shown.some((p) => p.rule === 'vector-chain-rule'), d.pub.map((p) => p.rule).join(', '));
      for (const p of shown) {
        const text = p.afterText ?? '';
        assert.ok(!text.includes('a₈') && !p.after.includes('_{8}') && !p.before.includes('_{8}'), `${p.rule}: ${text}`);
      }
      const chain = stepWith(d, 'vector-chain-rule').p.afterText ?? '';
      assert.equal(count(chain, 'diag(c)'), 2, chain);
      assert.match(stepWith(d, 'multiply-out').p.afterText ?? '', /diag\(c ⊙ \(𝟏 − tanh\(u/);
      // Substituting back writes the constant again: the result is in the expression's variables.
      assert.ok((stepWith(d, 'substitute').p.afterText ?? '').includes('a₈'));
    });
  }

  it('the total derivatives and the naive chain rule show the constant by its name', () => {
    const d = derivation({ expr: `tanh(W2*(tanh(W1*x) .* (${SUM}) + x)) .* (${SUM})`, where: WHERE, wrt: ['x'] }, 'full');
    assertSound(d, 'paths');
    for (const rule of ['naive-chain-rule', 'total-derivative']) {
      const { p } = stepWith(d, rule);
      assert.ok(!(p.afterText ?? '').includes('a₈') && !p.explanation.includes('a₈'), `${rule}: ${p.afterText} ${p.explanation}`);
      assert.match(p.afterText ?? '', /diag\(c ⊙/, rule);
    }
  });

  it('the differential method: each piece\'s differential and dy in the pieces show c, dy in W₁ and x writes it out', () => {
    for (const granularity of ['full', 'summary'] as const) {
      const d = derivation({ expr: `sum(${scaled})`, where: WHERE, wrt: ['W1'] }, granularity);
      assertSound(d, `differentials ${granularity}`);
      const pieces = d.pub.filter((p) => p.rule === 'differential');
      assert.ok(pieces.some((p) => (p.afterText ?? '').includes('⊙ c')), pieces.map((p) => p.afterText).join(' | '));
      for (const p of pieces) assert.ok(!(p.afterText ?? '').includes('a₈') && !p.explanation.includes('a₈') && !p.before.includes('_{8}'), `${p.afterText} ${p.explanation}`);
      const [inPieces, inX] = (stepWith(d, 'differential-chain').p.afterText ?? '').split(' = ').slice(1);
      assert.ok(!inPieces.includes('a₈') && inPieces.includes('⊙ c'), inPieces);
      assert.ok(inX.includes('a₈'), inX);
    }
  });

  it('reverse mode: each gradient, the expression it comes from and the rule applied show c; substitution writes it out', () => {
    for (const granularity of ['full', 'summary'] as const) {
      const d = derivation({ expr: `sum(${scaled})`, where: WHERE, wrt: ['W1'], method: 'backprop' }, granularity);
      assertSound(d, `reverse mode ${granularity}`);
      const backwards = d.pub.filter((p) => p.rule === 'chain-rule' || p.rule === 'total-derivative' || p.rule === 'product-rule');
      assert.ok(backwards.length >= 4, d.pub.map((p) => p.rule).join(', '));
      assert.ok(backwards.some((p) => (p.afterText ?? '').includes('⊙ c')), backwards.map((p) => p.afterText).join(' | '));
      assert.ok(backwards.some((p) => /= c$/.test(p.afterText ?? '')), backwards.map((p) => p.afterText).join(' | '));
      for (const p of backwards) {
        assert.ok(!(p.afterText ?? '').includes('a₈') && !p.explanation.includes('a₈') && !p.before.includes('_{8}') && !p.after.includes('_{8}'), `${p.afterText} ${p.explanation} ${p.before}`);
      }
      assert.ok((stepWith(d, 'substitute').p.afterText ?? '').includes('a₈'));
    }
  });

  it('a name of the expression is not taken: c is a variable, so the constant is k', () => {
    const d = derivation({ expr: network(SUM.replace('a1', 'c')), where: WHERE.replace('a1', 'c'), wrt: ['x'] }, 'full');
    assertSound(d, 'c taken');
    const text = stepWith(d, 'intermediate-variables').p.afterText ?? '';
    assert.ok(text.startsWith('k = c + a₂ +'), text);
  });

  it('a constant of fewer than 8 nodes, or used by one definition, is written where it is used', () => {
    const small = derivation({ expr: network('a1+a2+a3+a4+a5+a6'), where: WHERE, wrt: ['x'] }, 'full');
    assert.equal(count(stepWith(small, 'intermediate-variables').p.afterText ?? '', 'a₆'), 2);
    const once = derivation({ expr: `sum(tanh(W2*tanh(W1*x + (${SUM}))))`, where: WHERE, wrt: ['x'] }, 'full');
    const text = stepWith(once, 'intermediate-variables').p.afterText ?? '';
    assert.ok(text.startsWith('u₁ = W₁x,'), text);
    assert.equal(count(text, 'a₈'), 1, text);
  });
});
