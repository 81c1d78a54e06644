/**
 * A sum of a term and itself is printed once, times 2. The Rayleigh quotient xᵀSx/(xᵀx) of a symmetric S
 * printed xᵀ(S/(xᵀx) − (xᵀSx)I/(xᵀx)²) + xᵀ(S/(xᵀx) − (xᵀSx)I/(xᵀx)²), and its other form "u + u where
 * u = …": the product rule's two terms, Mx and (xᵀM)ᵀ, become the same term only when the layout's transpose
 * is pushed into the sum (tidy), after factoring. Each result is the textbook form (numerically) within the
 * readability budget, passes its numerical check, and no result, other form or step repeats a term.
 */
import assert from 'node:assert/strict';
import { checkEquality, derive, namedForms, type Layout } from '../../../src/core/index';

/** Tokens of the plain syntax (as readability.test.ts counts them, without loading its corpus suites). */
const tokens = (text: string): string[] => text.match(/[A-Za-z_]\w*|\d+(?:\.\d+)?|\S/g) ?? [];

const WHERE = 'x: vector(n); S: matrix(n, n) symmetric; c: scalar';

/** `a + a` at the top of a printed sum (the whole text, or a named form's body). */
const repeated = (text: string): boolean => {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0 && text.startsWith(' + ', i)) {
      parts.push(text.slice(from, i));
      from = i + 3;
    }
  }
  parts.push(text.slice(from));
  return new Set(parts).size < parts.length;
};

describe('present: a term added to itself is printed once, times 2', () => {
  const cases: readonly [string, string, Layout][] = [
    ["x'*S*x/(x'*x)", "2*x'*(S/(x'*x) - (x'*S*x)*eye(n)/(x'*x)^2)", 'numerator'],
    ["x'*S*x/(x'*x)", "2*(S/(x'*x) - (x'*S*x)*eye(n)/(x'*x)^2)*x", 'denominator'],
    ["x'*S*x*(x'*x)", "2*(x'*x)*x'*S + 2*(x'*S*x)*x'", 'numerator'],
    ["(x'*S*x)^2*c", "4*c*(x'*S*x)*x'*S", 'numerator'],
  ];
  for (const [expr, textbook, layout] of cases) {
    it(`${expr} (${layout})`, () => {
      const r = derive({ expr, wrt: ['x'], where: WHERE, layout, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
      const printed = r.value.result.text;
      assert.ok(!repeated(printed) && !repeated(r.value.result.unicode ?? ''), `${expr}: ${printed} repeats a term`);
      const same = checkEquality({ left: printed, right: textbook, where: WHERE });
      assert.ok(same.ok && same.value.verdict === 'correct', `${expr}: ${printed} is not ${textbook}`);
      assert.ok(tokens(printed).length <= tokens(textbook).length + 2, `${expr}: ${printed} is longer than ${textbook}`);
      const named = r.value.result.named;
      if (named) assert.ok(!repeated(namedForms(named).text.split(' where ')[0]), `${expr}: named form ${namedForms(named).text}`);
    });
  }
});
