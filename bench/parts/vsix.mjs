/** Part 5: the VSIX — `npm run package` (a production build), then its size and its largest files. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yauzl from 'yauzl';

/** A ZIP's entries (name, size, compressed size), read with yauzl. */
async function zipEntries(file) {
  const zip = await yauzl.openPromise(file);
  const entries = [];
  for await (const e of zip.eachEntry()) entries.push({ name: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize });
  return entries;
}

/** One file of a ZIP. */
export async function readEntry(file, name) {
  const zip = await yauzl.openPromise(file);
  for await (const e of zip.eachEntry()) {
    if (e.fileName !== name) continue;
    const chunks = [];
    for await (const chunk of await zip.openReadStreamPromise(e)) chunks.push(chunk);
    zip.close();
    return Buffer.concat(chunks);
  }
  throw new Error(`${name} is not in ${file}`);
}

export function vsixPath(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${pkg.name}-${pkg.version}.vsix`);
}

export async function runVsix(root, { log = () => {} } = {}) {
  const t0 = Date.now();
  const proc = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.status !== 0) return { ok: false, error: `npm run package failed:\n${(proc.stdout + proc.stderr).split('\n').slice(-20).join('\n')}` };
  const file = vsixPath(root);
  const bytes = fs.statSync(file).size;
  const entries = (await zipEntries(file)).filter((e) => !e.name.endsWith('/'));
  log(`[vsix] ${path.basename(file)}: ${(bytes / 2 ** 20).toFixed(2)} MiB, ${entries.length} files`);
  const byDir = new Map();
  for (const e of entries) {
    const dir = e.name.split('/').slice(0, 2).join('/');
    byDir.set(dir, (byDir.get(dir) ?? 0) + e.compressedSize);
  }
  return {
    ok: true,
    file: path.basename(file),
    bytes,
    mebibytes: Math.round((bytes / 2 ** 20) * 1000) / 1000,
    files: entries.length,
    uncompressedBytes: entries.reduce((a, e) => a + e.size, 0),
    largest: [...entries].sort((a, b) => b.compressedSize - a.compressedSize).slice(0, 10).map((e) => ({ name: e.name, bytes: e.size, compressedBytes: e.compressedSize })),
    byFolder: Object.fromEntries([...byDir].sort((a, b) => b[1] - a[1]).slice(0, 10)),
    packageSeconds: Math.round((Date.now() - t0) / 100) / 10,
  };
}
