/**
 * Calculus notation is no part of an expression: the gradient ∇f(x), the partial derivative ∂f/∂x
 * (\frac{\partial f}{\partial x}), a prime f'(x), and the cross product x × y are refused with a
 * message that says what was recognised and what to write instead, at what was recognised — not
 * "unexpected character" or "missing operator".
 */
import assert from 'node:assert/strict';
import { refusedAs } from './helpers';

describe('notations: calculus notation is refused saying what it is', () => {
  it('∇f(x): the gradient operator, in Unicode math, auto and the plain syntax', () => {
    for (const from of ['unicode', 'auto', 'plain'] as const) {
      for (const text of ['∇f(x)', '∇ₓf', '∇(xᵀAx)']) {
        if (from === 'plain' && text.includes('ᵀ')) continue;
        const e = refusedAs(text, from);
        assert.equal(text.slice(e.start, e.end), '∇', `${text} (${from}): span`);
        assert.ok(e.message.includes('gradient'), `${text} (${from}): ${e.message}`);
        assert.ok(e.message.includes('select the function'), `${text} (${from}): ${e.message}`);
      }
    }
  });

  it('∂f/∂x: a partial derivative, at the whole notation where it is one, in Unicode math, auto and the plain syntax', () => {
    for (const from of ['unicode', 'auto', 'plain'] as const) {
      for (const [text, span] of [
        ['∂f/∂x', '∂f/∂x'],
        ['∂f / ∂x', '∂f / ∂x'],
        ['∂²f/∂x²', '∂²f/∂x²'],
        ['∂/∂x sin(x)', '∂/∂x'],
        ['2∂y', '∂'],
      ]) {
        const e = refusedAs(text, from);
        assert.equal(text.slice(e.start, e.end), span, `${text} (${from}): span`);
        assert.ok(e.message.includes('partial derivative'), `${text} (${from}): ${e.message}`);
        assert.ok(e.message.includes('select the function'), `${text} (${from}): ${e.message}`);
      }
    }
  });

  it('\\frac{\\partial f}{\\partial x}: the partial derivative of a function not given, at the fraction', () => {
    for (const [text, span, what] of [
      ['\\frac{\\partial f}{\\partial x}', '\\frac{\\partial f}{\\partial x}', 'f'],
      ['\\frac{\\partial L}{\\partial \\mathbf{W}}', '\\frac{\\partial L}{\\partial \\mathbf{W}}', 'L'],
      ['\\dfrac{\\partial^2 f}{\\partial x^2}', '\\dfrac{\\partial^2 f}{\\partial x^2}', 'f'],
      ['2 \\frac{\\partial}{\\partial x} (x^T A x)', '\\frac{\\partial}{\\partial x}', 'the function after it'],
    ]) {
      for (const from of ['latex', 'auto'] as const) {
        const e = refusedAs(text, from);
        assert.equal(e.code, 'latex.unsupported', `${text}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), span, `${text} (${from}): span`);
        assert.ok(e.message.includes('partial derivative'), `${text}: ${e.message}`);
        assert.ok(e.message.includes(what), `${text}: ${e.message}`);
        assert.ok(e.message.includes('--wrt'), `${text}: ${e.message}`);
      }
    }
  });

  it('x × y: the cross product is not supported, and a product is written otherwise', () => {
    for (const from of ['unicode', 'auto', 'plain'] as const) {
      const text = 'x × y';
      const e = refusedAs(text, from, 'x, y: vector(3)');
      assert.equal(text.slice(e.start, e.end), '×', `${from}: span`);
      assert.ok(e.message.includes('cross product'), `${from}: ${e.message}`);
      assert.ok(e.message.includes('not supported'), `${from}: ${e.message}`);
    }
  });

  it("f'(x) under auto detection: the derivative of a function f, as the LaTeX and Unicode readers say", () => {
    for (const from of ['auto', 'plain', 'unicode', 'latex'] as const) {
      for (const text of ["f'(x)", "g'(t)"]) {
        const e = refusedAs(text, from);
        assert.equal(e.code, 'name.unknown-function', `${text} (${from}): ${e.code}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), text, `${text} (${from}): span`);
        assert.ok(e.message.includes('derivative'), `${text} (${from}): ${e.message}`);
      }
    }
  });
});
