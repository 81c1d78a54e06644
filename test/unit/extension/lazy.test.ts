/**
 * Activation loads only the small extension bundle (issue 7: activation under 20 ms): the services
 * (dist/main.js), the core and KaTeX are separate bundles, loaded on first use (extension.ts,
 * lazy.ts). Checked on the bundles esbuild.js builds (their inputs, their requires, their size) and
 * on activate() itself.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import type { BuildOptions, Metafile } from 'esbuild';
import { AT_CURSOR_COMMANDS, CHECK_COMMAND_NAMES, CHECK_REPLACE_COMMAND, CHECK_SNAPSHOT_COMMAND, COMMAND_NAMES, COMMAND_PREFIX, LANGUAGE_SNAPSHOT_COMMAND, OPEN_SAMPLE_COMMAND, PANEL_SNAPSHOT_COMMAND } from '../../../src/extension/names';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Makes tsc compile the extension's entry point to out/ with the tests (the probe below loads it). */
type _Activate = (typeof import('../../../src/extension/extension'))['activate'];

interface BuildConfig {
  bundles: BuildOptions[];
  common: BuildOptions;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const esbuild = require(path.join(ROOT, 'node_modules', 'esbuild')) as typeof import('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const config = require(path.join(ROOT, 'esbuild.js')) as BuildConfig;

function bundleConfig(outfile: string): BuildOptions {
  const b = config.bundles.find((x) => x.outfile === outfile);
  assert.ok(b, `esbuild.js has no ${outfile} bundle`);
  return { ...config.common, ...b, minify: true, sourcemap: false, legalComments: 'none', absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' };
}

async function build(outfile: string): Promise<{ inputs: string[]; js: string }> {
  const r = await esbuild.build(bundleConfig(outfile));
  return { inputs: Object.keys((r.metafile as Metafile).inputs).sort(), js: r.outputFiles?.[0]?.text ?? '' };
}

describe('extension bundle: the core and KaTeX load on first use', function () {
  this.timeout(60_000);

  it('dist/extension.js holds the registrations only, and requires dist/main.js', async () => {
    const { inputs, js } = await build('dist/extension.js');
    assert.deepEqual(inputs, ['src/extension/config.ts', 'src/extension/extension.ts', 'src/extension/hover/registration.ts', 'src/extension/language/registration.ts', 'src/extension/names.ts', 'src/extension/settings.ts', 'src/extension/walkthrough.ts', 'src/shared/vocabulary.ts']);
    assert.match(js, /require\("\.\/main\.js"\)/);
    assert.ok(js.length < 10_000, `dist/extension.js is ${js.length} bytes`);
  });

  it('dist/main.js holds neither the core nor KaTeX, and requires their bundles', async () => {
    const { inputs, js } = await build('dist/main.js');
    assert.deepEqual(inputs.filter((f) => f.startsWith('src/core/') || f.includes('node_modules/katex/')), []);
    assert.ok(inputs.includes('src/extension/commands/table.ts'));
    assert.match(js, /require\("\.\/core\.js"\)/);
    assert.match(js, /require\("\.\/panelMath\.js"\)/);
    assert.ok(js.length < 150_000, `dist/main.js is ${js.length} bytes (the core alone is several times that)`);
    const bundled = config.bundles.map((b) => b.outfile);
    for (const f of ['dist/main.js', 'dist/core.js', 'dist/panelMath.js']) assert.ok(bundled.includes(f), `esbuild.js does not build ${f}`);
  });

  it('the commands registered at activation are the manifest’s', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...COMMAND_NAMES.map((n) => COMMAND_PREFIX + n), ...Object.values(AT_CURSOR_COMMANDS).map((n) => COMMAND_PREFIX + n), ...CHECK_COMMAND_NAMES.map((n) => COMMAND_PREFIX + n), PANEL_SNAPSHOT_COMMAND, CHECK_SNAPSHOT_COMMAND, CHECK_REPLACE_COMMAND, LANGUAGE_SNAPSHOT_COMMAND, OPEN_SAMPLE_COMMAND].sort(), contributed);
    // (commands/table.ts types its table as Record<CommandName, …>: the same names, checked by tsc)
  });

  it('a static import of the core into the extension fails the build', async () => {
    const { entryPoints: _entry, ...options } = bundleConfig('dist/main.js');
    await assert.rejects(
      esbuild.build({
        ...options,
        stdin: { contents: "import { derive } from '../core';\nexport const d = derive;\n", resolveDir: path.join(ROOT, 'src', 'extension'), sourcefile: path.join(ROOT, 'src', 'extension', 'probe.ts'), loader: 'ts' },
      }),
      /load the core and KaTeX lazily/,
    );
    await assert.rejects(
      esbuild.build({
        ...options,
        stdin: { contents: "import katex from 'katex';\nexport const k = katex;\n", resolveDir: path.join(ROOT, 'src', 'extension', 'panel'), sourcefile: path.join(ROOT, 'src', 'extension', 'panel', 'probe.ts'), loader: 'ts' },
      }),
      /load the core and KaTeX lazily/,
    );
  });

  it('activate() registers everything without loading the services, the core or KaTeX; the first derivation loads the core once, KaTeX follows in the background', () => {
    // In a fresh Node process: `vscode` stubbed (every member a callable, constructible no-op),
    // the compiled extension (out/src/extension) activated with a stub context.
    const probe = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
const stub = () => new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? undefined : stub()), apply: () => stub(), construct: () => stub() });
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub() };
const out = process.argv[1];
const loaded = () => Object.keys(require.cache).filter((f) => f.includes('/src/core/') || f.includes('/node_modules/katex/') || f.endsWith('/panel/panelMath.js') || f.endsWith('/extension/main.js') || f.includes('/extension/commands/'));
const ext = require(out + '/src/extension/extension.js');
const lazy = require(out + '/src/extension/lazy.js');
const context = { subscriptions: [], extensionPath: '/nowhere', extensionUri: stub(), globalState: stub() };
ext.activate(context);
const afterActivate = { loaded: loaded(), core: lazy.coreLoaded(), subscriptions: context.subscriptions.length };
const d = require(out + '/src/extension/derivation.js').runDerive({ expr: "x'*x", where: 'x: vector(n)', from: 'plain' });
const afterDerive = { derived: d.ok, core: lazy.coreLoaded(), same: lazy.loadCore() === lazy.loadCore(), katex: loaded().some((f) => f.endsWith('/panel/panelMath.js')) };
// The (ref'd) report keeps the process alive past the (unref'd) warm-up.
setTimeout(() => {
  process.stdout.write(JSON.stringify({ afterActivate, ...afterDerive, warmed: loaded().some((f) => f.endsWith('/panel/panelMath.js')) }));
}, lazy.PANEL_MATH_WARMUP_MS + 1000);
`;
    const p = spawnSync(process.execPath, ['-e', probe, path.join(ROOT, 'out')], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    const r = JSON.parse(p.stdout) as { afterActivate: { loaded: string[]; core: boolean; subscriptions: number }; derived: boolean; core: boolean; same: boolean; katex: boolean; warmed: boolean };
    assert.deepEqual(r.afterActivate.loaded, [], 'activate() loaded the services, the core or KaTeX');
    assert.equal(r.afterActivate.core, false);
    assert.ok(r.afterActivate.subscriptions >= 10, `only ${r.afterActivate.subscriptions} registrations`);
    assert.equal(r.derived, true);
    assert.equal(r.core, true);
    assert.equal(r.same, true, 'the loaded core is cached');
    // The panel's KaTeX: not with the first derivation, but a moment later, in the background.
    assert.equal(r.katex, false);
    assert.equal(r.warmed, true);
  });
});
