/**
 * Runs of signs and chains of transposes as they are read (issue 13, the plain-reader fuzz
 * campaign, seed 20251127, input 2,945): `a'*X'*----…b` with 20,000 minus signs built 20,000
 * nested negations, which every pass walked and every writer printed three times (the input
 * echo), past the campaign's 250 ms CPU bound; `w ./ x''…'` printed its derivative with all its
 * transposes, diag((((…)')')'.^-1). A run of signs is now read as the sign it amounts to, and a
 * transpose of a transpose as its argument. Derivatives checked numerically (central finite
 * differences, `check: true`); the timeouts only guard against a hang.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';

const signs = (n: number): string => '-'.repeat(n);
const transposes = (n: number): string => "'".repeat(n);

describe('robustness: a run of 20,000 signs is read as the sign it amounts to', function () {
  this.timeout(60_000);
  const where = 'a: vector(n); X: matrix(n, n); b: vector(n)';

  for (const [n, expected, echo] of [
    [20_000, "b'*X", "a'*X'*b"],
    [20_001, "-b'*X", "a'*X'*(-b)"],
  ] as const) {
    it(`a'*X'*${signs(3)}…b with ${n.toLocaleString('en-US')} minus signs by a: ${expected}, checked numerically`, () => {
      const r = derive({ expr: `a'*X'*${signs(n)}b`, where, wrt: ['a'], from: 'plain', check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.result.text, expected);
      assert.equal(r.value.input.text, echo);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    });
  }

  it('mixed signs: -+-x is x, +-x is −x (numerically: the derivative of sum(-+-x) by x is 1ᵀ)', () => {
    const plus = derive({ expr: 'sum(-+-x)', where: 'x: vector(n)', wrt: ['x'], check: true });
    assert.ok(plus.ok, plus.ok ? '' : plus.error.message);
    assert.equal(plus.value.input.text, 'sum(x)');
    assert.equal(plus.value.check?.passed, true);
    const minus = derive({ expr: 'sum(+-x)', where: 'x: vector(n)', wrt: ['x'], check: true });
    assert.ok(minus.ok, minus.ok ? '' : minus.error.message);
    assert.equal(minus.value.input.text, 'sum(-x)');
    assert.equal(minus.value.check?.passed, true);
  });
});

describe('robustness: transposes of transposes cancel before anything is printed', function () {
  this.timeout(60_000);

  it("w ./ x''…' (20,000 transposes) by w is diag(x.^-1), checked numerically", () => {
    const r = derive({ expr: `w ./ x${transposes(20_000)}`, where: 'w: vector(n); x: vector(n)', wrt: ['w'], check: true, timeLimitMs: 60_000 });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.result.text, 'diag(x.^-1)');
    assert.equal(r.value.input.text, 'w ./ x');
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
  });

  it("through parentheses and in every reader: ((A')')'*x, (A^T)^T, A.T.T", () => {
    for (const [expr, from, where, echo] of [
      ["((A')')'*x", 'plain', 'A: matrix(n, n); x: vector(n)', "A'*x"],
      ['(A^{\\top})^{\\top} \\mathbf{x}', 'latex', 'A: matrix(n, n); x: vector(n)', 'A*x'],
      ['A.T.T @ x', 'numpy', 'A: matrix(n, n); x: vector(n)', 'A*x'],
    ] as const) {
      const r = derive({ expr, from, where, wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.input.text, echo, expr);
      assert.equal(r.value.result.text, echo.replace('*x', ''), expr);
      assert.equal(r.value.check?.passed, true, expr);
    }
  });
});
