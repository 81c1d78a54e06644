/**
 * The checks can fail: wrong claims are caught (a wrong derivative, an unequal rewrite, a
 * "pitfall" that is not one, a tampered step of a real derivation). Also: structure and naming
 * (intermediates never collide with the expression's variables, granularity), and size — a
 * derivation is linear in the DAG and copes with deep expressions.
 */
import * as assert from 'node:assert/strict';
import { differentiate } from '../../../src/core/calculus/derive';
import { Expr, num, rawAdd, rawFn, rawInv, rawMul, rawPow, variable } from '../../../src/core/model/expr';
import { SCALAR, shape } from '../../../src/core/model/shape';
import { present } from '../../../src/core/service';
import { derivationOf, verifyClaim, verifyStep, type Claim, type Step } from '../../../src/core/derivation/index';
import { assertSound, derivation, stepWith } from './helpers';

const x = variable('x', SCALAR);
const NONE = new Map<Expr, Expr>();

describe('derivation/verify: wrong claims fail', () => {
  it('a wrong derivative fails, the right one passes', () => {
    const f = rawFn('sin', rawPow(x, num(2)));
    const right: Claim = { kind: 'derivative', defs: NONE, of: f, wrt: [x], form: 'scalar', order: 1, value: rawMul([num(2), x, rawFn('cos', rawPow(x, num(2)))]) };
    const wrong: Claim = { ...right, value: rawFn('cos', rawPow(x, num(2))) };
    assert.ok(verifyClaim(right).passed);
    assert.ok(!verifyClaim(wrong).passed);
  });

  it('an unequal rewrite fails; a pitfall whose sides agree fails', () => {
    const a = rawAdd([x, rawPow(x, num(2))]);
    const b = rawMul([x, rawAdd([num(1), x])]);
    assert.ok(verifyClaim({ kind: 'equal', defs: NONE, lhs: a, rhs: b }).passed);
    assert.ok(!verifyClaim({ kind: 'equal', defs: NONE, lhs: a, rhs: rawPow(x, num(2)) }).passed);
    assert.ok(!verifyClaim({ kind: 'differs', defs: NONE, lhs: a, rhs: b }).passed);
  });

  it('intermediates are expanded unless kept: ∂u₂/∂u₁ with u₁ free is not the total derivative', () => {
    const u1 = variable('u_1', SCALAR);
    const defs = new Map<Expr, Expr>([[u1, rawPow(x, num(2))]]);
    const def = rawAdd([x, u1]);
    const partial: Claim = { kind: 'derivative', defs, of: def, wrt: [x], form: 'scalar', order: 1, value: num(1), keep: [u1] };
    assert.ok(verifyClaim(partial).passed);
    assert.ok(!verifyClaim({ ...partial, keep: [] }).passed, 'expanded, x + x² has derivative 1 + 2x, not 1');
  });

  it('tampering with any derivative step of a real derivation is caught', () => {
    const d = derivation({ expr: 'sin(x + x^2)', where: 'x: scalar', wrt: ['x'] }, 'full');
    const tampered = d.steps.flatMap((s) => s.claims.filter((c) => c.kind === 'derivative').map((c) => ({ s, c })));
    assert.ok(tampered.length >= 5);
    for (const { s, c } of tampered) {
      if (c.kind !== 'derivative') continue;
      const off: Claim = { ...c, value: rawAdd([c.value, num(0.5)]) };
      assert.ok(!verifyClaim(off).passed, `${s.rule}: a derivative off by 0.5 passed`);
    }
  });

  it('a wrong differential fails: d(X⁻¹) = −X⁻¹ dX X⁻¹ passes, its sign flipped or its factors swapped fail', () => {
    const X = variable('X', shape(3, 3));
    const dX = variable('dX', shape(3, 3));
    const of = rawInv(X);
    const right: Claim = { kind: 'differential', defs: NONE, of, wrt: [X], directions: [dX], value: rawMul([num(-1), rawInv(X), dX, rawInv(X)]) };
    assert.ok(verifyClaim(right).passed);
    assert.ok(!verifyClaim({ ...right, value: rawMul([rawInv(X), dX, rawInv(X)]) }).passed);
    assert.ok(!verifyClaim({ ...right, value: rawMul([num(-1), rawInv(X), rawInv(X), dX]) }).passed);
  });

  it('tampering with any differential step of a real derivation is caught', () => {
    const d = derivation({ expr: 'logdet(X) + tr(inv(X)*A)', where: 'X: matrix(n, n); A: matrix(n, n)', wrt: ['X'] }, 'full');
    const claims = d.steps.flatMap((s) => s.claims.filter((c) => c.kind === 'differential').map((c) => ({ s, c })));
    assert.ok(claims.length >= 3);
    for (const { s, c } of claims) {
      if (c.kind !== 'differential') continue;
      assert.ok(verifyClaim(c).passed, `${s.rule}: the real claim fails`);
      const off: Claim = { ...c, value: rawMul([num(1.5), c.value]) };
      assert.ok(!verifyClaim(off).passed, `${s.rule}: a differential scaled by 1.5 passed`);
    }
  });

  it('every derivative step claims a derivative; every step states something checkable', () => {
    for (const expr of ["max(0, w'*x + b)", 'mean((y - max(0, X*w + b)).^2)', 'tr(A*X*B)']) {
      const wrt = expr.includes('tr') ? 'X' : 'w';
      const d = derivation({ expr, where: 'b: scalar', wrt: [wrt] }, 'full');
      for (const s of d.steps) {
        if (s.kind === 'derivative') assert.ok(s.claims.some((c) => c.kind === 'derivative' || c.kind === 'differential'), `${expr}: ${s.rule}`);
        assert.ok(verifyStep(s).every((r) => r.passed));
      }
    }
  });
});

