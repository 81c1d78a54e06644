/** Part 5: the VSIX — `npm run package` (a production build), then its size and its largest files. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** A ZIP's entries from its central directory (name, size, compressed size). */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a ZIP archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressedSize, method, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One file of a ZIP (stored or deflated, as vsce writes them). */
export function readEntry(file, name) {
  const e = zipEntries(file).find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in ${file}`);
  const buf = fs.readFileSync(file);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  return e.method === 8 ? zlib.inflateRawSync(raw) : raw;
}

export function vsixPath(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${pkg.name}-${pkg.version}.vsix`);
}

export function runVsix(root, { log = () => {} } = {}) {
  const t0 = Date.now();
  const proc = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.status !== 0) return { ok: false, error: `npm run package failed:\n${(proc.stdout + proc.stderr).split('\n').slice(-20).join('\n')}` };
  const file = vsixPath(root);
  const bytes = fs.statSync(file).size;
  const entries = zipEntries(file).filter((e) => !e.name.endsWith('/'));
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
