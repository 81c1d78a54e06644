/**
 * The plain syntax reads an undeclared x as a scalar when its use requires one, `x^2` (a vector has
 * no ^ power). That made a transposed vector letter a scalar too and dropped its transpose:
 * `x'*x^2` read as x³ (the LaTeX `x^\top x^2` and Unicode `xᵀx²` are refused since 2e98d0c). A letter
 * that is a vector by its convention (h–z) and that the text transposes is not made a scalar by a
 * power: the text is refused (`shape.power`, at the power) with what to write; a declared x, or a
 * letter that is a scalar by its convention, reads as before.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { derive } from '../../../src/core/index';
import { toText } from '../../../src/core/write';
import { assertError, refusedAs } from '../notations/helpers';

describe('syntax/plain: a transposed vector letter is not made a scalar by a power', () => {
  it("refuses x'*x^2 and the like at the power, naming the transposed letter and the spellings", () => {
    for (const [text, power] of [
      ["x'*x^2", 'x^2'],
      ["x^2*x'", 'x^2'],
      ["x'*A*x^3", 'x^3'],
      ["(x')*y + x^2", 'x^2'],
      ["sin(x^2) + x'*y", 'x^2'],
    ] as const) {
      for (const from of ['plain', 'auto'] as const) {
        const d = refusedAs(text, from);
        assertError(d, 'shape.power', power, text, 'x is transposed');
        assert.ok(d.message.includes("x'*x") && d.message.includes('x.^'), `${text}: ${d.message}`);
      }
    }
  });

  it('reads a declared scalar x, scalar letters, and powers of untransposed letters as before', () => {
    for (const [text, where, plain] of [
      ["x'*x^2", 'x: scalar', "x'*x^2"],
      ["a'*a^2", undefined, "a'*a^2"],
      ['x^2 + y', undefined, 'x^2 + y'],
      ["x'*A*x", undefined, "x'*A*x"],
      ["(x^2)'*y", undefined, "(x^2)'*y"],
    ] as const) {
      const r = readExpression(text, where, 'plain');
      assert.ok(r.ok, r.ok ? '' : `${text}: ${r.error.code}: ${r.error.message}`);
      assert.equal(toText(r.value.expr), plain, text);
    }
  });

  it('the spellings it suggests read and differentiate (central differences)', () => {
    for (const expr of ["x'*x.^2", "norm2(x)^2*sum(x)", "(x'*x)*sum(x)"]) {
      const r = derive({ expr, wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.message}`);
      assert.ok(r.value.check?.passed, expr);
    }
  });
});
