/**
 * A chain of squares under a loss (found by the LaTeX-reader fuzz campaign, issue 13, input 514:
 * `\sum_i \log(1 + e^{-y_ix_i^\top w}^2^2…^2)^{\top}…`, 1,000 squares): the reader keeps each power as
 * written, and differentiating multiplies each level's adjoint by the level below, which opened the
 * whole chain of powers beneath it again (simplify/build.ts distributedPower) — quadratic, 500,000
 * steps on 1,000-bit exponents. The chain's opening is remembered per node now.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';
import { readPlain } from '../../../src/core/syntax/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { rationalOf, type Expr } from '../../../src/core/model/expr';

const squares = (n: number): string => `sum(log(1 + exp(-y .* (X*w))${'.^2'.repeat(n)}))`;
const WHERE = 'X: matrix(m, n); y: vector(m); w: vector(n)';

/** The exponents of exp(…) among the nodes of e, and the numbers that multiply it. */
function numbersOf(e: Expr): { exponents: bigint[]; coefficients: bigint[] } {
  const exponents: bigint[] = [];
  const coefficients: bigint[] = [];
  const seen = new Set<number>();
  const stack = [e];
  while (stack.length > 0) {
    const u = stack.pop() as Expr;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    if (u.op === 'pow' && u.args[0].op === 'fn' && u.args[0].name === 'exp' && u.args[1].op === 'num') exponents.push(rationalOf(u.args[1]).n);
    if (u.op === 'mul') for (const f of u.args) if (f.op === 'num') coefficients.push(rationalOf(f).n);
    stack.push(...u.args);
  }
  return { exponents, coefficients };
}

describe('robustness: a chain of 1,000 squares under a loss', function () {
  // A hang guard (the subject is that it answers), not a speed test.
  this.timeout(120_000);

  it('the gradient of sum(log(1 + exp(u).^2.^2…)) has exp(u)^(2ⁿ) and the factor −2ⁿ, exactly', () => {
    const n = 1_000;
    const r = readPlain(squares(n), WHERE);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const w = r.value.variables.find((v) => v.name === 'w') as Expr;
    const d = differentiate(r.value.expr, [w]);
    const { exponents, coefficients } = numbersOf(d.expr);
    // 2 for the squares of the input, kept as written in 1 + exp(u).^2.^2…; 2ⁿ in the merged factor
    assert.deepEqual([...new Set(exponents)].sort((a, b) => (a < b ? -1 : 1)), [2n, 2n ** BigInt(n)]);
    // −1 of −y inside exp(…); −2ⁿ the product of the levels' factors 2 (and the −y brought down)
    assert.deepEqual([...new Set(coefficients)].sort((a, b) => (a < b ? -1 : 1)), [-(2n ** BigInt(n)), -1n]);
  });

  it('short chains agree with finite differences, and the LaTeX form of the campaign answers', () => {
    for (const n of [1, 2, 3, 5]) {
      const o = derive({ expr: squares(n), where: WHERE, wrt: ['w'], check: true });
      assert.ok(o.ok, o.ok ? '' : o.error.message);
      assert.equal(o.value.check?.passed, true, `${n}: ${JSON.stringify(o.value.check)}`);
    }
    const latex = `\\sum_i \\log(1 + e^{-y_ix_i^\\top w}${'^2'.repeat(1_000)})${'^{\\top}'.repeat(5_000)}`;
    const o = derive({ expr: latex, from: 'latex', timeLimitMs: 60_000 });
    assert.ok(o.ok, o.ok ? '' : `${o.error.code}: ${o.error.message}`);
  });
});
