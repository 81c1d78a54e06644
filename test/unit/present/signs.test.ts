/**
 * Signs read as written, −(−(…x…)), are products of −1s after flattening (present/factor.ts
 * flattenSame): their numbers are multiplied into one, so the result prints x or −x, never a
 * product of −1s (which the text writer printed as --1*(-1)*…*x, one factor per level).
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

const nested = (levels: number, inner: string): string => `${'-('.repeat(levels)}${inner}${')'.repeat(levels)}`;

describe('present: nested signs fold into one number', () => {
  for (const levels of [2, 3, 4, 7, 50]) {
    it(`(${nested(levels, 'x')}).^-2 by x, ${levels} levels`, () => {
      const r = derive({ expr: `(${nested(levels, 'x')}).^-2`, where: 'x: vector(n)', wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, 'numerical check');
      const text = r.value.result.text;
      // Odd: −diag(−2(−x)∘⁻³) has its numbers in front as one, 2 diag((−x)∘⁻³) (present/tidy).
      assert.equal(text, levels % 2 === 0 ? 'diag(-2*x.^-3)' : '2*diag((-x).^-3)');
    });
  }
  it('a product of numbers equal to 1 leaves the other factors alone: w ./ −(−x)', () => {
    const r = derive({ expr: `w./${nested(2, 'x')}`, where: 'w: vector(n); x: vector(n)', wrt: ['x'], check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.check?.passed, true, 'numerical check');
    assert.equal(r.value.result.text, 'diag(-(w .* x.^-2))');
  });
});
