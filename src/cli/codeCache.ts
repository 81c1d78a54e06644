/**
 * How `matcalc` starts (issue 17: start-up). dist/cli.js is a small loader; the CLI itself is the
 * bundle dist/cliMain.js (src/cli.ts, ~0.9 MB). A one-shot command (`matcalc derive`) spends a
 * good part of its own time compiling that bundle: V8 parses the whole file, then compiles each
 * function the first time it runs. The loader compiles it with V8's code cache when one is there:
 * dist/cliMain.cache holds the bytecode of the functions a few typical requests run, made by the
 * build (`node esbuild.js` runs `writeCodeCache()` after bundling; never by hand, never at run time),
 * so a request finds most of what it runs already compiled.
 *
 * When the cache cannot be used, the bundle is compiled as without one — nothing else changes:
 *   - no cache file, or one made from another dist/cliMain.js (the cache holds a copy of the bundle
 *     it was made from, compared byte for byte: V8 itself checks only the source's length, and
 *     bytecode of another source of the same length would run; hashing the bundle instead would
 *     cost more than the comparison — loading node:crypto alone takes ~6 ms);
 *   - V8 rejects it (another V8 version or other V8 flags: `script.cachedDataRejected`).
 * Node ≥ 22.1 has `module.enableCompileCache()`; this project supports Node 20, which has not.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** The CLI bundle and its code cache, next to the loader (dist/). */
export const MAIN_BUNDLE = 'cliMain.js';
export const CODE_CACHE = 'cliMain.cache';

/** The cache file: MAGIC, the bundle's length in bytes (8 hex digits), '\n', a copy of the bundle, then V8's data. */
const MAGIC = 'matcalc-code-cache-2 ';
const HEADER_LENGTH = MAGIC.length + 8 + 1;
const header = (bundle: Buffer): string => `${MAGIC}${bundle.length.toString(16).padStart(8, '0')}\n`;

type CjsModule = { exports: Record<string, unknown> };
type ModuleFunction = (exports: unknown, require: NodeRequire, module: CjsModule, filename: string, dirname: string) => void;

/** The bundle as Node wraps a CommonJS module (a leading `#!` line made a comment). */
function compile(source: string, filename: string, cachedData?: Buffer): Script {
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  return new Script(`(function (exports, require, module, __filename, __dirname) { ${body}\n});`, { filename, cachedData });
}

/** The cached data for `bundle` when dist/cliMain.cache was made from it. */
function cachedDataFor(dir: string, bundle: Buffer): Buffer | 'none' | 'other-bundle' {
  let file: Buffer;
  try {
    file = readFileSync(join(dir, CODE_CACHE));
  } catch {
    return 'none';
  }
  const data = HEADER_LENGTH + bundle.length;
  if (file.length <= data || file.toString('latin1', 0, HEADER_LENGTH) !== header(bundle) || !bundle.equals(file.subarray(HEADER_LENGTH, data))) return 'other-bundle';
  return file.subarray(data);
}

/** What became of the code cache when the bundle was compiled. */
export type CacheUse = 'used' | 'none' | 'other-bundle' | 'rejected';

/** Compiles dist/cliMain.js, with its code cache when that was made from it. */
export function compileBundle(dir: string): { readonly script: Script; readonly filename: string; readonly cache: CacheUse } {
  const filename = join(dir, MAIN_BUNDLE);
  const bundle = readFileSync(filename);
  const found = cachedDataFor(dir, bundle);
  const script = compile(bundle.toString('utf8'), filename, found === 'none' || found === 'other-bundle' ? undefined : found);
  const cache: CacheUse = typeof found === 'string' ? found : script.cachedDataRejected === true ? 'rejected' : 'used';
  return { script, filename, cache };
}

/** Runs the compiled bundle as the module `module`; the loader passes its own, so the bundle runs as the main module. */
export function runBundle(dir: string, module: CjsModule, require: NodeRequire): CacheUse {
  const { script, filename, cache } = compileBundle(dir);
  (script.runInThisContext() as ModuleFunction)(module.exports, require, module, filename, dir);
  return cache;
}

/**
 * Requests the cache is made with: one for each of the plain, LaTeX and NumPy readers. Functions
 * they do not reach are compiled when first run, as without a cache. More is not better: V8 reads
 * the whole cache at every start, and one made with nine requests covering steps, checks, Hessians
 * and code (1.9 MB) started a small `derive` ~8 ms of CPU later than one made with one request.
 */
export const TRAINING_REQUESTS: readonly object[] = [
  { expr: "x'*A*x", wrt: 'x' },
  { expr: '\\frac{1}{2}\\|A\\mathbf{x} - \\mathbf{b}\\|^2', wrt: 'x', from: 'latex' },
  { expr: 'def f(W, x):\n    h = np.tanh(W @ x)\n    return np.sum(h ** 2)', wrt: 'W', from: 'numpy', layout: 'mixed' },
];

/**
 * Makes dist/cliMain.cache from dist/cliMain.js (run by the build in a fresh process with V8's
 * default flags — the flags are part of what V8 checks): compiles the bundle, answers the training
 * requests through it (not as the main module, so no command runs), and writes the bytecode of
 * what ran. Returns the cache's size in bytes.
 */
export function writeCodeCache(dir: string, require: NodeRequire): number {
  const filename = join(dir, MAIN_BUNDLE);
  const bundle = readFileSync(filename);
  const script = compile(bundle.toString('utf8'), filename);
  const module: CjsModule = { exports: {} };
  (script.runInThisContext() as ModuleFunction)(module.exports, require, module, filename, dir);
  const answer = module.exports.answerBatchLine as (line: string) => { ok: boolean };
  for (const request of TRAINING_REQUESTS) {
    const a = answer(JSON.stringify(request));
    if (!a.ok) throw new Error(`code cache: a training request failed: ${JSON.stringify(request)} → ${JSON.stringify(a)}`);
    JSON.stringify(a);
  }
  const data = script.createCachedData();
  const target = join(dir, CODE_CACHE);
  const partial = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, Buffer.concat([Buffer.from(header(bundle), 'latin1'), bundle, data]));
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return HEADER_LENGTH + bundle.length + data.length;
}
