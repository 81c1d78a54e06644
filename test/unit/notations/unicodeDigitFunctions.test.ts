/**
 * The Unicode writer prints log1p and expm1 by their names (F.elu(x) reads as max(0, x) + expm1(min(0, x)) and its answers
 * carry expm1), but the Unicode reader refused them: a name of letters then digits is a numbered name, and a
 * plain-syntax function among them (norm2) is refused. log1p and expm1 are written in Unicode math as they are
 * in the plain syntax, so they read back; norm1 and norm2 are still refused (Unicode writes ‖x‖).
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { toUnicode } from '../../../src/core/write';
import { plain, readAs } from './helpers';

const WHERE = 'x: vector(n)';

describe('notations/unicode: log1p and expm1 read back', () => {
  it('the Unicode form of expressions with log1p and expm1 reads as the same expression', () => {
    for (const t of ['expm1(x)', 'log1p(x)', '0.5*expm1(x)', 'max(0, x) + 2*expm1(min(0, x)/2)', 'sum(log1p(x .* x))']) {
      const e = plain(t, WHERE);
      assert.equal(readAs(toUnicode(e), 'unicode', WHERE), e, `${t}: ${toUnicode(e)}`);
    }
  });

  it('norm2(x) is still refused in Unicode math (written ‖x‖₂)', () => {
    const r = readExpression('norm2(x)', WHERE, 'unicode');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'name.unknown-function');
  });
});
