/**
 * `npm run fuzz`: the full-size robustness campaigns, with the figures docs/reliability.md quotes.
 *
 *   node out/test/fuzz/run.js [--readers N] [--properties N] [--seed S] [--only readers|one-reading|read-back|properties|deep|batch]
 *                             [--reader plain|latex|numpy] [--vocabulary input|internal] [--no-record]
 *
 * Defaults: 100,000 inputs per reader (plain, LaTeX, NumPy), 10,000 random expressions for the
 * derivative properties and for the read-back property (readBack.ts), and the pipeline on expressions 100,000 levels deep. A property failure is
 * shrunk and, when its plain-syntax form fails through derive() too, appended to
 * test/corpus/regressions.json (unless --no-record). Exit code 1 when anything fails.
 */
import type { Notation } from '../../src/core/index';
import { backpressure, closedStdout, distinctRequests, longLine, sigterm } from './batch';
import { DEEP_BUILDERS, deepPipeline } from './deep';
import type { Vocabulary } from './exprs';
import { describeCase, runProperties, type PropertyReport } from './properties';
import { fuzzReader, type ReaderFuzzReport } from './readers';
import { checkOneReading } from './oneReading';
import { checkReadBack } from './readBack';
import { appendRegression, regressionEntry, reproduces } from './regression';
import { REQUEST_TIME_LIMIT_MS, shortened } from './request';

interface Args {
  readers: number;
  properties: number;
  seed: number;
  only?: string;
  /** One reader only (the readers campaign runs plain, LaTeX and NumPy otherwise). */
  reader?: Notation;
  vocabulary: Vocabulary;
  record: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { readers: 100_000, properties: 10_000, seed: 20_251_127, vocabulary: 'input', record: true };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--readers': args.readers = Number(v); i++; break;
      case '--properties': args.properties = Number(v); i++; break;
      case '--seed': args.seed = Number(v); i++; break;
      case '--only': args.only = v; i++; break;
      case '--reader': args.reader = v as Notation; i++; break;
      case '--vocabulary': args.vocabulary = v === 'internal' ? 'internal' : 'input'; i++; break;
      case '--no-record': args.record = false; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return args;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function printReader(r: ReaderFuzzReport): void {
  const top = Object.entries(r.codes).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => `${c} ${fmt(n)}`).join(', ');
  console.log(`reader ${r.from}: ${fmt(r.runs)} inputs (unicode ${fmt(r.byKind.unicode)}, operator soup ${fmt(r.byKind.soup)}, mutations ${fmt(r.byKind.mutation)}), seed ${r.seed}`);
  console.log(`  derived ${fmt(r.derived)}, answered with a diagnostic ${fmt(r.runs - r.derived)}; most frequent codes: ${top}`);
  console.log(`  slowest request ${r.maxMs.toFixed(1)} ms of CPU time (limit ${REQUEST_TIME_LIMIT_MS} ms): ${shortened(r.slowest ?? '-')}`);
  console.log(`  total ${(r.totalMs / 1000).toFixed(1)} s`);
  if (r.failure) console.log(`  FAILED after ${r.failure.shrinks} shrinks: ${r.failure.problem.kind}: ${r.failure.problem.detail}\n  input: ${shortened(r.failure.input, 600)}`);
}

function printProperties(r: PropertyReport, record: boolean): void {
  const kinds = Object.entries(r.byWrtKind).map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
  console.log(`properties: ${fmt(r.runs)} random expressions, seed ${r.seed}; with respect to ${kinds}; second order ${fmt(r.secondOrder)}`);
  console.log(`  passed ${fmt(r.passed)}, inconclusive ${fmt(r.inconclusive)} ${JSON.stringify(r.inconclusiveReasons)}`);
  console.log(`  slowest case ${r.maxMs.toFixed(1)} ms; total ${(r.totalMs / 1000).toFixed(1)} s`);
  const f = r.failure;
  if (!f) return;
  const detail = f.verdict.kind === 'failed' ? `${f.verdict.property}: ${f.verdict.detail}` : f.verdict.kind;
  console.log(`  FAILED (fast-check shrinks ${f.shrinks}, then to the smallest failing subexpression): ${describeCase(f.c)}\n  ${shortened(detail, 600)}`);
  const entry = regressionEntry(f.c, `reg-property-${r.seed}-${f.seed}`);
  const why = reproduces(entry);
  console.log(`  as a request: ${shortened(JSON.stringify(entry), 600)}\n  through derive(): ${why ?? 'passes (not recorded)'}`);
  if (why && record) console.log(appendRegression(entry) ? '  appended to test/corpus/regressions.json' : '  not appended (already there, or it throws: report it)');
}

