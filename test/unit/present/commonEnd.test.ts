/**
 * present/factor.ts takes the common end F₁…F_m of two matrix products P·F and Q·F out at once
 * (commonEnd), where its greedy steps took one factor per step, rebuilding both products each time:
 * quadratic in F, and a residual network's derivation puts T + D·W·T in textbook form at every step,
 * T of k factors (docs/reliability.md). The result must be what the steps gave: one step is
 * factorize(P·f + Q·f) = factorize(P + Q)·f, P and Q the products without their last factor f (as
 * withoutFactor makes them) — checked on random sums sharing ends of up to 9 factors (inverses,
 * transposes, powers, diagonals, sums, outer products xyᵀ, a row or a column at the ends, numbers in
 * front), by induction on the length of the end, since factorize(P + Q) takes the rest of it out the same way.
 */
import * as assert from 'node:assert/strict';
import { type Expr, num, rawAdd, rawTranspose } from '../../../src/core/model/expr';
import { isScalar } from '../../../src/core/model/shape';
import { factorize } from '../../../src/core/present/factor';
import { mul, withoutFactor } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';
import { generator } from '../seeded';
import { isMatrixChain, noCommonNumber, SQUARE, x, y } from './matrixChains';

describe('present: a common end of two products taken out at once', () => {
  it('is the greedy steps\' result: factorize(P·f + Q·f) = factorize(P + Q)·f (1,500 random sums)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 1_500; seed++) {
      const pick = generator(seed);
      const chain = (length: number): Expr[] => Array.from({ length }, () => SQUARE[pick(SQUARE.length)]);
      const end = chain(1 + pick(9));
      const left = pick(4) === 0 ? [rawTranspose(x)] : [];
      const right = pick(5) === 0 ? [y] : [];
      const number = (): Expr[] => [[], [], [num(2)], [num(-1)], [num(-2)], [num(3)]][pick(6)];
      const P = mul(...number(), ...left, ...chain(pick(5)), ...end, ...right);
      const R = mul(...number(), ...(pick(3) === 0 ? left : []), ...chain(pick(5)), ...end, ...right);
      if (P.shape.rows !== R.shape.rows || P.shape.cols !== R.shape.cols) continue;
      if (!isMatrixChain(P) || !isMatrixChain(R) || !noCommonNumber(P, R) || P.args[P.args.length - 1] !== R.args[R.args.length - 1]) continue;
      const f = P.args[P.args.length - 1];
      const [p, r] = [P, R].map((t) => withoutFactor(t, t.args.length - 1));
      if (!isMatrixChain(p) || !isMatrixChain(r) || isScalar(p.shape) || isScalar(r.shape)) continue;
      const got = factorize(rawAdd([P, R]));
      const expected = mul(factorize(rawAdd([p, r])), f);
      assert.equal(got, expected, `seed ${seed}: ${toText(P)} + ${toText(R)} gives ${toText(got)}, not ${toText(expected)}`);
      checked++;
    }
    assert.ok(checked > 500, `${checked} sums checked`);
  });
});
