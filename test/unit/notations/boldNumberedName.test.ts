/**
 * A numbered name in a bold typeface, 𝐱1 or 𝐖12: Unicode math reads Latin letters followed by digits
 * as one name (x1, W12, as the writers print x1 beside a vector x), but in bold it read as the letters
 * times the number, 𝐱·1, so 𝐱1ᵀ𝐱 was a shape error and 2𝐱1 + x was 2x + x. Now a run of letters in one
 * typeface followed by digits is one name there too, bold as its letters are (\mathbf{x1}); a change of
 * typeface inside a word (A𝐱1) separates names, as it separates letters (A𝐱 is A·𝐱).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { toText } from '../../../src/core/write';
import { plain, readAs } from './helpers';
import { readBackProblem } from '../../fuzz/readBack';

describe('notations: a bold numbered name 𝐱1 is the name x1 in Unicode math', () => {
  it('reads 𝐱1, 𝐖12 and the bold italic 𝒙1 as one name, explicitly and by auto', () => {
    for (const from of ['unicode', 'auto'] as const) {
      for (const [text, expected, where] of [
        ['𝐱1', 'x1', 'x: vector(n)'],
        ['𝐱1 + 𝐱', 'x1 + x', 'x: vector(n)'],
        ['𝐱1ᵀ𝐱', "x1'*x", 'x: vector(n); x1: vector(n)'],
        ['2𝐱1 + 𝐱', '2*x1 + x', 'x: vector(n); x1: vector(n)'],
        ['𝐖12 𝐱', 'W12*x', 'x: vector(n); W12: matrix(m, n)'],
        ['𝒙1ᵀ𝒙', "x1'*x", 'x: vector(n); x1: vector(n)'],
        ['A𝐱1', 'A*x1', 'x1: vector(n); A: matrix(m, n)'],
        ['𝐱₁ + 𝐲', 'entry(x, 1, 1) + y', 'x: vector(n); y: scalar'],
      ] as const) {
        assert.equal(toText(readAs(text, from, where)), toText(plain(expected, where)), `${text} (${from})`);
      }
    }
  });

  it('reads 𝐱1 undeclared as a vector x1 (bold), not x times 1', () => {
    const r = derive({ expr: '𝐱1ᵀ𝐱', wrt: ['x1'], from: 'unicode', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.input.text, "x1'*x");
    assert.ok(r.value.check?.passed, `${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
  });

  it('what the writers print for x1 beside a vector x reads back in every notation', () => {
    const where = 'x: vector(n); x1: vector(n); A: matrix(n, n)';
    const r = derive({ expr: "x1'*A*x + sum(x1)", wrt: ['x1'], where, from: 'plain', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.check?.passed);
    for (const rendered of [r.value.input, r.value.result]) {
      const e = plain(rendered.text, where);
      for (const [notation, written] of [['plain', rendered.text], ['latex', rendered.latex], ['unicode', rendered.unicode ?? '']] as const) {
        for (const from of [notation, 'auto'] as const) {
          assert.equal(readBackProblem(e, where, { form: 'tree', notation, text: written }, from), undefined, `${written} (${from})`);
        }
      }
    }
  });
});
