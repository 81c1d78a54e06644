/**
 * What `matcalc check` prints as the correct derivative (and the claim as read) reads back with the
 * request's declarations, as derive()'s result does: check wrote them without the dimensions the
 * reader is given, so a size no variable has was written as its bare name — sum(ones(q, p)*B) by B
 * (B: matrix(p, r)) printed q(𝟏𝟏ᵀ), q*ones(r, p), in which q reads as a variable (refused: a vector
 * times a matrix), where derive() prints sum(𝟏_q)(𝟏𝟏ᵀ), which reads back as the size q.
 */
import assert from 'node:assert/strict';
import { checkClaim } from '../../../src/core/check/index';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { readBackProblem } from '../../fuzz/readBack';

describe('check: the printed correct derivative reads back with the declarations', () => {
  for (const [expr, wrt, where, claim] of [
    ['sum(ones(q, p)*B)', 'B', 'B: matrix(p, r)', 'ones(r, p)'],
    ['c*sum(ones(k, 1))*sum(x)', 'x', 'x: vector(n); c: scalar', "ones(n)'"],
  ] as const) {
    it(`${expr} by ${wrt}: as derive() writes it, in text, Unicode and LaTeX`, () => {
      const r = checkClaim({ expr, wrt: [wrt], where, claim, from: 'plain' });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const d = derive({ expr, wrt: [wrt], where, from: 'plain' });
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      assert.equal(r.value.expected.unicode, d.value.result.unicode);
      assert.equal(r.value.expected.text, d.value.result.text);
      const truth = readExpression(d.value.result.text, where, 'plain');
      assert.ok(truth.ok);
      for (const [notation, written] of [['plain', r.value.expected.text], ['unicode', r.value.expected.unicode ?? ''], ['latex', r.value.expected.latex]] as const) {
        assert.equal(readBackProblem(truth.value.expr, where, { form: 'tree', notation, text: written }, notation), undefined, written);
      }
    });
  }
});
