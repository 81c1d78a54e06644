/**
 * add() keeps one large sum (LARGE_SUM terms or more) whole as a term of a new sum when no other term is
 * a like term of one of its terms (simplify/build.ts largeSumKept). A small sum beside it is checked
 * term by term through its remembered terms (sumTerms), as its flat terms were walked before: its zero
 * terms (add() drops them; a sum as read may hold one) are no like terms.
 */
import * as assert from 'node:assert/strict';
import { Expr, num, rawAdd, variable } from '../../../src/core/model/expr';
import { SCALAR } from '../../../src/core/model/shape';
import { LARGE_SUM, add, mul } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';

const v = (name: string): Expr => variable(name, SCALAR);
const bs = Array.from({ length: LARGE_SUM }, (_, i) => v(`b${i}`));
const [y, z] = [v('y'), v('z')];

describe('simplify: a large sum kept whole beside a small one', () => {
  const large = add(num(1), ...bs);

  it('kept when no term of the small sum is a like term of its terms', () => {
    const e = add(large, add(y, z));
    assert.deepEqual(e.args.map((t) => t.op), ['add', 'var', 'var']);
    assert.equal(e.args[0], large);
  });

  it('opened when a term of the small sum (even nested) is a like term: b₃, 2·b₃, a constant', () => {
    const names = (k: number, t: string): string => bs.map((b, i) => (i === k ? t : b.name)).join(' + ');
    const cases: readonly [Expr, string][] = [
      [add(y, bs[3]), `1 + ${names(3, '2*b3')} + y`],
      [add(y, mul(num(2), bs[3])), `1 + ${names(3, '3*b3')} + y`],
      [rawAdd([y, rawAdd([z, bs[3]])]), `1 + ${names(3, '2*b3')} + y + z`],
      [add(y, num(5)), `6 + ${names(-1, '')} + y`],
    ];
    for (const [small, text] of cases) {
      const e = add(large, small);
      assert.ok(!e.args.includes(large), toText(e));
      assert.equal(toText(e), text);
    }
  });

  it('a zero term of a small sum as read is no like term of the large sum\'s constant: kept', () => {
    const e = add(large, rawAdd([num(0), y]));
    assert.deepEqual(e.args.map((t) => t.op), ['add', 'var']);
    assert.equal(e.args[0], large);
    assert.equal(toText(e), `(1 + ${bs.map((b) => b.name).join(' + ')}) + y`);
  });
});
