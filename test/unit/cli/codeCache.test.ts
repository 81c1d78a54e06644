/**
 * The CLI's V8 code cache (src/cli/codeCache.ts): used only when it was made from the very bundle
 * being loaded; anything else — no cache, a cache of another bundle (even one of the same length,
 * which V8 alone would accept), damaged data — loads the bundle as without a cache, and what runs
 * is always the bundle's own code. A stand-in bundle in a temporary directory plays dist/cliMain.js.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_CACHE, MAIN_BUNDLE, compileBundle, runBundle, type CacheUse } from '../../../src/cli/codeCache';

let serial = 0;

/**
 * A stand-in for the CLI bundle: answers batch lines and says which version it is and whether it ran
 * as the main module. Each test's bundle is new to this process (V8 answers a source it compiled
 * before from its in-memory cache, without looking at the cached data).
 */
const bundle = (version: string): string =>
  [
    `exports.version = '${version}'; // ${process.pid} ${serial}`,
    'exports.isMain = require.main === module;',
    // Enough functions that the cache holds compiled code of its own.
    ...Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + 1; }`),
    `exports.answerBatchLine = (line) => ({ ok: true, length: line.length, sum: ${Array.from({ length: 50 }, (_, i) => `f${i}(line.length)`).join(' + ')} });`,
  ].join('\n');

/** Makes the cache as the build does: in a process of its own. Returns the size it reports. */
function writeCodeCache(dir: string): number {
  const code = `process.stdout.write(String(require(${JSON.stringify(require.resolve('../../../src/cli/codeCache'))}).writeCodeCache(${JSON.stringify(dir)}, require)))`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

function load(dir: string): { cache: CacheUse; exports: Record<string, unknown> } {
  const module = { exports: {} as Record<string, unknown> };
  const cache = runBundle(dir, module, require);
  return { cache, exports: module.exports };
}

describe('cli: the code cache of the CLI bundle', () => {
  let dir: string;
  beforeEach(() => {
    serial++;
    dir = mkdtempSync(join(tmpdir(), 'matcalc-code-cache-'));
    writeFileSync(join(dir, MAIN_BUNDLE), bundle('A'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without a cache file, the bundle is compiled as usual', () => {
    const r = load(dir);
    assert.equal(r.cache, 'none');
    assert.equal(r.exports.version, 'A');
    assert.equal(r.exports.isMain, false);
  });

  it('the cache the build writes is accepted by V8 and the bundle runs from it', () => {
    const size = writeCodeCache(dir);
    assert.equal(readFileSync(join(dir, CODE_CACHE)).length, size);
    const r = load(dir);
    assert.equal(r.cache, 'used');
    assert.equal(r.exports.version, 'A');
    assert.deepEqual((r.exports.answerBatchLine as (l: string) => unknown)('abc'), { ok: true, length: 3, sum: 3 * 1225 + 50 });
  });

  it('a cache of another bundle of the same length is not used: the new bundle runs', () => {
    writeCodeCache(dir);
    writeFileSync(join(dir, MAIN_BUNDLE), bundle('B'));
    assert.equal(bundle('A').length, bundle('B').length);
    const r = load(dir);
    assert.equal(r.cache, 'other-bundle');
    assert.equal(r.exports.version, 'B');
  });

  /** Writes the cache, damages V8's part of it, and loads the bundle. */
  function loadDamaged(damage: (v8Data: Buffer) => Buffer): { cache: CacheUse; exports: Record<string, unknown> } {
    writeCodeCache(dir);
    const file = readFileSync(join(dir, CODE_CACHE));
    const start = 'matcalc-code-cache-2 00000000\n'.length + readFileSync(join(dir, MAIN_BUNDLE)).length;
    writeFileSync(join(dir, CODE_CACHE), Buffer.concat([file.subarray(0, start), damage(Buffer.from(file.subarray(start)))]));
    return load(dir);
  }

  it('cache data cut short (a failed write) is rejected by V8 and the bundle still runs', () => {
    const r = loadDamaged((d) => d.subarray(0, d.length - 64));
    assert.equal(r.cache, 'rejected');
    assert.equal(r.exports.version, 'A');
  });

  it("cache data from another V8 (its header's version hash differs) is rejected and the bundle still runs", () => {
    const r = loadDamaged((d) => d.fill(0xff, 0, 16));
    assert.equal(r.cache, 'rejected');
    assert.equal(r.exports.version, 'A');
  });

  it('a truncated or foreign cache file is not used', () => {
    writeFileSync(join(dir, CODE_CACHE), 'matcalc-code-cache-2 0000');
    assert.equal(compileBundle(dir).cache, 'other-bundle');
    writeFileSync(join(dir, CODE_CACHE), Buffer.alloc(4096, 7));
    assert.equal(compileBundle(dir).cache, 'other-bundle');
  });
});
