/**
 * A power of an inverse is written as the textbooks write it, a negative power: ∂ tr((XᵀX)⁻¹)/∂X is
 * −2(XᵀX)⁻²Xᵀ (numerator layout), not −2((XᵀX)⁻¹)²Xᵀ; ∂ tr((X + A)⁻¹)/∂X is −(X + A)⁻². Unicode M⁻ᵏ,
 * LaTeX M^{-k}; the plain text keeps inv(M)^k, as it writes the inverse inv(M). Every form reads
 * back, in its own notation and by detection, as the same expression (each reader reads M^-k as
 * the k-th power of the inverse), and the derivative passes the numerical check.
 */
import assert from 'node:assert/strict';
import type { Layout, Notation } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';

const CASES: readonly { expr: string; wrt: string; where: string; layout?: Layout; unicode: string; latex: string; text: string }[] = [
  {
    expr: "tr(inv(X'*X))", wrt: 'X', where: 'X: matrix(m, n)',
    unicode: '−2(XᵀX)⁻²Xᵀ', latex: '-2(X^{\\top}X)^{-2}X^{\\top}', text: "-2*inv(X'*X)^2*X'",
  },
  {
    expr: 'tr(inv(X + A))', wrt: 'X', where: 'X: matrix(n, n); A: matrix(n, n)',
    unicode: '−(X + A)⁻²', latex: '-(X + A)^{-2}', text: '-inv(X + A)^2',
  },
  {
    expr: 'tr(inv(A)^2)', wrt: 'A', where: 'A: matrix(n, n)',
    unicode: '−2A⁻³', latex: '-2A^{-3}', text: '-2*inv(A)^3',
  },
  {
    // A power of an inverse's transpose A⁻ᵀ keeps its brackets, (A⁻ᵀ)⁴ (the mixed layout's gradient).
    expr: 'tr(inv(A)^3)', wrt: 'A', where: 'A: matrix(n, n)', layout: 'mixed',
    unicode: '−3(A⁻ᵀ)⁴', latex: '-3(A^{-\\top})^{4}', text: "-3*(inv(A)')^4",
  },
];

describe('write: a power of an inverse is a negative power', () => {
  for (const c of CASES) {
    it(`∂ ${c.expr}/∂${c.wrt} is ${c.unicode}, and reads back`, () => {
      const r = derive({ expr: c.expr, wrt: [c.wrt], where: c.where, layout: c.layout, from: 'plain', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const res = r.value.result;
      assert.equal(res.unicode, c.unicode);
      assert.equal(res.latex, c.latex);
      assert.equal(res.text, c.text);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
      const plain = readExpression(res.text, c.where, 'plain');
      assert.ok(plain.ok, plain.ok ? '' : plain.error.message);
      for (const [written, notation] of [[res.unicode, 'unicode'], [res.latex, 'latex'], [res.text, 'plain']] as const) {
        for (const from of [notation, 'auto'] as (Notation | 'auto')[]) {
          const back = readExpression(written, c.where, from);
          assert.ok(back.ok, back.ok ? '' : `${from}: ${written}: ${back.error.message}`);
          assert.equal(back.value.expr, plain.value.expr, `${from}: ${written} reads back as the same expression`);
        }
      }
    });
  }
});
