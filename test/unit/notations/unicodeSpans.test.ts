import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';

/**
 * The Unicode reader translates to LaTeX and reads that; an error's span is mapped back to the
 * Unicode text, and covers what it is about there — the whole of an unknown name, not its first letter.
 */
describe('notations/unicode: error spans in the Unicode text', () => {
  const spanOf = (text: string, where = 'x: scalar'): [string, number, number] => {
    const r = readExpression(text, where, 'unicode');
    assert.ok(!r.ok, `${text} should be refused`);
    return [r.error.code, r.error.start, r.error.end];
  };

  it('an unknown function: the whole name, where it is', () => {
    assert.deepEqual(spanOf('foo(x)·x'), ['name.unknown-function', 0, 3]);
    assert.deepEqual(spanOf('x·foo(x)'), ['name.unknown-function', 2, 5]);
    assert.deepEqual(spanOf('sin(x) + qux(x)'), ['name.unknown-function', 9, 12]);
  });

  it('the same span the LaTeX reader gives for the same text', () => {
    for (const t of ['foo(x) x', 'x + foo(x)']) {
      const latex = readExpression(t, 'x: scalar', 'latex');
      const unicode = readExpression(t, 'x: scalar', 'unicode');
      assert.ok(!latex.ok && !unicode.ok, t);
      assert.deepEqual([unicode.error.code, unicode.error.start, unicode.error.end], [latex.error.code, latex.error.start, latex.error.end], t);
    }
  });

  it('the positions a message names are in the Unicode text too (they were the translated LaTeX\'s)', () => {
    // sum(sqrt(x.^2 + eps)) said "expected ')' to close '(' at column 39" of a 21-character text.
    const message = (text: string, where = 'x: vector(n)'): string => {
      const r = readExpression(text, where, 'unicode');
      assert.ok(!r.ok, `${text} should be refused`);
      return r.error.message;
    };
    assert.match(message('sum(sqrt(x.^2 + eps))'), /to close '\(' at column 9 /);
    assert.match(message('(x y + (2 z)', 'x, y, z: scalar'), /to close '\(' at column 1 /);
    assert.match(message('x +\n(√x ⊙ x'), /to close '\(' at line 2, column 1 /);
  });

  it('what a message quotes is written as in the Unicode text, not as the translated LaTeX', () => {
    // 𝐟(𝐱) said "unknown function '\\mathbf{f}'": LaTeX the user never wrote.
    const message = (text: string, where = 'x: vector(n)'): string => {
      const r = readExpression(text, where, 'unicode');
      assert.ok(!r.ok, `${text} should be refused`);
      return r.error.message;
    };
    assert.match(message('𝐟(𝐱)'), /^unknown function '𝐟': this is a function 𝐟 applied/);
    assert.match(message('𝐱 + 𝐠(𝐱)'), /^unknown function '𝐠'/);
    assert.match(message('φ(x)', 'x: scalar'), /^unknown function 'φ'/);
    for (const m of [message('𝐟(𝐱)'), message('φ(x)', 'x: scalar')]) assert.doesNotMatch(m, /\\/, m);
    // What the LaTeX reader quotes that is not the LaTeX text (a suggestion) stays as it is.
    assert.match(message('foo(x)·x'), /^unknown function 'foo'/);
  });
});
