/**
 * The names the textbooks give (model/textbookNames.ts): a hidden layer's activations over a batch
 * are H, a row normalization's parts X̂ and σ — in the named form, and in the emitted code's locals.
 * Two-layer MLP over a batch (Goodfellow et al. §6.5): ∂L/∂W₂ = HᵀG₂, ∂L/∂W₁ = XᵀG₁ with
 * G₁ = (G₂W₂ᵀ) ⊙ (𝟏𝟏ᵀ − H∘²), the same from the plain syntax and from F.mse_loss in NumPy spelling.
 */
import * as assert from 'node:assert/strict';
import { derive, emitCode, namedForms } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { nameCommonSubexpressions } from '../../../src/core/present/cse';
import { variable, type Expr } from '../../../src/core/model/expr';
import { toLatex, toText, toUnicode } from '../../../src/core/write/index';
import { whereForm } from '../../../src/core/write/where';

const WHERE = 'X: matrix(N, n); W1: matrix(n, h); b1: vector(h); W2: matrix(h, k); b2: vector(k); Y: matrix(N, k)';
const PLAIN = "sum(sum((tanh(X*W1 + b1')*W2 + b2' - Y).^2))/(N*k)";
const NUMPY = 'F.mse_loss(torch.tanh(X @ W1 + b1) @ W2 + b2, Y)';

/** Each written form (text, Unicode, LaTeX, with its `where`) reads back to the result `text` in its notation. */
function assertReadsBack(forms: Readonly<Record<'text' | 'unicode' | 'latex', string>>, text: string, where: string): void {
  const result = readExpression(text, where, 'plain');
  assert.ok(result.ok);
  for (const [key, from] of [['text', 'plain'], ['unicode', 'unicode'], ['latex', 'latex']] as const) {
    const back = readExpression(forms[key], where, from);
    assert.ok(back.ok, `${from}: ${forms[key]}: ${back.ok ? '' : back.error.message}`);
    assert.ok(exprsEqualNumerically(back.value.expr, result.value.expr), `${from}: ${forms[key]}`);
  }
}

