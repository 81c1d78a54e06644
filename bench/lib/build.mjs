/**
 * Bundles what the benchmark runs with esbuild into node_modules/.cache/matcalc-bench/ (ignored by
 * git, ESLint and the VSIX): the core (bench/core-entry.ts) as an ES module, and for the editor part
 * the code that runs inside VS Code's extension host (bench/editor/host.ts) and the code-server
 * driver (bench/editor/driver.ts, with the foundation's harness).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Three levels below the repository root, so the harness's REPO_ROOT (__dirname/../../..) resolves. */
export const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'matcalc-bench');

const esbuild = createRequire(path.join(ROOT, 'package.json'))('esbuild');

/**
 * The core as one ES module. `rev`: bundle the core of that git revision instead of the working
 * tree (its src/, extracted with `git archive`; the benchmark's own bench/*.ts from the working
 * tree), e.g. to measure a committed state while src/ is being edited. `name`: the bundle's file
 * name in BUILD_DIR (bench/ab.mjs builds two).
 */
export async function buildCore(rev, name = 'core.mjs') {
  const outfile = path.join(BUILD_DIR, name);
  let base = ROOT;
  if (rev) {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-bench-src-'));
    const tar = execFileSync('git', ['archive', rev, 'src'], { cwd: ROOT, maxBuffer: 256 * 2 ** 20 });
    execFileSync('tar', ['-x', '-C', base], { input: tar });
    fs.mkdirSync(path.join(base, 'bench'));
    for (const f of fs.readdirSync(path.join(ROOT, 'bench')).filter((n) => n.endsWith('.ts'))) {
      fs.copyFileSync(path.join(ROOT, 'bench', f), path.join(base, 'bench', f));
    }
  }
  try {
    await esbuild.build({
      entryPoints: [path.join(base, 'bench', 'core-entry.ts')],
      nodePaths: [path.join(ROOT, 'node_modules')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      // The neutral platform reads no package's entry fields by default; the core's one dependency
      // (immutable, since 36525b9) names its ES module in "module".
      mainFields: ['module', 'main'],
      target: 'node20',
      outfile,
      logLevel: 'warning',
    });
  } finally {
    if (rev) fs.rmSync(base, { recursive: true, force: true });
  }
  return outfile;
}

/** The commit a revision names, and whether the working tree's src/ differs from it. */
export function coreSource(rev) {
  const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  if (rev) return { source: `git ${rev}`, commit: git(['rev-parse', '--short', rev]) };
  return { source: 'working tree', commit: git(['rev-parse', '--short', 'HEAD']), uncommittedSrcFiles: git(['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length };
}

export async function buildEditor() {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const host = path.join(BUILD_DIR, 'editorHost.js');
  const driver = path.join(BUILD_DIR, 'editorDriver.cjs');
  // Both run in Node 20 (the extension host, and the driver that drives Chromium), as CommonJS.
  const node = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
  await esbuild.build({ ...node, entryPoints: [path.join(ROOT, 'bench', 'editor', 'host.ts')], external: ['vscode'], outfile: host });
  await esbuild.build({ ...node, entryPoints: [path.join(ROOT, 'bench', 'editor', 'driver.ts')], external: ['playwright-core'], outfile: driver });
  return { host, driver };
}
