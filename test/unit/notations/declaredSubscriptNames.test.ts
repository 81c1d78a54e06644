/**
 * A declared name with a numbered subscript, `x_1` (as a user declares it, and as the plain syntax
 * and the writers spell it), is the variable the LaTeX `x_1`, `\mathbf{x}_{1}` and the Unicode `x₁`
 * mean. The LaTeX reader named them x1 — another variable, so the declaration was ignored and the
 * derivative by x_1 was 0 — and, where x was declared too, read `\mathbf{x}_{1}` as the component
 * x₁ of x, so the writers' `x_1ᵀx` read back as a different expression.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { assertWritersReadBack, latexIs, plain, readAs } from './helpers';

describe('notations: a declared x_1 is the variable x_1, in LaTeX and Unicode', () => {
  it('reads x_1, \\mathbf{x}_{1}, x₁ as the declared x_1', () => {
    latexIs('x_1^2', 'x_1^2', 'x_1: scalar');
    latexIs('A\\mathbf{x}_1', 'A*x_1', 'x_1: vector(m); A: matrix(n, m)');
    latexIs('W_{12} x', 'W_12*x', 'W_12: matrix(n, n); x: vector(n)');
    assert.equal(readAs('x₁²', 'unicode', 'x_1: scalar'), plain('x_1^2', 'x_1: scalar'));
    assert.equal(readAs('Ax₁', 'auto', 'x_1: vector(m); A: matrix(n, m)'), plain('A*x_1', 'x_1: vector(m); A: matrix(n, m)'));
  });

  it('reads the declared x_1, not the component of a declared x, where both are declared', () => {
    const where = 'x, x_1: vector(n)';
    latexIs('\\mathbf{x}_{1}^\\top\\mathbf{x}', "x_1'*x", where);
    assert.equal(readAs('x₁ᵀx', 'unicode', where), plain("x_1'*x", where));
    // A component where x_1 is not declared, and x1 where x1 is, as before.
    latexIs('\\mathbf{x}_{1}^\\top\\mathbf{x}', "entry(x, 1, 1)'*x", 'x: vector(n)');
    latexIs('\\mathbf{x}_{1}^\\top\\mathbf{x}', "x1'*x", 'x, x1: vector(n)');
  });

  it('what the writers print for x_1 reads back, with x declared too', () => {
    const where = 'x, x_1: vector(n); A: matrix(n, n)';
    assertWritersReadBack(["x_1'*A*x", 'x_1 + A*x', "x_1'*x_1"], where);
  });

  it('differentiates by the declared x_1: the derivative checked against finite differences', () => {
    for (const [expr, from, where, wrt] of [
      ['x_1^2', 'latex', 'x_1: scalar', 'x_1'],
      ['\\mathbf{x}_1^\\top A \\mathbf{x}_1', 'latex', 'x_1: vector(n); A: matrix(n, n)', 'x_1'],
      ['x₁ᵀAx₁', 'unicode', 'x_1: vector(n); A: matrix(n, n)', 'x_1'],
    ] as const) {
      const r = derive({ expr, from, where, wrt: [wrt], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.notEqual(r.value.result.text, '0', `${expr}: the derivative by ${wrt} is not 0`);
      assert.ok(r.value.check?.passed, `${expr}: ${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
    }
  });
});
