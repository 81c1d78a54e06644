// Builds the bundles and copies KaTeX's CSS and woff2 fonts into media/katex/.
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

/**
 * What the extension loads on first use rather than at activation (issue 7: activation under 20 ms):
 * in each of these files, a `require()` of one of its paths becomes a `require()` of a bundle next to
 * dist/extension.js. Activation loads only dist/extension.js (a few kilobytes: the registrations);
 * the first use loads dist/main.js (the services), the first derivation dist/core.js, the panel's
 * first view dist/panelMath.js (KaTeX on the host).
 */
const LAZY = {
  'src/extension/extension.ts': { './main': './main.js' },
  'src/extension/lazy.ts': { '../core': './core.js', './panel/panelMath': './panelMath.js', './selection/markdownMath': './markdownMath.js' },
};

/**
 * Keeps what is loaded lazily out of the bundles that load it: the `require()`s of LAZY stay
 * requires of their own bundles, and any other import of the core or KaTeX into the extension's
 * bundles fails the build (type-only imports are erased before esbuild resolves anything, so they
 * are fine).
 */
const lazyLoading = {
  name: 'lazy-loading',
  setup(build) {
    const src = path.join(__dirname, 'src');
    const coreDir = path.join(src, 'core');
    const heavy = (file) => file === coreDir || file.startsWith(coreDir + path.sep);
    build.onResolve({ filter: /.*/ }, (args) => {
      const lazy = LAZY[path.relative(__dirname, args.importer).split(path.sep).join('/')];
      if (lazy && args.kind === 'require-call' && Object.hasOwn(lazy, args.path)) {
        return { path: lazy[args.path], external: true };
      }
      if (!args.importer.startsWith(src + path.sep)) return undefined;
      const target = args.path.startsWith('.') ? path.resolve(path.dirname(args.importer), args.path) : undefined;
      if ((target && heavy(target)) || args.path === 'katex' || args.path.startsWith('katex/')) {
        return { errors: [{ text: `${path.relative(__dirname, args.importer)} imports ${args.path}: the extension's bundles load the core and KaTeX lazily, through src/extension/lazy.ts` }] };
      }
      return undefined;
    });
  },
};

/**
 * @vscode/markdown-it-katex requires KaTeX to render; the extension only parses with it
 * (src/extension/selection/markdownMath.ts), so in the services bundle its `katex` is a stub.
 */
const parseOnlyMarkdownMath = {
  name: 'parse-only-markdown-math',
  setup(build) {
    build.onResolve({ filter: /^katex$/ }, (args) =>
      args.importer.includes(`${path.sep}@vscode${path.sep}markdown-it-katex${path.sep}`)
        ? { path: path.join(__dirname, 'src', 'extension', 'selection', 'katexStub.ts') }
        : undefined,
    );
  },
};

/**
 * The browser bundle (VS Code for the Web) takes platform.web.ts in place of platform.ts, and no
 * Node built-in may reach it: an import of one fails the build.
 */
const webPlatform = {
  name: 'web-platform',
  setup(build) {
    build.onResolve({ filter: /^\.\/platform$/ }, (args) =>
      args.importer === path.join(__dirname, 'src', 'extension', 'main.ts')
        ? { path: path.join(__dirname, 'src', 'extension', 'platform.web.ts') }
        : undefined,
    );
    build.onResolve({ filter: /^(node:|(fs|path|os|crypto|child_process|worker_threads|util|stream|buffer|events|url|http|https|net|zlib)$)/ }, (args) => ({
      errors: [{ text: `${path.relative(__dirname, args.importer)} imports the Node module ${args.path}: the browser bundle runs in a web worker, where there is none` }],
    }));
  },
};

/**
 * Writes every non-ASCII character of the bundle as a \\uXXXX escape. esbuild escapes them in
 * strings but leaves comments and regular expressions as they are, and one such character makes
 * the whole file a two-byte string for V8: decoding and scanning the 0.9 MB CLI bundle then cost
 * about 8 ms more CPU at every `matcalc` start (docs/benchmarks.md §4). Safe in comments, strings
 * and regular expressions (a character outside the BMP is escaped as its UTF-16 surrogate pair,
 * which a /u expression reads as the one code point; in an identifier a BMP character's escape is
 * valid JavaScript too, and the CLI's tests would fail on any other). The source map's columns
 * after an escape on its line are off by the escape's length (comments and regular expressions).
 */
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd((result) => {
      const file = build.initialOptions.outfile;
      if (result.errors.length > 0 || !fs.existsSync(file)) return;
      const text = fs.readFileSync(file, 'utf8');
      /* eslint-disable no-control-regex */
      if (!/[^\x00-\x7f]/.test(text)) return;
      fs.writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      /* eslint-enable no-control-regex */
    });
  },
};

