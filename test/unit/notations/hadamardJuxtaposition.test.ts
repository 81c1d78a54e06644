/**
 * `A ⊙ BC` (LaTeX `A \odot B C`) was read as (A ⊙ B)C — ⊙ and juxtaposition in one tier, left to
 * right — while on the page juxtaposition looks tighter, and a student writing backpropagation's
 * σ'(z) ⊙ Wᵀδ means σ'(z) ⊙ (Wᵀδ). For square matrices both readings are shape-correct and differ, so
 * no numeric check can catch the wrong one: refused, with the span from the ⊙ to the juxtaposed
 * factor. Bracketed, each reading is read as written (and is what the writers print).
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

const WHERE = 'A: matrix(n, n); B: matrix(n, n); C: matrix(n, n); x: vector(n); y: vector(n)';

function refused(expr: string, from: 'latex' | 'unicode', start: number, end: number): void {
  const r = derive({ expr, wrt: ['A'], where: WHERE, from });
  assert.ok(!r.ok, `${expr}: expected an error`);
  assert.equal(r.error.code, 'parse.ambiguous-product', `${expr}: ${r.error.message}`);
  assert.deepEqual([r.error.start, r.error.end], [start, end], expr);
  assert.match(r.error.message, /A ⊙ \(BC\) or \(A ⊙ B\)C/);
}

function readAs(expr: string, from: 'latex' | 'unicode', text: string): void {
  const r = derive({ expr, wrt: ['A'], where: WHERE, from });
  assert.ok(r.ok, `${expr}: ${r.ok ? '' : r.error.message}`);
  assert.equal(r.value.input.text, text, expr);
}

describe('notations: juxtaposition after ⊙ or ⊘ is refused, never read as (A ⊙ B)C', () => {
  it('refuses A ⊙ BC and A ⊘ BC in Unicode math, at the ⊙ through the juxtaposed factor', () => {
    refused('A ⊙ BC', 'unicode', 2, 6);
    refused('A ⊘ B C', 'unicode', 2, 7);
    refused('sum(A ⊙ Bx)', 'unicode', 6, 10);
  });

  it('refuses A \\odot B C and A \\oslash BC in LaTeX', () => {
    refused('A \\odot B C', 'latex', 2, 11);
    refused('\\mathbf{x}^\\top (A \\oslash B C) \\mathbf{y}', 'latex', 19, 30);
  });

  it('reads each bracketed form as written, and ⊙ after a juxtaposed product as before', () => {
    readAs('A ⊙ (BC)', 'unicode', 'A .* (B*C)');
    readAs('(A ⊙ B)C', 'unicode', '(A .* B)*C');
    readAs('BC ⊙ A', 'unicode', '(B*C) .* A');
    readAs('A \\odot (B C)', 'latex', 'A .* (B*C)');
    readAs('A \\odot B \\odot C', 'latex', 'A .* B .* C');
    readAs('A \\odot B + C', 'latex', 'A .* B + C');
  });

  it('what the writers print for both trees reads back to the same tree', () => {
    for (const expr of ['(A .* B)*C', 'A .* (B*C)', '(A ./ B)*C', "x'*(A .* B)*y"]) {
      const r = derive({ expr, wrt: ['A'], where: WHERE, from: 'plain' });
      assert.ok(r.ok);
      const { unicode, latex } = r.value.input;
      assert.ok(unicode !== undefined && latex !== undefined);
      readAs(unicode, 'unicode', expr);
      readAs(latex, 'latex', expr);
    }
  });
});
