/**
 * A quotient by scalars prints alike however it is written — x/(2a) and x/2/a as x/(2a) and
 * \frac{x}{2a}, x/a^2 and x*a^-2 as x/a² and \frac{x}{a^{2}} — so it is one node: a division by a
 * product of scalars is a division by each factor, by a power of a scalar with a number exponent that
 * power negated, a reciprocal written as a power in a product (x*(a*b)^-1) the same quotient, and
 * x/3/2 is x/6 as x/(3*2) is (model/quotient.ts, syntax/build.ts). Each written form reads back by its
 * own reader as the very node read. Values are unchanged.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { readPlain } from '../../../src/core/syntax';
import { checkQuotientReadBack, quotientProblem, QUOTIENT_WHERE } from '../../fuzz/quotients';
import { toText } from '../../../src/core/write';

const plain = (text: string): ReturnType<typeof readPlain> extends infer R ? (R extends { ok: true; value: { expr: infer E } } ? E : never) : never => {
  const r = readPlain(text, QUOTIENT_WHERE);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value.expr;
};

describe('write: quotients by scalars read back as the node read', () => {
  it('the spellings of one quotient are one node, and each written form reads back as it', () => {
    for (const spellings of [
      ['A*y/(2*a)', 'A*y/2/a'],
      ['A*y/a^2', 'A*y*a^-2'],
      ['sin(x)/(2*a)', 'sin(x)/2/a'],
      ['x/(a*b)', 'x/a/b'],
      ['2*x/(3*a)', '2*x/3/a'],
      ['F/(a*b)', 'F/a/b'],
      ['A*y/(3*2)', 'A*y/3/2', 'A*y/6'],
      ['x/((y\'*y)*a*a)', 'x/(y\'*y)/a/a'],
    ]) {
      assert.equal(quotientProblem({ spellings }), undefined);
    }
  });

  it('a reciprocal written as a power in a product is the quotient; other powers read back', () => {
    assert.equal(quotientProblem({ spellings: ['x*(a*b)^-1', 'x/(a*b)', 'x/a/b'] }), undefined);
    assert.equal(quotientProblem({ spellings: ['A*y*(a^2)^-1', 'A*y/a^2'] }), undefined);
    for (const text of ['x/(-a)', 'x/(a*b)^2', 'x/(a^2)^3', 'A*y/sqrt(a)']) {
      assert.equal(quotientProblem({ spellings: [text] }), undefined, text);
    }
    assert.equal(toText(plain('x*(a*b)^-1')), 'x/a/b');
  });

  it('the value is the value written', () => {
    const env = numericEnv({ n: 3 }, { y: [[0.5], [-1], [2]], A: [[1, 2, 0], [0, 1, 3], [2, 0, 1]], F: [[1, 0, 2], [3, 1, 0], [0, 2, 1]], a: [[1.5]], b: [[-0.7]], x: [[0.3]] });
    const at = (text: string): number[] => evaluate(plain(text), env).to2DArray().flat();
    for (const [text, value] of [['A*y/(2*a)', [-1.5 / 3, 5 / 3, 3 / 3]], ['x/a^2', [0.3 / 2.25]], ['F/(3*2)', [1 / 6, 0, 2 / 6, 3 / 6, 1 / 6, 0, 0, 2 / 6, 1 / 6]], ['x*(a*b)^-1', [0.3 / (1.5 * -0.7)]]] as const) {
      const got = at(text);
      assert.equal(got.length, value.length, text);
      got.forEach((g, i) => assert.ok(Math.abs(g - value[i]) < 1e-12, `${text}[${i}] = ${g}, expected ${value[i]}`));
    }
  });

  it('derivatives of the quotients pass the numerical check', () => {
    for (const [expr, wrt] of [["y'*A*y/(2*a)", 'a'], ["y'*A*y/(2*a)", 'A'], ['sum(A*y)/a^2', 'a'], ['sum(F*y)/(a*b)', 'b'], ['x*(a*b)^-1', 'a']] as const) {
      const r = derive({ expr, where: QUOTIENT_WHERE, wrt: [wrt], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, `${expr} by ${wrt}`);
    }
  });

  it('300 random quotients read back as the node read (test/fuzz/quotients.ts)', () => {
    const r = checkQuotientReadBack(300, 20_261_208);
    assert.equal(r.failure, undefined, r.failure);
    assert.equal(r.runs, 300);
  });
});
