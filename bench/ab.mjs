#!/usr/bin/env node
/**
 * Paired A/B of the core between two git revisions, for speed work (issue 17): every corpus request
 * is answered by derive() and serialized as the batch answers it (JSON.stringify), under A and
 * under B back to back — alternating which goes first — `--rounds` times; per case the median of
 * each. Reports the median case's ratio B/A and the ratio of the sums of the case medians, and
 * checks that A and B answer every request identically. Pairing keeps the ratio meaningful on a
 * shared machine, whose load moves absolute times severalfold from one minute to the next.
 *
 *   node bench/ab.mjs REV_A [REV_B] [--rounds N] [--cpu]    (REV_B: the working tree when omitted; --cpu: CPU time)
 */
import { ROOT } from './lib/build.mjs';
import { loadCorpus } from './parts/corpus.mjs';
import { pairedArgs, pairedCores, pairedTimes } from './lib/paired.mjs';

const { revA, revB, rounds, cpu } = pairedArgs('node bench/ab.mjs REV_A [REV_B] [--rounds N]', 10);
const { A, B } = await pairedCores(revA, revB, 'ab');
const requests = loadCorpus(ROOT).map((c) => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order ?? 1, layout: c.layout }));
const answer = (core, q) => JSON.stringify(core.derive(q));
const differ = requests.filter((q) => answer(A, q) !== answer(B, q));
for (let r = 0; r < 2; r++) for (const core of [A, B]) for (const q of requests) answer(core, q); // warm-up
const t = pairedTimes(requests.length, (i) => answer(A, requests[i]), (i) => answer(B, requests[i]), rounds, { cpu });
console.log(JSON.stringify({
  a: revA,
  b: revB ?? 'working tree',
  cases: requests.length,
  rounds,
  clock: cpu ? 'cpu' : 'wall',
  answersDiffering: differ.length,
  medianCaseMs: t.medianCaseMs,
  medianCaseRatio: t.medianCaseRatio,
  sumRatio: t.sumRatio,
}));
