/**
 * The gradient through a row normalization in the textbook's form (present/normalization.ts):
 * (G − mean(G, 2)𝟏ᵀ − X̂ ⊙ (mean(G ⊙ X̂, 2)𝟏ᵀ)) ⊘ (σ𝟏ᵀ) with X̂ and σ named. Each form is checked
 * against the reverse mode's own value at random points and against finite differences, its
 * derivation step by step, and its named form read back in every notation.
 */
import * as assert from 'node:assert/strict';
import { derive, namedForms } from '../../../src/core/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { normalizationForm } from '../../../src/core/present/normalization';
import { readExpression } from '../../../src/core/read';
import { readPlain } from '../../../src/core/syntax/index';
import { assertSound, derivation } from '../derivation/helpers';

const LN = '((X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean((X - mean(X, 2)*ones(1, n)).^2, 2) + eps)*ones(1, n)))';
const RMS = '(X ./ (sqrt(mean(X.^2, 2) + eps)*ones(1, n)))';
const WHERE = 'X: matrix(N, n); G: matrix(N, n); eps: scalar; gamma: vector(n); beta: vector(n)';

/** The form against the reverse mode's value at random points; undefined when the form does not apply. */
function formOf(expr: string, wrt = 'X'): boolean {
  const r = readPlain(expr, WHERE);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const x = r.value.variables.find((v) => v.name === wrt);
  assert.ok(x);
  const d = differentiate(r.value.expr, [x]);
  const form = normalizationForm(d);
  if (form === undefined) return false;
  assert.ok(exprsEqualNumerically(form, d.expr), `unsound for ${expr}`);
  return true;
}

function named(expr: string, wrt = 'X'): { unicode: string; definitions: string[] } {
  const r = derive({ expr, where: WHERE, wrt: [wrt], layout: 'denominator', check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
  const n = r.value.result.named;
  assert.ok(n, `no named form: ${r.value.result.unicode}`);
  return { unicode: n.unicode ?? n.text, definitions: n.definitions.map((d) => `${d.nameUnicode} = ${d.unicode ?? d.text}`) };
}

describe('present/normalization: the gradient through a row normalization as the textbooks print it', () => {
  it('layer norm: (Gu − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ), u = I − 𝟏𝟏ᵀ/n, X̂ and σ named', () => {
    assert.ok(formOf(`sum(G .* ${LN})`));
    const n = named(`sum(G .* ${LN})`);
    assert.equal(n.unicode, '(Gu − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
    assert.deepEqual(n.definitions, ['u = I − 𝟏𝟏ᵀ/n', 'v = Xu', 'σ = √(v∘²𝟏/n + eps𝟏)', 'X̂ = v ⊘ (σ𝟏ᵀ)']);
  });

  it('an RMS norm (no centring): (G − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)', () => {
    assert.ok(formOf(`sum(G .* ${RMS})`));
    const n = named(`sum(G .* ${RMS})`);
    assert.equal(n.unicode, '(G − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
    assert.deepEqual(n.definitions, ['σ = √(X∘²𝟏/n + eps𝟏)', 'X̂ = X ⊘ (σ𝟏ᵀ)']);
  });

  it('with the affine part γ, β: the upstream gradient is G ⊙ 𝟏γᵀ; the gradients by γ and β are untouched', () => {
    const affine = `sum(G .* (${LN} .* (ones(N, 1)*gamma') + ones(N, 1)*beta'))`;
    assert.ok(formOf(affine));
    const n = named(affine);
    assert.match(n.unicode, /X̂/);
    assert.match(n.unicode, /⊘ \(σ𝟏ᵀ\)$/);
    assert.equal(formOf(affine, 'gamma'), false);
    named(affine, 'gamma');
  });

  it('written without brackets, G .* (X - …) ./ (…): the product regrouped around X̂ (associativity)', () => {
    const flat = `sum(G .* ${LN.slice(1, -1)})`;
    assert.ok(formOf(flat));
    assert.equal(named(flat).unicode, '(Gu − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
  });

  it('a loss of the normalized rows (not linear in X̂) and a sum of squares of them', () => {
    for (const expr of [`sum(sum(tanh(${LN}).^2))`, `sum(sum((${LN} - G).^2))/N`]) {
      assert.ok(formOf(expr), expr);
      const r = derive({ expr, where: WHERE, wrt: ['X'], layout: 'denominator', check: true });
      assert.ok(r.ok && r.value.check?.passed, expr);
      // Written in full, or (when much larger as a tree than as a DAG) in the binding form: X̂ and σ by name either way.
      const text = (r.value.result.named ? namedForms(r.value.result.named).unicode : r.value.result.unicode) ?? '';
      assert.match(text, /⊘ \(σ𝟏ᵀ\).* where .*σ = √.*X̂ = /, text);
    }
  });

  it('not applied where X is also used outside the normalization, nor with a sum of squares instead of their mean: the reverse mode\'s form stands', () => {
    assert.equal(formOf(`sum(G .* ${LN}) + sum(sum(X .* X))`), false);
    assert.equal(formOf('sum(G .* (X ./ (sqrt(sum(X.^2, 2) + eps)*ones(1, n))))'), false);
    // Without eps (σ the root mean square itself) it applies.
    assert.equal(formOf('sum(G .* (X ./ (sqrt(mean(X.^2, 2))*ones(1, n))))'), true);
  });

  it('read in NumPy spelling, (X - X.mean(axis=1, keepdims=True)) / np.sqrt(((X - ….mean…)**2).mean(axis=1, keepdims=True) + eps)', () => {
    const py = 'C = X - X.mean(axis=1, keepdims=True)\nnp.sum(G * (C / np.sqrt((C**2).mean(axis=1, keepdims=True) + eps)))';
    const r = derive({ expr: py, from: 'numpy', where: 'X: matrix(N, n); G: matrix(N, n); eps: scalar', wrt: ['X'], layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.check?.passed);
    assert.equal(r.value.result.named?.unicode, '(Gu − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
  });

  it('the named form reads back to the result in every notation (plain, Unicode X̂ σ, LaTeX \\hat{X} \\sigma)', () => {
    const r = derive({ expr: `sum(G .* ${LN})`, where: WHERE, wrt: ['X'], layout: 'denominator' });
    assert.ok(r.ok && r.value.result.named);
    const forms = namedForms(r.value.result.named);
    assert.match(forms.latex, /\\hat\{X\}/);
    const back = (text: string, from: 'plain' | 'unicode' | 'latex') => {
      const q = readExpression(text, WHERE, from);
      assert.ok(q.ok, q.ok ? '' : `${from}: ${q.error.message} in ${text}`);
      return q.value.expr;
    };
    const result = back(r.value.result.text, 'plain');
    for (const [text, from] of [[forms.text, 'plain'], [forms.unicode, 'unicode'], [forms.latex, 'latex']] as const) {
      assert.ok(exprsEqualNumerically(back(text, from), result), `${from}: ${text}`);
    }
  });

  it('the derivation reaches the form step by step, every step numerically true', () => {
    for (const layout of ['denominator', 'numerator'] as const) {
      for (const granularity of ['full', 'summary'] as const) {
        assertSound(derivation({ expr: `sum(G .* ${LN})`, where: WHERE, wrt: ['X'], layout }, granularity), `${layout}, ${granularity}`);
      }
    }
  });
});
