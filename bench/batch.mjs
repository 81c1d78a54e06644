#!/usr/bin/env node
/**
 * The batch latency figures of the cli part alone (bench/parts/cli.mjs), for speed work on the batch
 * (issue 17) without the rest of that part (MLP, throughput, 1,000,000 distinct requests): the corpus
 * requests one at a time through `node dist/cli.js batch`, each computed (not answered from memory),
 * after one warm-up round and again after `--warm` more rounds in the same process — the rows
 * "batch request, one at a time" and "the same, after N rounds" of docs/benchmarks.md §4. Builds
 * dist/ first (unless --no-build). Prints one JSON line.
 *
 *   node bench/batch.mjs [--rounds 5] [--warm 20] [--no-build]
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lib/build.mjs';
import { loadCorpus } from './parts/corpus.mjs';
import { fresh, latency, requestOf } from './parts/cli.mjs';
import { median, p95, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rounds = option('--rounds', 5);
const warm = option('--warm', 20);
if (!args.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}
const requests = loadCorpus(ROOT).map(requestOf);
const loadBefore = os.loadavg().map((x) => round(x, 2));
const r = await latency(path.join(ROOT, 'dist', 'cli.js'), (k) => requests.map((q) => fresh(q, k)), rounds, undefined, { warm });
const figure = (m) => ({ requests: m.ms.length, medianMs: round(median(m.ms), 4), p95Ms: round(p95(m.ms), 3), cpuMeanMs: m.cpuMeanMs });
console.log(JSON.stringify({ rounds, first: figure(r), afterRounds: 1 + rounds + warm, warm: figure(r.warm), loadBefore, loadAfter: os.loadavg().map((x) => round(x, 2)) }));
