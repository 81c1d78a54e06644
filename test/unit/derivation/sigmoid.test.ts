/**
 * The logistic loss's derivation reaches exp(u) ⊘ (𝟏 + exp(u)) and its textbook form writes σ(u): the
 * identity is a step of its own, named and shown (exp(t)/(1 + exp(t)) = 1/(1 + exp(−t)) = σ(t)), before
 * the last simplification, which then only reorders. Before, one "Simplify" step went from
 * −((y ⊙ exp(u)) ⊘ (𝟏 + exp(u)))ᵀX to −(σ(u) ⊙ y)ᵀX with "multiply out, cancel and collect terms".
 */
import * as assert from 'node:assert/strict';
import { assertSound, derivation, type Case, type Derived } from './helpers';
import { derive } from '../../../src/core/index';

const LOGISTIC: Case = { expr: 'sum(log(1 + exp(-y .* (X*w))))', where: 'X: matrix(m, n); w: vector(n); y: vector(m)', wrt: ['w'] };
const SOFTPLUS: Case = { expr: 'sum(log(1 + exp(X*w)))', where: 'X: matrix(m, n); w: vector(n)', wrt: ['w'] };

/** The index of the sigmoid step in the published steps (asserting there is one). */
function sigmoidStep(d: Derived): number {
  const k = d.pub.findIndex((p) => p.name === 'The logistic sigmoid');
  assert.ok(k >= 0, `no sigmoid step: ${d.pub.map((p) => `${p.name}: ${p.afterText}`).join(' | ')}`);
  return k;
}

describe('derivation: the logistic sigmoid is a step of its own', () => {
  for (const c of [LOGISTIC, SOFTPLUS]) {
    it(`${c.expr} by w: exp(u) ⊘ (𝟏 + exp(u)) = σ(u) named and shown, then only a reordering; every claim holds numerically`, () => {
      const d = derivation(c, 'full');
      assertSound(d, c.expr);
      const k = sigmoidStep(d);
      const p = d.pub[k];
      // Its before is the step before's after (the substituted derivative).
      const before = d.pub[k - 1].afterText ?? '';
      assert.match(before, /exp\(.*\) ⊘ \(𝟏 \+ exp\(/);
      assert.doesNotMatch(before, /σ/);
      assert.match(p.afterText ?? '', /σ\(/);
      assert.doesNotMatch(p.afterText ?? '', /exp/);
      assert.match(p.explanation, /σ\(t\) = 1\/\(1 \+ exp\(−t\)\)/);
      // What follows is at most a reordering, or the result itself.
      const next = d.pub[k + 1];
      if (next !== undefined && next.rule === 'simplify') assert.equal(next.name, 'Reorder', `${next.name}: ${next.explanation}`);
    });
  }

  // One sample's logistic loss, a product of scalars: σ in the result, as the vector form has it (it
  // was −xy exp(−wxy)/(1 + exp(−wxy))), named as a step; the result checked against finite differences.
  const scalarCases: readonly [Case, RegExp][] = [
    [{ expr: 'log(1 + exp(-y*w*x))', where: 'w: scalar; x: scalar; y: scalar', wrt: ['w'] }, /^−xyσ\(−wxy\)$/],
    [{ expr: "log(1 + exp(-y*w'*x))", where: 'w: vector(n); x: vector(n); y: scalar', wrt: ['w'] }, /^−yσ\(−ywᵀx\)xᵀ$/],
    [{ expr: 'log(1 + exp(w))', where: 'w: scalar', wrt: ['w'] }, /^σ\(w\)$/],
  ];
  for (const [c, result] of scalarCases) {
    it(`${c.expr} by w (scalars): σ in the result and a step of its own; checked numerically`, () => {
      const r = derive({ expr: c.expr, where: c.where, wrt: [...c.wrt], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.match(r.value.result.unicode ?? '', result);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
      const d = derivation(c, 'full');
      assertSound(d, c.expr);
      const p = d.pub[sigmoidStep(d)];
      assert.match(p.afterText ?? '', /σ\(/);
      assert.doesNotMatch(p.afterText ?? '', /exp/);
      assert.match(p.explanation, /here for t = /);
    });
  }

  // The argument t of σ can be a large tree (a chain of assignments whose DAG is small): the step names
  // it only when it is short, else it says where t is. Before, the explanation wrote t out in full:
  // 32,921 characters at 12 assignments, doubling with each (a 74-step recurrence: 41 MB, limit.output).
  it('a σ whose argument is a large tree: the explanation stays short, the derivation checks numerically', () => {
    const lines = ['def f(w, x, y):', '    u = w * x', ...Array.from({ length: 16 }, () => '    u = np.sin(u) * u'), '    return np.log(1 + np.exp(-y * u))'];
    const r = derive({ expr: lines.join('\n'), from: 'numpy', where: 'w, x, y: scalar', wrt: ['w'], steps: true, check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    const p = (r.value.steps ?? []).find((s) => s.name === 'The logistic sigmoid');
    assert.ok(p, (r.value.steps ?? []).map((s) => s.name).join(', '));
    assert.ok(p.explanation.length < 400, `${p.explanation.length} characters: ${p.explanation.slice(0, 300)}…`);
    assert.match(p.explanation, /σ\(t\) = 1\/\(1 \+ exp\(−t\)\); here for t the argument of σ/);
    for (const s of r.value.steps ?? []) assert.ok(s.explanation.length < 600, `${s.name}: ${s.explanation.length} characters`);
  });

  it('a cancellation in an element-wise product is named: sum(log(σ(y ⊙ (Xw)))) simplifies σ ⊙ (𝟏 − σ) ⊘ σ by cancelling σ', () => {
    const c: Case = { expr: 'sum(log(sigmoid(y .* (X*w))))', where: 'X: matrix(m, n); w: vector(n); y: vector(m)', wrt: ['w'] };
    const d = derivation(c, 'full');
    assertSound(d, c.expr);
    const simplify = d.pub.find((p) => p.rule === 'simplify');
    assert.ok(simplify, d.pub.map((p) => p.name).join(', '));
    assert.match(simplify.explanation, /^Cancel σ\(y ⊙ \(Xw\)\)/);
  });

  it('a derivation with no such quotient has no sigmoid step: sum(log(sigmoid(X*w)))', () => {
    const d = derivation({ expr: 'sum(log(sigmoid(X*w)))', where: 'X: matrix(m, n); w: vector(n)', wrt: ['w'] }, 'full');
    assertSound(d, 'sum(log(sigmoid(X*w)))');
    assert.ok(!d.pub.some((p) => p.name === 'The logistic sigmoid'));
  });
});
