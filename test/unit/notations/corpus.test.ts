/**
 * Every corpus case (test/corpus: Parr & Howard, the Matrix Cookbook, machine learning) is also
 * written in LaTeX and in NumPy (test/corpus/notations.json). Each form must read as the same
 * expression as the plain one (hash-consing: the same object) unless the case says it is written
 * with another structure, and must in every case give the same derivative from derive().
 */
import assert from 'node:assert/strict';
import type { DeriveRequest } from '../../../src/core/api';
import { derive } from '../../../src/core/service';
import { readPlain } from '../../../src/core/syntax';
import { readLatex } from '../../../src/core/syntax/latex';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { corpus, notationCases, value } from './helpers';

const cases = corpus();
const notations = notationCases();

describe('notations/corpus: every corpus case in LaTeX and NumPy', () => {
  it('covers every Parr & Howard case and at least 60 cases in all', () => {
    assert.ok(notations.length >= 60, `${notations.length} cases`);
    const ids = new Set(notations.map((n) => n.id));
    for (const c of cases.filter((c) => c.id.startsWith('ph-'))) assert.ok(ids.has(c.id), `${c.id} has no LaTeX/NumPy form`);
    for (const n of notations) assert.ok(cases.some((c) => c.id === n.id), `${n.id} is not a corpus case`);
  });

  for (const n of notations) {
    const c = cases.find((x) => x.id === n.id);
    if (!c) continue;
    const where = n.where ?? c.where;
    describe(`${n.id}: ${c.expr}`, () => {
      const forms = [
        { from: 'latex', text: n.latex, same: n.latexSameExpr !== false, rename: {} as Record<string, string> },
        { from: 'numpy', text: n.numpy, same: n.numpySameExpr !== false, rename: (n.numpyNames ?? {}) as Record<string, string> },
      ] as const;
      for (const form of forms) {
        it(`${form.from}: ${form.text.replace(/\n/g, ' ⏎ ')}`, () => {
          const expected = value(readPlain(c.expr, where), `plain ${c.expr}`).expr;
          const read = value(form.from === 'latex' ? readLatex(form.text, where) : readNumpy(form.text, where), form.text).expr;
          if (form.same) assert.equal(toText(read), toText(expected), 'reads as the plain expression');
          if (form.same) assert.ok(read === expected, 'the same (hash-consed) expression');
          else assert.notEqual(read, expected, 'marked as written with another structure, so it should differ');
          const req: DeriveRequest = { expr: c.expr, where, wrt: c.wrt, order: c.order, layout: c.layout };
          const plainResult = value(derive({ ...req, from: 'plain' }), 'derive plain');
          const formResult = value(derive({ ...req, expr: form.text, from: form.from }), `derive ${form.from}`);
          let text = formResult.result.text;
          let latex = formResult.result.latex;
          for (const [from, to] of Object.entries(form.rename)) {
            text = text.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
            latex = latex.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
          }
          assert.equal(text, plainResult.result.text, 'the same derivative');
          if (Object.keys(form.rename).length === 0) assert.equal(latex, plainResult.result.latex, 'the same derivative (LaTeX)');
          assert.equal(formResult.result.shape, plainResult.result.shape);
          assert.deepEqual(formResult.wrt, plainResult.wrt);
        });
      }
    });
  }
});
