/**
 * A numbered name x1 beside a declared vector x: the writers printed x1 as x_{1} (x₁), which the
 * readers read — x declared, x1 not — as the component of x, so the answer read back as another
 * expression. Where x is declared or a variable of the expression, x1 is printed as the name it is:
 * \mathbf{x1} (\mathit{x1} for a scalar), and x1 in Unicode math, which reads letters followed by
 * digits as one name, as the plain syntax and Python do.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { toText } from '../../../src/core/write';
import { assertError, error, plain, value } from './helpers';
import { readBackProblem } from '../../fuzz/readBack';

/** Each written form of the answer's input and result, read back with the declarations, is what was written (a lone 𝟏's open size aside). */
function assertReadsBack(expr: string, wrt: string, where: string): void {
  const r = value(derive({ expr, wrt: [wrt], where, from: 'plain' }));
  for (const [what, rendered] of [['input', r.input], ['result', r.result]] as const) {
    const e = plain(rendered.text, where);
    for (const [notation, written] of [['latex', rendered.latex], ['unicode', rendered.unicode ?? '']] as const) {
      for (const from of [notation, 'auto'] as const) {
        assert.equal(readBackProblem(e, where, { form: 'tree', notation, text: written }, from), undefined, `${what} ${written} (${from})`);
      }
    }
  }
}

describe('notations: a numbered name beside a declared vector of its letter reads back as that name', () => {
  it('x1·𝟏ᵀ, the derivative of x1*sum(x) by x, reads back as x1, not as the component x₁ of x', () => {
    assertReadsBack('x1*sum(x)', 'x', 'x: vector(n)');
    assertReadsBack('x1*sum(x) + A*x', 'x', 'x: vector(n); A: matrix(m, n)');
    assertReadsBack('sum(x1)*x', 'x1', 'x: vector(n)');
    assertReadsBack('a1*x + a*x', 'a1', 'x: vector(n); a: scalar');
    assertReadsBack('sum(W1*x) + sum(W*x)', 'W1', 'W: matrix(m, n); x: vector(n)');
  });

  it('prints x1 as x₁ where no x is declared or used, and the Unicode reader reads x1 as the name x1', () => {
    const r = value(derive({ expr: 'x1*sum(y)', wrt: ['y'], where: 'y: vector(n)', from: 'plain' }));
    assert.equal(r.result.unicode, 'x₁𝟏ᵀ');
    assert.equal(toText(value(readExpression('2x1 + x', 'x: vector(n)', 'unicode')).expr), '2*x1 + x');
    // norm2(x) read as n·o·r·m·2·x: a plain function in Unicode math is refused, naming the Unicode form.
    const t = '2norm2(x)';
    assertError(error(readExpression(t, undefined, 'unicode')), 'name.unknown-function', 'norm2', t, '‖x‖₂');
  });
});
