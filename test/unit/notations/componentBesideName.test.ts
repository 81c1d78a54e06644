/**
 * A component of x beside a variable named x_1 (or x1): the writers printed both as x_{1} (x₁), and
 * the readers — which read x_{1} as the declared x_1 (x1) where one is declared — read the component
 * back as that variable. Where such a name is among the variables, the component is printed as the
 * readers read an entry of a bracketed array, (\mathbf{x})_{1} and (x)₁; elsewhere as before, x_{1}.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { toLatex, toUnicode } from '../../../src/core/write';
import { assertWritersReadBack, plain } from './helpers';

describe('notations: a component of x beside the variable x_1 reads back', () => {
  it('prints the component bracketed where x_1 or x1 is a variable of the expression, and it reads back', () => {
    assertWritersReadBack(['entry(x, 1, 1)*x_1', 'entry(x, 1, 1) + x_1^2 + sum(x)', 'sin(entry(x, 2, 1))*x_2'], 'x: vector(3); x_1, x_2: scalar');
    assertWritersReadBack(['entry(x, 1, 1)*x1'], 'x: vector(3); x1: scalar');
    assertWritersReadBack(['entry(A, 1, 2)*A_12 + entry(A, 2, 1)'], 'A: matrix(2, 2); A_12: scalar');
    assertWritersReadBack(['entry(A, 1, 2)*A12'], 'A: matrix(2, 2); A12: scalar');
    const e = plain('entry(x, 1, 1)*x_1', 'x: vector(3); x_1: scalar');
    assert.ok(toLatex(e).includes('(\\mathbf{x})_{1}'), toLatex(e));
    assert.ok(toUnicode(e).includes('(x)₁'), toUnicode(e));
  });

  it('prints a component as before where no variable is spelled as it: x_{1}, x₁', () => {
    const e = plain('entry(x, 1, 1)*y', 'x: vector(3); y: scalar');
    assert.equal(toLatex(e), 'x_{1}y');
    assert.equal(toUnicode(e), 'x₁y');
    assertWritersReadBack(['entry(x, 1, 1)*y', 'entry(A, 1, 2)*entry(x, 2, 1)'], 'x: vector(3); y: scalar; A: matrix(2, 2)');
  });

  it('the answer by x_1 that is the component of x reads back with the declarations (the component is not in the input with x_1 beside it)', () => {
    const where = 'x: vector(3); x_1: scalar';
    const r = derive({ expr: 'entry(x, 1, 1)*x_1^2 + sum(x)', from: 'plain', where, wrt: ['x_1'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    for (const [from, text] of [['latex', r.value.result.latex], ['unicode', r.value.result.unicode ?? '']] as const) {
      const back = derive({ expr: text, from, where, wrt: ['x_1'] });
      assert.ok(back.ok, `${text}: ${back.ok ? '' : back.error.message}`);
      // Read back, the result is 2·x₁·(the component), whose derivative by x_1 is twice the component: not 4·x_1.
      assert.equal(back.value.input.text, r.value.result.text, `${from}: ${text}`);
    }
  });
});
