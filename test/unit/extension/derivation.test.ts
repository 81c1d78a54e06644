import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { applyShapeConvention, candidateNames, checkInput, runDerive } from '../../../src/extension/derivation';

describe('derivation: the extension’s door to the core', () => {
  it('candidate variable names from the text', () => {
    assert.deepEqual(candidateNames('x*y + sin(z)'), ['x', 'y', 'z']);
    assert.deepEqual(candidateNames('np.sum(w.T @ X) + model.fit(y)'), ['w', 'X', 'y']);
    assert.deepEqual(candidateNames('\\mathbf{x}^T A \\mathbf{x}'), ['x', 'T', 'A']);
  });

  it('the "scalars" convention declares every undeclared variable a scalar, even when letter shapes would clash', () => {
    assert.equal(applyShapeConvention('x*y', undefined, 'plain', 'letters'), undefined);
    assert.equal(applyShapeConvention('x*y', undefined, 'plain', 'scalars'), 'x: scalar; y: scalar');
    assert.equal(applyShapeConvention('A*x', 'A: matrix(m, n)', 'plain', 'scalars'), 'A: matrix(m, n); x: scalar');
    const r = runDerive({ expr: 'x*y', wrt: ['x'], from: 'plain' }, 'scalars');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.text, 'y');
  });

  it('input limits come before the core', () => {
    const long = checkInput('x'.repeat(10_001));
    assert.equal(long.ok, false);
    assert.equal(!long.ok && long.error.code, 'limit.selection');
    assert.equal(checkInput('   ').ok, false);
    const r = runDerive({ expr: 'x'.repeat(20_000) });
    assert.equal(!r.ok && r.error.code, 'limit.selection');
  });

  it('a diagnostic, never an exception, for junk', () => {
    for (const expr of ['x + * (', ')))', '\\frac{', '@@', '\u0000']) {
      const r = runDerive({ expr, from: 'auto' });
      assert.equal(r.ok, false, expr);
      assert.ok(!r.ok && r.error.message.length > 0 && !/\n\s+at /.test(r.error.message));
    }
  });
});
