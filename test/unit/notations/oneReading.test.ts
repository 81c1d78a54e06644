import assert from 'node:assert/strict';
import { checkOneReading, oneReadingProblem } from '../../fuzz/oneReading';

describe('notations/one reading: auto answers as the reader it announces (issue 12)', () => {
  it("the issue's misreadings are answered by the announced reader only", () => {
    for (const t of ['xᵀx', 'xᵀ(A + Aᵀ)x', 'Aᵀx', '1e400*x', 'x^1e400', '0x10*x', '[x y]', 'xᵀ\\frac{1}{2}x', 'Ax - b']) {
      assert.equal(oneReadingProblem(t), undefined, t);
    }
  });

  it('holds for 1,000 written, seeded, mutated and random inputs (npm run fuzz: 10,000)', function () {
    this.timeout(120_000);
    const r = checkOneReading(1_000, 20_251_205);
    assert.equal(r.failure, undefined);
  });
});