function namedUnicode(expr: string, wrt: string): string {
  const r = derive({ expr, where: WHERE, wrt: [wrt], layout: 'denominator', check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
  return r.value.result.named ? (namedForms(r.value.result.named).unicode ?? '') : (r.value.result.unicode ?? '');
}

describe('present: the textbooks\' names — H for a hidden layer, X̂ and σ for a row normalization', () => {
  const expected: Record<string, string> = {
    W2: '2Hᵀ(HW₂ + 𝟏b₂ᵀ − Y)/(Nk) where H = tanh(XW₁ + 𝟏b₁ᵀ)',
    W1: '2Xᵀ(((HW₂ + 𝟏b₂ᵀ − Y)W₂ᵀ) ⊙ (𝟏𝟏ᵀ − H∘²))/(Nk) where H = tanh(XW₁ + 𝟏b₁ᵀ)',
    b1: '2(((HW₂ + 𝟏b₂ᵀ − Y)W₂ᵀ) ⊙ (𝟏𝟏ᵀ − H∘²))ᵀ𝟏/(Nk) where H = tanh(XW₁ + 𝟏b₁ᵀ)',
    b2: '2(tanh(XW₁ + 𝟏b₁ᵀ)W₂ + 𝟏b₂ᵀ − Y)ᵀ𝟏/(Nk)',
  };
  for (const [wrt, form] of Object.entries(expected)) {
    it(`the two-layer MLP over a batch by ${wrt}: ${form} (plain and F.mse_loss alike)`, () => {
      assert.equal(namedUnicode(PLAIN, wrt), form);
      assert.equal(namedUnicode(NUMPY, wrt), form);
    });
  }

  describe('deeper networks: the hidden layers numbered by depth, H₁ = tanh(XW₁ + 𝟏b₁ᵀ), H₂ = tanh(H₁W₂ + 𝟏b₂ᵀ), the same in every result', () => {
    const where = 'X: matrix(N, n); W1: matrix(n, h); b1: vector(h); W2: matrix(h, h); b2: vector(h); W3: matrix(h, k); b3: vector(k); Y: matrix(N, k)';
    const deep = "sum(sum((tanh(tanh(X*W1 + b1')*W2 + b2')*W3 + b3' - Y).^2))/(N*k)";
    const H = 'H₁ = tanh(XW₁ + 𝟏b₁ᵀ), H₂ = tanh(H₁W₂ + 𝟏b₂ᵀ)';
    const forms: Record<string, string> = {
      W3: '2H₂ᵀ(H₂W₃ + 𝟏b₃ᵀ − Y)/(Nk) where H₂ = tanh(tanh(XW₁ + 𝟏b₁ᵀ)W₂ + 𝟏b₂ᵀ)',
      W2: `2H₁ᵀ(((H₂W₃ + 𝟏b₃ᵀ − Y)W₃ᵀ) ⊙ (𝟏𝟏ᵀ − H₂∘²))/(Nk) where ${H}`,
      W1: `2Xᵀ(((((H₂W₃ + 𝟏b₃ᵀ − Y)W₃ᵀ) ⊙ (𝟏𝟏ᵀ − H₂∘²))W₂ᵀ) ⊙ (𝟏𝟏ᵀ − H₁∘²))/(Nk) where ${H}`,
      b1: `2(((((H₂W₃ + 𝟏b₃ᵀ − Y)W₃ᵀ) ⊙ (𝟏𝟏ᵀ − H₂∘²))W₂ᵀ) ⊙ (𝟏𝟏ᵀ − H₁∘²))ᵀ𝟏/(Nk) where ${H}`,
    };
    for (const [wrt, form] of Object.entries(forms)) {
      it(`by ${wrt}: ${form}`, () => {
        const r = derive({ expr: deep, where, wrt: [wrt], layout: 'denominator', check: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
        assert.ok(r.value.result.named);
        assert.equal(namedForms(r.value.result.named).unicode, form);
      });
    }
    it('the emitted code computes H1, then H2 from it', () => {
      const code = emitCode({ expr: deep, where, wrt: ['W1'] }, 'numpy');
      assert.ok(code.ok, code.ok ? '' : code.error.message);
      assert.match(code.value, /^ {4}H1 = np\.tanh\(X @ W1 \+ .*\n {4}H2 = np\.tanh\(H1 @ W2 \+ /m, code.value);
    });
    it('a weight called H2 keeps its name, and then no layer is numbered (not H₁ beside a generated name)', () => {
      const r = derive({ expr: deep.replace(/W3/g, 'H2'), where: where.replace('W3', 'H2'), wrt: ['W1'], layout: 'denominator' });
      assert.ok(r.ok && r.value.result.named);
      const names = r.value.result.named.definitions.map((d) => d.name);
      assert.equal(names.length, 2, JSON.stringify(names));
      assert.ok(!names.some((n) => /^H/.test(n)), JSON.stringify(names));
    });
  });

  it('a sigmoid hidden layer is H too: 2Xᵀ(((HW₂ + 𝟏b₂ᵀ − Y)W₂ᵀ) ⊙ H ⊙ (𝟏𝟏ᵀ − H))/(Nk) where H = σ(XW₁ + 𝟏b₁ᵀ), plain and NumPy alike', () => {
    const form = '2Xᵀ(((HW₂ + 𝟏b₂ᵀ − Y)W₂ᵀ) ⊙ H ⊙ (𝟏𝟏ᵀ − H))/(Nk) where H = σ(XW₁ + 𝟏b₁ᵀ)';
    assert.equal(namedUnicode(PLAIN.replace('tanh', 'sigmoid'), 'W1'), form);
    assert.equal(namedUnicode(NUMPY.replace('torch.tanh', 'torch.sigmoid'), 'W1'), form);
    const code = emitCode({ expr: PLAIN.replace('tanh', 'sigmoid'), where: WHERE, wrt: ['W1'] }, 'numpy');
    assert.ok(code.ok, code.ok ? '' : code.error.message);
    assert.match(code.value, /^ {4}H = _sigmoid\(X @ W1 \+ /m, code.value);
  });

  describe('the pre-activations of relu, gelu and softplus layers are Z = XW₁ + 𝟏b₁ᵀ (Z₁, Z₂ by depth), as H is their activations', () => {
    const where = 'X: matrix(N, n); W1: matrix(n, h); b1: vector(h); W2: matrix(h, k); Y: matrix(N, k)';
    const forms: Record<string, string> = {
      relu: '2Xᵀ(((max(0, Z)W₂ − Y)W₂ᵀ) ⊙ 𝟙[Z > 0]) where Z = XW₁ + 𝟏b₁ᵀ',
      softplus: '2Xᵀ(((softplus(Z)W₂ − Y)W₂ᵀ) ⊙ σ(Z)) where Z = XW₁ + 𝟏b₁ᵀ',
      gelu: '2Xᵀ(((GELU(Z)W₂ − Y)W₂ᵀ) ⊙ ((𝟏𝟏ᵀ + erf(Z/√2))/2 + (Z ⊙ exp(−Z∘²/2))/√(2π))) where Z = XW₁ + 𝟏b₁ᵀ',
    };
    for (const [fn, form] of Object.entries(forms)) {
      it(`${fn}: ${form}, checked numerically and reading back in every notation`, () => {
        const expr = `norm(${fn}(X*W1 + b1')*W2 - Y)^2`;
        const r = derive({ expr, where, wrt: ['W1'], layout: 'denominator', check: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
        assert.ok(r.value.result.named);
        const written = namedForms(r.value.result.named);
        assert.equal(written.unicode, form);
        assertReadsBack(written, r.value.result.text, where);
      });
    }
    it('numbered by depth beside H: Z₁ = XW₁ + 𝟏b₁ᵀ, H₂ = tanh(max(0, Z₁)W₂ + 𝟏b₂ᵀ); the emitted code computes Z1 once', () => {
      const deepWhere = `${where}; b2: vector(k)`;
      const expr = "norm(tanh(relu(X*W1 + b1')*W2 + b2') - Y)^2";
      const r = derive({ expr, where: deepWhere, wrt: ['W1'], layout: 'denominator', check: true });
      assert.ok(r.ok && r.value.result.named && r.value.check?.passed);
      assert.equal(namedForms(r.value.result.named).unicode, '2Xᵀ((((H₂ − Y) ⊙ (𝟏𝟏ᵀ − H₂∘²))W₂ᵀ) ⊙ 𝟙[Z₁ > 0]) where Z₁ = XW₁ + 𝟏b₁ᵀ, H₂ = tanh(max(0, Z₁)W₂ + 𝟏b₂ᵀ)');
      const code = emitCode({ expr, where: deepWhere, wrt: ['W1'] }, 'numpy');
      assert.ok(code.ok, code.ok ? '' : code.error.message);
      assert.match(code.value, /^ {4}Z1 = X @ W1 \+ /m, code.value);
    });
    it('a variable called Z keeps its name: the pre-activation is then named as any shared part', () => {
      const r = derive({ expr: "norm(relu(X*Z + b1')*W2 - Y)^2", where: where.replace('W1', 'Z'), wrt: ['Z'], layout: 'denominator' });
      assert.ok(r.ok && r.value.result.named);
      const names = r.value.result.named.definitions.map((d) => d.name);
      assert.equal(names.length, 1, JSON.stringify(names));
      assert.notEqual(names[0], 'Z');
    });
  });

  describe('a layer norm with a gain γ: the gradient flowing into X̂ is Ḡ = G ⊙ (𝟏γᵀ), as the textbooks write ∂L/∂X̂', () => {
    const where = 'X: matrix(N, n); G: matrix(N, n); eps: scalar; gamma: vector(n); beta: vector(n)';
    const norm = '((X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean((X - mean(X, 2)*ones(1, n)).^2, 2) + eps)*ones(1, n)))';
    const expr = `sum(G .* (${norm} .* gamma' + beta'))`;
    it('∂L/∂X = (Ḡ − Ḡ𝟏𝟏ᵀ/n − X̂ ⊙ ((Ḡ ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ) where Ḡ = G ⊙ (𝟏γᵀ), …, reading back in every notation', () => {
      const r = derive({ expr, where, wrt: ['X'], layout: 'denominator', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
      assert.ok(r.value.result.named);
      const forms = namedForms(r.value.result.named);
// Ḡ is G and a combining macron (U+0304), as x̂ is x and a circumflex: compared composed.
            assert.equal(forms.unicode.normalize('NFC'), '(Ḡ − Ḡ𝟏𝟏ᵀ/n − X̂ ⊙ ((Ḡ ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ) where Ḡ = G ⊙ (𝟏γᵀ), U = X(I − 𝟏𝟏ᵀ/n), σ = √(U∘²𝟏/n + eps𝟏), X̂ = U ⊘ (σ𝟏ᵀ)'.normalize('NFC'));
      assert.match(forms.latex, /^\\left\(\\bar\{G\} - /);
      assertReadsBack(forms, r.value.result.text, where);
    });
    it('without γ the upstream gradient is G itself, and no Ḡ is named', () => {
      const r = derive({ expr: `sum(G .* ${norm})`, where, wrt: ['X'], layout: 'denominator' });
      assert.ok(r.ok && r.value.result.named);
      assert.ok(!r.value.result.named.definitions.some((d) => d.name === 'G_bar'), JSON.stringify(r.value.result.named.definitions));
    });
    it('the emitted code computes G_bar once', () => {
      const code = emitCode({ expr, where, wrt: ['X'] }, 'numpy');
      assert.ok(code.ok, code.ok ? '' : code.error.message);
      assert.match(code.value, /^ {4}G_bar = G \* /m, code.value);
    });

    /**
     * The named form of f's derivative by X (the result itself where it is written in the binding
     * form already), checked numerically and read back in every notation.
     */
    const namedBack = (f: string, w = where): { unicode: string; text: string } => {
      const r = derive({ expr: f, where: w, wrt: ['X'], layout: 'denominator', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
      const forms = r.value.result.named ? namedForms(r.value.result.named) : { text: r.value.result.text, unicode: r.value.result.unicode ?? '', latex: r.value.result.latex };
      assert.match(forms.text, / where /);
      assertReadsBack(forms, r.value.result.text, w);
      return { unicode: forms.unicode.normalize('NFC'), text: forms.text };
    };

    it('Ḡ is the factor beside X̂ in the correction X̂ ⊙ ((Ḡ ⊙ X̂)𝟏𝟏ᵀ/n), not a factor beside X̂ in the forward pass (tanh(X̂ ⊙ 𝟏γᵀ))', () => {
      const { unicode, text } = namedBack(`sum(G .* tanh(${norm} .* gamma'))`);
      // Before, Ḡ named 𝟏γᵀ: the product X̂ ⊙ (𝟏γᵀ) inside tanh, which is no gradient.
      assert.doesNotMatch(text, /G_bar = ones\(N\)\*gamma'/);
      assert.match(text, /G_bar = G \.\* \(1 - tanh\(X_hat \.\* (u\d)\)\.\^2\) \.\* \1(,|$)/, text);
      assert.ok(unicode.startsWith('(Ḡ − Ḡ𝟏𝟏ᵀ/n − X̂ ⊙ ((Ḡ ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ) where '.normalize('NFC')), unicode);
    });

    it('Ḡ where other factors beside X̂ are there too: Ḡ = H ⊙ Ŷ + G ⊙ (𝟏γᵀ) for sum(G ⊙ X̂γ) + sum(H ⊙ X̂ ⊙ Ŷ)', () => {
      const normY = norm.replace(/X/g, 'Y');
      const { text } = namedBack(`sum(G .* (${norm} .* gamma')) + sum(H .* (${norm} .* ${normY}))`, `${where}; Y: matrix(N, n); H: matrix(N, n)`);
      assert.match(text, /^\(G_bar\*u1 - X_hat \.\* \(\(G_bar \.\* X_hat\)/, text);
      assert.match(text, /G_bar = H \.\* \(\(Y\*u1\) \.\/ .*\) \+ G \.\* \(ones\(N\)\*gamma'\)(,|$)/, text);
    });

    it('several gradients, one into each normalization: Ḡ₁ into X̂, Ḡ₂ into Ŷ, written and read back in every notation', () => {
      const both = `${where}; Y: matrix(N, n); H: matrix(N, n); delta: vector(n)`;
      const hat = (V: string): string => norm.replace(/X/g, V);
      const sigma = (V: string): string => `(sqrt(mean((${V} - mean(${V}, 2)*ones(1, n)).^2, 2) + eps)*ones(1, n))`;
      const part = (V: string, g: string): string => `((${g}) - ${hat(V)} .* ((((${g}) .* ${hat(V)})*ones(n))*ones(1, n)/n)) ./ ${sigma(V)}`;
      const text = `${part('X', "G .* (ones(N)*gamma')")} + ${part('Y', "H .* (ones(N)*delta')")}`;
      const read = readExpression(text, both, 'plain');
      assert.ok(read.ok, read.ok ? '' : read.error.message);
      const named = nameCommonSubexpressions(read.value.expr);
      const defs = new Map(named.definitions.map((d) => [d.name, d.value]));
      assert.equal(toUnicode(defs.get('G_bar1') as Expr), 'G ⊙ (𝟏γᵀ)');
      assert.equal(toUnicode(defs.get('G_bar2') as Expr), 'H ⊙ (𝟏δᵀ)');
      assert.ok(!defs.has('G_bar'));
      const unicode = toUnicode(named.expr).normalize('NFC');
      assert.ok(unicode.startsWith('(Ḡ₁ − X̂ ⊙ (((Ḡ₁ ⊙ X̂)𝟏𝟏ᵀ)/n)) ⊘ (σ𝟏ᵀ) + (Ḡ₂ − Ŷ ⊙ (((Ḡ₂ ⊙ Ŷ)𝟏𝟏ᵀ)/n))'.normalize('NFC')), unicode);
      assert.match(toLatex(named.expr), /\\bar\{G\}_\{1\}.*\\bar\{G\}_\{2\}/);
      // Each written form, with its definitions, reads back to the expression itself.
      const form = { expr: named.expr, definitions: named.definitions };
      for (const [writer, from] of [[toText, 'plain'], [toUnicode, 'unicode'], [toLatex, 'latex']] as const) {
        const written = whereForm(from === 'plain' ? 'text' : from, writer(form.expr), form.definitions.map((d) => ({ name: writer(variable(d.name, d.value.shape)), body: writer(d.value) })));
        const back = readExpression(written, both, from);
        assert.ok(back.ok, `${from}: ${written}: ${back.ok ? '' : back.error.message}`);
        assert.ok(exprsEqualNumerically(back.value.expr, read.value.expr), `${from}: ${written}`);
      }
    });
  });

  it('a variable called H keeps its name: the hidden layer is then named as any shared part', () => {
    const r = derive({ expr: "sum(sum((tanh(X*H)*W2 - Y).^2))", where: 'X: matrix(N, n); H: matrix(n, h); W2: matrix(h, k); Y: matrix(N, k)', wrt: ['W2'], layout: 'denominator' });
    assert.ok(r.ok && r.value.result.named);
    assert.ok(!r.value.result.named.definitions.some((d) => d.name === 'H'), JSON.stringify(r.value.result.named.definitions));
  });

  it('the emitted code names its locals so: H = np.tanh(…) for the MLP, X_hat and the row spread of σ for a layer norm', () => {
    const mlp = emitCode({ expr: PLAIN, where: WHERE, wrt: ['W1'] }, 'numpy');
    assert.ok(mlp.ok, mlp.ok ? '' : mlp.error.message);
    assert.match(mlp.value, /^ {4}H = np\.tanh\(X @ W1 \+ /m, mlp.value);
    const ln = emitCode({
      expr: 'sum(G .* ((X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean((X - mean(X, 2)*ones(1, n)).^2, 2) + eps)*ones(1, n))))',
      where: 'X: matrix(N, n); G: matrix(N, n); eps: scalar', wrt: ['X'],
    }, 'numpy');
    assert.ok(ln.ok, ln.ok ? '' : ln.error.message);
    const body = ln.value.slice(ln.value.indexOf('def derivative'));
    assert.match(body, /^ {4}X_hat = /m, body);
    // σ is computed once: every √ of the derivative is in one local.
    assert.equal(body.match(/np\.sqrt/g)?.length, 1, body);
    // No local is computed and left unused.
    for (const [, local] of body.matchAll(/^ {4}(\w+) = /gm)) {
      if (['G', 'X', 'eps', 'N', 'n'].includes(local)) continue;
      assert.ok(body.split(local).length > 2, `${local} is never used:\n${body}`);
    }
  });
});
