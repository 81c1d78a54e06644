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

  it('under the "scalars" convention the answer still lists the shapes it assumed, and why', () => {
    const r = runDerive({ expr: 'A*x + y', where: 'A: scalar', wrt: ['x'], from: 'plain' }, 'scalars');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.assumed.map((a) => [a.name, a.shape, a.by, a.reason]), [
      ['x', 'scalar', 'setting', 'setting defaultShapeConvention: scalars'],
      ['y', 'scalar', 'setting', 'setting defaultShapeConvention: scalars'],
    ]);
    // Letter shapes that would clash (x*y of two vectors): the names come from the text, and are listed all the same.
    const clash = runDerive({ expr: 'x*y + z', wrt: ['x'], from: 'plain' }, 'scalars');
    assert.ok(clash.ok, clash.ok ? '' : clash.error.message);
    assert.deepEqual(clash.value.assumed.map((a) => a.name), ['x', 'y', 'z']);
    // Everything declared: nothing assumed; the letters convention: the core's own list.
    const declared = runDerive({ expr: 'a*b', where: 'a: scalar; b: scalar', wrt: ['a'], from: 'plain' }, 'scalars');
    assert.ok(declared.ok && declared.value.assumed.length === 0);
    const letters = runDerive({ expr: 'A*x', wrt: ['x'], from: 'plain' }, 'letters');
    assert.ok(letters.ok);
    assert.deepEqual(letters.value.assumed.map((a) => [a.name, a.by]), [['A', 'letter'], ['x', 'letter']]);
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
