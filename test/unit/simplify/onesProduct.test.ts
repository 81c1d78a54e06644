/**
 * A product of two ones matrices is a multiple of one: 𝟏_(a×b)𝟏_(b×c) = b·𝟏_(a×c) (each entry sums b
 * ones). The gradient of sum(B𝟏𝟏ᵀ) = p·sum(B) by B is then p(𝟏𝟏ᵀ), as a textbook writes it (it was
 * 𝟏_m×p𝟏_p×p). Checked against finite differences and, as an identity, at random points.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { ones, rawMul } from '../../../src/core/model/expr';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { simplify } from '../../../src/core/simplify/simplify';

function gradient(expr: string, where: string, wrt: string): string {
  const r = derive({ expr, where, wrt: [wrt], check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
  return r.value.result.unicode ?? '';
}

describe('simplify: a product of ones matrices is a multiple of one', () => {
  it('sum(B*ones(m, p)) by B (p×m) is p(𝟏𝟏ᵀ); sum(ones(q, p)*B) is q(𝟏𝟏ᵀ)', () => {
    assert.equal(gradient('sum(B*ones(m, p))', 'B: matrix(p, m)', 'B'), 'p(𝟏𝟏ᵀ)');
    // q is no dimension of B: written with its dimension, sum(𝟏_q) (docs/language.md, "Dimensions as values").
    assert.equal(gradient('sum(ones(q, p)*B)', 'B: matrix(p, m)', 'B'), 'sum(𝟏_q)(𝟏𝟏ᵀ)');
    assert.equal(gradient('sum(B*ones(m, 3))', 'B: matrix(p, m)', 'B'), '3(𝟏𝟏ᵀ)');
  });

  it('𝟏_(a×b)𝟏_(b×c) = b𝟏_(a×c) at random points; an outer product 𝟏𝟏ᵀ stays as it is', () => {
    const e = rawMul([ones({ rows: 'm', cols: 'k' }), ones({ rows: 'k', cols: 'n' })]);
    const s = simplify(e);
    assert.ok(exprsEqualNumerically(e, s));
    assert.equal(s.op, 'mul');
    assert.ok(s.args.some((a) => a.op === 'size') && s.args.some((a) => a.op === 'ones'));
    const outer = simplify(rawMul([ones({ rows: 'm', cols: 1 }), ones({ rows: 1, cols: 'n' })]));
    assert.ok(!outer.args.some((a) => a.op === 'size'));
  });
});
