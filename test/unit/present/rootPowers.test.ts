/**
 * Powers of one square root in a sum (present/rootPowers.ts): u⁻¹ − P ⊙ u⁻³ with u = √s is
 * (s − P) ⊙ u⁻³, written so only where s − P cancels — the Hessian of the smooth L1 (Charbonnier)
 * loss Σ√(x² + ε) is ε·diag(u⁻³), not diag(u⁻¹ − x² ⊙ u⁻³). Each result is checked against finite
 * differences; the rewrite against the value before it at random points.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { present } from '../../../src/core/present/present';
import { readPlain } from '../../../src/core/syntax/index';
import { combineRootPowers } from '../../../src/core/present/rootPowers';
import { postorder, variable, type Expr } from '../../../src/core/model/expr';
import { add, mul, num } from '../../../src/core/simplify/build';
import { CHECK_EVERY } from '../../../src/core/limits/index';
import { counted } from '../checkpoints';

function hessian(expr: string, where: string, wrt = 'x'): { unicode: string; text: string } {
  const r = derive({ expr, where, wrt: [wrt], order: 2, check: true, from: 'plain' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `finite differences: ${JSON.stringify(r.value.check)}`);
  return { unicode: r.value.result.unicode ?? '', text: r.value.result.text };
}

describe('present/rootPowers: u⁻¹ − P ⊙ u⁻³ with u = √s is (s − P) ⊙ u⁻³ where that cancels', () => {
  it('the Hessian of the Charbonnier loss Σ√(x² + ε) is ε·diag(u⁻³), u = √(x² + ε)', () => {
    assert.equal(hessian('sum(sqrt(x.^2 + eps))', 'x: vector(n); eps: scalar').unicode, 'eps diag(√(x∘² + eps𝟏)∘⁻³)');
    // A vector of offsets: c∘² ⊙ u⁻³.
    assert.equal(hessian('sum(sqrt(x.^2 + c.^2))', 'x: vector(n); c: vector(n)').unicode, 'diag(c∘² ⊙ √(x∘² + c∘²)∘⁻³)');
  });

  it('of one number: ε/u³', () => {
    assert.equal(hessian('sqrt(x^2 + eps)', 'x: scalar; eps: scalar').unicode, 'eps/√(x² + eps)³');
  });

  it('not where nothing cancels: the Hessian of ‖x‖ stays I/‖x‖ − xxᵀ/‖x‖³-like, and √(x² + ε) by ε stays', () => {
    const norm = hessian('sqrt(x\'*x)', 'x: vector(n)');
    assert.match(norm.unicode, /−/, norm.unicode);
    const h = hessian('sum(sqrt(x.^2 + eps))', 'x: vector(n); eps: scalar', 'eps');
    assert.doesNotMatch(h.unicode, /diag/);
  });

  it('the form equals the reverse mode\'s value at random points', () => {
    for (const [expr, where] of [['sum(sqrt(x.^2 + eps))', 'x: vector(n); eps: scalar'], ['sqrt(x^2 + eps)', 'x: scalar; eps: scalar'], ['sum(sqrt(x.^2 + c.^2))', 'x: vector(n); c: vector(n)']]) {
      const r = readPlain(expr, where);
      assert.ok(r.ok);
      const x = r.value.variables.find((v) => v.name === 'x');
      assert.ok(x);
      const d = differentiate(r.value.expr, [x], 2);
      assert.ok(exprsEqualNumerically(present(d, 'canonical'), d.expr), expr);
    }
  });

  it('a result without a square root is left as it is, its sums not looked into (no node built: no budget poll)', () => {
    // 600 terms 2·A·xₖ: looking for u⁻¹ in each splits off its coefficient (the product A·xₖ, one node
    // each), hundreds of checkpoints; where no √ occurs no term can be u⁻¹ or P ⊙ u⁻³.
    const a = variable('A', { rows: 'n', cols: 'n' });
    const terms: Expr[] = [];
    for (let k = 0; k < 600; k++) terms.push(mul(num(2), a, variable(`x${k}`, { rows: 'n', cols: 1 })));
    const e = add(...terms);
    postorder(e); // the walk the passes of present() share (remembered): not this pass's work
    const r = counted(() => combineRootPowers(e));
    assert.equal(r.value, e);
    assert.ok(r.work < CHECK_EVERY, `work ${r.work}`);
  });
});
