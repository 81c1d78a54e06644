/**
 * Numbers are interned by the key of their exact value (model/rational.ts rationalKey). The key was
 * the hexadecimal numerator and denominator followed by 'd' for a decimal, so the decimal 1/5 (0.2,
 * key 1/5d) and the fraction 1/93 (93 = 0x5d, key 1/5d) had one key: once 1/93 was interned (the
 * benchmark's component exp(x*z)/93), `0.2*x` read as x/93 — in any notation, for the rest of the
 * process (an editor session). Found by test/unit/notations/activationsNumpy.test.ts failing only
 * after test/unit/bench/scaling.test.ts in the whole suite. Every pair of distinct numbers has
 * distinct keys, so each reads as itself whatever was interned before.
 */
import assert from 'node:assert/strict';
import * as Q from '../../../src/core/model/rational';
import { rationalNum, rationalOf } from '../../../src/core/model/expr';
import { readPlain } from '../../../src/core/syntax';
import { toText } from '../../../src/core/write';

describe('model: a number is interned by a key no other number has', () => {
  it('0.2 is not 1/93 and 0.1 is not 1/173, whichever was interned first', () => {
    for (const [d, hexTwin] of [[5n, 0x5dn], [10n, 0xadn], [2n, 0x2dn], [4n, 0x4dn]] as const) {
      const fraction = rationalNum(Q.rational(1n, hexTwin));
      const decimal = rationalNum(Q.rational(1n, d, true));
      assert.notEqual(decimal, fraction, `1/${d} (decimal) vs 1/${hexTwin}`);
      assert.deepEqual(rationalOf(decimal), Q.rational(1n, d, true));
      assert.deepEqual(rationalOf(fraction), Q.rational(1n, hexTwin));
    }
    rationalNum(Q.rational(1n, 93n));
    const r = readPlain('0.2*x', 'x: vector(n)');
    assert.ok(r.ok);
    assert.equal(toText(r.value.expr), '0.2*x');
  });

  it('distinct rationals have distinct keys (numerators and denominators up to 300, decimal or not)', () => {
    const seen = new Map<string, string>();
    for (let n = -300n; n <= 300n; n++) {
      for (let d = 1n; d <= 300n; d++) {
        for (const decimal of [false, true]) {
          const r = Q.rational(n, d, decimal);
          if (r.n !== n || r.d !== d || r.decimal !== decimal) continue; // not in lowest terms, or not a terminating decimal
          const key = Q.rationalKey(r);
          const what = `${n}/${d}${decimal ? ' (decimal)' : ''}`;
          assert.equal(seen.get(key) ?? what, what, `key ${key}`);
          seen.set(key, what);
        }
      }
    }
  });
});
