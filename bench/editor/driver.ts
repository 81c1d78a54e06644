/**
 * The editor benchmark's driver: the packaged VSIX, extracted, loaded as the extension under
 * development into a real VS Code (code-server, the foundation harness in test/harness/), with
 * bench/editor/host.ts as the `extensionTestsPath` module, opened in Chromium through Playwright.
 * For each session: a fresh server, user-data folder and workspace (a 5,000-line Markdown file);
 * the host measures activation and hovers; this side watches the panel's webview paint.
 *
 *   node editorDriver.cjs --vsix FILE --host HOST.js [--sessions 2] [--hovers 40] [--warm 3] [--panel 4]
 *
 * Prints one JSON object on stdout: the sessions' raw measurements.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, makeTempDir, openWorkbench, startCodeServer, workbenchUrl } from '../../test/harness/codeServer';
import { readZip } from '../../test/harness/zip';
import { benchMarkdown, spread } from './markdown';
import type { BenchConfig, HostResults, PanelDone, PanelStart } from './protocol';

interface Options {
  vsix: string;
  host: string;
  sessions: number;
  hovers: number;
  warm: number;
  panel: number;
}

function options(argv: readonly string[]): Options {
  const get = (flag: string, fallback?: string): string => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? argv[i + 1] : fallback;
    if (v === undefined) throw new Error(`${flag} is required`);
    return v;
  };
  return {
    vsix: path.resolve(get('--vsix')),
    host: path.resolve(get('--host')),
    sessions: Number(get('--sessions', '2')),
    hovers: Number(get('--hovers', '40')),
    warm: Number(get('--warm', '3')),
    panel: Number(get('--panel', '4')),
  };
}

const log = (s: string): void => {
  process.stderr.write(`[editor] ${s}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The VSIX's `extension/` folder, extracted: exactly the files a user installs. */
async function extractVsix(vsix: string): Promise<{ dir: string; id: string; displayName: string }> {
  const dest = makeTempDir('bench-vsix');
  for (const [name, data] of await readZip(vsix, (n) => !n.endsWith('/'))) {
    const target = path.join(dest, name);
    if (!path.resolve(target).startsWith(`${path.resolve(dest)}${path.sep}`)) throw new Error(`unsafe entry ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  const dir = path.join(dest, 'extension');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; displayName: string };
  let displayName = pkg.displayName;
  const nls = path.join(dir, 'package.nls.json');
  const m = /^%(.+)%$/.exec(displayName);
  if (m && fs.existsSync(nls)) displayName = (JSON.parse(fs.readFileSync(nls, 'utf8')) as Record<string, string>)[m[1]] ?? displayName;
  return { dir, id: `${pkg.publisher}.${pkg.name}`, displayName };
}

/**
 * Installed in the panel's page as soon as it exists: notes when KaTeX first enters the DOM and two
 * animation frames later (painted). Returns whether it was installed before any KaTeX was there.
 */
function frameMarks(): 'installed' | 'late' | 'not-panel' {
  const w = window as unknown as Record<string, unknown>;
  if (!document.getElementById('busy') && !document.body?.dataset.strings) return 'not-panel';
  if (w.__mcObserver) return 'installed';
  const now = (): number => performance.timeOrigin + performance.now();
  const mark = (): void => {
    if (w.__mcKatexInDom !== undefined || !document.querySelector('.katex')) return;
    w.__mcKatexInDom = now();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      w.__mcKatexPainted = now();
    }));
  };
  if (document.querySelector('.katex')) return 'late';
  const observer = new MutationObserver(mark);
  observer.observe(document, { childList: true, subtree: true });
  w.__mcObserver = observer;
  return 'installed';
}

/** Polls the page's frames until the panel's appears, and installs the marks there. */
async function installMarks(page: Page, timeoutMs: number): Promise<'installed' | 'late' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const r = await frame.evaluate(frameMarks).catch(() => 'not-panel' as const);
      if (r !== 'not-panel') return r;
    }
    await sleep(2);
  }
  return 'timeout';
}

interface FrameReading {
  katex: boolean;
  inDom?: number;
  painted?: number;
  fcp?: number;
  /** The largest contentful paint in the frame: its time and what it painted. */
  lcp?: number;
  lcpElement?: string;
  /** The panel page's time origin (its navigation start) and when its DOM content was loaded. */
  origin?: number;
  domContentLoaded?: number;
  /** The page's resources: name, start and end (epoch ms). */
  resources?: { name: string; start: number; end: number }[];
}

async function readMarks(page: Page): Promise<FrameReading | undefined> {
  for (const frame of page.frames()) {
    const r = await frame
      .evaluate(async (): Promise<FrameReading> => {
        const w = window as unknown as Record<string, number | undefined>;
        const origin = performance.timeOrigin;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const lcp = await new Promise<PerformanceEntry | undefined>((resolve) => {
          let last: PerformanceEntry | undefined;
          try {
            const po = new PerformanceObserver((list) => {
              const es = list.getEntries();
              last = es[es.length - 1] ?? last;
            });
            po.observe({ type: 'largest-contentful-paint', buffered: true });
            setTimeout(() => {
              po.disconnect();
              resolve(last);
            }, 50);
          } catch {
            resolve(undefined);
          }
        });
        const el = (lcp as (PerformanceEntry & { element?: Element; renderTime?: number }) | undefined)?.element;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
          name: r.name.split('?')[0].split('/').slice(-1)[0],
          start: origin + r.startTime,
          end: origin + r.responseEnd,
        }));
        return {
          origin,
          domContentLoaded: nav ? origin + nav.domContentLoadedEventEnd : undefined,
          resources,
          katex: document.querySelector('.katex') !== null,
          inDom: w.__mcKatexInDom,
          painted: w.__mcKatexPainted,
          fcp: fcp ? origin + fcp.startTime : undefined,
          lcp: lcp ? origin + lcp.startTime : undefined,
          lcpElement: el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}${el.closest('.katex') ? ' (in .katex)' : ''}` : undefined,
        };
      })
      .catch(() => undefined);
    if (r?.katex) return r;
  }
  return undefined;
}

