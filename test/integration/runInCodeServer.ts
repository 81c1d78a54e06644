/**
 * Runs the extension-host mocha suite (out/test/integration) in a real VS Code: code-server from
 * the npm registry, opened in Chromium with `extensionDevelopmentPath` = this repository and
 * `extensionTestsPath` = ./index.js, as `vscode-remote://` URIs. Waits for the results file,
 * prints it, and exits non-zero on any failure, on no tests, or if the suite never started.
 *   node out/test/integration/runInCodeServer.js
 * Environment: MATCALC_TEST_TIMEOUT (seconds, default 600); see ../harness/codeServer.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  REPO_ROOT,
  copyFixture,
  launchBrowser,
  makeTempDir,
  openWorkbench,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../harness/codeServer';
import type { SuiteResults } from './index';

const TIMEOUT_MS = Number(process.env.MATCALC_TEST_TIMEOUT ?? 600) * 1000;
/** The suite must have started (the extension host called run()) this long after the workbench loaded. */
const START_TIMEOUT_MS = Math.min(TIMEOUT_MS, 120_000);

function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const testsEntry = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  for (const needed of [testsEntry, path.join(REPO_ROOT, 'dist', 'extension.js')]) {
    if (!fs.existsSync(needed)) {
      console.error(`missing ${path.relative(REPO_ROOT, needed)}: run \`npm run build && npm run compile-tests\``);
      return 1;
    }
  }
  const resultsDir = makeTempDir('results');
  const resultsFile = path.join(resultsDir, 'results.json');
  const workspace = copyFixture('workspace');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const browserLog: string[] = [];
  let code = 1;
  try {
    code = await runSuite();
  } catch (e) {
    console.error('FAILED:', e instanceof Error ? e.message : e);
    code = 1;
  } finally {
    if (code !== 0 && page) {
      const shots = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'integration-failure.png') }).catch(() => undefined);
    }
    await browser?.close().catch(() => undefined);
    const log = server?.log() ?? '';
    await server?.stop();
    if (code !== 0 || process.env.MATCALC_VERBOSE) {
      console.log(`--- code-server log (tail) ---\n${log.slice(-3000)}`);
      console.log(`--- browser console (tail) ---\n${browserLog.slice(-40).join('\n')}`);
    }
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(resultsDir, { recursive: true, force: true });
    console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return code;

  async function runSuite(): Promise<number> {
    server = await startCodeServer({ workspace, env: { MATCALC_TEST_RESULTS: resultsFile } });
    console.log(`code-server on ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    browser = await launchBrowser();
    const url = workbenchUrl(server, [
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(testsEntry)],
      ['skipWelcome', 'true'],
    ]);
    page = await openWorkbench(browser, url);
    page.on('console', (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.message}`));

    const loaded = Date.now();
    let results = readResults(resultsFile);
    while (results?.state !== 'finished') {
      if (!results && Date.now() > loaded + START_TIMEOUT_MS) {
        console.error(`FAILED: the extension-host test suite never started (no results ${START_TIMEOUT_MS / 1000} s after the workbench loaded)`);
        return 1;
      }
      if (Date.now() > loaded + TIMEOUT_MS) break;
      await new Promise((r) => setTimeout(r, 250));
      results = readResults(resultsFile);
    }
    if (!results) return 1;
    if (results.state !== 'finished') {
      console.error(`FAILED: the suite started but did not finish within ${TIMEOUT_MS / 1000} s`);
      print(results);
      return 1;
    }
    print(results);
    if (results.error) {
      console.error(`FAILED: the suite could not run: ${results.error}`);
      return 1;
    }
    if (results.total === 0) {
      console.error('FAILED: no tests ran');
      return 1;
    }
    if (results.pending.length > 0) {
      console.error('FAILED: skipped tests are not allowed');
      return 1;
    }
    return results.failures.length > 0 ? 1 : 0;
  }
}

function print(r: SuiteResults): void {
  console.log('\nExtension-host tests (real VS Code via code-server):');
  for (const t of r.passes) console.log(`  ✔ ${t.title} (${t.duration ?? 0} ms)`);
  for (const t of r.pending) console.log(`  - SKIPPED ${t.title}`);
  for (const t of r.failures) console.log(`  ✘ ${t.title}\n      ${(t.error ?? '').split('\n').join('\n      ')}`);
  console.log(`\nintegration: ${r.passes.length} passed, ${r.failures.length} failed`);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
