/**
 * An entry of a vector or matrix with symbolic sizes times an array: its local derivative is the unit
 * vector at the entry's place in vec order, (c − 1)·rows + r — which with a symbolic row count was
 * 0·'n', NaN: entry(x, 2, 1)*y by x printed y𝐞_NaNᵀ, and the numerical check was not run.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { value } from '../notations/helpers';

describe('calculus: an entry of a symbolically sized array times an array', () => {
  for (const [expr, wrt, where] of [
    ['entry(x, 2, 1)*y', 'x', 'x: vector(n); y: vector(m)'],
    ['entry(x, 1, 1)*ones(1, m)', 'x', 'x: vector(n)'],
    ['entry(A, 2, 1)*y', 'A', 'A: matrix(m, n); y: vector(k)'],
    ['entry(A, 1, 2)*y', 'A', 'A: matrix(m, n); y: vector(k)'],
    ['entry(A, 2, 3)*y', 'A', 'A: matrix(4, n); y: vector(k)'],
    ['entry(A, 2, 3)*y', 'A', 'A: matrix(m, 5); y: vector(k)'],
  ] as const) {
    it(`${expr} by ${wrt} (${where}) agrees with finite differences`, () => {
      const r = value(derive({ expr, wrt: [wrt], where, check: true }));
      assert.doesNotMatch(r.result.text, /NaN/);
      assert.equal(r.check?.passed, true, `${r.result.text}: ${r.check?.diagnostic?.message ?? ''}`);
    });
  }
});
