/**
 * The last step of a second derivative names the first derivative it differentiates. Its explanation
 * wrote that gradient out in full as a tree: through a deep network a tree far larger than the DAG that
 * stores it — the Hessian of sum(h), h = h + tanh(W h) ten times, answered limit.output with steps (more
 * than 4,000,000 characters) while its result is 2,047, and through h = tanh(W h) 100 times the
 * explanation alone was 63,345 characters (quadratic in the depth). Now the gradient is written in the
 * sentence only when short (derivation/notation.ts mention), as the sigmoid step writes its argument.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import type { DeriveRequest } from '../../../src/core/api';

const lines = (n: number, line: string): string[] => Array.from({ length: n }, () => line);

const residualHessian = (n: number): DeriveRequest => ({
  expr: ['def f(x):', '    h = x', ...lines(n, '    h = h + np.tanh(W @ h)'), '    return np.sum(h)'].join('\n'),
  from: 'numpy',
  where: 'W: matrix(n, n); x: vector(n)',
  wrt: ['x'],
  order: 2,
});

describe('derivation: the second derivative\'s last step names the gradient only when it is short', () => {
  it('the Hessian of a 10-layer residual network, with steps: answers, a short explanation, checked numerically', () => {
    const r = derive({ ...residualHessian(10), steps: true, check: true, timeLimitMs: 60_000 });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    const last = (r.value.steps ?? []).at(-1);
    assert.equal(last?.name, 'Hessian');
    assert.match(last.explanation, /^The Hessian is the Jacobian of the gradient found above \(too long to write here\) with respect to x: /);
    for (const s of r.value.steps ?? []) assert.ok(s.explanation.length < 600, `${s.name}: ${s.explanation.length} characters`);
  });

  it('a short gradient is still written: the Hessian of xᵀAx, and the second derivative of sin(a)·a', () => {
    const h = derive({ expr: "x'*A*x", where: 'A: matrix(n, n); x: vector(n)', wrt: ['x'], order: 2, steps: true });
    assert.ok(h.ok);
    assert.match((h.value.steps ?? []).at(-1)?.explanation ?? '', /^The Hessian is the Jacobian of the gradient \(A \+ Aᵀ\)x with respect to x: /);
    const s = derive({ expr: 'sin(a)*a', where: 'a: scalar', wrt: ['a'], order: 2, steps: true });
    assert.ok(s.ok);
    assert.match((s.value.steps ?? []).at(-1)?.explanation ?? '', /^The second derivative is the derivative of the first derivative .*sin\(a\).*\.$/);
  });
});
