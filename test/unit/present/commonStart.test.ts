/**
 * present/factor.ts takes the common start F₁…F_m of matrix products F·P, F·Q, … that do not all end
 * in the same factor out at once (commonStart), where its greedy steps took one factor per step,
 * rebuilding both products each time: quadratic in F, and the Jacobian of a gated state
 * h = tanh(W h) ⊙ h is J·diag(a) + J·diag(b)·W at the k-th step, J of k factors, so derive() was cubic
 * in the depth (issue 17, docs/reliability.md). The result must be what the steps gave: one step is
 * factorize(f·P + f·Q) = f·factorize(P + Q), P and Q the products without their first matrix factor f
 * (as withoutFactor makes them) — checked on random sums sharing starts of up to 9 factors (inverses,
 * transposes, powers, diagonals, sums, outer products xyᵀ, a row or a column at the ends, numbers in
 * front), by induction on the length of the start, since factorize(P + Q) takes the rest of it out the same way.
 */
import * as assert from 'node:assert/strict';
import { type Expr, num, rawAdd, rawTranspose } from '../../../src/core/model/expr';
import { isScalar } from '../../../src/core/model/shape';
import { factorize } from '../../../src/core/present/factor';
import { firstMatrix, mul, withoutFactor } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';
import { generator } from '../seeded';
import { isMatrixChain, noCommonNumber, SQUARE, x, y } from './matrixChains';

const last = (t: Expr): Expr => t.args[t.args.length - 1];

describe('present: a common start of two products taken out at once', () => {
  it('is the greedy steps\' result: factorize(f·P + f·Q) = f·factorize(P + Q) (1,500 random sums)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 1_500; seed++) {
      const pick = generator(seed);
      const chain = (length: number): Expr[] => Array.from({ length }, () => SQUARE[pick(SQUARE.length)]);
      const start = chain(1 + pick(9));
      const left = pick(4) === 0 ? [rawTranspose(x)] : [];
      const right = pick(5) === 0 ? [y] : [];
      const number = (): Expr[] => [[], [], [num(2)], [num(-1)], [num(-2)], [num(3)]][pick(6)];
      const P = mul(...number(), ...left, ...start, ...chain(pick(5)), ...right);
      const R = mul(...number(), ...left, ...start, ...chain(pick(5)), ...(pick(3) === 0 ? right : []));
      if (P.shape.rows !== R.shape.rows || P.shape.cols !== R.shape.cols) continue;
      if (!isMatrixChain(P) || !isMatrixChain(R) || !noCommonNumber(P, R) || last(P) === last(R)) continue;
      const f = P.args[firstMatrix(P)];
      if (R.args[firstMatrix(R)] !== f) continue;
      const [p, r] = [P, R].map((t) => withoutFactor(t, firstMatrix(t)));
      if (!isMatrixChain(p) || !isMatrixChain(r) || isScalar(p.shape) || isScalar(r.shape)) continue;
      const got = factorize(rawAdd([P, R]));
      const expected = mul(f, factorize(rawAdd([p, r])));
      assert.equal(got, expected, `seed ${seed}: ${toText(P)} + ${toText(R)} gives ${toText(got)}, not ${toText(expected)}`);
      checked++;
    }
    assert.ok(checked > 500, `${checked} sums checked`);
  });

  it('with three to six terms too: factorize(Σ f·Pᵢ) = f·factorize(Σ Pᵢ) (4,000 random sums)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 4_000; seed++) {
      const pick = generator(10_000 + seed);
      const chain = (length: number): Expr[] => Array.from({ length }, () => SQUARE[pick(SQUARE.length)]);
      const start = chain(1 + pick(9));
      const left = pick(4) === 0 ? [rawTranspose(x)] : [];
      const number = (): Expr[] => [[], [], [], [num(2)], [num(-1)], [num(3)]][pick(6)];
      const count = 3 + pick(4);
      const column = pick(5) === 0 ? [y] : [];
      const rests = Array.from({ length: count }, () => [...chain(1 + pick(4)), ...column]);
      const terms = rests.map((r) => mul(...number(), ...left, ...start, ...r));
      const P = terms[0];
      if (terms.some((t) => t.shape.rows !== P.shape.rows || t.shape.cols !== P.shape.cols || !isMatrixChain(t))) continue;
      if (!terms.some((t) => noCommonNumber(P, t)) || terms.every((t) => last(t) === last(P))) continue;
      const f = P.args[firstMatrix(P)];
      // The first step takes f out: every term starts with it, and no sum of terms there or at an end is collected first.
      const ids = new Set(terms);
      const collectable = (e: Expr): boolean => e.op === 'add' && e.args.every((a) => ids.has(a));
      if (terms.some((t) => t.args[firstMatrix(t)] !== f || collectable(t.args[firstMatrix(t)]) || collectable(last(t)))) continue;
      const without = terms.map((t) => withoutFactor(t, firstMatrix(t)));
      if (!without.every((t) => isMatrixChain(t) && !isScalar(t.shape))) continue;
      const got = factorize(rawAdd(terms));
      const expected = mul(f, factorize(rawAdd(without)));
      assert.equal(got, expected, `seed ${seed}: ${terms.map((t) => toText(t)).join(' + ')} gives ${toText(got)}, not ${toText(expected)}`);
      checked++;
    }
    assert.ok(checked > 2_000, `${checked} sums checked`);
  });
});
