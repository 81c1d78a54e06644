/**
 * Big expressions: a long run of steps of one kind is shown up to a limit and the rest collected
 * into one step that says so and keeps every claim; the number of steps stays bounded and the
 * size of the derivation grows linearly with the expression. Simplifications that change nothing
 * visible are folded away.
 */
import * as assert from 'node:assert/strict';
import { RUN_LIMITS } from '../../../src/core/derivation/compact';
import { verifyStep } from '../../../src/core/derivation/index';
import { assertSound, derivation, type Case } from './helpers';

/** A sum of K different terms of one vector x (four kinds in turn), as the benchmark's sum family. */
function sumOf(k: number): Case {
  const terms: string[] = [];
  const decls: string[] = ['x: vector(n)'];
  for (let i = 1; i <= k; i++) {
    switch (i % 4) {
      case 1: terms.push(`norm2(A${i}*x - b${i})^2`); decls.push(`A${i}: matrix(m, n)`, `b${i}: vector(m)`); break;
      case 2: terms.push(`c${i}*sin(a${i}'*x)`); decls.push(`c${i}: scalar`, `a${i}: vector(n)`); break;
      case 3: terms.push(`x'*S${i}*x`); decls.push(`S${i}: matrix(n, n)`); break;
      default: terms.push(`exp(a${i}'*x)`); decls.push(`a${i}: vector(n)`);
    }
  }
  return { expr: terms.join(' + '), where: decls.join('; '), wrt: ['x'], layout: 'mixed' };
}

/** A depth-L tanh network's squared loss, differentiated with respect to the first layer's weights. */
function mlp(layers: number): Case {
  let h = 'x';
  for (let k = 1; k <= layers; k++) h = `tanh(W${k}*${h})`;
  const weights = Array.from({ length: layers }, (_, k) => `W${k + 1}`).join(', ');
  return { expr: `norm2(${h} - y)^2`, where: `${weights}: matrix(n, n); x, y: vector(n)`, wrt: ['W1'], layout: 'mixed' };
}

const size = (d: ReturnType<typeof derivation>): number => d.pub.reduce((n, s) => n + s.before.length + s.after.length + s.explanation.length, 0);

describe('derivation: long runs of steps are collected', () => {
  it('a sum of 16 terms (full): local derivatives and total derivatives beyond the limits are collected, every step true', function () {
    this.timeout(60000);
    const d = derivation(sumOf(16), 'full');
    assertSound(d, 'sum of 16 terms (full)');
    const collected = d.pub.filter((s) => / \(\d+ more\)$/.test(s.name));
    assert.ok(collected.length >= 2, d.pub.map((s) => s.name).join(' | '));
    for (const s of collected) assert.match(s.explanation, /^The remaining \d+ .* collected in this one step/);
    const firstValue = d.steps.findIndex((s) => s.value !== undefined);
    const local = d.steps.slice(1, firstValue).filter((s) => s.kind === 'derivative' && !/ more\)$/.test(s.name)).length;
    assert.ok(local <= RUN_LIMITS.full.local, `${local} local derivative steps shown one by one`);
  });

  it('the number of steps is bounded and the size grows linearly (sum of 40 and of 80 terms, both granularities)', function () {
    this.timeout(120000);
    for (const g of ['full', 'summary'] as const) {
      const small = derivation(sumOf(40), g);
      const large = derivation(sumOf(80), g);
      assert.equal(small.steps[small.steps.length - 1].value, small.result);
      assert.equal(large.steps[large.steps.length - 1].value, large.result);
      assert.ok(large.steps.length <= 50, `${g}: ${large.steps.length} steps for 80 terms`);
      assert.ok(large.steps.length <= small.steps.length + 2, `${g}: ${small.steps.length} → ${large.steps.length} steps`);
      const ratio = size(large) / size(small);
      assert.ok(ratio < 2.6, `${g}: size ${size(small)} → ${size(large)} (×${ratio.toFixed(2)}) for twice the terms`);
    }
  });

  it('a collected step keeps the claims of every step it stands for, and they hold', function () {
    this.timeout(60000);
    const d = derivation(mlp(24), 'full');
    const collected = d.steps.filter((s) => / \(\d+ more\)$/.test(s.name));
    assert.equal(collected.length, 1);
    const more = Number(/\((\d+) more\)/.exec(collected[0].name)?.[1]);
    assert.equal(collected[0].claims.length, more);
    for (const r of verifyStep(collected[0])) assert.ok(r.passed, `${r.claim.kind}: ${r.maxRelError}`);
    assert.equal(d.steps[d.steps.length - 1].value, d.result);
  });

  it('a summary of a deep network shows a few differentials and collects the rest, every claim true', () => {
    const d = derivation(mlp(12), 'summary');
    assertSound(d, 'mlp(12) summary');
    const pieces = d.steps.filter((s) => s.rule === 'differential');
    assert.ok(pieces.length <= RUN_LIMITS.summary.differential + 1, `${pieces.length}`);
    assert.ok(d.pub.some((s) => /^Differentials \(\d+ more\)$/.test(s.name)));
  });

  it('the backprop view of a deep network shows a few reverse-mode steps and collects the rest', () => {
    const d = derivation({ ...mlp(12), method: 'backprop' }, 'summary');
    const reverse = d.steps.filter((s) => s.name === 'Chain rule (reverse mode)' || s.name === 'Product rule (reverse mode)');
    assert.ok(reverse.length <= RUN_LIMITS.summary.reverse, `${reverse.length}`);
    assert.ok(d.pub.some((s) => /^Chain rule \(reverse mode\) \(\d+ more\)$/.test(s.name)));
  });
});

describe('derivation: nothing invisible', () => {
  it('a simplification that changes nothing visible is folded into the step before it', () => {
    for (const c of [
      { expr: "(x - A*s)'*W*(x - A*s)", where: 'x: vector(m); A: matrix(m, n); s: vector(n); W: matrix(m, m) symmetric', wrt: ['s'], layout: 'mixed' as const },
      { expr: "max(0, w'*x + b)", where: 'b: scalar', wrt: ['w'] },
    ]) {
      for (const g of ['summary', 'full'] as const) {
        const d = derivation(c, g);
        assertSound(d, `${c.expr} (${g})`);
        for (const s of d.pub) if (s.rule === 'simplify' || s.rule === 'multiply-out') assert.notEqual(s.before, s.after, `${c.expr} (${g}): ${s.rule}`);
      }
    }
  });

  it('the symmetric-variable step stays even when the gradient is already symmetric (it explains a convention)', () => {
    const d = derivation({ expr: 'logdet(S)', where: 'S: matrix(n, n) symmetric', wrt: ['S'], layout: 'mixed' }, 'summary');
    assertSound(d, 'logdet(S)');
    assert.ok(d.steps.some((s) => s.rule === 'symmetric'));
  });
});
