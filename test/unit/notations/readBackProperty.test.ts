/**
 * The read-back property (issue 12) at a modest size inside the unit suite: every form the product
 * writes for the derivatives of random expressions — text, Unicode and LaTeX; tree, named and
 * binding forms — reads back, by its own reader and by auto, as the result (test/fuzz/readBack.ts).
 * `npm run fuzz -- --only read-back` runs it at 10,000 expressions.
 */
import assert from 'node:assert/strict';
import { describeCase } from '../../fuzz/properties';
import { checkReadBack } from '../../fuzz/readBack';

describe('notations/read-back property: random expressions', () => {
  it('the derivatives of 300 random expressions read back in every written form (seed 20251205)', function () {
    // About 10 s on an idle machine; the limit allows for a loaded one.
    this.timeout(180_000);
    const r = checkReadBack(300, 20_251_205);
    const f = r.failure;
    assert.equal(f, undefined, f ? `${describeCase(f.c)}\n  ${f.problem}` : '');
    assert.equal(r.runs, 300);
    // Every kind of form was read: the named and binding forms too.
    for (const form of ['tree plain', 'tree unicode', 'tree latex', 'named plain', 'named unicode', 'named latex', 'bound plain', 'bound unicode', 'bound latex']) {
      assert.ok((r.forms[form] ?? 0) > 0, `no ${form} form was read`);
    }
  });
});
