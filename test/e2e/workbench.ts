/**
 * UI-test fixture (a mocha root-hook plugin, loaded by test/e2e/.mocharc.json): installs the
 * packaged VSIX into a throwaway extensions folder of code-server, starts it on a copy of
 * test/fixtures/workspace, and opens the workbench in Chromium. Specs use `workbench()` and the
 * helpers below. Screenshots go to test/e2e/screenshots/ (git-ignored).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import {
  REPO_ROOT,
  copyFixture,
  installVsix,
  launchBrowser,
  makeTempDir,
  openWorkbench,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../harness/codeServer';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** The VSIX made by `npm run package` (override with MATCALC_VSIX). */
export function vsixPath(): string {
  if (process.env.MATCALC_VSIX) return path.resolve(process.env.MATCALC_VSIX);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

interface State {
  server: CodeServer;
  browser: Browser;
  page: Page;
  extensionsDir: string;
  workspace: string;
  console: string[];
}

let state: State | undefined;

/** The running workbench; throws (failing the test) if the fixture could not start. */
export function workbench(): State {
  if (!state) throw new Error('the workbench fixture did not start (see the root hook error above)');
  return state;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    const vsix = vsixPath();
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    const extensionsDir = makeTempDir('e2e-extensions');
    const out = installVsix(vsix, extensionsDir);
    if (!/was successfully installed/.test(out)) throw new Error(`installing ${vsix} failed:\n${out}`);
    const workspace = copyFixture('workspace');
    const server = await startCodeServer({ workspace, extensionsDir });
    const browser = await launchBrowser();
    const page = await openWorkbench(browser, workbenchUrl(server));
    const consoleLog: string[] = [];
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
    state = { server, browser, page, extensionsDir, workspace, console: consoleLog };
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS)) {
      if (f.startsWith('FAILED-')) fs.rmSync(path.join(SCREENSHOTS, f)); // from an earlier run
    }
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    const t = this.currentTest;
    if (state && t?.state === 'failed') {
      await screenshot(`FAILED-${t.fullTitle()}`).catch(() => undefined);
      console.log(`--- browser console (tail) ---\n${state.console.slice(-30).join('\n')}`);
    }
  },
  async afterAll(): Promise<void> {
    if (!state) return;
    const s = state;
    state = undefined;
    await s.browser.close().catch(() => undefined);
    await s.server.stop();
    fs.rmSync(s.extensionsDir, { recursive: true, force: true });
    fs.rmSync(s.workspace, { recursive: true, force: true });
  },
};

/** Saves a screenshot of the whole workbench as test/e2e/screenshots/NAME.png and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await workbench().page.screenshot({ path: file });
  return file;
}

/** Opens the command palette (F1) with `text` typed in it. */
async function quickInput(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
}

/** Runs a command from the command palette by its full title, e.g. "Matrix Calculus: Differentiate Expression". */
export async function runCommand(title: string): Promise<void> {
  const { page } = workbench();
  await quickInput(page, `>${title}`);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** Opens a workspace file through Quick Open and waits for its editor. */
export async function openFile(name: string): Promise<void> {
  const page = await quickOpen(name);
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Opens a workspace file by name through Quick Open and waits for its tab to be the active one. */
async function quickOpen(name: string): Promise<Page> {
  const { page } = workbench();
  await quickInput(page, name);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
  return page;
}

/** Opens a workspace .ipynb file through Quick Open and waits for the notebook editor and its cells. */
export async function openNotebook(name: string): Promise<void> {
  const page = await quickOpen(name);
  await page.locator('.notebook-editor .cell-editor-container .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Selects the last line of the active editor with the keyboard. */
export async function selectLastLine(): Promise<void> {
  const { page } = workbench();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
}

/**
 * The DOM of the extension's (single) visible webview's content frame. Only the extension's own:
 * VS Code's notebook editor keeps a webview of its own (cell outputs) once a notebook was open.
 */
export function webviewFrame(): FrameLocator {
  return workbench().page.frameLocator('iframe.webview.ready[src*="extensionId=matcalc.matrix-calculus"]').frameLocator('#active-frame');
}
