/**
 * Three or more single-letter factors before a bracket: the writers printed a·b·c·(x + y) as
 * `abc(x + y)` (Unicode) and `abc(\mathbf{x} + \mathbf{y})` (LaTeX), which the readers refuse as an
 * unknown function `abc` unless every letter is declared (read-back fuzz, seed 20251127: a·m·u·(𝟏𝟏ᵀ)z
 * in a named form). The bracket is set apart from such a run (write/letterRun.ts).
 */
import assert from 'node:assert/strict';
import { toLatex, toUnicode } from '../../../src/core/write';
import { assertWritersReadBack, plain } from './helpers';

describe('notations: a bracket after a run of juxtaposed letters', () => {
  it('is set apart from three letters or more, and the text reads back', () => {
    const where = 'x, y: vector(n)';
    assert.equal(toUnicode(plain('a*b*c*(x + y)', where)), 'abc·(x + y)');
    assert.equal(toLatex(plain('a*b*c*(x + y)', where)), 'abc \\cdot (\\mathbf{x} + \\mathbf{y})');
    assertWritersReadBack(['a*b*c*(x + y)', 'a*b*c*d*(x - y)', 'n*a*b*(x + y)'], where);
  });

  it('is set apart when the bracket is LaTeX\'s \\left( (around a fraction or a matrix), and the text reads back', () => {
    // Read-back fuzz, seed 20251127: 4aun\left(… in a named form, once 𝟏ᵀ𝟏𝟏ᵀ became n𝟏ᵀ (4fcc346).
    const where = 'x, y: vector(3)';
    assert.equal(toLatex(plain('a*b*c*(x + y/a)', where)), 'abc \\cdot \\left(\\mathbf{x} + \\frac{1}{a}\\mathbf{y}\\right)');
    assertWritersReadBack(['a*b*c*(x + y/a)', 'a*b*c*(x + [1; 2; 3])', "a*b*d*(x'*y + 1/(a + 1))"], where);
  });

  it('stays juxtaposed after one or two letters, or after a longer name', () => {
    const where = 'x, y: vector(n); abc: scalar';
    assert.equal(toUnicode(plain('a*b*(x + y)', where)), 'ab(x + y)');
    assert.equal(toUnicode(plain('a*(x + y)', where)), 'a(x + y)');
    assertWritersReadBack(['a*b*(x + y)', 'abc*(x + y)'], where);
  });
});
