/**
 * The name a left side gives the function (ReadResult.functionName, present/functionName.ts), in
 * every reader that accepts a left side: `L = …` names the function L in LaTeX and Unicode as in the
 * plain syntax. A left side that is not one name (`(AB)_{ik}`, a function such as \sigma) names
 * nothing, and the expression reads as before.
 */
import * as assert from 'node:assert/strict';
import type { Notation } from '../../../src/core/api';
import { readExpression } from '../../../src/core/read';

const NAMED: ReadonlyArray<readonly [Notation, string, string]> = [
  ['plain', 'L = norm2(X*w - y)^2', 'L'],
  ['latex', String.raw`L = \|X\mathbf{w} - \mathbf{y}\|^2`, 'L'],
  ['latex', String.raw`\mathcal{L}(\mathbf{w}) := \|X\mathbf{w} - \mathbf{y}\|^2`, 'L'],
  ['latex', String.raw`f(\mathbf{x}) = \mathbf{x}^\top A \mathbf{x}`, 'f'],
  ['latex', String.raw`\ell = \log(1 + \exp(-y \mathbf{w}^\top \mathbf{x}))`, 'ell'],
  ['latex', String.raw`J_{1} \coloneqq \mathbf{x}^\top A \mathbf{x}`, 'J1'],
  ['latex', String.raw`y_{ik} = \sum_j A_{ij} B_{jk}`, 'y'],
  ['unicode', 'L = ‖Xw − y‖²', 'L'],
  ['unicode', 'f(w) = ‖Xw − y‖²', 'f'],
];

const UNNAMED: ReadonlyArray<readonly [Notation, string]> = [
  ['latex', String.raw`\|X\mathbf{w} - \mathbf{y}\|^2`],
  ['latex', String.raw`(AB)_{ik} = \sum_j A_{ij} B_{jk}`],
  ['unicode', '‖Xw − y‖²'],
];

describe('a left side names the function in every reader', () => {
  for (const [from, text, name] of NAMED) {
    it(`${from}: ${text} names it ${name}`, () => {
      const r = readExpression(text, undefined, from);
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.functionName, name);
      // The left side is not a variable of the expression.
      assert.ok(!r.value.variables.some((v) => v.name === name), r.value.variables.map((v) => v.name).join(', '));
    });
  }
  for (const [from, text] of UNNAMED) {
    it(`${from}: ${text} names nothing`, () => {
      const r = readExpression(text, undefined, from);
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.functionName, undefined);
    });
  }
});
