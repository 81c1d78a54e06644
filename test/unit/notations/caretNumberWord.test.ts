/**
 * `3x^2y` — Parr & Howard's 3x²y as typed from the paper — read in Unicode math (and so by auto detection) as
 * 3x^(2y), the exponent taken as the whole run of digits and letters after '^', and differentiated to
 * 6yx^(2y − 1); in LaTeX the same text is 3x²y. An exponent of a number followed by letters reads two ways:
 * refused at the exponent (`parse.ambiguous-power`), naming both spellings, which read as they say. An
 * exponent of a number alone, of a name, or bracketed, reads as before, and so does the writers' output.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { toText } from '../../../src/core/write';
import { readAs, refusedAs } from './helpers';

const WHERE = 'x: scalar; y: scalar; n: scalar; x1: scalar; X: matrix(m, k)';

describe('notations/unicode: a number followed by letters after ^ is refused', () => {
  it('refuses x^2y, e^2x, x^2.5y, x^∘2n at the exponent, in Unicode and by auto', () => {
    const cases: readonly [string, string][] = [
      ['3x^2y', '^2y'],
      ['x^2x', '^2x'],
      ['e^2x', '^2x'],
      ['x^2.5y', '^2.5y'],
      ['x^2x1 + 1', '^2x1'],
      ['X^∘2n', '^∘2n'],
    ];
    for (const [text, exponent] of cases) {
      for (const from of ['unicode', 'auto'] as const) {
        const e = refusedAs(text, from, WHERE);
        assert.equal(e.code, 'parse.ambiguous-power', `${text} (${from}): ${e.code}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), exponent, `${text}: span`);
      }
    }
    const e = refusedAs('3x^2y', 'unicode', WHERE);
    assert.match(e.message, /\^\(2y\) for the power 2y, or \^2 y for the power 2 times y/);
    assert.equal(toText(readAs('3x^(2y)', 'unicode', WHERE)), '3*x^(2*y)');
    assert.equal(toText(readAs('3x^2 y', 'unicode', WHERE)), '3*x^2*y');
  });

  it('reads a number, a name, a bracket or a signed number after ^ as before', () => {
    for (const [text, plain] of [
      ['x^2', 'x^2'],
      ['x^12 y', 'x^12*y'],
      ['x^2.5', 'x^2.5'],
      ['x^n', 'x^n'],
      ['x^x1', 'x^x1'],
      ['x^(2n)', 'x^(2*n)'],
      ['x²y', 'x^2*y'],
    ] as const) {
      assert.equal(toText(readAs(text, 'unicode', WHERE)), plain, text);
    }
    // LaTeX's 3x^2y is 3x²y, as before.
    const r = readExpression('3x^2y', WHERE, 'latex');
    assert.ok(r.ok && toText(r.value.expr) === '3*x^2*y');
  });
});
