/**
 * A variable the user declared and the expression does not use is still the user's name for their
 * own matrix: no part of the answer takes it. Before, `--where '…; P: matrix(N, k)'` made the answer
 * say `where P = softmax(Z, 2)` — P two things, and a named form that the same declarations refuse
 * to read back (name.binding: 'P' is declared as a variable).
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { isMatrix } from '../../../src/core/model/shape';

const WHERE = 'Z, Y, G: matrix(N, k); X: matrix(N, n); W: matrix(n, k)';

const CASES: readonly DeriveRequest[] = [
  { expr: 'sum((softmax(Z, 2) - Y) .* G)', wrt: ['Z'] },
  { expr: '-sum(Y .* log(softmax(X*W, 2)))/N', wrt: ['W'] },
  { expr: 'sum(softmax(Z, 2) .* G)', wrt: ['Z'], steps: true },
];

describe('a declared variable the expression does not use names nothing else in the answer', () => {
  for (const req of CASES) {
    it(`${req.expr} by ${req.wrt?.join(', ')}${req.steps ? ' with steps' : ''}`, () => {
      const without = derive({ ...req, where: WHERE });
      if (!without.ok) assert.fail(without.error.message);
      // Without P declared, the probabilities are called P, as a textbook does: the test below is not vacuous.
      const named = without.value.result.named;
      assert.ok(named?.definitions.some((d) => d.name === 'P'), `P named without the declaration: ${named?.text}`);

      const r = derive({ ...req, where: `${WHERE}; P: matrix(N, k)`, check: true });
      if (!r.ok) assert.fail(r.error.message);
      assert.equal(r.value.check?.passed, true);
      const names = [
        ...(r.value.result.named?.definitions.map((d) => d.name) ?? []),
        r.value.input.name?.text,
        ...(r.value.steps ?? []).flatMap((s) => [...(s.afterText ?? '').matchAll(/(^|,\s+)([A-Za-z][\w₀-₉]*) = /g)].map((m) => m[2])),
      ];
      assert.ok(!names.includes('P'), `P given to a part: ${names.join(', ')}`);
      // A matrix part gets a matrix letter (a capital), as the steps' matrices do: never u for the probabilities.
      for (const d of r.value.result.named?.definitions ?? []) {
        const part = readExpression(d.text, `${WHERE}; P: matrix(N, k)`, 'plain');
        assert.ok(part.ok, part.ok ? '' : part.error.message);
        if (isMatrix(part.value.expr.shape)) assert.ok(/^[A-Z]/.test(d.name), `the matrix ${d.text} is named ${d.name}`);
      }
      // The named form reads back with the user's declarations.
      const text = r.value.result.named?.text;
      if (text !== undefined) {
        const defs = (r.value.result.named?.definitions ?? []).map((d) => `${d.name} = ${d.text}`).join(', ');
        const back = derive({ expr: `${text} where ${defs}`, where: `${WHERE}; P: matrix(N, k)`, wrt: req.wrt });
        assert.ok(back.ok, back.ok ? '' : `${back.error.code}: ${back.error.message}`);
      }
    });
  }
});
