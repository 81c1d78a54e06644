/**
 * softmax and logsumexp of a row (softmax(z'), softmax(x'*A), logsumexp(z')) read, and their rules assumed a column:
 * the softmax's tangent and adjoint were p ⊙ ż − ppᵀż, which for a row p is p ⊙ ż − ‖p‖²ż (a number times ż), its
 * local Jacobian diag(p) − ppᵀ a 1×1 ppᵀ (the check could not evaluate it), and logsumexp's local Jacobian softmax(z)ᵀ a
 * column where ∂logsumexp/∂(vec z)ᵀ is a row. Each derivative is checked by central differences in every layout and,
 * by steps, every claim of its derivation (both methods).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { assertSound, derivation } from '../derivation/helpers';

const WHERE = 'z: vector(n); y: vector(n); x: vector(m); A: matrix(m, n); B: matrix(n, k); c: scalar';

const CASES: readonly (readonly [string, string])[] = [
  ["softmax(z')", 'z'],
  ["softmax(z')*B", 'z'],
  ["sum(softmax(z') .* y')", 'z'],
  ["softmax(z')*y", 'z'],
  ["softmax(x'*A)", 'x'],
  ["softmax(x'*A)*y", 'A'],
  ["softmax(c*z')", 'c'],
  ["logsumexp(z')", 'z'],
  ["logsumexp(z')*y", 'z'],
  ["logsumexp(x'*A)*y", 'x'],
  ["logsumexp(x'*A)", 'A'],
  ["softmax(z')*y*logsumexp(z')", 'z'],
];

describe('calculus: softmax and logsumexp of a row', () => {
  for (const [expr, wrt] of CASES) {
    for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
      it(`∂ ${expr}/∂${wrt} (${layout}) passes the numerical check`, () => {
        const r = derive({ expr, wrt: [wrt], where: WHERE, from: 'plain', layout, check: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.equal(r.value.check?.passed, true, `${r.value.result.text}: ${JSON.stringify(r.value.check)}`);
      });
    }
    for (const method of ['differential', 'backprop'] as const) {
      it(`∂ ${expr}/∂${wrt}: every claim of its derivation (${method}) holds`, () => {
        assertSound(derivation({ expr, where: WHERE, wrt: [wrt], method }, 'full'), `${expr} by ${wrt}`);
      });
    }
  }

  it("∂ softmax(z')/∂z is diag(p) − ppᵀ, p = softmax(z), as ∂ softmax(z)/∂z", () => {
    const r = derive({ expr: "softmax(z')", wrt: ['z'], where: WHERE, from: 'plain', check: true });
    assert.ok(r.ok);
    assert.equal(r.value.result.text, "diag(softmax(z)) - softmax(z)*softmax(z)'");
  });

  it('the Hessian of logsumexp(z\') is diag(p) − ppᵀ', () => {
    const r = derive({ expr: "logsumexp(z')", wrt: ['z'], where: WHERE, from: 'plain', order: 2, check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    assert.equal(r.value.result.text, "diag(softmax(z)) - softmax(z)*softmax(z)'");
  });
});
