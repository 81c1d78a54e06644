/** The packaged VSIX holds what users need at run time, and nothing else. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { listZip, readZipEntry } from '../harness/zip';
import { vsixPath } from './workbench';

describe('VSIX package', () => {
  const entries = async () => (await listZip(vsixPath())).map((e) => e.name.replace(/^extension\//, ''));

  it('is under 3 MB', () => {
    const size = fs.statSync(vsixPath()).size;
    assert.ok(size < 3 * 1024 * 1024, `VSIX is ${size} bytes`);
  });

  it('holds the bundles, media with the KaTeX fonts, grammars and docs', async () => {
    const files = new Set(await entries());
    for (const f of [
      'package.json',
      'package.nls.json',
      'dist/extension.js',
      'dist/main.js',
      'dist/core.js',
      'dist/panelMath.js',
      'dist/hoverWorker.js',
      'dist/web/extension.js',
      'dist/web/hoverWorker.js',
      'dist/webview.js',
      'dist/webviewLoader.js',
      'dist/cli.js',
      'media/icon.png',
      'media/katex/katex.min.css',
      'syntaxes/matcalc.tmLanguage.json',
      'syntaxes/matcalc.markdown.tmLanguage.json',
      'language-configuration.json',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
    ]) {
      assert.ok(files.has(f) || files.has(f.toUpperCase()), `missing ${f} in ${[...files].join(', ')}`);
    }
    const fonts = [...files].filter((f) => /^media\/katex\/fonts\/KaTeX_.*\.woff2$/.test(f));
    assert.ok(fonts.length >= 10, `expected KaTeX woff2 fonts, found ${fonts.length}`);
  });

  it('holds no sources, tests, dependencies, build output or source maps', async () => {
    const bad = (await entries()).filter((f) =>
      /^(src|test|node_modules|out|\.vscode-test|bench|scripts|\.vscode|\.ci|docs)\//.test(f) || /\.(map|ts|vsix)$/.test(f),
    );
    assert.deepEqual(bad, []);
  });

  it('ships production bundles: minified, no source-map links; an executable CLI; a valid manifest', async () => {
    const vsix = vsixPath();
    const extension = (await readZipEntry(vsix, 'extension/dist/extension.js')).toString('utf8');
    assert.doesNotMatch(extension, /sourceMappingURL/);
    // Minified: long lines (a development build averages well under 100 characters a line).
    const avg = extension.length / extension.split('\n').length;
    assert.ok(avg > 400, `dist/extension.js does not look minified (${avg.toFixed(0)} characters a line)`);
    // Activation loads dist/extension.js alone (the registrations); the services, the core and KaTeX
    // are bundles of their own, required on first use (src/extension/extension.ts, lazy.ts). A
    // string only the core holds (a diagnostic code of its reader) and KaTeX's markup mark them.
    assert.ok(extension.length < 10_000, `dist/extension.js is ${extension.length} bytes: what does it bundle?`);
    assert.match(extension, /require\("\.\/main\.js"\)/);
    const main = (await readZipEntry(vsix, 'extension/dist/main.js')).toString('utf8');
    const core = (await readZipEntry(vsix, 'extension/dist/core.js')).toString('utf8');
    const panelMath = (await readZipEntry(vsix, 'extension/dist/panelMath.js')).toString('utf8');
    assert.match(core, /limit\.depth/);
    assert.match(panelMath, /katex-mathml/);
    for (const [name, js] of [['extension', extension], ['main', main]] as const) {
      assert.doesNotMatch(js, /limit\.depth/, `the core is in dist/${name}.js`);
      assert.doesNotMatch(js, /renderToString|katex-mathml/, `KaTeX is in dist/${name}.js`);
    }
    assert.match(main, /require\("\.\/core\.js"\)/);
    assert.match(main, /require\("\.\/panelMath\.js"\)/);
    const cli = (await readZipEntry(vsix, 'extension/dist/cli.js')).toString('utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'dist/cli.js has no shebang');
    // VS Code for the Web loads dist/web/extension.js alone in a web worker: it may require nothing but
    // `vscode` (no further bundle, no Node module).
    const web = (await readZipEntry(vsix, 'extension/dist/web/extension.js')).toString('utf8');
    assert.deepEqual([...new Set([...web.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))], ['vscode']);
    const manifest = JSON.parse((await readZipEntry(vsix, 'extension/package.json')).toString('utf8')) as {
      main: string;
      browser?: string;
      activationEvents?: string[];
      engines: { vscode: string };
      dependencies?: Record<string, string>;
    };
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'no * activation');
    assert.match(manifest.engines.vscode, /^\^1\.(9\d|\d{3,})\./);
    assert.ok(!('vscode' in (manifest.dependencies ?? {})));
  });
});
