/**
 * A long chain of reciprocals under a log (found by the LaTeX-reader fuzz campaign, seed 20251127,
 * input 21,712: `\log\frac{1}{\frac{1}{…\det X…}}`, 5,000 levels): each level is a power of a product,
 * and simplify/build.ts pow and mul called each other once per level, so derive() threw RangeError
 * (Maximum call stack size exceeded) instead of answering.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';

const fracs = (n: number): string => `\\log${'\\frac{1}{'.repeat(n)}\\det X${'}'.repeat(n)}`;

describe('robustness: 5,000 nested reciprocals under a log', function () {
  // A hang guard (the subject is that it answers): each request reads and differentiates 50,000 characters.
  this.timeout(120_000);

  it('log(1/(1/(…det X…))) by X is X⁻¹ for an even count, −X⁻¹ for an odd one, never a throw', () => {
    for (const [n, text] of [[5_000, 'inv(X)'], [5_001, '-inv(X)']] as const) {
      const r = derive({ expr: fracs(n), from: 'latex', where: 'X: matrix(n, n)', wrt: ['X'], timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.result.text, text);
    }
  });

  it('a short chain is unchanged: log(1/(1/(1/det X))) by X is −X⁻¹', () => {
    const r = derive({ expr: fracs(3), from: 'latex', where: 'X: matrix(n, n)', wrt: ['X'] });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.result.text, '-inv(X)');
  });
});
