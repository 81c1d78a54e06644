/**
 * A bare I (or 𝟏) whose size nothing in the text gives is read with a fresh dimension, named so that it
 * is no dimension of the text. A size that is a product (the n·n of 𝟏_(n·n), as the Unicode writer
 * prints a ones vector of length n²) did not count its factors: `sum(𝟏_(n·n))I` — the Unicode form of
 * d/dz of sum(ones(n, n))·zᵀ, (n·n)·I_m — read back as sum(ones(n*n))*eye(n), another shape (read-back
 * fuzz, seed 20251127).
 */
import * as assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { toText } from '../../../src/core/write/index';

function readsAs(text: string, expected: string): void {
  const r = readExpression(text, undefined, 'unicode');
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error.message}`);
  assert.equal(toText(r.value.expr), expected, text);
}

describe('notations: a fresh size is none of the factors of a product size', () => {
  it('reads sum(𝟏_(n·n))I with I of a size other than n', () => {
    readsAs('sum(𝟏_(n·n))I', 'sum(ones(n*n))*eye(m)');
    readsAs('sum(𝟏_(m·n))I', 'sum(ones(m*n))*eye(k)');
  });

  it('reads as before where the sizes are single names', () => {
    readsAs('sum(𝟏_n×n)I', 'sum(ones(n, n))*eye(m)');
    readsAs('sum(𝟏_k)I', 'sum(ones(k))*eye(n)');
  });
});
