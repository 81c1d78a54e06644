/**
 * Part 1: the corpus (the derivation cases of test/corpus/*.json), each case through the public derive() — read,
 * differentiate, simplify, present, LaTeX and text — in-process and warm. Per case: the first call
 * (cold for that case), the median and p95 (wall and CPU) of its calls in 100 interleaved rounds of
 * the corpus (below: no call is answered from the core's memory of the one before), the median with the hash-consing
 * table emptied before each call ("fresh": every node is allocated anew, as for an expression
 * never seen; also interleaved, in rounds of its own), the result, and our own numerical check
 * (central differences, 3 random points).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measure, timeOnce } from '../lib/measure.mjs';
import { median, p95, quantile, round } from '../lib/stats.mjs';

export function loadCorpus(root) {
  const dir = path.join(root, 'test', 'corpus');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).map((c) => ({ ...c, file: f })))
    .filter((c) => typeof c.expr === 'string'); // derivation cases (notations.json holds other notations of them)
}

const requestOf = (c) => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order ?? 1, layout: c.layout });

export function runCorpus(core, root, { quick = false, log = () => {} } = {}) {
  const cases = loadCorpus(root);
  const first = new Map();
  for (const c of cases) first.set(c.id, timeOnce(() => core.derive(requestOf(c))).ms);
  // Warm the JIT on every path before timing any case.
  for (let round = 0; round < (quick ? 2 : 5); round++) for (const c of cases) core.derive(requestOf(c));

  // The timed calls, interleaved: each round asks every case once, in corpus order, so no call is
  // answered from what derive() remembers of the calls just before it (differentiate() keeps its last
  // few derivatives and present() their layouts, calculus/derive.ts RECENT_DERIVATIVES): the same
  // request repeated back to back was a lookup for those stages, and before 2026-12-06 the per-case
  // medians were timed that way (about 1.8x lower than the work; SymPy's side clears its cache).
  const requests = cases.map(requestOf);
  const rounds = quick ? 20 : 100;
  const wall = cases.map(() => []);
  const cpu = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < requests.length; i++) {
      const t = measure(() => core.derive(requests[i]), { warmup: 0, minReps: 1, maxReps: 1, budgetMs: 0 });
      wall[i].push(t.wallMs[0]);
      cpu[i].push(t.cpuMs[0]);
    }
  }

  // "Fresh": the same interleaved rounds with the hash-consing table emptied (untimed) before each
  // call. Until 2026-12-07 these calls were timed back to back (30–100 of one case in a row), which
  // measured the processor's caches warm from the repetition, not the empty table (docs/reliability.md §3.3).
  const freshRounds = quick ? 5 : 30;
  const fresh = cases.map(() => []);
  for (let r = 0; r < freshRounds; r++) {
    for (let i = 0; i < requests.length; i++) {
      const t = measure(() => core.derive(requests[i]), { warmup: 0, minReps: 1, maxReps: 1, budgetMs: 0, before: core.resetInternTable });
      fresh[i].push(t.wallMs[0]);
    }
  }

  const rows = [];
  const pooled = [];
  for (const [i, c] of cases.entries()) {
    const req = requests[i];
    const result = core.derive(req);
    const checked = core.derive({ ...req, check: true });
    pooled.push(...wall[i]);
    const ok = result.ok;
    rows.push({
      id: c.id,
      source: c.source,
      ok,
      result: ok ? result.value.result.text : undefined,
      error: ok ? undefined : result.error.message,
      checkPassed: checked.ok ? (checked.value.check?.passed ?? null) : false,
      checkMaxRelError: checked.ok ? round(checked.value.check?.maxRelError ?? NaN, 3) : null,
      firstMs: round(first.get(c.id)),
      medianMs: round(median(wall[i])),
      p95Ms: round(p95(wall[i])),
      cpuMedianMs: round(median(cpu[i])),
      freshMedianMs: round(median(fresh[i])),
      reps: wall[i].length,
    });
    log(`[corpus] ${c.id}: ${rows.at(-1).medianMs} ms`);
  }
  const medians = rows.map((r) => r.medianMs);
  return {
    cases: rows,
    summary: {
      cases: rows.length,
      derived: rows.filter((r) => r.ok).length,
      checkPassed: rows.filter((r) => r.checkPassed === true).length,
      medianOfMediansMs: round(median(medians)),
      p95OfMediansMs: round(p95(medians)),
      maxMedianMs: round(Math.max(...medians)),
      pooledMedianMs: round(median(pooled)),
      pooledP95Ms: round(p95(pooled)),
      pooledP99Ms: round(quantile(pooled, 0.99)),
      cpuMedianOfMediansMs: round(median(rows.map((r) => r.cpuMedianMs))),
      freshMedianOfMediansMs: round(median(rows.map((r) => r.freshMedianMs))),
      firstMedianMs: round(median(rows.map((r) => r.firstMs))),
      samplesPerCase: rounds,
      freshSamplesPerCase: freshRounds,
      interleaved: true,
    },
  };
}