async function watchPanel(page: Page, benchDir: string, run: number): Promise<void> {
  const done = (d: Omit<PanelDone, 'run'>): void => {
    const file = path.join(benchDir, `panel-${run}-done.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ run, ...d }));
    fs.renameSync(`${file}.tmp`, file);
  };
  try {
    const install = await installMarks(page, 30_000);
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('.katex').first().waitFor({ state: 'visible', timeout: 30_000 });
    const detected = Date.now();
    let marks = await readMarks(page);
    for (let i = 0; i < 20 && marks && marks.painted === undefined && marks.inDom !== undefined; i++) {
      await sleep(25);
      marks = await readMarks(page);
    }
    done({
      detected,
      marks: install,
      katexInDom: marks?.inDom,
      katexPainted: marks?.painted,
      firstContentfulPaint: marks?.fcp,
      largestContentfulPaint: marks?.lcp,
      largestContentfulElement: marks?.lcpElement,
      pageOrigin: marks?.origin,
      domContentLoaded: marks?.domContentLoaded,
      resources: marks?.resources,
    });
  } catch (e) {
    const shot = path.join(benchDir, `panel-${run}-failure.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    const frames = page.frames().map((f) => f.url().slice(0, 120));
    done({ detected: Date.now(), error: `${e instanceof Error ? e.message.split('\n')[0] : String(e)}; frames: ${frames.join(' | ')}` });
    if (process.env.MATCALC_BENCH_KEEP) fs.copyFileSync(shot, path.join(process.env.MATCALC_BENCH_KEEP, path.basename(shot)));
  }
}

/**
 * VS Code's own record of the activation ("Developer: Show Running Extensions"): the row of the
 * extension as shown, e.g. "Matrix Calculus … 12ms", with the activation reason in its title.
 */
async function runningExtensionsRow(page: Page, names: readonly string[]): Promise<{ text: string; title?: string } | undefined> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Developer: Show Running Extensions');
  const item = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  await item.click();
  const pattern = new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: pattern }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
  // The activation reason is in the hover of the activation time.
  let title: string | undefined;
  try {
    await row.getByText(/Activation:/).first().hover();
    const tip = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /ctivat/ }).first();
    await tip.waitFor({ state: 'visible', timeout: 5_000 });
    title = (await tip.innerText()).replace(/\s+/g, ' ').trim();
  } catch {
    title = undefined;
  }
  return { text, title };
}

