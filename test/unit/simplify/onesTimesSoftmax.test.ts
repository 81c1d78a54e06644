/**
 * Ones times a softmax, a diagonal, a column and a sum (simplify/chain.ts): 𝟏_(k×n)softmax(z) = 𝟏_k (each row
 * of 𝟏 sums the entries of p, which add up to 1), softmax(z)ᵀ𝟏_(n×k) = 𝟏_kᵀ; 𝟏_(k×n)diag(v) = 𝟏_kvᵀ; 𝟏_(k×n)x =
 * sum(x)𝟏_k; and 𝟏(S + T) = 𝟏S + 𝟏T where terms then cancel. ∂ 𝟏_(k×n)softmax(z)/∂z printed (𝟏𝟏ᵀ)(diag(p) − ppᵀ),
 * a zero; it prints 𝟎. Only a softmax's own line adds up to 1: softmax(z)𝟏_(1×k) (its rows are its entries)
 * is kept. Checked numerically (central differences), and the rules on random products against the
 * product as written.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { derivedAsCases } from './derivedAs';
import { type Expr, ones, rawAdd, rawDiagm, rawMul, rawSoftmax, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { mul, neg } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

const where = 'z: vector(n); x: vector(k); W: matrix(n, n)';

describe('simplify: ones times a softmax (each of its lines adds up to 1), a diagonal, a column, a sum', () => {
  derivedAsCases([
    ['ones(k, n)*softmax(z)', 'z', 'zeros(k, n)'],
    ["softmax(z)'*ones(n, k)", 'z', 'zeros(k, n)'],
    ['ones(k, n)*softmax(W*z)', 'W', 'zeros(k, n*n)'],
    ["x'*ones(k, n)*softmax(z)", 'z', 'zeros(1, n)'],
    ["x'*ones(k, n)*softmax(z)", 'x', 'ones(1, k)'],
  ], where);

  it('softmax(z)𝟏_(1×k) is not ones (its rows are its entries): its derivative is not zero', () => {
    const r = derive({ expr: 'softmax(z)*ones(1, k)', wrt: ['z'], where, from: 'plain', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(!r.value.result.text.startsWith('zeros'), r.value.result.text);
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
  });

  it('on 400 random products of ones with softmaxes (columns, rows, transposed), diagonals, columns and sums: the value as written', () => {
    const z = variable('z', shape('n', 1));
    const r = variable('r', shape(1, 'n'));
    const v = variable('v', shape('n', 1));
    const y = variable('y', shape('n', 1));
    const p = rawSoftmax(z);
    const q = rawSoftmax(r);
    // n-row right factors (after a ones of n columns) and n-column left factors (before a ones of n rows).
    const rights: readonly Expr[] = [p, rawTranspose(q), rawDiagm(v), y, rawAdd([rawDiagm(p), neg(mul(p, rawTranspose(p)))]), rawAdd([rawDiagm(v), neg(rawDiagm(y))]), mul(p, ones(shape(1, 'k')))];
    const lefts: readonly Expr[] = [rawTranspose(p), q, rawDiagm(v), rawTranspose(y), rawAdd([rawDiagm(p), neg(mul(p, rawTranspose(p)))]), mul(ones(shape('k', 1)), rawTranspose(p))];
    let changed = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const pick = generator(2_718 + 7_919 * seed);
      pick(2);
      const rows = [1, 'k', 'm'][pick(3)];
      const left = pick(2) === 0;
      const factors = left ? [ones(shape(rows, 'n')), rights[pick(rights.length)]] : [lefts[pick(lefts.length)], ones(shape('n', rows))];
      const written = rawMul(factors);
      const built = mul(...factors);
      if (built !== written) changed++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(changed >= 200, `${changed} of 400 rewritten`);
  });
});