/**
 * ml-matrix (a sixth of the CLI bundle) serves only the numerical check: in dist/cliMain.js its
 * import becomes an object whose getters require dist/mlMatrix.js on first use, so a request
 * without `--check` never loads or compiles it (`matcalc derive` starts ~6 ms of CPU sooner:
 * docs/benchmarks.md §4). The core's imports of it are ES imports, which esbuild turns into
 * property reads of that object at each use.
 */
const lazyMlMatrix = {
  name: 'lazy-ml-matrix',
  setup(build) {
    build.onResolve({ filter: /^ml-matrix$/ }, () => ({ path: 'ml-matrix', namespace: 'lazy-ml-matrix' }));
    build.onResolve({ filter: /^\.\/mlMatrix\.js$/ }, (args) => (args.namespace === 'lazy-ml-matrix' ? { path: './mlMatrix.js', external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-ml-matrix' }, () => {
      const getters = Object.keys(require('ml-matrix')).map((name) => `get ${name}() { return load().${name}; }`);
      return { loader: 'js', contents: `let m;\nconst load = () => (m ??= require('./mlMatrix.js'));\nmodule.exports = { ${getters.join(', ')} };\n` };
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    // The extension host side's entry, as small as possible: activate() and its registrations.
    // `vscode` is provided at run time; the rest are bundles of their own, loaded on first use.
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyLoading],
  },
  {
    // The extension's services (commands, panel, hover, follow-selection), required by
    // dist/extension.js on the first use of any of them.
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/main.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyLoading],
  },
  {
    // markdown-it with VS Code's KaTeX plugin (parsing only), required on the first look for math in
    // a Markdown document (src/extension/lazy.ts, selection/markdownMath.ts).
    entryPoints: ['src/extension/selection/markdownMath.ts'],
    outfile: 'dist/markdownMath.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [parseOnlyMarkdownMath],
  },
  {
    // The math core, required by dist/extension.js on the first derivation (src/extension/lazy.ts).
    entryPoints: ['src/core/index.ts'],
    outfile: 'dist/core.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // KaTeX on the extension host: the panel's first view typeset into its HTML (src/extension/panel/
    // panelMath.ts), required by dist/extension.js when the panel first opens.
    entryPoints: ['src/extension/panel/panelMath.ts'],
    outfile: 'dist/panelMath.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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
    // The derivation panel's one script tag (a browser iframe under a strict CSP): loads webview.js
    // once the page has painted the first view the host wrote into it.
    entryPoints: ['src/webview/loader.ts'],
    outfile: 'dist/webviewLoader.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The derivation panel's script (navigation, switches, KaTeX for what changes).
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // VS Code for the Web (package.json "browser"): the whole extension in one file for the web worker
    // extension host, which loads no further modules (so nothing is lazy here: the core, KaTeX and
    // markdown-it are inside), with platform.web.ts for what differs.
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [webPlatform, parseOnlyMarkdownMath],
  },
  {
    // The hover's MathJax as a Web Worker, started by the browser bundle (src/extension/hover/webThread.ts).
    entryPoints: ['src/extension/hover/webWorker.ts'],
    outfile: 'dist/web/hoverWorker.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [webPlatform],
  },
  {
    // `matcalc` on the command line: a small loader (src/cliStart.ts) that compiles the CLI's bundle
    // with the V8 code cache the build makes (src/cli/codeCache.ts).
    entryPoints: ['src/cliStart.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The CLI itself (src/cli.ts), loaded by dist/cli.js.
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cliMain.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyMlMatrix, asciiOutput],
  },
  {
    // ml-matrix for dist/cliMain.js, required on the first numerical check (lazyMlMatrix above).
    entryPoints: [require.resolve('ml-matrix')],
    outfile: 'dist/mlMatrix.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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

/**
 * Makes dist/cliMain.cache, V8's code cache for the CLI bundle (src/cli/codeCache.ts), in a fresh
 * process with V8's default flags (NODE_OPTIONS removed: V8 rejects a cache made under other flags).
 * Not in watch mode: a cache made from another bundle is never used, so a stale one costs nothing.
 */
function writeCliCodeCache() {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = require('node:child_process').spawnSync(process.execPath, ['-e', "require('./dist/cli.js').writeCodeCache()"], { cwd: __dirname, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`making the CLI's code cache failed: ${r.stderr || r.error}`);
}

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
    writeCliCodeCache();
    console.log(`built ${bundles.map((b) => b.outfile).join(', ')}${production ? ' (production)' : ''}`);
  }
}

module.exports = { bundles, common, LAZY };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
