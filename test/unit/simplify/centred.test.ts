/**
 * The entries of a centred array v − mean(v)𝟏 add up to zero: sum and mean of a sum holding the pair
 * c·v, −c·mean(v)𝟏 (v of the sum's shape) drop it. Sound (each rewrite equal at random points), not
 * applied where the pair is not exact (another coefficient, another shape, another array), and it
 * gives the variance its textbook gradient 2(x − mean(x)𝟏)/n.
 */
import * as assert from 'node:assert/strict';
import { type Expr, num, ones, rawAdd, rawMul, rawReduce, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { simplify } from '../../../src/core/simplify/simplify';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { derive } from '../../../src/core/index';
import { toText } from '../../../src/core/write';

const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const X = variable('X', shape('m', 'n'));
const centred = (v: Expr, c = 1): Expr => rawAdd([rawMul([num(c), v]), rawMul([num(-c), rawReduce('mean', v), ones(v.shape)])]);

function simplified(e: Expr): string {
  const s = simplify(e);
  assert.ok(exprsEqualNumerically(e, s), `${toText(e)} → ${toText(s)} changed the value`);
  return toText(s);
}

describe('simplify: the entries of a centred array add up to zero', () => {
  it('sum and mean of v − mean(v)𝟏 are 0, for a vector and a matrix, with any coefficient', () => {
    assert.equal(simplified(rawReduce('sum', centred(x))), '0');
    assert.equal(simplified(rawReduce('mean', centred(x, 3))), '0');
    assert.equal(simplified(rawReduce('sum', centred(X, -2))), '0');
  });
  it('the other terms of the sum stay', () => {
    assert.equal(simplified(rawReduce('sum', rawAdd([centred(x), y]))), 'sum(y)');
    assert.equal(simplified(rawReduce('mean', rawAdd([centred(x), rawMul([num(2), y])]))), '2*mean(y)');
  });
  it('not applied where the pair is not exact', () => {
    // Another coefficient, another array, the mean of another array.
    const a = rawReduce('sum', rawAdd([rawMul([num(2), x]), rawMul([num(-1), rawReduce('mean', x), ones(x.shape)])]));
    assert.notEqual(simplified(a), '0');
    const b = rawReduce('sum', rawAdd([y, rawMul([num(-1), rawReduce('mean', x), ones(x.shape)])]));
    assert.notEqual(simplified(b), '0');
  });
  it('the variance has its textbook gradient 2(x − mean(x)𝟏)/n, checked by finite differences', () => {
    for (const layout of ['numerator', 'denominator'] as const) {
      const r = derive({ expr: 'mean((x - mean(x)).^2)', where: 'x: vector(n)', wrt: ['x'], layout, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, layout === 'numerator' ? "2/n*(x - mean(x))'" : '2/n*(x - mean(x))');
      assert.ok(r.value.check?.passed);
      const numpy = derive({ expr: 'np.std(x)', where: 'x: vector(n)', wrt: ['x'], layout, check: true });
      assert.ok(numpy.ok && numpy.value.check?.passed, numpy.ok ? numpy.value.result.text : numpy.error.message);
    }
  });
});
