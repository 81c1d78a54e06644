/**
 * A signed exponent without brackets in Unicode math (`x^−1`, `e^-x`, `e^−x²`) was refused saying "expected an
 * exponent after '^'", though one follows: the message now says what to write, the exponent in brackets
 * (`x^(−1)`), which reads. (`e^−x²` is e^(−x²) or (e^(−x))² to a reader: refused, not guessed.)
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { refusedAs } from './helpers';

describe('notations/unicode: a signed exponent without brackets', () => {
  it('is refused with the bracketed exponent as the hint, which reads', () => {
    for (const [text, hint] of [['x^−1', 'x^(−1)'], ['e^-x', 'e^(-x)'], ['e^−x²', 'e^(−x²)'], ['2x^−2 + 1', 'x^(−2)']] as const) {
      const e = refusedAs(text, 'unicode', 'x: scalar');
      assert.equal(e.code, 'parse.expected-expression', `${text}: ${e.message}`);
      assert.ok(e.message.includes(`brackets: ${hint.slice(1)}`), `${text}: ${e.message}`);
      assert.ok(text.slice(e.start, e.end).startsWith('^'), `${text}: span ${text.slice(e.start, e.end)}`);
      const r = readExpression(text.replace(hint.replace(/[()]/g, ''), hint), 'x: scalar', 'unicode');
      assert.ok(r.ok, `${hint} in ${text}: ${r.ok ? '' : r.error.message}`);
    }
  });
});