describe('derivation: structure', () => {
  it('intermediate names avoid the expression’s variables', () => {
    const d = derivation({ expr: 'sin(u*y + v)^2 + exp(u*y + v)', where: 'u: scalar; v: scalar; y: scalar', wrt: ['u'] }, 'summary');
    const names = new Set<string>();
    for (const s of d.steps) for (const c of s.claims) for (const k of c.defs.keys()) names.add(k.name as string);
    assert.ok(names.size > 0);
    for (const taken of ['u', 'v', 'y']) assert.ok(!names.has(taken), `reused ${taken}: ${[...names].join(', ')}`);
  });

  it('summary merges linear pieces into one variable; full names every node', () => {
    const summary = derivation({ expr: "max(0, w'*x + b)", wrt: ['w'] }, 'summary');
    const full = derivation({ expr: "max(0, w'*x + b)", wrt: ['w'] }, 'full');
    const count = (s: Step) => s.claims.length - 1;
    assert.equal(count(stepWith(summary, 'intermediate-variables').s), 1);
    assert.equal(count(stepWith(full, 'intermediate-variables').s), 2);
    assert.ok(full.steps.length > summary.steps.length);
  });

  it('a summary merges a long total-derivative accumulation into one step; full keeps one step per intermediate', () => {
    const c = { expr: '3*sin(x + x^2) + 2*sin(2*x + x^2) + sin(3*x + x^2)', where: 'x: scalar', wrt: ['x'] };
    const summary = derivation(c, 'summary');
    assertSound(summary, 'summary');
    assert.equal(summary.steps.filter((s) => s.rule === 'total-derivative').length, 1);
    assert.equal(stepWith(summary, 'total-derivative').p.name, 'Total derivatives');
    const full = derivation(c, 'full');
    assertSound(full, 'full');
    assert.ok(full.steps.filter((s) => s.rule === 'total-derivative' || s.rule === 'chain-rule').length > 3);
  });

  it('a shared sub-expression is one intermediate, reached along several paths (total derivative)', () => {
    const d = derivation({ expr: 'cos(x^2)*x^2 + exp(x^2)', where: 'x: scalar', wrt: ['x'] }, 'summary');
    const defs = stepWith(d, 'intermediate-variables').p.after;
    assert.equal(defs.split('x^{2}').length - 1, 1, defs);
    assert.ok(d.steps.some((s) => s.rule === 'total-derivative'));
  });
});

describe('derivation: presentation', () => {
  it('without options, the last step is still the result derive() presents', () => {
    for (const c of [
      { expr: 'sin(x)/(1 + x^2)', where: 'x: scalar', wrt: ['x'] },
      { expr: "x'*A*x", wrt: ['x'] },
      { expr: 'sum(log(exp(-y .* (X*w)) + 1))', wrt: ['w'] },
      { expr: 'tr(A*X*B)', wrt: ['X'] },
    ]) {
      const d = derivation(c, 'summary');
      const plain = derivationOf(d.f, d.wrt, 1, 'numerator', 'summary');
      assert.equal(plain[plain.length - 1].value, d.result, c.expr);
    }
  });
});

describe('derivation: size', () => {
  /** sin(sin(…sin(x)…)) n deep, built directly (the reader limits depth). */
  function nested(n: number): Expr {
    let e: Expr = x;
    for (let i = 0; i < n; i++) e = rawFn('sin', e);
    return e;
  }

  it('a chain n deep has n intermediates and O(n) steps (full), O(1) steps (summary), without overflowing the stack', () => {
    for (const n of [50, 400]) {
      const f = nested(n);
      const full = derivationOf(f, [x], 1, 'numerator', 'full', { present });
      const summary = derivationOf(f, [x], 1, 'numerator', 'summary', { present });
      assert.equal(full[0].claims.length - 1, n - 1, 'intermediates');
      assert.ok(full.length <= n + 6, `${full.length} steps`);
      assert.ok(summary.length <= 6, `${summary.length} summary steps`);
      assert.equal(full[full.length - 1].value, present(differentiate(f, [x], 1), 'numerator'));
    }
  });

  it('the steps of a 50-deep chain are numerically true', () => {
    const steps = derivationOf(nested(50), [x], 1, 'numerator', 'summary', { present });
    for (const s of steps) for (const r of verifyStep(s)) assert.ok(r.passed, `${s.rule}: ${r.maxRelError}`);
  });
});
