/**
 * A long chain of transposes under an element-wise division (found by the plain-reader fuzz
 * campaign, seed 20251127, input ~50,000): simplify/build.ts isZeroOne recursed once per transpose
 * and derive() threw RangeError (Maximum call stack size exceeded) instead of answering.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';

describe('robustness: x with 20,000 transposes under ./', function () {
  // A hang guard (the subject is that it answers, not how fast): a loaded machine ran it past mocha's 10 s.
  this.timeout(60_000);
  it("w ./ x''…' (20,000 and 20,001 transposes) answers a value or a diagnostic, never throws", () => {
    const where = 'w: vector(n); x: vector(n)';
    const even = derive({ expr: `w ./ x${"'".repeat(20_000)}`, where, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(even.ok, even.ok ? '' : `${even.error.code}: ${even.error.message}`);
    const odd = derive({ expr: `w ./ x${"'".repeat(20_001)}`, where, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(!odd.ok);
    assert.equal(odd.error.code, 'shape.mismatch');
  });
});

describe('robustness: 20,000 transposes inside a result with an index form', function () {
  this.timeout(60_000);
  it("sigmoid(W*x''…' + b) by W (3 indices: its index form is written) answers, never throws", () => {
    const r = derive({ expr: `sigmoid(W*x${"'".repeat(20_000)} + b)`, wrt: ['W'], where: 'W: matrix(m, n); x: vector(n); b: vector(m)', from: 'plain', timeLimitMs: 60_000 });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.ok(r.value.indexForm !== undefined);
  });
});
