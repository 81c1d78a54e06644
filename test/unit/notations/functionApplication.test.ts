/**
 * A lowercase name before a parenthesized name — `f(x)`, `g(\mathbf{x})`, `\phi(z)`, `h_\theta(x)`,
 * `f'(x)` — is how notes and papers write a function applied to its argument. Read as juxtaposition
 * it was the product f·x (f(x)^2 even f·x²), a derivative of something the author did not mean.
 * Unless the name is declared, it is refused as the plain reader refuses f(x): an unknown function.
 * A bracketed sum after a name (`a(x + y)`), a capital (`A(x)`, a matrix applied to x is the
 * product), `\sigma(z)` (the sigmoid), a left side `f(x) =`, and what the writers print stay as they were.
 */
import assert from 'node:assert/strict';
import { readLatex } from '../../../src/core/syntax/latex';
import { assertError, assertWritersReadBack, error, latexIs, plain, readAs, refusedAs } from './helpers';

describe('notations: f(x) is a function applied to x, refused, never the product f·x', () => {
  it('refuses a lowercase name applied to a name in LaTeX, at the application', () => {
    for (const [t, span] of [
      ['f(x)', 'f(x)'],
      ['f(\\mathbf{x})', 'f(\\mathbf{x})'],
      ['g(x)^2', 'g(x)'],
      ['2f(x) + 1', 'f(x)'],
      ['f (x)', 'f (x)'],
      ['f\\left(x\\right)', 'f\\left(x\\right)'],
      ['y(x)', 'y(x)'],
      ['\\phi(z)', '\\phi(z)'],
      ['h_\\theta(x)', 'h_\\theta(x)'],
      ['h_{\\theta}(\\mathbf{x}_i)', 'h_{\\theta}(\\mathbf{x}_i)'],
      ["f'(x)", "f'(x)"],
      ['\\mathbf{f}(\\mathbf{x})', '\\mathbf{f}(\\mathbf{x})'],
      ['\\ell(\\theta)', '\\ell(\\theta)'],
    ]) {
      const e = error(readLatex(t));
      assertError(e, 'name.unknown-function', span, t, 'a function');
      assert.ok(e.message.includes('declare'), e.message);
    }
  });

  it('refuses it in Unicode math and by auto, as the plain reader does', () => {
    for (const [t, span] of [
      ['f(x)', 'f(x)'],
      ['φ(z)', 'φ(z)'],
      ["f'(x)", "f'(x)"],
      ['2f(x)', 'f(x)'],
    ]) {
      // (auto reads f'(x) as the plain syntax, whose ' is a transpose: parse.missing-operator before '(')
      for (const from of t === "f'(x)" ? (['unicode'] as const) : (['unicode', 'auto'] as const)) {
        const e = refusedAs(t, from);
        assert.equal(e.code, 'name.unknown-function', `${t} (${from}): ${e.message}`);
        assert.equal(t.slice(e.start, e.end), span, `${t} (${from}): span`);
      }
    }
    assert.equal(refusedAs('f(x)', 'plain').code, 'name.unknown-function');
  });

  it('reads the product where the name is declared, the bracket holds more than a name, or the name is a capital', () => {
    latexIs('f(x)', 'f*x', 'f: scalar; x: vector(n)');
    latexIs('\\phi(z)', 'phi*z', 'phi: scalar; z: vector(n)');
    latexIs('a(x + y)', 'a*(x + y)', 'a: scalar; x, y: vector(n)');
    latexIs('a(-x)', 'a*(-x)', 'a: scalar; x: vector(n)');
    latexIs('A(x)', 'A*x', 'A: matrix(m, n); x: vector(n)');
    latexIs('\\sigma(z)', 'sigmoid(z)', 'z: vector(n)');
    // an entry of a subscripted vector, as the writers print it: f times the entry
    latexIs('f(\\mathbf{x}_{1})_{2}', 'f*entry(x1, 2, 1)', 'x1: vector(m)');
    latexIs('f(x) = x^\\top x', "x'*x", 'x: vector(n)');
    assert.equal(readAs('a(x + y)', 'unicode', 'a: scalar; x, y: vector(n)'), plain('a*(x + y)', 'a: scalar; x, y: vector(n)'));
  });

  it('reads back what the writers print for products with a lowercase name, in LaTeX and Unicode', () => {
    // f and a undeclared (scalars by their letters): a declared name is a product anyway.
    const where = 'x, y: vector(n)';
    assertWritersReadBack(['f*(x + y)', 'f*x', 'a*(-x)', "f*x'*y", 'f*entry(x, 1, 1)', 'f*entry(y, 2, 1)', 'f*exp(a)'], where);
  });
});
