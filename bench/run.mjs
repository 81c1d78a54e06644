#!/usr/bin/env node
/**
 * `npm run bench`: the performance benchmark (issue 7). Parts, in order:
 *   corpus   parse + differentiate + simplify + LaTeX per corpus case, in-process, warm
 *   sympy    the same cases in SymPy (bench/sympy_bench.py), checked numerically; ratios
 *   scaling  the scaling families (bench/families.ts): time and result size, growth exponents
 *   cli      end to end through dist/cli.js (issue 17): batch latency and throughput on the corpus,
 *            MLP L=256 through `matcalc derive`, first answer while input streams, peak RSS over
 *            1,000,000 distinct batch requests (--distinct N to change; --quick 20,000)
 *   deep     deep expressions through dist/cli.js (issue 17): the MLP L = 256 (`matcalc derive` and warm
 *            batch requests) and the derivation steps of sin(…x…) 10,000 deep, without the cli part's rest
 *   vsix     `npm run package`, the VSIX's size; the bundle's load time in Node
 *   editor   activation, hover latency, panel first paint in the real VS Code (code-server)
 *
 *   node bench/run.mjs [--parts corpus,sympy,...] [--quick] [--no-docs] [--core-rev REV] [--distinct N]
 *
 * --core-rev REV: the in-process parts bundle the core of git revision REV instead of the working
 * tree (the VSIX and editor parts always package the working tree).
 * Results: bench/results/<part>.json (with --quick: bench/results/tmp/, git-ignored), then the
 * tables in docs/benchmarks.md are regenerated from bench/results/*.json. Speed is reported here,
 * never asserted by tests (test/unit/bench/ asserts the deterministic sizes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILD_DIR, buildCore, coreSource, ROOT } from './lib/build.mjs';
import { machine } from './lib/machine.mjs';
import { compare, runSympy } from './parts/sympy.mjs';
import { runCorpus } from './parts/corpus.mjs';
import { runCli, sympyEndToEnd } from './parts/cli.mjs';
import { runDeep } from './parts/deep.mjs';
import { runScaling } from './parts/scaling.mjs';
import { readEntry, runVsix, vsixPath } from './parts/vsix.mjs';
import { runModuleLoad } from './parts/moduleLoad.mjs';
import { runEditor } from './parts/editor.mjs';
import { writeReport } from './report.mjs';

const ALL = ['corpus', 'sympy', 'scaling', 'cli', 'deep', 'vsix', 'editor'];

function parseArgs(argv) {
  const opts = { parts: ALL, quick: false, docs: true, coreRev: undefined, distinct: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--no-docs') opts.docs = false;
    else if (a === '--core-rev') opts.coreRev = argv[++i];
    else if (a === '--distinct') opts.distinct = Number(argv[++i]);
    else if (a === '--parts') {
      opts.parts = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = opts.parts.filter((p) => !ALL.includes(p));
      if (bad.length > 0 || opts.parts.length === 0) throw new Error(`--parts takes some of: ${ALL.join(',')}`);
    } else throw new Error(`unknown option ${a}\nusage: node bench/run.mjs [--parts ${ALL.join(',')}] [--quick] [--no-docs] [--core-rev REV] [--distinct N]`);
  }
  return opts;
}

const log = (s) => process.stderr.write(`${s}\n`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const outDir = path.join(ROOT, 'bench', 'results', ...(opts.quick ? ['tmp'] : []));
  fs.mkdirSync(outDir, { recursive: true });
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const stamp = () => ({ command, date: new Date().toISOString(), quick: opts.quick, machine: machine(ROOT) });
  const save = (part, data, started) => {
    const file = path.join(outDir, `${part}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ part, seconds: Math.round((Date.now() - started) / 100) / 10, ...stamp(), ...data }, null, 1)}\n`);
    log(`[bench] wrote ${path.relative(ROOT, file)}`);
  };
  const t0 = Date.now();
  const needsCore = opts.parts.some((p) => ['corpus', 'sympy', 'scaling', 'cli'].includes(p));
  const core = needsCore ? await import(await buildCore(opts.coreRev)) : undefined;
  const coreFrom = coreSource(opts.coreRev);

  let corpus;
  let vsixForEditor;
  if (opts.parts.includes('corpus')) {
    const started = Date.now();
    corpus = runCorpus(core, ROOT, { quick: opts.quick, log });
    save('corpus', { core: coreFrom, ...corpus }, started);
    log(`[bench] corpus: median ${corpus.summary.medianOfMediansMs} ms per derivative, p95 ${corpus.summary.pooledP95Ms} ms`);
  }
  if (opts.parts.includes('sympy')) {
    const started = Date.now();
    corpus ??= JSON.parse(fs.readFileSync(path.join(outDir, 'corpus.json'), 'utf8'));
    const sympy = runSympy(ROOT, { quick: opts.quick, log });
    const comparison = sympy.available ? compare(corpus, sympy) : undefined;
    save('sympy', { sympy, comparison }, started);
    if (comparison) log(`[bench] sympy: median ratio ${comparison.summary.medianRatio}× over ${comparison.summary.bothRight} cases both get right`);
    else log(`[bench] sympy: not available: ${sympy.error}`);
  }
  if (opts.parts.includes('scaling')) {
    const started = Date.now();
    save('scaling', { core: coreFrom, ...runScaling(core, { quick: opts.quick, log }) }, started);
  }
  if (opts.parts.includes('cli')) {
    const started = Date.now();
    const cli = await runCli(core, ROOT, { quick: opts.quick, log, distinctCount: opts.distinct });
    save('cli', { ...cli, sympy: sympyEndToEnd(outDir, cli) }, started);
  }
  if (opts.parts.includes('deep')) {
    const started = Date.now();
    save('deep', { core: coreFrom, ...(await runDeep(ROOT, { quick: opts.quick, log })) }, started);
  }
  if (opts.parts.includes('vsix')) {
    const started = Date.now();
    const vsix = await runVsix(ROOT, { log });
    let moduleLoad;
    if (vsix.ok) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-bench-'));
      const js = path.join(tmp, 'extension.js');
      fs.writeFileSync(js, await readEntry(vsixPath(ROOT), 'extension/dist/extension.js'));
      moduleLoad = runModuleLoad(js);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    if (vsix.ok) {
      // The editor part measures this very package, even if someone re-packages meanwhile.
      vsixForEditor = path.join(BUILD_DIR, 'bench.vsix');
      fs.copyFileSync(vsixPath(ROOT), vsixForEditor);
    }
    save('vsix', { vsix, moduleLoad }, started);
  }
  if (opts.parts.includes('editor')) {
    const started = Date.now();
    const editor = await runEditor(ROOT, vsixForEditor ?? vsixPath(ROOT), { quick: opts.quick, log });
    save('editor', editor, started);
    if (!editor.ok) log(`[bench] editor: ${editor.error}`);
  }
  if (opts.docs && !opts.quick) {
    const file = writeReport(ROOT);
    log(`[bench] updated ${path.relative(ROOT, file)}`);
  }
  log(`[bench] done in ${Math.round((Date.now() - t0) / 1000)} s`);
}

main().catch((e) => {
  log(`[bench] FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
