/**
 * Like terms of products of ones (simplify/add.ts likeKey): only an outer product 𝟏_m𝟏_nᵀ is keyed as
 * 𝟏_(m×n), its value. 𝟏_(n×m)𝟏_m is m𝟏_n and 𝟏_(n×n)𝟏_n is n𝟏_n: keyed as 𝟏_n they were like terms,
 * and factorize + tidy wrote 𝟏_(n×m)𝟏_m + 𝟏_(n×n)𝟏_n as 2m𝟏_n (found by the properties fuzz campaign,
 * seed 20251127, after d510122). Checked at random points.
 */
import * as assert from 'node:assert/strict';
import { num, ones, rawAdd, rawMul, type Expr } from '../../../src/core/model/expr';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { factorize } from '../../../src/core/present/factor';
import { tidy } from '../../../src/core/present/tidy';
import { simplify } from '../../../src/core/simplify/simplify';
import { toText } from '../../../src/core/write/index';

const column = (n: string): Expr => ones({ rows: n, cols: 1 });
const row = (n: string): Expr => ones({ rows: 1, cols: n });
const matrix = (r: string, c: string): Expr => ones({ rows: r, cols: c });

describe('simplify: like terms of products of ones', () => {
  const sums: readonly Expr[] = [
    rawAdd([rawMul([matrix('n', 'm'), column('m')]), rawMul([matrix('n', 'n'), column('n')])]),
    rawAdd([rawMul([matrix('n', 'm'), column('m')]), column('n')]),
    rawAdd([rawMul([column('n'), row('m')]), matrix('n', 'm')]),
    rawAdd([rawMul([matrix('n', 'k'), matrix('k', 'm')]), rawMul([column('n'), row('m')])]),
  ];

  it('sums of products of ones keep their value through simplify and through factorize + tidy', () => {
    for (const e of sums) {
      for (const [what, s] of [['simplify', simplify(e)], ['factorize + tidy', tidy(factorize(e))]] as const) {
        assert.ok(exprsEqualNumerically(e, s), `${what}: ${toText(e)} became ${toText(s)}`);
      }
    }
  });

  it('an outer product of ones and the ones matrix are still like terms: 𝟏_n𝟏_mᵀ − 𝟏_(n×m) is 𝟎', () => {
    const e = rawAdd([rawMul([column('n'), row('m')]), rawMul([num(-1), matrix('n', 'm')])]);
    const s = simplify(e);
    assert.equal(s.op, 'zeros', toText(s));
    assert.ok(exprsEqualNumerically(e, s));
  });
});
