/**
 * simplify/decimalTrace.ts says whether a product of numbers, folded one by one in its order as mul()
 * folds them, is marked a decimal — without folding them. Checked against the fold itself on random
 * nested products of numbers raised to integers (decimals and not, with and without other primes),
 * composed as openedForm composes them (followedBy, raisedTo), at powers k = ±1, ±2, ±3.
 */
import * as assert from 'node:assert/strict';
import * as Q from '../../../src/core/model/rational';
import type { Rational } from '../../../src/core/model/rational';
import { DecimalTrace, NO_NUMBERS, followedBy, isDecimalAt, numberTrace, raisedTo } from '../../../src/core/simplify/decimalTrace';

/** A nested product: a number, or parts each raised to an integer. */
type Tree = Rational | { readonly parts: readonly (readonly [Tree, number])[] };

const NUMBERS = ['0.5', '0.25', '2', '4', '0.2', '5', '10', '0.1', '1.5', '0.3', '3', '2.5', '0.125', '0.04', '0.75', '-0.5', '-2', '1', '-1', '1/3', '2/5', '7']
  .map((t) => (t.includes('/') ? Q.rational(BigInt(t.split('/')[0]), BigInt(t.split('/')[1])) : (Q.parseDecimal(t) as Rational)));

/** A small deterministic generator (LCG), so that a failure names its seed. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function tree(rnd: () => number, depth: number): Tree {
  if (depth === 0 || rnd() < 0.3) return NUMBERS[Math.floor(rnd() * NUMBERS.length)];
  const n = 1 + Math.floor(rnd() * 4);
  return { parts: Array.from({ length: n }, () => [tree(rnd, depth - 1), [1, 1, 2, -1, -2, 3, 0][Math.floor(rnd() * 7)]] as const) };
}

/** The numbers of the tree raised to k, in order: each nᵢ^(eᵢ·k), as pow() folds it. */
function items(t: Tree, k: number, out: Rational[] = []): Rational[] {
  if (!('parts' in t)) {
    out.push(Q.integerPower(t, BigInt(k)) as Rational);
    return out;
  }
  for (const [p, e] of t.parts) items(p, e * k, out);
  return out;
}

/** The trace of the tree, composed part by part (null where it has none). */
function traceOf(t: Tree): DecimalTrace | null {
  if (!('parts' in t)) return numberTrace(t);
  let out: DecimalTrace | null = NO_NUMBERS;
  for (const [p, e] of t.parts) {
    const inner = traceOf(p);
    const raised: DecimalTrace | null = inner === null || out === null ? null : raisedTo(inner, Q.rational(BigInt(e)));
    out = raised === null || out === null ? null : followedBy(out, raised);
  }
  return out;
}

describe('simplify: the decimal mark of a product of numbers folded in order (decimalTrace)', () => {
  it('agrees with the fold itself on 8,000 random nested products at k = ±1, ±2, ±3 (seed 20261206)', () => {
    const rnd = generator(20_261_206);
    let traced = 0;
    let decimals = 0;
    for (let i = 0; i < 8_000; i++) {
      const t = tree(rnd, 1 + Math.floor(rnd() * 4));
      const trace = traceOf(t);
      if (trace === null) continue;
      traced++;
      for (const k of [1, -1, 2, -2, 3, -3]) {
        const folded = items(t, k).reduce((c, f) => Q.mul(c, f), Q.ONE);
        if (folded.decimal) decimals++;
        assert.equal(isDecimalAt(trace, Q.rational(BigInt(k))), folded.decimal, `case ${i}, k = ${k}: ${JSON.stringify(t, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      }
    }
    // The property was exercised: most products traced, many of them decimals.
    assert.ok(traced > 6_000, `${traced} traced`);
    assert.ok(decimals > 4_000, `${decimals} decimal products`);
  });

  it('a number with a prime past the small ones has no trace; ±1 is no number', () => {
    assert.equal(numberTrace(Q.rational(101n, 10n, true)), null);
    assert.equal(numberTrace(Q.rational(-1n)), NO_NUMBERS);
  });
});
