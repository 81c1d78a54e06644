/**
 * Element-wise binary max and min (issue 13; Parr & Howard's element-wise binary operators): any
 * two broadcast-compatible operands, derivatives in indicator form (𝟙[a > b] for a, 1 − 𝟙[a > b]
 * for b, so a tie goes to b), checked against central finite differences for every variable kind
 * and for a broadcast row, column and scalar; every written form reads back; NumPy, PyTorch and
 * JAX spellings read as the plain ones.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { compareNumerically } from '../../../src/core/numeric/equal';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import type { Notation } from '../../../src/core/api';

const WHERE = 'X: matrix(N, n); Y: matrix(N, n); G: matrix(N, n); b: vector(n); c: vector(N); x: vector(n); y: vector(n); a: vector(n); s: scalar; t: scalar';

const CASES: readonly [string, readonly string[]][] = [
  ['max(s, t)', ['s', 't']],
  ['min(s, t)^2', ['s', 't']],
  ['max(x, y)', ['x', 'y']],
  ["a'*min(x, y)", ['x', 'y']],
  ['sum(G .* max(X, Y))', ['X', 'Y']],
  ['max(X, Y)', ['X', 'Y']],
  ["sum(G .* max(X, b'))", ['X', 'b']],
  ['sum(G .* min(X, c))', ['X', 'c']],
  ['sum(G .* max(X, s))', ['X', 's']],
  ['sum(max(X*x*s, c).^2)', ['X', 'x', 's', 'c']],
  ['max(s, x)', ['s', 'x']],
];

describe('calculus/extrema: element-wise max(a, b) and min(a, b)', () => {
  for (const [expr, wrts] of CASES) {
    for (const wrt of wrts) {
      it(`∂ ${expr} / ∂${wrt} agrees with finite differences`, () => {
        const r = derive({ expr, where: WHERE, wrt: [wrt], check: true, steps: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.ok(r.value.check?.passed, `${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
      });
    }
  }

  it('indicator form: ∂ sum(max(X, Y))/∂X = 𝟙[X − Y > 0], ∂/∂Y its complement (a tie goes to Y)', () => {
    const r = derive({ expr: 'sum(max(X, Y))', where: WHERE, wrt: ['X'], layout: 'denominator' });
    assert.ok(r.ok);
    assert.equal(r.value.result.text, 'step(X - Y)');
    const rY = derive({ expr: 'sum(max(X, Y))', where: WHERE, wrt: ['Y'], layout: 'denominator' });
    assert.ok(rY.ok);
    assert.equal(rY.value.result.text, '1 - step(X - Y)');
    const m = derive({ expr: 'sum(min(X, Y))', where: WHERE, wrt: ['X'], layout: 'denominator' });
    assert.ok(m.ok);
    assert.equal(m.value.result.text, 'step(Y - X)');
  });

  it('a broadcast row is summed over the batch: ∂ sum(G ⊙ max(X, 𝟏bᵀ))/∂b = ((1 − 𝟙[X − 𝟏bᵀ > 0]) ⊙ G)ᵀ𝟏', () => {
    const r = derive({ expr: "sum(G .* max(X, b'))", where: WHERE, wrt: ['b'], layout: 'denominator', check: true });
    assert.ok(r.ok);
    assert.match(r.value.result.text, /ones\(N\)/);
    assert.ok(r.value.check?.passed);
  });

  it('max(0, u) stays relu; shapes that do not broadcast are an error naming both', () => {
    const relu = readExpression('max(0, x)', WHERE, 'plain');
    assert.ok(relu.ok);
    assert.equal(relu.value.expr.op, 'fn');
    const bad = readExpression("max(X, c')", WHERE, 'plain');
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'shape.mismatch');
    assert.match(bad.error.message, /N×n.*1×N|1×N.*N×n/);
  });

  it('text, Unicode and LaTeX read back; NumPy, PyTorch and JAX spellings read as the plain ones', () => {
    for (const text of ["max(X, b') + min(X, Y)", 'max(s, x)', 'min(x, y) .* a']) {
      const read = readExpression(text, WHERE, 'plain');
      assert.ok(read.ok, text);
      const e = read.value.expr;
      for (const [notation, write] of [['plain', toText], ['unicode', toUnicode], ['latex', toLatex]] as const) {
        const written = write(e);
        const back = readExpression(written, WHERE, notation as Notation);
        assert.ok(back.ok, `${notation}: ${written}: ${back.ok ? '' : back.error.message}`);
        const same = back.value.expr === e || compareNumerically(e, back.value.expr, [...back.value.variables], { samples: 3 }).equal;
        assert.ok(same, `${notation}: ${written} reads as ${toText(back.value.expr)}`);
      }
    }
    for (const [np, plain] of [
      ['np.maximum(X, Y)', 'max(X, Y)'],
      ['torch.minimum(X, b)', "min(X, b')"],
      ['jnp.maximum(x, y)', 'max(x, y)'],
    ]) {
      const a = readExpression(np, WHERE, 'numpy');
      const p = readExpression(plain, WHERE, 'plain');
      assert.ok(a.ok && p.ok, np);
      assert.equal(a.value.expr, p.value.expr, np);
    }
  });

});
