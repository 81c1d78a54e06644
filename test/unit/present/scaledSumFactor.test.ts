/**
 * Factoring a scalar sum that holds c times every term of a sum S which is a factor of another of its terms
 * (present/factor.ts collectScaledSum), and a common integer coming out with a scalar factor (integerDivisor):
 * the second derivative of tanh(a²) printed 2 − 8a²tanh(a²)(1 − tanh(a²)²) − 2tanh(a²)² and is
 * 2(1 − tanh(a²)²)(1 − 4a²tanh(a²)), as the textbooks write 2sech²(a²)(1 − 4a²tanh(a²)); of exp(a²),
 * 2exp(a²)(2a² + 1). Checked by central differences, and on random sums: the same value, collected exactly where
 * the terms are c·S (not where one is missing or has another ratio), and the common integer out.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { type Expr, num, rationalNum, rawAdd, rawFn, rawMul, variable } from '../../../src/core/model/expr';
import * as Q from '../../../src/core/model/rational';
import { SCALAR } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { factorize } from '../../../src/core/present/factor';
import { coefficientOf } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

describe('present: a sum holding c times the terms of a sum that is a factor of another term', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['tanh(a^2)', '2*(1 - tanh(a^2)^2)*(1 - 4*a^2*tanh(a^2))'],
    ['tan(a^2)', '2*(1 + tan(a^2)^2)*(4*a^2*tan(a^2) + 1)'],
    ['exp(a^2)', '2*exp(a^2)*(2*a^2 + 1)'],
    // Must stay: Parr & Howard's 9 + 18x is a sum alone, no factor taken out.
    ['9*(x + x^2)', ''],
  ];
  for (const [expr, text] of cases) {
    const order = text === '' ? 1 : 2;
    it(`d${order === 2 ? '²' : ''}/d${order === 2 ? 'a²' : 'x'} ${expr} is ${text || '9 + 18x'}`, () => {
      const wrt = order === 2 ? 'a' : 'x';
      const r = derive({ expr, wrt: [wrt], where: `${wrt}: scalar`, from: 'plain', order, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, text || '9 + 18*x');
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    });
  }

  it('on 300 random sums k·s₁ + k·s₂ + m·M·(s₁ + s₂) and near misses: the same value, collected exactly where every term is c·sᵢ, the common integer out', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => variable(n, SCALAR));
    // c·x as the builders write it: x itself for c = 1.
    const scaled = (k: number, x: Expr): Expr => (k === 1 ? x : rawMul([rationalNum(Q.fromNumber(k)), x]));
    let collected = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(12_011 + 7_919 * seed);
      const s1 = [a, rawFn('sin', a), rawMul([a, d])][pick(3)];
      const s2 = [b, rawFn('tanh', b)][pick(2)];
      const w = 1 + pick(3);
      const S = rawAdd([s1, scaled(w, s2)]);
      const M = [c, rawMul([c, d]), rawFn('exp', c)][pick(3)];
      const k = [1, 2, -2, 3, 1 / 2][pick(5)];
      const m = [1, -8, 6, 4][pick(4)];
      // 0: every term c·sᵢ (collects); 1: s₂'s with another ratio; 2: s₂'s term missing.
      const kind = pick(3);
      const k2 = kind === 1 ? k + 1 : k;
      const terms: Expr[] = [scaled(k, s1), ...(kind === 2 ? [] : [scaled(k2 * w, s2)]), rawMul([num(m), M, S])];
      const written = rawAdd(terms);
      const shown = factorize(written);
      const fires = kind === 0;
      // Collected: S is taken out of the whole sum, a product holding it.
      const isCollected = shown.op === 'mul' && shown.args.includes(S);
      assert.equal(isCollected, fires, `seed ${seed}: collected ${isCollected}`);
      if (fires) {
        collected++;
        // The common integer of k and m comes out, where k is an integer.
        if (Number.isInteger(k)) {
          let g = Math.abs(k);
          for (let x = Math.abs(m); x !== 0;) [g, x] = [x, g % x];
          const outside = Math.abs(Number(coefficientOf(shown).n));
          assert.equal(outside, g, `seed ${seed}: the number outside ${outside}, gcd ${g}`);
        }
      } else kept++;
      const same = compareNumerically(shown, written, [], { samples: 3 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(collected >= 70 && kept >= 140, `${collected} collected, ${kept} kept`);
  });
});
