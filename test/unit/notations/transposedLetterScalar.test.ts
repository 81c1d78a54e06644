/**
 * LaTeX (and Unicode math, read through it) without bold reads lowercase letters by the letter
 * conventions, and when those do not fit, as scalars (3x^2y, \sin(x^2)). That second reading made a
 * transposed letter a scalar and dropped its transpose: `\sum_{i=1}^N (y_i - w^\top x_i)^2`, least
 * squares over samples written without bold, read as sum((y − w x).^2) with w a scalar and the
 * samples x_i the entries of a vector — a confident misreading, differentiated to
 * −2 sum((y − wx) ⊙ x); `x^\top x^2` read as x³. A letter the text transposes is not read as a
 * scalar by that retry: the text is refused with the letters' error and what to write. Letters that
 * are scalars by their own convention (a–g), or declared, are unchanged.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { derive } from '../../../src/core/index';
import { toText } from '../../../src/core/write';
import { assertError, refusedAs } from './helpers';

describe('notations: a transposed letter is not made a scalar because the letters did not fit', () => {
  it('refuses the texts whose reading dropped a transpose, at the letters\' error, naming the transposed letter', () => {
    const cases: readonly (readonly [string, 'latex' | 'unicode', string])[] = [
      ['\\sum_{i=1}^N (y_i - w^\\top x_i)^2', 'latex', 'w'],
      ['\\frac{1}{N}\\sum_{i=1}^N (y_i - w^\\top x_i)^2', 'latex', 'w'],
      ['x^\\top x^2', 'latex', 'x'],
      ['x^T x^2', 'latex', 'x'],
      ['x^\\top y \\cdot x^2', 'latex', 'x'],
      ['xᵀx²', 'unicode', 'x'],
    ];
    for (const [text, from, name] of cases) {
      for (const how of [from, 'auto'] as const) {
        const d = refusedAs(text, how);
        assert.ok(d.code.startsWith('shape.') || d.code === 'latex.vector-power', `${text}: ${d.code}`);
        assert.ok(d.message.includes(`${name} is transposed`), `${text} (${how}): ${d.message}`);
        assert.ok(d.end > d.start, `${text}: a span`);
      }
    }
  });

  it('still reads the texts the retry is for, and transposed letters that are scalars by their letter or declared', () => {
    const reads: readonly (readonly [string, 'latex' | 'unicode', string, string?])[] = [
      ['3x^2y', 'latex', '3*x^2*y'],
      ['\\sin(x^2)', 'latex', 'sin(x^2)'],
      ['x^2 + y', 'latex', 'x^2 + y'],
      ['a^\\top b', 'latex', "a'*b"],
      ['x^\\top A x', 'latex', "x'*A*x"],
      ['x^\\top x^2', 'latex', "x'*x^2", 'x: scalar'],
      ['\\frac{1}{N}\\sum_{i=1}^N (y_i - \\mathbf{w}^\\top \\mathbf{x}_i)^2', 'latex', 'mean((y - X*w).^2)'],
    ];
    for (const [text, from, plainText, where] of reads) {
      const r = readExpression(text, where, from);
      assert.ok(r.ok, r.ok ? '' : `${text}: ${r.error.code}: ${r.error.message}`);
      assert.equal(toText(r.value.expr), plainText, text);
    }
  });

  it('the bold spelling of least squares over samples is differentiated as meant (central differences)', () => {
    const d = derive({ expr: '\\frac{1}{N}\\sum_{i=1}^N (y_i - \\mathbf{w}^\\top \\mathbf{x}_i)^2', wrt: ['w'], from: 'latex', layout: 'denominator', check: true });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    assert.equal(d.value.result.text, "-2/n*X'*(y - X*w)");
    assert.ok(d.value.check?.passed, `max relative error ${d.value.check?.maxRelError}`);
  });

  it('the error points into the text', () => {
    const text = 'x^\\top x^2';
    const d = refusedAs(text, 'latex');
    assertError(d, d.code, [d.start, d.end], text);
    assert.ok(text.slice(d.start, d.end).length > 0);
  });
});
