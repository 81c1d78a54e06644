/**
 * The `where` forms (issue 12, issue 17's binding form) read back in every reader: the named form
 * of a result and the binding form, in text, Unicode and LaTeX, by the explicit reader and by auto,
 * to the very node the product wrote; malformed definitions are coded errors with spans. Also the
 * regressions the random read-back property (test/fuzz/readBack.ts) found.
 */
import assert from 'node:assert/strict';
import type { DeriveResult, Notation } from '../../../src/core/api';
import { derive, namedForms } from '../../../src/core/index';
import type { Expr } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { bindShared, writeBound } from '../../../src/core/present/bindings';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { readBackProblem, writtenForms } from '../../fuzz/readBack';
import { assertError, error } from './helpers';

function read(text: string, where: string | undefined, from: Notation | 'auto'): Expr {
  const r = readExpression(text, where, from);
  if (!r.ok) assert.fail(`${from}: ${text}: ${r.error.code}: ${r.error.message}`);
  if (from === 'auto') return r.value.expr;
  assert.equal(r.value.notation, from);
  return r.value.expr;
}

const FORMS = [['text', 'plain'], ['unicode', 'unicode'], ['latex', 'latex']] as const;

describe('notations/where forms: the named and binding forms read back in every reader', () => {
  it('the binding form of chained assignments reads back as the same DAG, in each notation and by auto', () => {
    const where = 'x: vector(n)';
    const f = read('sum(u3) where u1 = sin(x) .* cos(x), u2 = sin(u1) .* cos(u1), u3 = sin(u2) .* cos(u2)', where, 'plain');
    const forms = writeBound(bindShared(f));
    assert.match(forms.unicode, / where u₁ = /);
    assert.match(forms.latex, /\\quad \\text\{where \} \\mathbf\{u\}_\{1\} = /);
    for (const [key, notation] of FORMS) {
      assert.equal(read(forms[key], where, notation), f, `${notation}: ${forms[key]}`);
      const auto = readExpression(forms[key], where, 'auto');
      assert.ok(auto.ok && auto.value.notation === notation && auto.value.expr === f, `auto: ${forms[key]}`);
    }
  });

  it('the named form of a result (diag(p) − ppᵀ where p = softmax(z)) reads back in each notation', () => {
    const r = derive({ expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'] });
    assert.ok(r.ok && r.value.result.named);
    const forms = namedForms(r.value.result.named);
    assert.equal(forms.unicode, 'diag(p) − ppᵀ where p = softmax(z)');
    assert.equal(forms.latex, '\\operatorname{diag}(\\mathbf{p}) - \\mathbf{p}\\mathbf{p}^{\\top} \\quad \\text{where } \\mathbf{p} = \\operatorname{softmax}(\\mathbf{z})');
    const result = read(r.value.result.text, 'z: vector(n)', 'plain');
    for (const [key, notation] of FORMS) {
      assert.equal(read(forms[key], 'z: vector(n)', notation), result, forms[key]);
      assert.equal(read(forms[key], 'z: vector(n)', 'auto'), result, forms[key]);
    }
  });

  it('a softmax along a dimension is named P, as the textbooks write it: the attention gradient (P ⊙ (GVᵀ − (P ⊙ (GVᵀ))𝟏𝟏ᵀ))K/√d reads back in each notation', () => {
    const where = 'Q: matrix(T, d); K: matrix(T, d); V: matrix(T, e); G: matrix(T, e)';
    const r = derive({ expr: "sum(G .* (softmax(Q*K'/sqrt(d), 2)*V))", where, wrt: ['Q'], layout: 'denominator' });
    assert.ok(r.ok && r.value.result.named);
    const forms = namedForms(r.value.result.named);
    assert.equal(forms.unicode, '(P ⊙ (GVᵀ − (P ⊙ (GVᵀ))𝟏𝟏ᵀ))K/√d where P = softmax(QKᵀ/√d, 2)');
    const result = read(r.value.result.text, where, 'plain');
    // The same value (LaTeX writes 1/√d as a leading \\frac{1}{\\sqrt{d}}, read back as another but equal product).
    for (const [key, notation] of FORMS) assert.ok(exprsEqualNumerically(read(forms[key], where, notation), result), forms[key]);
  });

  it("a name's kind is its definition's, whatever its typography: u₁ is a matrix, so u₁⁻¹ is its inverse", () => {
    const where = 'A: matrix(n, n); x: vector(n)';
    const expected = read('inv(A + A\')*x', where, 'plain');
    assert.equal(read('u₂ where u₁ = A + Aᵀ, u₂ = u₁⁻¹x', where, 'unicode'), expected);
    assert.equal(read('u_{2} \\quad \\text{where } u_{1} = A + A^{\\top},\\; \\mathbf{u}_{2} = u_{1}^{-1}\\mathbf{x}', where, 'latex'), expected);
    assert.equal(read('u_{2} \\;\\mathrm{where}\\; u_{1} = A + A^{\\top};\\ \\mathbf{u}_{2} = u_{1}^{-1}\\mathbf{x}', where, 'latex'), expected);
  });

  it('malformed definitions are coded errors pointing at the name (every reader the same)', () => {
    const cases: [string, string, string][] = [
      ['sum(u2) where u1 = sin(x), u1 = x', 'u1', 'defined twice'],
      ['sum(u2) where u1 = sin(u2), u2 = x', 'u2', 'before it is defined'],
      ['sum(u1) where u1 = sin(u1)', 'u1', 'its own definition'],
      ['sum(u3) where u1 = sin(x), u2 = u1', 'u3', "'u3' is not defined"],
      // Of several, the first in reading order.
      ['sum(u1) where u1 = u2 + u1, u2 = x', 'u2', 'before it is defined'],
      ['sum(u3 + u4) where u1 = sin(x), u2 = u1 + u5', 'u3', "'u3' is not defined"],
    ];
    const unicode = (s: string): string => s.replace(/u(\d)/g, (_, d: string) => `u${'₀₁₂₃₄₅₆₇₈₉'[Number(d)]}`);
    const latex = (s: string): string => s.replace(' where ', ' \\quad \\text{where } ').replace(/u(\d)/g, 'u_{$1}').replace(/sin/g, '\\sin').replace(/sum/g, '\\operatorname{sum}');
    for (const [text, at, message] of cases) {
      for (const [from, t, name] of [['plain', text, at], ['unicode', unicode(text), unicode(at)], ['latex', latex(text), latex(at)]] as const) {
        assertError(error(readExpression(t, 'x: vector(n)', from)), 'name.binding', name, t, message);
      }
    }
    const declared = readExpression('sum(x) \\quad \\text{where } \\mathbf{x} = \\sin(\\mathbf{y})', 'x: vector(n)', 'latex');
    assert.ok(!declared.ok && declared.error.code === 'name.binding' && /declared as a variable/.test(declared.error.message));
    const malformed: [string, Notation, string, string][] = [
      ['x where u₁', 'unicode', 'name.binding', 'u₁'],
      ['x where u₁ = ', 'unicode', 'parse.expected-expression', '='],
      ['x where u₁ = 2, u₂ = 3 u₃ = 4', 'unicode', 'name.binding', '='],
      ['\\mathbf{x} \\quad \\text{where } \\mathbf{x} + \\mathbf{y} = 3', 'latex', 'name.binding', '\\mathbf{x} + \\mathbf{y}'],
      ['\\text{where } u = 3', 'latex', 'parse.empty', '\\text{where }'],
      ['\\mathbf{x} \\quad \\text{where}', 'latex', 'parse.expected-expression', '\\text{where}'],
    ];
    for (const [t, from, code, at] of malformed) {
      const r = readExpression(t, undefined, from);
      assert.ok(!r.ok, `${t} should fail`);
      assert.equal(r.error.code, code, t);
      assert.equal(t.slice(r.error.start, r.error.end).trim(), at, `${t}: span`);
    }
  });

  it('a numbered name that is declared is a variable, not a missing definition', () => {
    const r = readExpression('u₁ + u₂ where u₁ = sin(x)', 'x: vector(n); u2: vector(n)', 'unicode');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.variables.map((v) => v.name).sort(), ['u2', 'x']);
  });
});

describe('notations/where forms: read-back regressions from the random property', () => {
  const where = 'x: vector(n); z: vector(m); M: matrix(m, n); A: matrix(n, n)';
  const readsBack = (e: Expr): void => {
    for (const w of writtenForms(e)) for (const from of [w.notation, 'auto'] as const) assert.equal(readBackProblem(e, where, w, from), undefined);
  };
  /** The derivative of `expr` w.r.t. `wrt` answers and its result reads back; the answer, for more checks. */
  const derivativeReadsBack = (expr: string, wrt: string, order: 1 | 2 = 1): DeriveResult => {
    const d = derive({ expr, where, wrt: [wrt], order });
    if (!d.ok) assert.fail(`${expr}: ${d.error.code}: ${d.error.message}`);
    readsBack(read(d.value.result.text, where, 'plain'));
    return d.value;
  };

  it('each 𝟏, 𝟎 and I sizes itself: 𝟏ᵀx + 𝟏ᵀz and M + 𝟏𝟏ᵀ read (one constant per occurrence)', () => {
    assert.equal(read('𝟏ᵀx + 𝟏ᵀz', where, 'unicode'), read('ones(1, n)*x + ones(1, m)*z', where, 'plain'));
    assert.equal(read('\\mathbf{1}^{\\top}\\mathbf{x} + \\mathbf{1}^{\\top}\\mathbf{z}', where, 'latex'), read('ones(1, n)*x + ones(1, m)*z', where, 'plain'));
    assert.equal(read('M + 𝟏𝟏ᵀ', where, 'unicode'), read('M + ones(m)*ones(1, n)', where, 'plain'));
    assert.equal(read('tr(A + I) + sum(M(I + 𝟏xᵀ))', where, 'unicode'), read("tr(A + eye(n)) + sum(M*(eye(n) + ones(n)*x'))", where, 'plain'));
  });

  it('the commutation matrix reads back: 𝐊(m,n) in Unicode, \\mathbf{K}_{m,n} in LaTeX (m and n declared)', () => {
    const r = derive({ expr: "M'", where, wrt: ['M'] });
    assert.ok(r.ok);
    assert.match(r.value.result.unicode ?? '', /𝐊\(m,n\)/);
    readsBack(read(r.value.result.text, where, 'plain'));
    const k = readExpression('K_{m,n}', 'K: matrix(p, q)', 'latex');
    assert.ok(k.ok && k.value.expr.op === 'var', 'a declared K is the variable');
  });

  it('constants inside vec and ⊗ are written with their size (vec(I_n), I_n ⊗ 𝟏_mᵀ) and read back', () => {
    const e = read("vec(eye(n)) + kron(eye(n), ones(n))*ones(n)", where, 'plain');
    assert.match(toUnicode(e), /vec\(I_n\)/);
    assert.match(toLatex(e), /\\operatorname\{vec\}\(I_\{n\}\)/);
    assert.match(toUnicode(e), /I_n ⊗ 𝟏_n/);
    readsBack(e);
    derivativeReadsBack('softmax(ones(m)*x\', 1)', 'x');
    assert.equal(toText(e), "vec(eye(n)) + kron(eye(n), ones(n))*ones(n)");
  });

  it('unit vectors are bold in Unicode (𝐞₁, as \\mathbf{e}_{1}) and read back; a matrix of zeros carries its size', () => {
    const d = derivativeReadsBack('[a*x\'*x, a, 1]', 'x');
    assert.match(d.result.unicode ?? '', /𝐞₁/);
    const zero = read('zeros(n, n)', where, 'plain');
    assert.equal(toUnicode(zero), '𝟎_n×n');
    readsBack(zero);
  });

  it('the Unicode reader: √σ(z) is the root of the sigmoid, I_n before a comma ends its subscript, 𝟏_m×n C is a product', () => {
    assert.equal(read('√σ(x)', where, 'unicode'), read('sqrt(sigmoid(x))', where, 'plain'));
    assert.equal(read('sum(u₁) where u₁ = x + A𝟏_n, u₂ = u₁', where, 'unicode'), read('sum(x + A*ones(n))', where, 'plain'));
    const e = read("kron(ones(n, m)*(M + ones(m, n)), x)", where, 'plain');
    assert.doesNotMatch(toUnicode(e), /×[nm][A-Za-z]/);
    readsBack(e);
  });

  it('a product of dimensions in a subscript is written bracketed (I_(n·n), I_{n \\cdot n}) and reads back as the product, not a dimension called nn', () => {
    const e = read('vec(eye(n*n))', where, 'plain');
    assert.match(toUnicode(e), /vec\(I_\(n·n\)\)/);
    // The joined spelling, without brackets, still reads as the product.
    assert.equal(read('vec(I_n·n)', where, 'unicode'), e);
    assert.match(toLatex(e), /\\operatorname\{vec\}\(I_\{n \\cdot n\}\)/);
    readsBack(e);
    readsBack(read('kron(eye(m*n), ones(n))*vec(M)', where, 'plain'));
    readsBack(read('kron(ones(m*n, n), zeros(n*m, m))', where, 'plain'));
    // ∂S/∂S of a symmetric S: the symmetrizer, with the identity of size n·n.
    const d = derive({ expr: 'S', where: 'S: matrix(n, n) symmetric', wrt: ['S'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    const s = read(d.value.result.text, 'S: matrix(n, n) symmetric', 'plain');
    for (const w of writtenForms(s)) for (const from of [w.notation, 'auto'] as const) assert.equal(readBackProblem(s, 'S: matrix(n, n) symmetric', w, from), undefined);
    // A run of letters is still one name: I_nn and I_{nn} are of the dimension nn.
    assert.equal(read('I_nn', 'x: vector(nn)', 'unicode'), read('eye(nn)', 'x: vector(nn)', 'plain'));
    assert.equal(read('I_{nn}', 'x: vector(nn)', 'latex'), read('eye(nn)', 'x: vector(nn)', 'plain'));
  });

  it('the commutation matrix after a name is set apart: u 𝐊(m,n)ᵀ, not u𝐊(m,n)ᵀ', () => {
    const d = derive({ expr: "((M' - 1)/exp(a)).^2", where, wrt: ['M'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    const e = read(d.value.result.text, where, 'plain');
    assert.doesNotMatch(toUnicode(e), /[A-Za-z]𝐊\(/);
    readsBack(e);
    readsBack(read('a*commutation(m, n)*vec(M)', where, 'plain'));
  });

  it('an exponent that is a root reads whole: a^√exp(2) is a^(√exp(2))', () => {
    assert.equal(read('a^√exp(2)', where, 'unicode'), read('a^sqrt(exp(2))', where, 'plain'));
    derivativeReadsBack('max(2, a^sqrt(exp(2)))', 'a');
  });

  it('a root of a word is set apart from a factor after it (√a A, √2 x), since √ takes the whole run of letters (√aI is √(aI))', () => {
    const e = read('exp(sqrt(a)*A.^2)', where, 'plain');
    assert.equal(toUnicode(e), 'exp(√a A∘²)');
    readsBack(e);
    const two = read('sqrt(2)*x + sqrt(a)*x', where, 'plain');
    assert.doesNotMatch(toUnicode(two), /√[a2]x/);
    readsBack(two);
    assert.match(toText(read('√aI', where, 'unicode')), /^sqrt\(a\*eye\(\w+\)\)$/);
    derivativeReadsBack('exp(a^(1/2)*A.^2)', 'a');
  });

  it("an exponent that is a word is set apart from a factor after it: u₁^a u₂, σ(2)^a x (^ takes the whole run of letters: u₁^au₂ is u₁^(au₂))", () => {
    const e = read('sigmoid(2)^a*x', where, 'plain');
    assert.equal(toUnicode(e), 'σ(2)^a x');
    readsBack(e);
    derivativeReadsBack('((sigmoid(2)^a*max(ones(m, n), ones(m)*ones(1, n))).^2 + 1).^-1', 'a');
  });

  it('a bare 𝟏 whose size only the result gives reads back with a fresh size, renamed by the shape (3s𝟏/n is n-long); another value still fails', () => {
    const w = 'x: vector(n)';
    const d = derive({ expr: "(mean(x')^2 + 1)^(3/2)", where: w, wrt: ['x'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    const e = read(d.value.result.text, w, 'plain');
    assert.match(toUnicode(e), /𝟏ᵀ?\/n$/);
    for (const f of writtenForms(e)) for (const from of [f.notation, 'auto'] as const) assert.equal(readBackProblem(e, w, f, from), undefined);
    // The renaming does not make any reading pass: 2·𝟏 is not 3·𝟏 whatever the size.
    const three = read('3*ones(n)', w, 'plain');
    assert.match(readBackProblem(three, w, { form: 'tree', notation: 'unicode', text: '2𝟏' }, 'unicode') ?? '', /expected 3\*ones\(n\)/);
  });

  it('a size no variable has is written with its dimension, sum(ones(n)), so that it reads back with the same declarations (a bare n would be a new variable)', () => {
    const w = 'z: vector(m); a: scalar';
    const d = derive({ expr: "sum((ones(n)*z')*(z/(a^2 + 1)))", where: w, wrt: ['z'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    assert.equal(d.value.result.text, "2*sum(ones(n))/(a^2 + 1)*z'");
    assert.match(d.value.result.unicode ?? '', /sum\(𝟏_n\)/);
    assert.match(d.value.result.latex, /\\operatorname\{sum\}\(\\mathbf\{1\}_\{n\}\)/);
    const e = read(d.value.result.text, w, 'plain');
    for (const f of writtenForms(e)) for (const from of [f.notation, 'auto'] as const) assert.equal(readBackProblem(e, w, f, from), undefined);
    // A dimension of a variable is written bare, as a textbook does: Xᵀ(P − Y)/N, 2m.
    const m = derive({ expr: "sum((ones(m)*z')*z)", where: w, wrt: ['z'] });
    assert.ok(m.ok);
    assert.equal(m.value.result.text, "2*m*z'");
  });

  it('a definition’s kind counts its constants: u = (𝟏ᵀz)² + 1 is a scalar, so u^a and u⁻¹ are powers', () => {
    assert.equal(read('u^(a) where u = (𝟏ᵀz)² + 1', where, 'unicode'), read('((ones(1, m)*z)^2 + 1)^a', where, 'plain'));
    assert.equal(read('u₂ where u₁ = σ(a𝟏ᵀz), u₂ = u₁⁻¹', where, 'unicode'), read('sigmoid(a*ones(1, m)*z)^-1', where, 'plain'));
  });

  it('the reciprocal of a norm reads: ‖x‖₂⁻¹, \\|\\mathbf{x}\\|_{2}^{-1} (a definition of the binding form)', () => {
    assert.equal(read('u₁ where u₁ = ‖x‖₂⁻¹', where, 'unicode'), read('norm2(x)^-1', where, 'plain'));
    assert.equal(read('\\|\\mathbf{x}\\|_{2}^{-1}', where, 'latex'), read('norm2(x)^-1', where, 'plain'));
    derivativeReadsBack('a^norm2(x)', 'x', 2);
  });

  it('abs of a matrix is written abs(A), \\operatorname{abs}(A): |A| and \\lvert A \\rvert read as its determinant', () => {
    const e = read('abs(A) + abs(x)*ones(1, n)', where, 'plain');
    assert.equal(toUnicode(e), 'abs(A) + |x|𝟏ᵀ');
    assert.match(toLatex(e), /^\\operatorname\{abs\}\(A\)/);
    readsBack(e);
  });

  it('𝐊(m,n) and K(m,n) read as the commutation matrix when a size of a constant in the text gives m (𝟏_n×m), as a declared dimension does', () => {
    const w = 'A: matrix(n, n); a: scalar';
    const d = derive({ expr: "((ones(n, n) ./ A)*(a*ones(n, m)))'", where: w, wrt: ['A'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    assert.match(d.value.result.unicode ?? '', /𝐊\(n,m\)/);
    const e = read(d.value.result.text, w, 'plain');
    for (const f of writtenForms(e)) for (const from of [f.notation, 'auto'] as const) assert.equal(readBackProblem(e, w, f, from), undefined);
    assert.equal(toText(read('(I_{n} \\otimes \\mathbf{1}_{m}^{\\top})K_{m,n}', w, 'latex')), "kron(eye(n), ones(m)')*commutation(m, n)");
  });

  it('an exponent log det(A) reads whole (σ(a)^log det(A) b); logsumexp(X, 2) is a column, so zᵀlogsumexp(X, 2) is a scalar', () => {
    assert.equal(read('σ(a)^log det(A) b', where, 'unicode'), read('sigmoid(a)^logdet(A)*b', where, 'plain'));
    assert.equal(read('(zᵀlogsumexp(M, 2))^a', where, 'unicode'), read("(z'*logsumexp(M, 2))^a", where, 'plain'));
  });

  it('a factor before a literal is written with a dot, 2·[1, 0, 2], which auto reads as Unicode (the plain syntax refuses 2[1, 0, 2])', () => {
    const d = derivativeReadsBack('2*[a, 1, 2*a]', 'a');
    assert.equal(d.result.unicode, '2·[1, 0, 2]');
  });

  it('a parenthesis before a literal is written with a dot, (a + 1)·[0, 1]; the Unicode reader refuses (a + 1)[1, a], which could be an index', () => {
    const d = derivativeReadsBack('(a + 1)*[1, a]', 'a');
    assert.equal(d.result.unicode, '[1, a] + (a + 1)·[0, 1]');
    assert.equal(derivativeReadsBack('sigmoid(a)*[1, a]', 'a').result.unicode, 'σ(a)((1 − σ(a))·[1, a] + [0, 1])');
    for (const text of ['(a + 1)[1, a]', 'σ(a)[1, a]']) {
      for (const from of ['unicode', 'auto'] as const) {
        const r = readExpression(text, undefined, from);
        assert.ok(!r.ok, `${from}: ${text}`);
        assert.equal(r.error.code, 'parse.missing-operator', `${from}: ${text}`);
      }
    }
    const spaced = readExpression('(a + 1) [1, a]', undefined, 'unicode');
    assert.ok(!spaced.ok);
    assertError(spaced.error, 'parse.missing-operator', ') [', '(a + 1) [1, a]', 'could be a product or an index');
    // A bracket after a bracket stays the paper's product.
    assert.equal(toText(read('[1, 2; 3, 4][a, 1]', undefined, 'unicode')), '[1, 2; 3, 4]*[a, 1]');
  });

  it('an entry of an expression reads back: (x + Ax)₁ in Unicode, (A + M^{\\top}M)_{12} in LaTeX', () => {
    assert.equal(read('(x + Ax)₁', where, 'unicode'), read('entry(x + A*x, 1, 1)', where, 'plain'));
    assert.equal(read("(A + M^{\\top}M)_{12}", where, 'latex'), read("entry(A + M'*M, 1, 2)", where, 'plain'));
    const bad = readExpression('(A + A)_{1}', where, 'latex');
    assert.ok(!bad.ok);
    assertError(bad.error, 'latex.subscript', '(A + A)_{1}', '(A + A)_{1}', 'is a matrix');
    readsBack(read('entry(x + A*x, 2, 1) + entry(A + M\'*M, 1, 2)', where, 'plain'));
  });

  it('the ones over a reciprocal have the quotient’s shape: 𝟏ᵀ ⊘ exp(zᵀ) for a row (a bare 𝟏 is a column), (𝟏𝟏ᵀ) ⊘ exp(M)', () => {
    const row = read("ones(1, m) ./ exp(z')", where, 'plain');
    assert.equal(toUnicode(row), '𝟏ᵀ ⊘ exp(zᵀ)');
    assert.equal(toLatex(row), '\\mathbf{1}^{\\top} \\oslash \\exp(\\mathbf{z}^{\\top})');
    readsBack(row);
    readsBack(read('ones(m, n) ./ exp(M)', where, 'plain'));
    readsBack(read('ones(n) ./ exp(x)', where, 'plain'));
  });

  it('an exponent that is a step function reads whole: σ(a)^𝟙[zᵀ𝟏 > 0] b', () => {
    assert.equal(read('σ(a)^𝟙[zᵀ𝟏 > 0] b', where, 'unicode'), read("sigmoid(a)^step(z'*ones(m))*b", where, 'plain'));
    derivativeReadsBack("sigmoid(exp(exp(a)^2))^step(z'*ones(m))", 'a');
  });
});
