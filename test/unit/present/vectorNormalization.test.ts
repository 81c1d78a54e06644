/**
 * Derivatives through the normalization of a vector in the textbook's form
 * (present/vectorNormalization.ts): x̂ = (x − mean(x)𝟏)/σ has Jacobian (I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ, a
 * scalar f of x̂ the gradient (g − mean(g)𝟏 − mean(g ⊙ x̂)x̂)/σ, with x̂ and σ named. Each form is
 * checked against the reverse mode's own value at random points and against finite differences, its
 * derivation step by step, and its named form read back in every notation.
 */
import * as assert from 'node:assert/strict';
import { derive, namedForms } from '../../../src/core/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { present } from '../../../src/core/present/present';
import { readExpression } from '../../../src/core/read';
import { readPlain } from '../../../src/core/syntax/index';
import { assertSound, derivation } from '../derivation/helpers';

const LN = '((x - mean(x))/sqrt(mean((x - mean(x)).^2) + eps))';
const RMS = '(x/sqrt(mean(x.^2) + eps))';
const WHERE = 'x: vector(n); w: vector(n); g: vector(n); b: vector(n); eps: scalar';

/** The presented form against the reverse mode's value at random points (canonical layout). */
function sound(expr: string): void {
  const r = readPlain(expr, WHERE);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const x = r.value.variables.find((v) => v.name === 'x');
  assert.ok(x);
  const d = differentiate(r.value.expr, [x]);
  assert.ok(exprsEqualNumerically(present(d, 'canonical'), d.expr), `unsound for ${expr}`);
}

/** The named form by x (checked against finite differences): the result and its definitions. */
function named(expr: string, layout: 'numerator' | 'denominator' = 'numerator', from: 'plain' | 'numpy' = 'plain'): { unicode: string; definitions: string[] } {
  const r = derive({ expr, from, where: WHERE, wrt: ['x'], layout, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
  const n = r.value.result.named;
  assert.ok(n, `no named form: ${r.value.result.unicode}`);
  return { unicode: n.unicode ?? n.text, definitions: n.definitions.map((d) => `${d.nameUnicode} = ${d.unicode ?? d.text}`) };
}

const DEFINED = ['u = x − mean(x)𝟏_n', 'σ = √(mean(u∘²) + eps)', 'x̂ = u/σ'];

describe('present/vectorNormalization: derivatives through a vector layer norm as the textbooks print them', () => {
  it('the Jacobian of x̂ = (x − mean(x)𝟏)/σ: (I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ, in both layouts (it is symmetric)', () => {
    sound(LN);
    for (const layout of ['numerator', 'denominator'] as const) {
      const n = named(LN, layout);
      // The writer sizes the second 𝟏 or not (𝟏_n𝟏_nᵀ, 𝟏_n𝟏ᵀ): the same matrix.
      assert.match(n.unicode, /^\(I − 𝟏_n𝟏(_n)?ᵀ\/n − x̂x̂ᵀ\/n\)\/σ$/, layout);
      assert.deepEqual(n.definitions, DEFINED);
    }
  });

  it('with a scale and shift, g ⊙ x̂ + b: diag(g)(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ', () => {
    sound(`g .* ${LN} + b`);
    assert.equal(named(`g .* ${LN} + b`).unicode, 'diag(g)(I − 𝟏_n𝟏_nᵀ/n − x̂x̂ᵀ/n)/σ');
  });

  it('an RMS norm x/σ: (I − x̂x̂ᵀ/n)/σ', () => {
    sound(RMS);
    const n = named(RMS);
    assert.equal(n.unicode, '(I − x̂x̂ᵀ/n)/σ');
    assert.deepEqual(n.definitions, ['σ = √(mean(x∘²) + eps)', 'x̂ = x/σ']);
  });

  it('the gradient of wᵀx̂: (w − mean(w)𝟏 − mean(w ⊙ x̂)x̂)/σ, also written w .* (x − mean(x))/σ and in NumPy with x.var()', () => {
    for (const expr of [`w'*${LN}`, `sum(w .* ${LN})`, `sum(w .* ${LN.slice(1, -1)})`]) {
      sound(expr);
      assert.equal(named(expr, 'denominator').unicode, '(w − mean(w)𝟏_n − mean(w ⊙ x̂)x̂)/σ', expr);
      assert.equal(named(expr, 'numerator').unicode, '(w − mean(w)𝟏_n − mean(w ⊙ x̂)x̂)ᵀ/σ', expr);
    }
    assert.equal(named('np.sum(w * (x - x.mean()) / np.sqrt(x.var() + eps))', 'denominator', 'numpy').unicode, '(w − mean(w)𝟏_n − mean(w ⊙ x̂)x̂)/σ');
    sound(`w'*${RMS}`);
    assert.equal(named(`w'*${RMS}`, 'denominator').unicode, '(w − mean(w ⊙ x̂)x̂)/σ');
  });

  it('a loss of x̂ that is not linear: the same frame around its gradient by x̂', () => {
    for (const expr of [`norm2(${LN} - w)^2`, `sum(tanh(g .* ${LN} + b))`]) {
      sound(expr);
      const n = named(expr, 'denominator');
      assert.match(n.unicode, /^\(.* − mean\(.*\)𝟏_n − mean\(.* ⊙ x̂\)x̂\)\/σ$/, expr);
    }
  });

  it('not applied where x is also used outside the normalization, nor to a normalization by a sum of squares: the reverse mode\'s form stands', () => {
    for (const expr of [`w'*${LN} + x'*x`, "w'*(x/sqrt(sum(x.^2) + eps))"]) {
      const r = derive({ expr, where: WHERE, wrt: ['x'], check: true });
      assert.ok(r.ok && r.value.check?.passed, expr);
      assert.doesNotMatch(r.value.result.named?.unicode ?? r.value.result.unicode ?? '', /x̂/, expr);
    }
  });

  it('the named form reads back to the result in every notation (plain, Unicode x̂ σ, LaTeX \\hat{x} \\sigma)', () => {
    for (const expr of [LN, `w'*${LN}`]) {
      const r = derive({ expr, where: WHERE, wrt: ['x'] });
      assert.ok(r.ok && r.value.result.named);
      const forms = namedForms(r.value.result.named);
      assert.match(forms.latex, /\\hat\{\\mathbf\{x\}\}|\\hat\{x\}|\\hat\{\\boldsymbol\{x\}\}/);
      const back = (text: string, from: 'plain' | 'unicode' | 'latex') => {
        const q = readExpression(text, WHERE, from);
        assert.ok(q.ok, q.ok ? '' : `${from}: ${q.error.message} in ${text}`);
        return q.value.expr;
      };
      const result = back(r.value.result.text, 'plain');
      for (const [text, from] of [[forms.text, 'plain'], [forms.unicode, 'unicode'], [forms.latex, 'latex']] as const) {
        assert.ok(exprsEqualNumerically(back(text, from), result), `${from}: ${text}`);
      }
    }
  });

  it('the derivation reaches the form step by step, every step numerically true', () => {
    for (const expr of [LN, `w'*${LN}`]) {
      for (const granularity of ['full', 'summary'] as const) {
        assertSound(derivation({ expr, where: WHERE, wrt: ['x'], layout: 'numerator' }, granularity), `${expr}, ${granularity}`);
      }
    }
  });
});