interface Session {
  readonly runtimeRow?: { text: string; title?: string };
  readonly workbenchLoadMs: number;
  readonly host: HostResults;
  readonly panel: PanelDone[];
  readonly starts: PanelStart[];
}

async function session(opts: Options, ext: { dir: string; id: string; displayName: string }, index: number): Promise<Session> {
  const benchDir = makeTempDir('bench-dir');
  const workspace = makeTempDir('bench-ws');
  const md = benchMarkdown(500);
  const markdown = path.join(workspace, 'notes.md');
  fs.writeFileSync(markdown, md.text);
  const targets = [...spread(md.targets, 'math', opts.hovers), ...spread(md.targets, 'fence', opts.hovers)];
  const config: BenchConfig = {
    extensionId: ext.id,
    markdown,
    lines: md.lines,
    mathSpans: md.mathSpans,
    targets,
    hoversPerKind: opts.hovers,
    warmRounds: opts.warm,
    panelRuns: opts.panel,
    panelArgs: { expr: "norm2(A*x - b)^2 + x'*S*x", where: 'x: vector(n); A: matrix(m, n); b: vector(m); S: matrix(n, n) symmetric', wrt: ['x'], from: 'plain' },
  };
  fs.writeFileSync(path.join(benchDir, 'config.json'), JSON.stringify(config));

  const server = await startCodeServer({ workspace, env: { MATCALC_BENCH_DIR: benchDir } });
  const browser = await launchBrowser();
  try {
    const url = workbenchUrl(server, [
      ['extensionDevelopmentPath', server.remoteUri(ext.dir)],
      ['extensionTestsPath', server.remoteUri(opts.host)],
      ['skipWelcome', 'true'],
    ]);
    const w0 = Date.now();
    const page = await openWorkbench(browser, url);
    const workbenchLoadMs = Date.now() - w0;
    log(`session ${index + 1}: workbench loaded in ${workbenchLoadMs} ms`);

    const panel: PanelDone[] = [];
    const starts: PanelStart[] = [];
    const resultsFile = path.join(benchDir, 'results.json');
    const deadline = Date.now() + 600_000;
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline) throw new Error(`no results after 600 s.\n${server.log().slice(-3000)}`);
      const run = starts.length;
      const startFile = path.join(benchDir, `panel-${run}-start.json`);
      if (fs.existsSync(startFile)) {
        starts.push(JSON.parse(fs.readFileSync(startFile, 'utf8')) as PanelStart);
        await watchPanel(page, benchDir, run);
        panel.push(JSON.parse(fs.readFileSync(path.join(benchDir, `panel-${run}-done.json`), 'utf8')) as PanelDone);
        log(`session ${index + 1}: panel ${run} done`);
        continue;
      }
      await sleep(10);
    }
    const host = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostResults;
    if (host.error) log(`session ${index + 1}: host error: ${host.error.split('\n')[0]}`);
    const runtimeRow = await runningExtensionsRow(page, [ext.id, ext.displayName]).catch((e: unknown) => {
      log(`session ${index + 1}: Running Extensions not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return undefined;
    });
    if (process.env.MATCALC_BENCH_KEEP) await page.screenshot({ path: path.join(process.env.MATCALC_BENCH_KEEP, `session-${index + 1}-end.png`) }).catch(() => undefined);
    fs.writeFileSync(path.join(benchDir, 'driver-done.json'), '{}');
    await sleep(500);
    return { runtimeRow, workbenchLoadMs, host, panel, starts };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(benchDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const ext = await extractVsix(opts.vsix);
  const sessions: Session[] = [];
  try {
    for (let i = 0; i < opts.sessions; i++) sessions.push(await session(opts, ext, i));
  } finally {
    fs.rmSync(path.dirname(ext.dir), { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ extensionId: ext.id, options: { ...opts, vsix: path.basename(opts.vsix), host: path.basename(opts.host) }, sessions })}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`[editor] FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
