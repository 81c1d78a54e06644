/**
 * Everything the product prints reads back (issue 12): for every corpus case, the input and the
 * presented derivative, written as plain text, Unicode and LaTeX, read back — by the explicit
 * reader and by `from: 'auto'` — to an expression numerically equal to what was written (or the
 * same one structurally, after the normalization of ./normalize.ts).
 */
import assert from 'node:assert/strict';
import type { Notation } from '../../../src/core/api';
import type { Expr } from '../../../src/core/model/expr';
import { differentiate } from '../../../src/core/calculus/derive';
import { compareNumerically } from '../../../src/core/numeric/equal';
import { readExpression } from '../../../src/core/read';
import { present } from '../../../src/core/service';
import { readPlain } from '../../../src/core/syntax';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { corpus, value } from './helpers';
import { postorder } from '../../../src/core/model/expr';
import { normalize, sameUpToDimensions } from './normalize';

function dimensionsOf(e: Expr): Set<string> {
  const out = new Set<string>();
  for (const n of postorder(e)) for (const d of [n.shape.rows, n.shape.cols]) if (typeof d === 'string') for (const p of d.split('·')) out.add(p);
  return out;
}

const WRITERS: readonly { notation: Notation; write: (e: Expr) => string }[] = [
  { notation: 'plain', write: toText },
  { notation: 'unicode', write: toUnicode },
  { notation: 'latex', write: toLatex },
];

/** Why `written` does not read back as e (undefined when it does). */
export function readBackProblem(e: Expr, where: string, notation: Notation, written: string, from: Notation | 'auto'): string | undefined {
  const read = readExpression(written, where, from);
  if (!read.ok) return `${from}: ${written}: ${read.error.code}: ${read.error.message}`;
  const r = read.value.expr;
  if (r === e || normalize(r) === normalize(e)) return undefined;
  // Only a size the text leaves open (a lone I or 𝟏) may come back with another name.
  const open = new Set([...dimensionsOf(r)].filter((d) => !dimensionsOf(e).has(d)));
  if (open.size > 0 && sameUpToDimensions(normalize(e), normalize(r), open)) return undefined;
  const vars = [...read.value.variables];
  const report = compareNumerically(e, r, vars, { samples: 3 });
  if (report.equal) return undefined;
  return `${from} (${notation} → read as ${read.value.notation}): ${written} reads as ${toText(r)}: ${report.diagnostic?.message ?? `max relative error ${report.maxRelError}`}`;
}

describe('notations/readback: the text, Unicode and LaTeX of every corpus result read back', () => {
  const failures: string[] = [];
  let checked = 0;
  for (const c of corpus()) {
    it(`${c.id}: ${c.expr}`, () => {
      const read = value(readPlain(c.expr, c.where), c.expr);
      const wrt = c.wrt.map((w) => [...read.variables, ...read.unused].find((v) => v.name === w) as Expr);
      const shown = present(differentiate(read.expr, wrt, c.order), c.layout);
      const problems: string[] = [];
      for (const e of [read.expr, shown]) {
        for (const w of WRITERS) {
          const written = w.write(e);
          for (const from of [w.notation, 'auto'] as const) {
            checked++;
            const p = readBackProblem(e, c.where, w.notation, written, from);
            if (p) problems.push(p);
          }
        }
      }
      failures.push(...problems.map((p) => `${c.id}: ${p}`));
      assert.deepEqual(problems, []);
    });
  }
  after(() => {
    if (failures.length > 0) console.log(`readback: ${failures.length} of ${checked} failed`);
  });
});
