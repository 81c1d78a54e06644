/**
 * The declaration name.undeclared suggests fits the name's use: it said "declare it, e.g. lam: vector(n)"
 * whatever the use, also of lam in lam*x or exp(lam)*x, where a vector does not fit (a vector times a
 * vector, exp of a vector times a vector). Now it lists the kinds that read (scalar, vector, matrix, in
 * that order) with the sizes the use gives them — each suggestion, copied into the declarations, reads.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { readPlain } from '../../../src/core/syntax';
import { error } from './helpers';

/** The declarations the error of `text` suggests, as written after "e.g.". */
function suggested(text: string, where: string | undefined, from: 'plain' | 'numpy' | 'latex' | 'unicode' = 'plain'): string[] {
  const d = error(readExpression(text, where, from));
  assert.equal(d.code, 'name.undeclared', `${text}: ${d.message}`);
  const m = /e\.g\. (.*)$/.exec(d.message);
  assert.ok(m, `${text}: '${d.message}' suggests a declaration`);
  return m[1].split(' or ');
}

describe('syntax: the declaration an undeclared name\'s error suggests fits its use', () => {
  it('a scalar where the name is used as one', () => {
    for (const [text, where] of [
      ['lam*x', 'x: vector(n)'],
      ['exp(lam)*x', 'x: vector(n)'],
      ['x/lam', 'x: vector(n)'],
      ['lam^2*x', 'x: vector(n)'],
      ["x'*x*lam", 'x: vector(n)'],
      ['sum(x) + lam', 'x: vector(n)'],
    ] as const) {
      const s = suggested(text, where);
      assert.equal(s[0], 'lam: scalar', `${text}: ${s.join(' or ')}`);
      assert.ok(!s.includes('lam: vector(n)'), `${text}: a vector does not fit: ${s.join(' or ')}`);
    }
  });

  it('the kinds that fit, with the sizes the use gives them', () => {
    assert.ok(suggested('A*foo + y', 'A: matrix(m, n); y: vector(m)').includes('foo: vector(n)'));
    assert.deepEqual(suggested("foo'*x", 'x: vector(n)'), ['foo: scalar', 'foo: vector(n)', 'foo: matrix(n, m)']);
    assert.deepEqual(suggested('lam*x', 'x: vector(n)'), ['lam: scalar', 'lam: matrix(m, n)']);
  });

  it('each suggestion, declared, reads', () => {
    for (const [text, where] of [
      ['lam*x', 'x: vector(n)'],
      ['exp(lam)*x', 'x: vector(n)'],
      ['A*foo + y', 'A: matrix(m, n); y: vector(m)'],
      ['2*foo + x', undefined],
      ['np.exp(lam) * x', 'x: vector(n)'],
    ] as const) {
      const from = text.startsWith('np.') ? 'numpy' : 'plain';
      const s = suggested(text, where, from);
      for (const declaration of s) {
        const name = declaration.split(':')[0];
        const r = readExpression(text, where === undefined ? declaration : `${where}; ${declaration}`, from);
        assert.ok(r.ok, `${text} with ${declaration}: ${r.ok ? '' : r.error.message}`);
        assert.ok(r.value.variables.some((v) => v.name === name));
      }
    }
  });

  it('the plain reader alone says the same, and a name that fits nowhere is asked for its shape', () => {
    const d = error(readPlain('lam*x', 'x: vector(n)'));
    assert.ok(d.message.includes('e.g. lam: scalar'), d.message);
    const none = error(readPlain('x*foo*x', 'x: vector(n)'));
    assert.equal(none.code, 'name.undeclared');
    assert.ok(/declare it/.test(none.message), none.message);
  });
});
