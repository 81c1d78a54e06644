// Builds the three bundles and copies KaTeX's CSS and woff2 fonts into media/katex/.
//   node esbuild.js               development build (source maps)
//   node esbuild.js --production  minified, no source maps (used by `vsce package`)
//   node esbuild.js --watch       rebuild on change
// To add a bundle or an option, edit `bundles` below; each entry is a plain esbuild config.
'use strict';

const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Options shared by every bundle. */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  legalComments: production ? 'none' : 'inline',
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    // The extension host side. `vscode` is provided at run time.
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The hover's MathJax renderer, run as a worker thread by the extension (src/extension/hover).
    entryPoints: ['src/extension/hover/worker.ts'],
    outfile: 'dist/hoverWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The script loaded by the derivation panel (a browser iframe under a strict CSP).
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // `matcalc` on the command line.
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

/** Copies katex.min.css and the woff2 fonts it references (never a CDN; see README). */
function copyKatexAssets() {
  const katexDist = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const out = path.join(__dirname, 'media', 'katex');
  fs.mkdirSync(path.join(out, 'fonts'), { recursive: true });
  fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(out, 'katex.min.css'));
  for (const font of fs.readdirSync(path.join(katexDist, 'fonts'))) {
    if (font.endsWith('.woff2')) {
      fs.copyFileSync(path.join(katexDist, 'fonts', font), path.join(out, 'fonts', font));
    }
  }
}

/** Marks the CLI bundle executable after each build. */
const chmodCli = {
  name: 'chmod-cli',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
    });
  },
};

/** Prints errors in the format of VS Code's `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    const name = path.basename(String(build.initialOptions.outfile));
    build.onStart(() => {
      if (watch) console.log(`[watch] build started (${name})`);
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      for (const { text, location } of result.warnings) {
        console.warn(`▲ [WARNING] ${text}${location ? ` (${location.file}:${location.line})` : ''}`);
      }
      if (watch) console.log(`[watch] build finished (${name})`);
    });
  },
};

async function main() {
  // A production build must not ship stale source maps from an earlier development build.
  if (production) fs.rmSync('dist', { recursive: true, force: true });
  copyKatexAssets();
  const contexts = await Promise.all(
    bundles.map((b) =>
      esbuild.context({
        ...common,
        ...b,
        plugins: [...(b.plugins ?? []), problemMatcher, ...(b.outfile === 'dist/cli.js' ? [chmodCli] : [])],
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    process.exitCode = 1;
  } else {
    console.log(`built ${bundles.map((b) => b.outfile).join(', ')}${production ? ' (production)' : ''}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
