/**
 * The LaTeX writer prints an array scaled by a fraction with the fraction first — sin(y)/6 as
 * `\frac{1}{6}\sin(\mathbf{y})`, y'(A + A')/6 (the derivative of y'Ay/6) as
 * `\frac{1}{6}\mathbf{y}^{\top}(A + A^{\top})` — and the reader built those as (1/6)·sin(y), a
 * different node that prints the same (the Unicode and text forms, sin(y)/6, read back as the node
 * itself). A leading `\frac{p}{q}` before the factors it scales now reads as the plain p*F/q (1 as p
 * left out): the node the text writer prints the same way, so each printed form of these answers
 * reads back to the very node (print → read → same node, the read-back fuzz's property without its
 * numerical fallback). The value is unchanged (q is a scalar: p·q⁻¹·F = p·F·q⁻¹); a \frac joined by
 * ⊙, ⊘ or a division keeps its place.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { evaluate, numericEnv } from '../../../src/core/numeric';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { readBackProblem } from '../../fuzz/readBack';
import { latex, latexIs, plain } from './helpers';

const WHERE = 'x: scalar; y: vector(n); A: matrix(n, n); a: scalar';

/** Every written form of `e` reads back by its own reader to `e` itself. */
function assertSameNodeBack(text: string, where = WHERE): void {
  const e = plain(text, where);
  const l = toLatex(e);
  assert.equal(latex(l, where), e, `${text}: LaTeX ${l} read as ${toText(latex(l, where))}`);
  for (const [notation, written] of [['latex', l], ['unicode', toUnicode(e)], ['plain', toText(e)]] as const) {
    assert.equal(readBackProblem(e, where, { form: 'tree', notation, text: written }, notation), undefined, `${text} as ${written}`);
  }
}

describe('notations/latex: \\frac{p}{q} before the factors it scales reads back as the node printed', () => {
  it('arrays scaled by a fraction (printed \\frac{1}{q}F, \\frac{p}{q}F)', () => {
    for (const text of ['sin(y)/6', "y'*(A + A')/6", "(y.^2)'/2", '2*sin(y)/6', 'y/3 + sin(y)/6', 'sin(y)/a', 'sin(x)/6']) {
      assertSameNodeBack(text);
    }
  });

  it('the derivatives that print so read back to themselves', () => {
    for (const [expr, wrt] of [['sum(sin(y))/6', 'y'], ["y'*A*y/6", 'y'], ['sum(y.^3)/6', 'y'], ['sum(cos(y))/a', 'y'], ["y'*A*y/(2*a)", 'A']] as const) {
      const r = derive({ expr, where: WHERE, wrt: [wrt] });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const e = plain(r.value.result.text, WHERE);
      const l = toLatex(e);
      assert.equal(latex(l, WHERE), e, `∂(${expr})/∂${wrt} = ${r.value.result.text}: LaTeX ${l} read as ${toText(latex(l, WHERE))}`);
    }
  });

  it('reads as p*F/q: the same value, the fraction in its place after ⊙ or a division', () => {
    latexIs('\\frac{1}{6}\\sin(\\mathbf{y})', 'sin(y)/6', WHERE);
    latexIs('\\frac{2}{3}\\mathbf{y}^\\top A', "2*y'*A/3", WHERE);
    latexIs('\\frac{1}{2}\\mathbf{y}^\\top A\\mathbf{y}', "y'*A*y/2", WHERE);
    latexIs('-\\frac{1}{a}A\\mathbf{y}', '-1*A*y/a', WHERE);
    latexIs('\\frac{1}{2}', '1/2', WHERE);
    latexIs('\\frac{1}{2} \\mathbf{y} \\odot \\mathbf{y}', '1/2*y .* y', WHERE);
    latexIs('\\frac{1}{2}A / a', '1/2*A/a', WHERE);
    const env = numericEnv({ n: 3 }, { y: [[0.5], [-1], [2]], A: [[1, 2, 0], [0, 1, 3], [2, 0, 1]], a: [[1.5]], x: [[0.3]] });
    const at = (e: ReturnType<typeof plain>): number => evaluate(e, env).get(0, 0);
    assert.ok(Math.abs(at(latex('\\frac{1}{2}\\mathbf{y}^\\top A\\mathbf{y}', WHERE)) - at(plain("1/2*y'*A*y", WHERE))) < 1e-12);
  });
});
