/**
 * x1 and x_1 are two names of the plain syntax (and of Python) that the writers print as one symbol,
 * x_{1} and x₁ — as α and alpha are one (name.same-print). A text using both printed answers that
 * read back with one variable where there were two: refused, as α beside alpha is.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { toLatex, toUnicode } from '../../../src/core/write';
import { plain } from './helpers';

describe('notations: x1 beside x_1 prints as one symbol and is refused', () => {
  it('the writers print x1 and x_1 alike', () => {
    assert.equal(toLatex(plain('x1')), toLatex(plain('x_1')));
    assert.equal(toUnicode(plain('x1')), toUnicode(plain('x_1')));
  });

  it('refuses a text that uses both, in the plain syntax and in NumPy code, at the later one', () => {
    for (const [text, from, later] of [
      ['x1 + 2*x_1', 'plain', 'x_1'],
      ['W_12 .* W12', 'plain', 'W12'],
      ['A12*x + A_12*x', 'plain', 'A_12'],
      ['x1 + 2 * x_1', 'numpy', 'x_1'],
    ] as const) {
      const r = readExpression(text, undefined, from);
      assert.ok(!r.ok, `${text} (${from}) should be refused`);
      assert.equal(r.error.code, 'name.same-print', `${text}: ${r.error.message}`);
      assert.ok(r.error.message.includes("'x") || r.error.message.includes("'W") || r.error.message.includes("'A"), r.error.message);
      assert.equal(text.slice(r.error.start, r.error.end), later, `${text}: span`);
    }
  });

  it('reads names that print differently as before: x1 and x_2, x_1 and x_out, x12 and x_1_2', () => {
    for (const text of ['x1 + x_2', 'x_1 + x_out', 'x12 + x_1_2', 'x1 + x11']) {
      const r = readExpression(text, undefined, 'plain');
      assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error.message}`);
    }
  });
});
