#!/usr/bin/env node
/**
 * Paired A/B of the core between two git revisions, for speed work (issue 17): every corpus request
 * is answered by derive() and serialized as the batch answers it (JSON.stringify), under A and
 * under B back to back — alternating which goes first — `--rounds` times; per case the median of
 * each. Reports the median case's ratio B/A and the ratio of the sums of the case medians, and
 * checks that A and B answer every request identically. Pairing keeps the ratio meaningful on a
 * shared machine, whose load moves absolute times severalfold from one minute to the next.
 *
 *   node bench/ab.mjs REV_A [REV_B] [--rounds N]    (REV_B: the working tree when omitted)
 */
import * as fs from 'node:fs';
import { buildCore, ROOT } from './lib/build.mjs';
import { loadCorpus } from './parts/corpus.mjs';
import { median, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 10;
const [revA, revB] = args;
if (!revA || !(rounds > 0)) {
  process.stderr.write('usage: node bench/ab.mjs REV_A [REV_B] [--rounds N]\n');
  process.exit(2);
}
// Bundles named by this process (another A/B may be running in the shared cache), removed once loaded.
const bundles = [await buildCore(revA, `ab-a-${process.pid}.mjs`), await buildCore(revB, `ab-b-${process.pid}.mjs`)];
const A = await import(bundles[0]);
const B = await import(bundles[1]);
for (const b of bundles) fs.rmSync(b, { force: true });
const requests = loadCorpus(ROOT).map((c) => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order ?? 1, layout: c.layout }));
const answer = (core, q) => JSON.stringify(core.derive(q));
const differ = requests.filter((q) => answer(A, q) !== answer(B, q));
for (let r = 0; r < 2; r++) for (const core of [A, B]) for (const q of requests) answer(core, q); // warm-up
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const time = (core, q) => {
  const t0 = nowMs();
  answer(core, q);
  return nowMs() - t0;
};
const ta = requests.map(() => []);
const tb = requests.map(() => []);
for (let r = 0; r < rounds; r++) {
  requests.forEach((q, i) => {
    if ((r + i) % 2 === 0) {
      ta[i].push(time(A, q));
      tb[i].push(time(B, q));
    } else {
      tb[i].push(time(B, q));
      ta[i].push(time(A, q));
    }
  });
}
const ma = ta.map(median);
const mb = tb.map(median);
const sum = (xs) => xs.reduce((a, x) => a + x, 0);
console.log(JSON.stringify({
  a: revA,
  b: revB ?? 'working tree',
  cases: requests.length,
  rounds,
  answersDiffering: differ.length,
  medianCaseMs: { a: round(median(ma)), b: round(median(mb)) },
  medianCaseRatio: round(median(ma.map((a, i) => mb[i] / a)), 3),
  sumRatio: round(sum(mb) / sum(ma), 3),
}));
