/**
 * LaTeX written as papers write it, read as the author meant or refused: an accent inside a bold
 * command (\mathbf{\hat{y}}) is the one variable ŷ, as \hat{\mathbf{y}} is; a differential — a
 * trailing `\, dx` after an integrand, or the upright \mathrm{d} — is not read as a product d·x.
 */
import * as assert from 'node:assert/strict';
import { readLatex } from '../../../src/core/syntax/latex';
import { toLatex } from '../../../src/core/write';
import { readBackProblem } from '../../fuzz/readBack';
import { assertError, error, latex, latexIs, plain } from './helpers';

describe('notations/latex: accents in bold, differentials', () => {
  it('reads \\mathbf{\\hat{y}} as the vector ŷ, the same variable as \\hat{\\mathbf{y}}', () => {
    latexIs('\\mathbf{\\hat{y}}^\\top \\mathbf{x}', "y_hat'*x", 'y_hat: vector(n); x: vector(n)');
    assert.equal(latex('\\mathbf{\\hat{y}}^\\top \\mathbf{x}'), latex('\\hat{\\mathbf{y}}^\\top \\mathbf{x}'));
    assert.equal(latex('\\|\\mathbf{\\hat{y}} - \\mathbf{y}\\|^2'), latex('\\|\\hat{\\mathbf{y}} - \\mathbf{y}\\|^2'));
    assert.equal(latex('\\boldsymbol{\\hat\\theta}^\\top \\mathbf{x}'), latex('\\hat{\\boldsymbol{\\theta}}^\\top \\mathbf{x}'));
    // A capital in bold is a matrix, with its accent: \mathbf{\bar{X}} is X̄.
    latexIs('\\operatorname{tr}(\\mathbf{\\bar{X}})', 'tr(X_bar)', 'X_bar: matrix(n, n)');
    const r = readLatex('\\mathbf{\\hat{y}}^\\top \\mathbf{x}');
    assert.ok(r.ok);
    assert.deepEqual(r.value.variables.map((v) => `${v.name}:${v.shape.rows}×${v.shape.cols}`), ['y_hat:n×1', 'x:n×1']);
  });

  it('refuses what is not one accented name inside a bold command', () => {
    const t = '\\mathbf{x\\hat{y}}';
    assertError(error(readLatex(t)), 'latex.unsupported', t, t, 'should hold a variable name');
  });

  it('refuses a trailing differential (\\, dx after the integrand) and the upright \\mathrm{d} wherever it is, never reading them as the product d·x', () => {
    for (const [t, dx] of [
      ['x^T A x \\, dx', 'dx'],
      ['x^\\top A x \\; dx', 'dx'],
      ['x^T A x\\,d\\mathbf{x}', 'd\\mathbf{x}'],
      ['\\mathbf{x}^\\top A \\mathbf{x} \\, d\\boldsymbol{x}.', 'd\\boldsymbol{x}'],
      ['\\sin(t) \\, dt', 'dt'],
      ['e^{-\\lambda t}\\,d\\lambda', 'd\\lambda'],
      ['$x^T A x \\, dx$', 'dx'],
      ['x^T A x \\, \\mathrm{d}x', '\\mathrm{d}x'],
      ['x^T A x\\,\\mathrm{d}\\mathbf{x}', '\\mathrm{d}\\mathbf{x}'],
      ['\\frac{\\mathrm{d}}{\\mathrm{d}x} x^T A x', '\\mathrm{d}'],
      ['\\mathrm{d}(x^T x)', '\\mathrm{d}'],
      ['\\text{d}x', '\\text{d}x'],
    ]) {
      assertError(error(readLatex(t)), 'latex.unsupported', dx, t, 'differential');
    }
  });

  it('refuses a trailing differential set apart by a space (or *) after the function, as the Unicode reader does, unless d is declared', () => {
    for (const [t, dx] of [
      ['x^\\top A x dx', 'dx'],
      ['\\sin(t) dt', 'dt'],
      ['f(x) dx', 'dx'],
      ['\\mathbf{x}^\\top A \\mathbf{x} d\\mathbf{x}', 'd\\mathbf{x}'],
      ['e^{-\\lambda t} d\\lambda', 'd\\lambda'],
      ['\\|A\\mathbf{x} - \\mathbf{b}\\|_2^2 dx', 'dx'],
      ['x^\\top A x d x', 'd x'],
      ['x^\\top A x * dx', 'dx'],
      ['$x^\\top A x dx$.', 'dx'],
      ['\\left( x^\\top A x \\right) dx', 'dx'],
      ['x^\\top A x dx \\text{ where } A = B^\\top B', 'dx'],
      // After a product operator as after *: c·dx, F·dr (a line integral), not the product c·d·x.
      ['c \\cdot dx', 'dx'],
      ['c\\cdot dx', 'dx'],
      ['c \\cdot d x', 'd x'],
      ['\\mathbf{F} \\cdot d\\mathbf{r}', 'd\\mathbf{r}'],
      ['\\sin(t) \\cdot dt', 'dt'],
      ['c \\times dx', 'dx'],
      ['c \\ast dx', 'dx'],
      ['c \\bullet dx', 'dx'],
      ['\\frac{1}{2} \\cdot dx', 'dx'],
    ]) {
      const e = error(readLatex(t));
      assertError(e, 'latex.unsupported', dx, t, 'a trailing differential');
      assert.ok(e.message.includes('declare d'), e.message);
    }
    // Declared, d is a variable: the product, as in Unicode math.
    latexIs('x^\\top A x dx', "x'*A*x*d*x", 'd: scalar; x: vector(n); A: matrix(n, n)');
    latexIs('\\sin(t) dt', 'sin(t)*d*t', 'd: scalar; t: scalar');
    latexIs('\\sin(t) \\, dt', 'sin(t)*d*t', 'd: scalar; t: scalar');
    latexIs('c \\cdot dx', 'c*d*x', 'c, d, x: scalar');
    latexIs('c \\cdot d\\mathbf{r}', 'c*d*r', 'c, d: scalar; r: vector(n)');
    // A d set apart from what follows it is no differential: d \cdot x, c \cdot d \cdot x, c \cdot d.
    latexIs('c \\cdot d \\cdot x', 'c*d*x', 'c, x: scalar');
    latexIs('c \\cdot d', 'c*d', 'c: scalar');
    latexIs('d \\cdot x', 'd*x', 'x: scalar');
  });

  it('reads back what the writer prints for a product with an undeclared d: no space before d, or the space after a control word', () => {
    for (const [tex, text] of [
      ['\\alpha dx', 'alpha*d*x'],
      ['\\lambda d\\mathbf{t}', 'lambda*d*t'],
      ['2dx', '2*d*x'],
      ['(a + b)dx', '(a + b)*d*x'],
      ['\\exp(a)db', 'exp(a)*d*b'],
      ['fxdx', 'f*x*d*x'],
      ['x + dx', 'x + d*x'],
      ['x^2 - dx', 'x^2 - d*x'],
    ]) {
      latexIs(tex, text, 'a, b, f, t, x: scalar');
    }
    for (const text of ['alpha*d*x', 'W_out*d*x', "x'*A*x*d*x", 'exp(a)*d*b', 'pi*d*t', 'a^2*d*x']) {
      const e = plain(text, 'W_out: matrix(m, n); A: matrix(n, n)');
      const tex = toLatex(e);
      assert.equal(readBackProblem(e, 'W_out: matrix(m, n); A: matrix(n, n)', { form: 'tree', notation: 'latex', text: tex }, 'latex'), undefined, `${text} printed as ${tex}`);
    }
  });

  it('refuses Leibniz\'s notation \\frac{dy}{dx} (a derivative), never reading it as the quotient (d·y)/(d·x)', () => {
    for (const [t, frac] of [
      ['\\frac{dy}{dx}', '\\frac{dy}{dx}'],
      ['\\frac{d}{d\\mathbf{x}} \\mathbf{x}^\\top A \\mathbf{x}', '\\frac{d}{d\\mathbf{x}}'],
      ['\\frac{d}{dx}(x^T A x)', '\\frac{d}{dx}'],
      ['\\frac{d^2 f}{dx^2}', '\\frac{d^2 f}{dx^2}'],
      ['2 \\dfrac{d}{d\\theta} \\cos(\\theta)', '\\dfrac{d}{d\\theta}'],
    ]) {
      assertError(error(readLatex(t)), 'latex.unsupported', frac, t, "Leibniz's notation");
    }
    // With d declared, a quotient of products with a variable d reads as it: (d·a)/(d·b).
    latexIs('\\frac{da}{db}', 'd*a/d/b', 'a, b, d: scalar');
    // Undeclared (a scalar by its letter), the LaTeX writer sets its d apart, \frac{da}{d \cdot b}: it reads back.
    for (const text of ['d*a/(d*b)', 'd/(d*c)', 'd^2*a/(d*b^2)']) {
      const tex = toLatex(plain(text));
      assert.equal(readBackProblem(plain(text), '', { form: 'tree', notation: 'latex', text: tex }, 'latex'), undefined, `${text} printed as ${tex}`);
    }
  });

  it("refuses Leibniz's notation with a slash, d/dx and dy/dx (never the product (d·y/d)·x), unless d is declared", () => {
    for (const [t, span] of [
      ['d/dx x^\\top A x', 'd/dx'],
      ['\\frac{1}{2} d/dx (x^T A x)', 'd/dx'],
      ['dy/dx', 'dy/dx'],
      ['d/d\\mathbf{x} \\mathbf{x}^\\top \\mathbf{x}', 'd/d\\mathbf{x}'],
      ['d^2 y/dx^2', 'd^2 y/dx^2'],
      ['d / d\\theta \\cos(\\theta)', 'd / d\\theta'],
    ]) {
      assertError(error(readLatex(t)), 'latex.unsupported', span, t, "Leibniz's notation");
    }
    latexIs('dy/dx', 'd*y/d*x', 'd, x, y: scalar');
    latexIs('x/dx + ad/dx', 'x/d*x + a*d/d*x', 'a, x: scalar');
  });

  it('a d that is a variable stays one: d times x where nothing marks a differential', () => {
    latexIs('d \\mathbf{x}', 'd*x', 'd: scalar; x: vector(n)');
    latexIs('\\mathbf{x}^\\top \\mathbf{x} \\, d', "x'*x*d", 'd: scalar; x: vector(n)');
    latexIs('a\\, d + d\\,x', 'a*d + d*x', 'a, d, x: scalar');
  });
});
