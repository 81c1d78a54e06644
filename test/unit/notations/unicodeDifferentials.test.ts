/**
 * Differentials typed in Unicode math or the plain syntax: a trailing `dx` set apart after the
 * function (`xᵀAx dx`, as after an integrand) and Leibniz's `d/dx`, `dy/dx` would read as products
 * with a variable d (x'*A*x*d*x). Unless d (or the name dx) is declared, they are refused at the
 * differential, saying what it is — as the LaTeX reader refuses `\, dx` and `\frac{d}{dx}`. What the
 * writers print for a product with an undeclared d (`(a + b)dx`, `dab/d`, `d/(dx)`) still reads back.
 */
import assert from 'node:assert/strict';
import { toUnicode } from '../../../src/core/write';
import { plain, readAs, refusedAs } from './helpers';

describe('notations/unicode: differentials are refused, never read as products with d', () => {
  it('refuses a trailing differential set apart after the function, at the differential', () => {
    const cases: [string, string, string?][] = [
      ['xᵀAx dx', 'dx'],
      ['x^T A x dx', 'dx'],
      ['x^T A x d x', 'd x'],
      ["x'*A*x dx", 'dx'],
      ["x'*A*x*dx", 'dx'],
      ['xᵀAx dx.', 'dx'],
      ['sin(t) dt', 'dt'],
      ['exp(−λt) dλ', 'dλ'],
      ['𝐱ᵀA𝐱 d𝐱', 'd𝐱'],
      ['𝑥ᵀ𝐴𝑥 𝑑𝑥', '𝑑𝑥'],
      ['‖Ax − b‖₂² dx', 'dx'],
      ['xᵀAx dx', 'dx', 'x: vector(n); A: matrix(n, n)'],
      // After a product's dot as after *: c·dx, F·dr (a line integral), not the product c·d·x.
      ['c·dx', 'dx'],
      ['c · dx', 'dx'],
      ['c ⋅ dx', 'dx'],
      ['c∙dx', 'dx'],
      ['c · d x', 'd x'],
      ['sin(t)·dt', 'dt'],
      ['𝐅·d𝐫', 'd𝐫'],
    ];
    for (const [text, dx, where] of cases) {
      for (const from of ['auto', 'unicode'] as const) {
        const e = refusedAs(text, from, where);
        assert.equal(e.code, 'unicode.differential', `${text}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), dx, `${text}: span`);
        assert.ok(e.message.includes('differential'), e.message);
        assert.ok(e.message.includes('declare d'), e.message);
      }
    }
  });

  it("refuses Leibniz's d/dx and dy/dx, at the notation", () => {
    const cases: [string, string][] = [
      ['d/dx xᵀAx', 'd/dx'],
      ['d/dx (xᵀAx)', 'd/dx'],
      ['dy/dx', 'dy/dx'],
      ['d / dθ cos(θ)', 'd / dθ'],
      ['2 d/dt sin(t)', 'd/dt'],
      ['d²y/dx²', 'd²y/dx²'],
      ['d²/dx² sin(x)', 'd²/dx²'],
    ];
    for (const [text, span] of cases) {
      for (const from of ['auto', 'unicode'] as const) {
        const e = refusedAs(text, from);
        assert.equal(e.code, 'unicode.differential', `${text}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), span, `${text}: span`);
        assert.ok(e.message.includes("Leibniz's notation"), e.message);
      }
    }
  });

  it('reads d as a variable where it is declared, or where the name dx is', () => {
    const where = 'd: scalar; x: vector(n); A: matrix(n, n)';
    assert.equal(readAs('xᵀAx dx', 'unicode', where), plain("x'*A*x*d*x", where));
    assert.equal(readAs('x^T A x d x', 'auto', where), plain("x'*A*x*d*x", where));
    assert.equal(readAs('dy/dx', 'unicode', 'd, x, y: scalar'), plain('d*y/d*x', 'd, x, y: scalar'));
    assert.equal(readAs('c · dx', 'unicode', 'c, d, x: scalar'), plain('c*d*x', 'c, d, x: scalar'));
    assert.equal(readAs('c·dx', 'auto', 'c, d, x: scalar'), plain('c*d*x', 'c, d, x: scalar'));
    const named = 'dx: vector(n); x: vector(n); A: matrix(n, n)';
    assert.equal(readAs('xᵀAx dx', 'unicode', named), plain("x'*A*x*dx", named));
  });

  it('reads a d that nothing marks as a differential as before: inside a product, without a space', () => {
    assert.equal(readAs('2dx', 'unicode'), plain('2*d*x'));
    assert.equal(readAs('Adx', 'unicode'), plain('A*d*x'));
    assert.equal(readAs('sin(t)dt', 'unicode', 't: scalar'), plain('sin(t)*d*t', 't: scalar'));
    assert.equal(readAs('dx + 1', 'unicode'), plain('d*x + 1'));
    assert.equal(readAs('xᵀA dx + b', 'unicode'), plain("x'*A*d*x + b"));
    // A d set apart from what follows it is no differential: c·d·x, c·d, d·x.
    assert.equal(readAs('c·d·x', 'unicode'), plain('c*d*x'));
    assert.equal(readAs('c · d', 'unicode'), plain('c*d'));
    assert.equal(readAs('d·x', 'unicode'), plain('d*x'));
  });

  it('reads back what the Unicode writer prints for products with an undeclared d', () => {
    for (const text of ['(a + b)*d*x', 'exp(a)*d*b', 'd*x', '2*d*x', 'sum(x)*d*a', 'd/(d*a)', 'd*b/(d*a)', "x'*A*x*d*x", 'd^2*a/(d*b^2)']) {
      const expr = plain(text);
      const unicode = toUnicode(expr);
      assert.equal(readAs(unicode, 'unicode'), expr, `${text} printed as ${unicode}`);
      assert.equal(readAs(unicode, 'auto'), expr, `${text} printed as ${unicode} (auto)`);
    }
    // After a name of several characters the writer prints a space: loss dx, W_out dx.
    const named = 'W_out: matrix(n, n); loss: scalar; x: vector(n)';
    for (const text of ['loss*d*a', 'W_out*d*x', "x'*W_out*d*x", 'sum(x)*loss*d*b', "x'*W_out*x*d*a"]) {
      const expr = plain(text, named);
      const unicode = toUnicode(expr);
      assert.equal(readAs(unicode, 'unicode', named), expr, `${text} printed as ${unicode}`);
      assert.equal(readAs(unicode, 'auto', named), expr, `${text} printed as ${unicode} (auto)`);
    }
  });
});
