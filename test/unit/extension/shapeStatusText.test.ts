import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { shapeStatusText } from '../../../src/extension/shapeStatusText';

/** What the status bar item shows, and what a screen reader reads for it. */
describe('status bar: the shape of the expression under the cursor', () => {
  const t = shapeStatusText('2 A x', 'n×1', [
    { name: 'A', shape: 'n×n' },
    { name: 'x', shape: 'n×1' },
  ]);

  it('the item shows the shape; the tooltip has the expression and the variables', () => {
    assert.equal(t.text, 'f: n×1');
    assert.equal(t.expression, '2 A x');
    assert.equal(t.details, 'f: n×1 · A: n×n, x: n×1');
  });

  it('the screen reader label is plain words: no Markdown, no entities, no icon name', () => {
    assert.equal(t.ariaLabel, 'Matrix Calculus: the expression under the cursor has shape n×1 (A: n×n, x: n×1); activate to differentiate');
    assert.doesNotMatch(t.ariaLabel, /[*`&$]|nbsp|symbol-array/);
  });

  it('a long expression is cut in the tooltip', () => {
    const long = shapeStatusText('x + '.repeat(100) + 'x', '1×1', [{ name: 'x', shape: '1×1' }]);
    assert.equal(long.expression.length, 201);
    assert.ok(long.expression.endsWith('…'));
    assert.equal(long.ariaLabel, 'Matrix Calculus: the expression under the cursor has shape 1×1 (x: 1×1); activate to differentiate');
  });
});
