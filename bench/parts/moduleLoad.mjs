/**
 * Part of the extension measurements, in-process (not in the editor): the time Node takes to load
 * the packaged extension bundle (dist/extension.js from the VSIX) with a stub `vscode` module, in
 * fresh processes. It is the part of VS Code's activation time that the bundle's size decides.
 */
import { spawnSync } from 'node:child_process';
import { median, round } from '../lib/stats.mjs';

const PROBE = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) }) };
const t0 = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
`;

export function runModuleLoad(extensionJs, { runs = 7 } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const p = spawnSync(process.execPath, ['-e', PROBE, extensionJs], { encoding: 'utf8' });
    if (p.status !== 0) return { ok: false, error: p.stderr.split('\n').slice(0, 5).join('\n') };
    times.push(Number(p.stdout));
  }
  return { ok: true, medianMs: round(median(times)), minMs: round(Math.min(...times)), runs };
}
