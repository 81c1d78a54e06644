/**
 * A claim whose text leaves a size open — a bare 𝟏ᵀ, as the product prints the derivative of sum(x) —
 * is judged with the size the truth gives it: `matcalc check 'sum(x)' --claim '𝟏ᵀ'` said "incorrect
 * (shape): the claim is 1×m" and exited 3 on the product's own answer. A wrong value is still wrong,
 * a claim in another layout still says so, and explicit sizes are not renamed.
 */
import assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { derive } from '../../../src/core/index';

function verdict(expr: string, claim: string, wrt: string, where: string): string {
  const r = checkClaim({ expr, wrt: [wrt], where, claim, from: 'auto' });
  assert.ok(r.ok, r.ok ? '' : `${claim}: ${r.error.message}`);
  return r.value.verdict === 'correct' ? 'correct' : `incorrect (${r.value.diagnosis?.kind ?? 'other'})`;
}

describe('check: a bare 𝟏 of the claim has the size the truth gives it', () => {
  it("the product's own answers with a bare 𝟏 are correct", () => {
    for (const [expr, wrt, where] of [
      ['sum(x)', 'x', 'x: vector(n)'],
      ['a*sum(x)', 'x', 'x: vector(n); a: scalar'],
      ['sum(A)', 'A', 'A: matrix(m, n)'],
      ['x1*sum(x)', 'x', 'x: vector(n); x1: vector(m)'],
    ] as const) {
      const d = derive({ expr, wrt: [wrt], where, from: 'plain' });
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      for (const claim of [d.value.result.unicode ?? '', d.value.result.latex, d.value.result.text]) {
        assert.equal(verdict(expr, claim, wrt, where), 'correct', `${expr}: ${claim}`);
      }
    }
    assert.equal(verdict('sum(x)', '𝟏ᵀ', 'x', 'x: vector(n)'), 'correct');
  });

  it('a wrong value, a wrong size and another layout are still incorrect', () => {
    assert.notEqual(verdict('sum(x)', '2𝟏ᵀ', 'x', 'x: vector(n)'), 'correct');
    assert.notEqual(verdict('sum(x)', 'ones(1, 3)', 'x', 'x: vector(n)'), 'correct');
    assert.notEqual(verdict('x\'*x', '𝟏ᵀ', 'x', 'x: vector(n)'), 'correct');
    assert.notEqual(verdict('sum(A)', '𝟏ᵀ', 'A', 'A: matrix(m, n)'), 'correct');
  });
});