function runDeep(): boolean {
  let failed = false;
  for (const name of Object.keys(DEEP_BUILDERS)) {
    const t0 = performance.now();
    // differentiation of chains other than sums is quadratic in their depth: 100,000 only for sums
    const depth = 100_000;
    const r = deepPipeline(name, depth, { differentiate: name === 'sum' });
    const r2 = name === 'sum' ? undefined : deepPipeline(name, 3_000, { differentiate: true });
    const threw = [...r.threw, ...(r2?.threw ?? []).map((t) => `(depth 3,000) ${t}`)];
    failed ||= threw.length > 0;
    const stages = r.stages.join(', ') + (r2 ? '; differentiate, present, toNumpy at depth 3,000' : '');
    console.log(`deep ${name}: depth ${fmt(depth)}: ${stages}: ${threw.length === 0 ? 'no stack overflow' : threw.join('; ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return failed;
}

/** The batch protocol's load probes at full size (test/fuzz/batch.ts); false when one failed. */
async function runBatchProbes(): Promise<boolean> {
  const probes: [string, () => Promise<unknown>][] = [
    ['600 MB line then a request', () => longLine(600)],
    ['backpressure, 200,000 requests of 1 KB', () => backpressure(200_000)],
    ['closed stdout after the first of 100,000 requests', () => closedStdout(100_000)],
    ['SIGTERM during 200,000 requests', () => sigterm(200_000)],
    ['1,000,000 distinct requests (peak RSS at most 300 MB)', () => distinctRequests(1_000_000, 300)],
  ];
  let failed = false;
  for (const [name, probe] of probes) {
    const t0 = performance.now();
    try {
      const r = await probe();
      console.log(`batch ${name}: passed ${JSON.stringify(r)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed = true;
      console.log(`batch ${name}: FAILED ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return failed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let failed = false;
  if (args.only === undefined || args.only === 'readers') {
    for (const from of (['plain', 'latex', 'numpy'] as Notation[]).filter((r) => args.reader === undefined || r === args.reader)) {
      const r = fuzzReader(from, { runs: args.readers, seed: args.seed });
      printReader(r);
      failed ||= r.failure !== undefined;
    }
  }
  if (args.only === undefined || args.only === 'readers' || args.only === 'one-reading') {
    // Issue 12: auto answers as the reader it announces, never after that reader failed.
    const r = checkOneReading(Math.max(10_000, Math.floor(args.readers / 10)), args.seed);
    console.log(`one reading: ${r.runs.toLocaleString('en-US')} inputs, auto answered as the announced reader${r.failure ? `: FAILED ${r.failure}` : ' every time'}`);
    failed ||= r.failure !== undefined;
  }
  if (args.only === undefined || args.only === 'read-back') {
    // Issue 12: every form the product writes (text, Unicode, LaTeX; tree, named, binding) reads back.
    const r = checkReadBack(args.properties, args.seed);
    const forms = Object.entries(r.forms).map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
    console.log(`read back: ${fmt(r.runs)} random expressions, seed ${r.seed}: ${fmt(r.readings)} readings (explicit reader and auto) of ${forms}; ${(r.totalMs / 1000).toFixed(1)} s`);
    if (r.failure) console.log(`  FAILED (shrunk ${r.failure.shrinks} times, then to the smallest failing subexpression): ${describeCase(r.failure.c)}\n  ${r.failure.problem}`);
    failed ||= r.failure !== undefined;
  }
  if (args.only === undefined || args.only === 'properties') {
    const r = runProperties({ runs: args.properties, seed: args.seed, vocabulary: args.vocabulary });
    printProperties(r, args.record);
    failed ||= r.failure !== undefined;
  }
  if (args.only === undefined || args.only === 'deep') failed = runDeep() || failed;
  if (args.only === undefined || args.only === 'batch') failed = (await runBatchProbes()) || failed;
  return failed ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
