/**
 * A large sum (simplify/build.ts LARGE_SUM terms or more) that add() keeps whole as a term of another
 * sum is written flat by the math writers, as a textbook writes it: z + b₀ + … Its first term may be
 * negative: then it is subtracted, z − a + b₀ + …, not bracketed, z + (−a + b₀ + …); as the first
 * term it is flat too, −a + b₀ + … + z. Either way it reads back as the same sum. The plain syntax
 * keeps the brackets, z + (−a + b0 + …): its text reads back as the same node (write/text.ts), and a
 * flat text would read back as one flat sum, another node (write/deep.test.ts, simplify/largeSum.test.ts).
 */
import * as assert from 'node:assert/strict';
import { Expr, rawAdd, variable } from '../../../src/core/model/expr';
import { SCALAR } from '../../../src/core/model/shape';
import { LARGE_SUM, add, mul, neg, num } from '../../../src/core/simplify/build';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { readExpression } from '../../../src/core/read';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';

const v = (name: string): Expr => variable(name, SCALAR);
const bs = Array.from({ length: LARGE_SUM }, (_, i) => v(`b${i}`));
const where = ['a', 'z', ...bs.map((b) => b.name as string)].map((n) => `${n}: scalar`).join('; ');
const subscripts = '₀₁₂₃₄₅₆₇₈₉';
const uni = (i: number): string => `b${[...String(i)].map((d) => subscripts[Number(d)]).join('')}`;
const rest = bs.map((_, i) => uni(i)).join(' + ');
const latexRest = bs.map((_, i) => `b_{${i}}`).join(' + ');
const textRest = bs.map((b) => b.name as string).join(' + ');

/**
 * `e` in Unicode, LaTeX and plain text as expected; the math reads back to an expression of the same
 * value, the plain text to the same node.
 */
function writesAndReadsBack(e: Expr, unicode: string, latex: string, text: string): void {
  assert.equal(toUnicode(e), unicode);
  assert.equal(toLatex(e), latex);
  assert.equal(toText(e), text);
  const plain = readExpression(text, where, 'plain');
  assert.ok(plain.ok && plain.value.expr === e, `${text} reads back as the same node`);
  for (const [text, from] of [[unicode, 'unicode'], [latex, 'latex']] as const) {
    const back = readExpression(text, where, from);
    assert.ok(back.ok, back.ok ? '' : back.error.message);
    assert.ok(exprsEqualNumerically(back.value.expr, e, [v('a'), v('z'), ...bs]), `${text} reads back as ${toUnicode(back.value.expr)}`);
  }
}

describe('write: a large sum kept whole inside another sum is written flat', () => {
  it('its first term negative: z − a + b₀ + …, not z + (−a + b₀ + …)', () => {
    const large = add(neg(v('a')), ...bs);
    const e = add(v('z'), large);
    assert.equal(e.args.length, 2, 'the large sum is kept whole (simplify/build.ts largeSumKept)');
    writesAndReadsBack(e, `z − a + ${rest}`, `z - a + ${latexRest}`, `z + (-a + ${textRest})`);
  });

  it('its first term a negative multiple or number: z − 2a + b₀ + …, z − 3 + b₀ + …', () => {
    writesAndReadsBack(add(v('z'), add(mul(num(-2), v('a')), ...bs)), `z − 2a + ${rest}`, `z - 2a + ${latexRest}`, `z + (-2*a + ${textRest})`);
    writesAndReadsBack(add(v('z'), add(num(-3), ...bs)), `z − 3 + ${rest}`, `z - 3 + ${latexRest}`, `z + (-3 + ${textRest})`);
  });

  it('its first term positive: z + b₀ + … (as before)', () => {
    writesAndReadsBack(add(v('z'), add(...bs)), `z + ${rest}`, `z + ${latexRest}`, `z + (${textRest})`);
  });

  it('as the first term: b₀ + … + z, and −a + b₀ + … + z', () => {
    const first = (large: Expr): Expr => {
      const e = add(large, v('z'));
      assert.equal(e.args.length, 2, 'the large sum is kept whole');
      return e.args[0] === large ? e : rawAdd([large, v('z')]);
    };
    writesAndReadsBack(first(add(...bs)), `${rest} + z`, `${latexRest} + z`, `(${textRest}) + z`);
    writesAndReadsBack(first(add(neg(v('a')), ...bs)), `−a + ${rest} + z`, `-a + ${latexRest} + z`, `(-a + ${textRest}) + z`);
  });

  it('a chain of kept sums, each subtracted in the next: −3 − 2z₁ − z₀ − a + b₀ + … (each written once, from its terms)', () => {
    const z = [v('z0'), v('z1')];
    let e = add(neg(v('a')), ...bs);
    e = add(neg(z[0]), e);
    e = add(mul(num(-2), z[1]), e);
    e = add(num(-3), e);
    assert.equal(e.args.length, 2, 'kept whole at every level');
    const plainText = `-3 + (-2*z1 + (-z0 + (-a + ${textRest})))`;
    const chainWhere = `${where}; z0: scalar; z1: scalar`;
    assert.equal(toUnicode(e), `−3 − 2z₁ − z₀ − a + ${rest}`);
    assert.equal(toLatex(e), `-3 - 2z_{1} - z_{0} - a + ${latexRest}`);
    assert.equal(toText(e), plainText);
    for (const [text, from] of [[toUnicode(e), 'unicode'], [toLatex(e), 'latex'], [plainText, 'plain']] as const) {
      const back = readExpression(text, chainWhere, from);
      assert.ok(back.ok, back.ok ? '' : back.error.message);
      assert.ok(exprsEqualNumerically(back.value.expr, e, [v('a'), ...z, ...bs]), `${text} reads back as ${toUnicode(back.value.expr)}`);
    }
  });

  it('a sum of one, under a product, keeps its brackets: z + 2(−a + b₀ + …)', () => {
    const e = add(v('z'), mul(num(2), add(neg(v('a')), ...bs)));
    writesAndReadsBack(e, `z + 2(−a + ${rest})`, `z + 2(-a + ${latexRest})`, `z + 2*(-a + ${textRest})`);
  });
});
