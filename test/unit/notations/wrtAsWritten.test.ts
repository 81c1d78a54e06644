/**
 * `--wrt` names the variable the reader made of the name as the expression writes it: LaTeX `x_1`
 * and Unicode `x₁`, undeclared, are the variable x1 (latex/variables.ts spelledName), so `--wrt x_1`,
 * `x_{1}` and `x₁` name x1 there — they were `wrt.unknown` ("its variables: x1, x2"). Where the name
 * is declared (x_1: scalar) it is the variable x_1, as before. x1 beside x_1, which could both be
 * meant, is refused where it is read (name.same-print).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

describe('notations: --wrt x_1 names the variable the reader made of x_1', () => {
  it('names x1 by x_1, x_{1} or x₁ in LaTeX and Unicode math, where x_1 is not declared', () => {
    for (const [expr, from] of [
      ['x_1^2 + 3x_2', 'latex'],
      ['x₁² + 3x₂', 'unicode'],
      ['x₁² + 3x₂', 'auto'],
    ] as const) {
      for (const wrt of ['x_1', 'x_{1}', 'x₁', 'x1']) {
        const r = derive({ expr, from, wrt: [wrt], check: true });
        assert.ok(r.ok, `${expr} by ${wrt}: ${r.ok ? '' : r.error.message}`);
        assert.deepEqual(r.value.wrt, ['x1'], `${expr} by ${wrt}`);
        assert.equal(r.value.result.text, '2*x1', `${expr} by ${wrt}`);
        assert.ok(r.value.check?.passed, `${expr} by ${wrt}: checked numerically`);
      }
    }
  });

  it('names the declared x_1 as before; x1 beside x_1 is refused when read', () => {
    const r = derive({ expr: 'x_1^2 + x_2', from: 'latex', where: 'x_1, x_2: scalar', wrt: ['x₁'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.wrt, ['x_1']);
    // x1 beside x_1 is refused where it is read (name.same-print), so x₁ never names two variables.
    const two = derive({ expr: 'x1 + 2*x_1', from: 'plain', wrt: ['x₁'] });
    assert.ok(!two.ok, 'x1 beside x_1');
    assert.equal(two.error.code, 'name.same-print');
    // The plain syntax's names are exact: x_1 is not x1 there.
    const exact = derive({ expr: 'x1^2', from: 'plain', wrt: ['x_1'] });
    assert.ok(!exact.ok);
    assert.equal(exact.error.code, 'wrt.unknown');
  });
});
