/**
 * A long chain of transposes under an element-wise division (found by the plain-reader fuzz
 * campaign, seed 20251127, input ~50,000): simplify/build.ts isZeroOne recursed once per transpose
 * and derive() threw RangeError (Maximum call stack size exceeded) instead of answering.
 *
 * The readers now cancel x'' while reading, so the text never reaches build.ts as a deep chain: the
 * first suite builds the chain in the model itself (rawTranspose) and hands it to build.ts's power,
 * whose 0-or-1 test (isZeroOne) walks it; the text suites below check the readers' side.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';
import { num, rawFn, rawHadamard, rawPow, rawTranspose, variable, type Expr } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { hadamard, pow } from '../../../src/core/simplify/build';
import { normalize } from '../../../src/core/simplify/simplify';

/** e with `count` transposes built directly in the model (no reader, no builder to cancel them). */
function transposed(e: Expr, count: number): Expr {
  let out = e;
  for (let i = 0; i < count; i++) out = rawTranspose(out);
  return out;
}

describe('robustness: 20,000 transposes built in the model, through simplify/build.ts', function () {
  // A hang guard (the subject is that it answers, not how fast).
  this.timeout(60_000);
  const x = variable('x', shape('n', 1));
  const w = variable('w', shape('n', 1));

  it("𝟙[x > 0]''…'³ is the chain itself: the 0-or-1 test walks 20,000 and 20,001 transposes to the step", () => {
    for (const count of [20_000, 20_001]) {
      const chain = transposed(rawFn('step', x), count);
      assert.equal(pow(chain, num(3)), chain, `${count} transposes`);
    }
  });

  it("(x''…')⁻¹ stays a power of the chain (x is not 0 or 1), and w ⊙ of it is built without throwing", () => {
    const chain = transposed(x, 20_000);
    const inverse = pow(chain, num(-1));
    assert.equal(inverse.op, 'pow');
    assert.equal(inverse.args[0], chain);
    const quotient = hadamard(w, inverse);
    assert.equal(quotient.op, 'hadamard');
    assert.ok(quotient.args.includes(w) && quotient.args.includes(inverse));
  });

  it("normalize rebuilds w ⊙ (x''…')⁻¹ with the transposes cancelled: w ⊙ x⁻¹ (20,000) or a row (20,001)", () => {
    assert.equal(normalize(rawHadamard([w, rawPow(transposed(x, 20_000), num(-1))])), hadamard(w, pow(x, num(-1))));
    const odd = normalize(rawPow(transposed(x, 20_001), num(-1)));
    assert.equal(odd, pow(rawTranspose(x), num(-1)));
  });
});

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
