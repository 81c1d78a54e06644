/** The packaged VSIX holds what users need at run time, and nothing else. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { listZip, readZipEntry } from '../harness/zip';
import { vsixPath } from './workbench';

suite('VSIX package', () => {
  const entries = () => listZip(vsixPath()).map((e) => e.name.replace(/^extension\//, ''));

  test('is under 3 MB', () => {
    const size = fs.statSync(vsixPath()).size;
    assert.ok(size < 3 * 1024 * 1024, `VSIX is ${size} bytes`);
  });

  test('holds the bundles, media with the KaTeX fonts, grammars and docs', () => {
    const files = new Set(entries());
    for (const f of [
      'package.json',
      'package.nls.json',
      'dist/extension.js',
      'dist/webview.js',
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

  test('holds no sources, tests, dependencies, build output or source maps', () => {
    const bad = entries().filter((f) =>
      /^(src|test|node_modules|out|\.vscode-test|bench|scripts|\.vscode|\.ci|docs)\//.test(f) || /\.(map|ts|vsix)$/.test(f),
    );
    assert.deepEqual(bad, []);
  });

  test('ships production bundles: minified, no source-map links; an executable CLI; a valid manifest', () => {
    const vsix = vsixPath();
    const extension = readZipEntry(vsix, 'extension/dist/extension.js').toString('utf8');
    assert.doesNotMatch(extension, /sourceMappingURL/);
    // Minified: long lines (a development build averages well under 100 characters a line).
    const avg = extension.length / extension.split('\n').length;
    assert.ok(avg > 400, `dist/extension.js does not look minified (${avg.toFixed(0)} characters a line)`);
    const cli = readZipEntry(vsix, 'extension/dist/cli.js').toString('utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'dist/cli.js has no shebang');
    const manifest = JSON.parse(readZipEntry(vsix, 'extension/package.json').toString('utf8')) as {
      main: string;
      activationEvents?: string[];
      engines: { vscode: string };
      dependencies?: Record<string, string>;
    };
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'no * activation');
    assert.match(manifest.engines.vscode, /^\^1\.(9\d|\d{3,})\./);
    assert.ok(!('vscode' in (manifest.dependencies ?? {})));
  });
});
