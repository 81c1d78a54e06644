/**
 * An undeclared name x_1 beside a declared vector x (or A_12 beside a declared matrix A): the plain
 * syntax and Python read x_1 as a name of its own, by the letter convention a fresh vector, but every
 * math notation writes it x₁, x_{1} — the component of x, which is how the readers read it back
 * where x is declared, and how a reader of the text takes it. The writers cannot print the name so
 * that it reads back otherwise (x1 is another name), so it is refused, name.undeclared at x_1,
 * asking for a declaration of x_1 (then x₁ is that variable in every notation) or entry(x, 1, 1).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { assertError, error, plain } from './helpers';
import { readBackProblem } from '../../fuzz/readBack';

describe('notations: an undeclared x_1 beside a declared vector x is refused, not printed as x\'s component', () => {
  it('refuses it in the plain syntax and in NumPy code, at x_1, naming a declaration and the component', () => {
    for (const [text, from, name, where, declaration, component] of [
      ['x_1*sum(x)', 'plain', 'x_1', 'x: vector(n)', 'x_1: vector(', 'entry(x, 1, 1)'],
      ['sum(x) + x_1^2', 'plain', 'x_1', 'x: vector(n)', 'x_1: scalar', 'entry(x, 1, 1)'],
      ['sum(x_12) + sum(x)', 'plain', 'x_12', 'x: vector(n)', 'x_12: vector(', 'entry(x, 12, 1)'],
      ['sum(A_12*x)', 'plain', 'A_12', 'A: matrix(m, n); x: vector(n)', 'A_12: matrix(', 'entry(A, 1, 2)'],
      ['np.sum(x_1) * np.sum(x)', 'numpy', 'x_1', 'x: vector(n)', 'x_1: vector(', 'entry(x, 1, 1)'],
      // x declared and not used: x₁ reads as its component all the same.
      ['sum(x_1)', 'plain', 'x_1', 'x: vector(n)', 'x_1: vector(', 'entry(x, 1, 1)'],
    ] as const) {
      const d = error(readExpression(text, where, from), text);
      assertError(d, 'name.undeclared', name, text, declaration);
      assert.ok(d.message.includes(component), `${text}: '${d.message}' should name ${component}`);
    }
  });

  it('refuses it in derive(), before anything is printed', () => {
    const r = derive({ expr: 'x_1*sum(x)', wrt: ['x'], where: 'x: vector(n)', from: 'plain' });
    assert.ok(!r.ok, 'x_1*sum(x) should be refused');
    assert.equal(r.error.code, 'name.undeclared');
  });

  it('reads x_1 where it is declared, and what is printed reads back, checked numerically', () => {
    for (const [expr, wrt, where] of [
      ['x_1*sum(x)', 'x', 'x: vector(n); x_1: vector(m)'],
      ['x_1*sum(x)', 'x_1', 'x: vector(n); x_1: scalar'],
      ['sum(A_12*x)', 'A_12', 'A: matrix(m, n); A_12: matrix(m, n); x: vector(n)'],
      ['x_1^2*sum(x)', 'x', 'x: vector(n); x_1: scalar'],
    ] as const) {
      const r = derive({ expr, wrt: [wrt], where, from: 'plain', check: true });
      assert.ok(r.ok, `${expr}: ${r.ok ? '' : r.error.message}`);
      assert.ok(r.value.check?.passed, `${expr}: ${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
      for (const rendered of [r.value.input, r.value.result]) {
        const e = plain(rendered.text, where);
        for (const [notation, written] of [['plain', rendered.text], ['latex', rendered.latex], ['unicode', rendered.unicode ?? '']] as const) {
          for (const from of [notation, 'auto'] as const) {
            assert.equal(readBackProblem(e, where, { form: 'tree', notation, text: written }, from), undefined, `${expr}: ${written} (${from})`);
          }
        }
      }
    }
  });

  it('reads a numbered name x1 beside x as before (printed x1), x_1 beside a scalar x, and x_1 where x is not declared', () => {
    for (const [text, where] of [
      ['x_1*sum(x)', ''],
      ['x1*sum(x)', 'x: vector(n)'],
      ['x_1*x', 'x: scalar'],
      ['x_out*sum(x)', 'x: vector(n)'],
    ] as const) {
      const r = readExpression(text, where, 'plain');
      assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error.message}`);
    }
  });
});
