#!/usr/bin/env node
/**
 * Paired A/B of the writing alone (issue 17): for every corpus request, read and differentiated once
 * per revision, renderDerivative() — every form derive() writes: the input and the result in text,
 * LaTeX and Unicode, the piecewise, named and block forms, the equation — under A and under B back
 * to back (alternating which goes first), `--rounds` times; per case the median of each. present()
 * is remembered per derivative, so after the first call this times the writing. Reports the median
 * case's ratio B/A and the ratio of the sums of the case medians, and checks that A and B write every
 * request identically. As bench/ab.mjs, but without reading, differentiating and presenting.
 *
 *   node bench/write-ab.mjs REV_A [REV_B] [--rounds N] [--cpu]    (REV_B: the working tree when omitted; --cpu: CPU time)
 */
import { ROOT } from './lib/build.mjs';
import { loadCorpus } from './parts/corpus.mjs';
import { pairedArgs, pairedCores, pairedTimes } from './lib/paired.mjs';

const { revA, revB, rounds, cpu } = pairedArgs('node bench/write-ab.mjs REV_A [REV_B] [--rounds N]', 30);
const { A, B } = await pairedCores(revA, revB, 'write-ab');
const requests = loadCorpus(ROOT).map((c) => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order ?? 1, layout: c.layout ?? 'numerator' }));
/** Each request read and differentiated by one revision's core (undefined: it has no derivative). */
const differentiated = (core) =>
  requests.map((q) => {
    const p = core.prepare(q);
    if (!p.ok) return undefined;
    try {
      return { f: p.value.f, d: core.differentiate(p.value.f, p.value.wrt, q.order), layout: q.layout };
    } catch {
      return undefined;
    }
  });
const da = differentiated(A);
const db = differentiated(B);
const cases = requests.map((_, i) => i).filter((i) => da[i] !== undefined && db[i] !== undefined);
const written = (core, x) => {
  const r = core.renderDerivative(x.f, x.d, x.layout);
  return JSON.stringify([r.input, r.result, r.equationLatex]);
};
const differ = cases.filter((i) => written(A, da[i]) !== written(B, db[i]));
// Warm-up.
for (let r = 0; r < 3; r++) {
  for (const i of cases) {
    written(A, da[i]);
    written(B, db[i]);
  }
}
const t = pairedTimes(cases.length, (k) => written(A, da[cases[k]]), (k) => written(B, db[cases[k]]), rounds, { cpu });
console.log(JSON.stringify({ a: revA, b: revB ?? 'working tree', cases: cases.length, rounds, clock: cpu ? 'cpu' : 'wall', writtenDiffering: differ.length, ...t }));
