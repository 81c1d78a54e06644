/**
 * A long chain of signs under a negative power (found by the LaTeX-reader fuzz campaign, seed
 * 20251127, input 41,048: `-(-(…)…)^{-1}`, 5,000 signs): each sign is a product −1·(…) as written,
 * and simplify/build.ts pow distributed the power over a product by recursing once per nested
 * product, so derive() threw RangeError (Maximum call stack size exceeded) instead of answering.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';

const signs = (n: number, inner: string): string => `${'-('.repeat(n)}${inner}${')'.repeat(n)}`;

describe('robustness: 5,000 nested signs under a power', () => {
  it('(−(−(…a…)))^(−1) answers the derivative, never throws (even and odd counts, plain and LaTeX)', () => {
    const even = derive({ expr: `(${signs(5_000, 'a')})^(-1)`, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(even.ok, even.ok ? '' : `${even.error.code}: ${even.error.message}`);
    assert.equal(even.value.result.text, '-a^-2');
    const odd = derive({ expr: `(${signs(5_001, 'a')})^(-1)`, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(odd.ok, odd.ok ? '' : `${odd.error.code}: ${odd.error.message}`);
    assert.equal(odd.value.result.text, 'a^-2');
    const latex = derive({ expr: `(${signs(5_000, 'a')})^{-1}`, from: 'latex', timeLimitMs: 60_000 });
    assert.ok(latex.ok, latex.ok ? '' : `${latex.error.code}: ${latex.error.message}`);
  });

  it('a power of a short chain of signed products is unchanged: (−(−(−3ab)))^(−1) by a is 1/(3a²b)', () => {
    const r = derive({ expr: '(-(-(-3*a*b)))^(-1)', from: 'plain' });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.result.text, 'a^-2/b/3');
  });
});
