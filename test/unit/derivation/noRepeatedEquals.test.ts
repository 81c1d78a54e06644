/**
 * A step never writes the same expression twice in a row ("df = E = E"): the substituted
 * differential and its expanded form can be different nodes that print alike (a Hadamard product
 * grouped another way), and a learner sees nothing happen between them. Such a step writes it once.
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest } from '../../../src/core/api';
import { derive } from '../../../src/core/index';

const CASES: readonly DeriveRequest[] = [
  { expr: 'sum(softmax(Z, 2) .* Y)', wrt: ['Z'], where: 'Z, Y: matrix(m, n)' },
  { expr: 'sum(G .* max(X, Y))', wrt: ['X'], where: 'G, X, Y: matrix(m, n)' },
  { expr: 'sum(G .* (softmax(Q*K\'/sqrt(d), 2)*V))', wrt: ['V'], where: 'Q, K: matrix(t, d); V: matrix(t, e); G: matrix(t, e); d: scalar' },
  { expr: 'norm2(A*X - B)^2', wrt: ['X'], order: 2, where: 'A: matrix(m, n); X: matrix(n, p); B: matrix(m, p)' },
];

describe('a step writes an expression once, never "E = E"', () => {
  for (const req of CASES) {
    it(`${req.expr} by ${req.wrt?.join(', ')}${req.order === 2 ? ' (Hessian)' : ''}`, () => {
      const r = derive({ ...req, steps: true, check: true });
      if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, 'the derivative checked numerically');
      const steps = r.value.steps ?? [];
      assert.ok(steps.some((s) => s.rule === 'differential-chain'), 'a substitution step');
      for (const s of steps) {
        for (const text of [s.afterText ?? '', s.after ?? '']) {
          const sides = text.split(' = ');
          sides.slice(1).forEach((side, k) => assert.notEqual(side, sides[k], `${s.rule}: ${text.slice(0, 200)}`));
        }
      }
    });
  }
});
