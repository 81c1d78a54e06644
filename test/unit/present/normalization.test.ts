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

/** The named form of the gradient by X of NumPy code, checked against finite differences. */
function namedNumpy(py: string): string | undefined {
  const r = derive({ expr: py, from: 'numpy', where: 'X: matrix(N, n); G: matrix(N, n); eps: scalar', wrt: ['X'], layout: 'denominator', check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed);
  return r.value.result.named?.unicode;
}

/** The textbook form applies to f by X (sound at random points), with this named form and these definitions. */
function assertForm(f: string, unicode: string, definitions: string[]): void {
  assert.ok(formOf(f), f);
  const n = named(f);
  assert.equal(n.unicode, unicode);
  assert.deepEqual(n.definitions, definitions);
}

describe('present/normalization: the gradient through a row normalization as the textbooks print it', () => {
  it('layer norm: (GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ), U = I − 𝟏𝟏ᵀ/n, X̂ and σ named', () => {
    assertForm(`sum(G .* ${LN})`, '(GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)', ['U = I − 𝟏𝟏ᵀ/n', 'V = XU', 'σ = √(V∘²𝟏/n + eps𝟏)', 'X̂ = V ⊘ (σ𝟏ᵀ)']);
  });

  it('an RMS norm (no centring): (G − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)', () => {
    assertForm(`sum(G .* ${RMS})`, '(G − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)', ['σ = √(X∘²𝟏/n + eps𝟏)', 'X̂ = X ⊘ (σ𝟏ᵀ)']);
  });

  it('with the affine part γ, β: the upstream gradient is G ⊙ 𝟏γᵀ; the form by X does not apply to γ', () => {
    const affine = `sum(G .* (${LN} .* (ones(N, 1)*gamma') + ones(N, 1)*beta'))`;
    assert.ok(formOf(affine));
    const n = named(affine);
    assert.match(n.unicode, /X̂/);
    assert.match(n.unicode, /⊘ \(σ𝟏ᵀ\)$/);
    assert.equal(formOf(affine, 'gamma'), false);
  });

  it('the affine part\'s gradients as the textbooks print them: ∂f/∂γ = (G ⊙ X̂)ᵀ𝟏 with X̂ and σ defined, ∂f/∂β = Gᵀ𝟏', () => {
    for (const affine of [`sum(G .* (${LN} .* (ones(N, 1)*gamma') + ones(N, 1)*beta'))`, `sum(G .* (gamma' .* ${LN} + beta'))`]) {
      const g = named(affine, 'gamma');
      assert.equal(g.unicode, '(G ⊙ X̂)ᵀ𝟏', affine);
      assert.deepEqual(g.definitions, ['U = X(I − 𝟏𝟏ᵀ/n)', 'σ = √(U∘²𝟏/n + eps𝟏)', 'X̂ = U ⊘ (σ𝟏ᵀ)'], affine);
      const r = derive({ expr: affine, where: WHERE, wrt: ['beta'], layout: 'denominator', check: true });
      assert.ok(r.ok && r.value.check?.passed);
      assert.equal(r.value.result.unicode, 'Gᵀ𝟏');
    }
    // Numerator layout: the transpose, 𝟏ᵀ(G ⊙ X̂).
    const r = derive({ expr: `sum(G .* (gamma' .* ${LN} + beta'))`, where: WHERE, wrt: ['gamma'], layout: 'numerator', check: true });
    assert.ok(r.ok && r.value.check?.passed && r.value.result.named);
    assert.equal(r.value.result.named.unicode, '𝟏ᵀ(G ⊙ X̂)');
    // Of an RMS norm too, and through a non-linear loss: X̂ by name wherever it is.
    assert.equal(named(`sum(G .* (gamma' .* ${RMS}))`, 'gamma').unicode, '(G ⊙ X̂)ᵀ𝟏');
    assert.match(named(`sum(sum(tanh(gamma' .* ${LN}).^2))`, 'gamma').unicode, /X̂/);
  });

  describe('a column-wise normalization (each column, mean(X, 1)): the same forms, transposed — 𝟏σ, 𝟏𝟏ᵀ(·)/N', () => {
    const COL = '((X - ones(N, 1)*mean(X, 1)) ./ (ones(N, 1)*sqrt(mean((X - ones(N, 1)*mean(X, 1)).^2, 1) + eps)))';
    const COL_RMS = '(X ./ (ones(N, 1)*sqrt(mean(X.^2, 1) + eps)))';
    it('layer norm along columns: (UG − X̂ ⊙ (𝟏𝟏ᵀ(G ⊙ X̂)/N)) ⊘ (𝟏σ)', () => {
      assertForm(`sum(G .* ${COL})`, '(UG − X̂ ⊙ (𝟏𝟏ᵀ(G ⊙ X̂)/N)) ⊘ (𝟏σ)', ['U = I − 𝟏𝟏ᵀ/N', 'V = UX', 'σ = √(𝟏ᵀV∘²/N + eps𝟏ᵀ)', 'X̂ = V ⊘ (𝟏σ)']);
    });
    it('RMS norm along columns, and a non-linear loss of it', () => {
      assert.ok(formOf(`sum(G .* ${COL_RMS})`));
      assert.equal(named(`sum(G .* ${COL_RMS})`).unicode, '(G − X̂ ⊙ (𝟏𝟏ᵀ(G ⊙ X̂)/N)) ⊘ (𝟏σ)');
      assert.ok(formOf(`sum(sum(tanh(${COL}).^2))`));
    });
    it('with a per-column scale γ and shift β (as batch norm has): ∂f/∂γ = (G ⊙ X̂)ᵀ𝟏, ∂f/∂β = Gᵀ𝟏; ∂f/∂X through Ḡ = G ⊙ 𝟏γᵀ', () => {
      const affine = `sum(G .* (gamma' .* ${COL} + beta'))`;
      assert.ok(formOf(affine));
      assert.match(named(affine).unicode, /⊘ \(𝟏σ\)$/);
      assert.equal(named(affine, 'gamma').unicode, '(G ⊙ X̂)ᵀ𝟏');
      const r = derive({ expr: affine, where: WHERE, wrt: ['beta'], layout: 'denominator', check: true });
      assert.ok(r.ok && r.value.check?.passed);
      assert.equal(r.value.result.unicode, 'Gᵀ𝟏');
    });
    it('in NumPy spelling, X.mean(axis=0): the same form', () => {
      assert.equal(namedNumpy('C = X - X.mean(axis=0)\nnp.sum(G * (C / np.sqrt((C**2).mean(axis=0) + eps)))'), '(UG − X̂ ⊙ (𝟏𝟏ᵀ(G ⊙ X̂)/N)) ⊘ (𝟏σ)');
    });
    it('its derivation reaches the form step by step, every step numerically true', () => {
      for (const granularity of ['full', 'summary'] as const) {
        assertSound(derivation({ expr: `sum(G .* ${COL})`, where: WHERE, wrt: ['X'], layout: 'denominator' }, granularity), granularity);
      }
    });
  });

  it('written without brackets, G .* (X - …) ./ (…): the product regrouped around X̂ (associativity)', () => {
    const flat = `sum(G .* ${LN.slice(1, -1)})`;
    assert.ok(formOf(flat));
    assert.equal(named(flat).unicode, '(GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
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
    assert.equal(namedNumpy(py), '(GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
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
