/**
 * present/nestedStart.ts: within one factorize() walk, a product whose first factor is a product the walk
 * made stays nested, and a sum of such terms sharing that first factor is factored without writing it flat
 * (the gated chain's Jacobian, S_k = S_(k−1)·D + S_(k−1)·D′·W, was n²/2 factors; issue 17). The answer must be
 * what the steps gave on the flat terms, factorize(e, undefined, false), the walk as it was — on random towers
 * of up to 8 levels of 2–4 terms, most on the level below (inverses, transposes, powers, diagonals, sums,
 * outer products, numbers, a 1×1 factor, repeated terms, terms ending alike, terms not starting with the
 * level below, a column at the end); and no product is left nested anywhere.
 */
import * as assert from 'node:assert/strict';
import { type Expr, num, rawAdd, rawMul, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { factorize } from '../../../src/core/present/factor';
import { isNested } from '../../../src/core/present/nestedStart';
import { add, diagm, fn, mul } from '../../../src/core/simplify/build';
import { compareNumerically } from '../../../src/core/numeric/index';
import { postorder } from '../../../src/core/model/expr';
import { toText } from '../../../src/core/write';
import { generator } from '../seeded';
import { SQUARE, x, y } from './matrixChains';

const W = variable('W', shape('n', 'n'));
const a = variable('a', shape(1, 1));

describe('present: factoring a tower of sums that share the product below (nestedStart)', () => {
  it('gives what the walk writing every product flat gives (2,000 random towers)', () => {
    let deep = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const pick = generator(70_000 + seed);
      const factor = (): Expr => (pick(3) === 0 ? diagm(fn(pick(2) === 0 ? 'tanh' : 'exp', mul(SQUARE[pick(SQUARE.length)], x))) : pick(8) === 0 ? W : SQUARE[pick(SQUARE.length)]);
      const rest = (): Expr[] => Array.from({ length: 1 + pick(3) }, factor);
      // Most starts factor into a product of three factors or more (below which nothing is nested).
      const shared = pick(4) === 0 ? [] : [factor(), factor()];
      const start = add(mul(...shared, ...rest()), mul(...shared, ...rest()));
      // One level: terms on `below` (the level under it, as the tower holds it).
      const level = (below: Expr, shapes: readonly (readonly Expr[])[], kinds: readonly number[]): Expr => {
        const terms = shapes.map((r, i) => {
          const k = kinds[i];
          const t = k === 0 ? mul(...r) : k === 1 ? mul(...r, below) : rawMul([below, ...r]);
          return k === 2 ? mul(num(-1), t) : k === 3 ? mul(a, t) : t;
        });
        return rawAdd(terms);
      };
      const levels = 1 + pick(8);
      const plan = Array.from({ length: levels }, () => {
        const count = 2 + pick(3);
        const rests = Array.from({ length: count }, rest);
        if (pick(6) === 0) rests[count - 1] = rests[0];
        if (pick(6) === 0) rests[1] = [...rests[0].slice(0, -1), factor()];
        const kinds = rests.map(() => [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 1, 2, 3][pick(20)]);
        return { rests, kinds };
      });
      const column = pick(4) === 0;
      let tower = start;
      for (const { rests, kinds } of plan) tower = level(tower, rests, kinds);
      if (column) tower = rawMul([tower, y]);
      const got = factorize(tower);
      const flat = factorize(tower, undefined, false);
      assert.equal(got, flat, `seed ${seed}: ${toText(got)}, not ${toText(flat)}`);
      assert.ok(!postorder(got).some(isNested), `seed ${seed}: a product left nested in ${toText(got)}`);
      // Sound too (distributivity): the value at random points, to 1e-6 (towers of inverses written out in full
      // reach 300,000 characters, whose rounding reaches 5e-8 against the default 1e-8).
      if (seed <= 200) {
        const report = compareNumerically(tower, got, [], { tolerance: 1e-6 });
        assert.ok(report.equal, `seed ${seed}: the value changed (${JSON.stringify(report)})`);
      }
      if (got.op === 'mul' && got.args.length >= 6) deep++;
    }
    assert.ok(deep > 400, `${deep} towers factored into products of six factors or more`);
  });
});
