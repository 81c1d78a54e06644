/**
 * Restricted Mode: the workspace opened in a window with workspace trust on, and the trust prompt
 * declined, as a cautious user does with a downloaded notebook folder. package.json declares
 * `capabilities.untrustedWorkspaces.supported: true` (the extension runs no code from the
 * workspace, reads no settings that could: nothing to restrict), so everything must work there:
 * the extension is enabled, differentiates, shows the panel and hovers. Its own code-server, with
 * the packaged VSIX installed, since the shared one runs with workspace trust disabled.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, copyFixture, installVsix, launchBrowser, makeTempDir, openWorkbench, startCodeServer, workbenchUrl, type CodeServer } from '../harness/codeServer';
import { SCREENSHOTS, vsixPath } from './workbench';
import { settledBox } from './ui';

describe('Restricted Mode (UI): an untrusted workspace', function () {
  this.timeout(240_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let extensionsDir = '';
  let workspace = '';
  const consoleLog: string[] = [];

  before(async () => {
    extensionsDir = makeTempDir('restricted-extensions');
    assert.match(installVsix(vsixPath(), extensionsDir), /was successfully installed/);
    workspace = copyFixture('workspace');
    server = await startCodeServer({ workspace, extensionsDir, workspaceTrust: true, settings: { 'security.workspace.trust.startupPrompt': 'always' } });
    browser = await launchBrowser();
    page = await openWorkbench(browser, workbenchUrl(server));
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function palette(text: string): Promise<void> {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
  }

  it('declining trust gives Restricted Mode, and the extension still differentiates into the panel and hovers', async () => {
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await dialog.textContent()) ?? '', /trust the authors/i);
    await dialog.locator('.monaco-button', { hasText: /No, I don.t trust/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20_000 });

    // The extension is enabled in Restricted Mode (the extensions view would say "disabled in Restricted Mode").
    await palette('sample.matcalc');
    await page.keyboard.press('Enter');
    const lastLine = page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: "x' * A * x" }).first();
    await lastLine.waitFor({ state: 'visible', timeout: 20_000 });
    await lastLine.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await palette('>Matrix Calculus: Differentiate Expression');
    await page.keyboard.press('Enter');
    const pick = page.locator('.quick-input-widget');
    await pick.waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready[src*="extensionId=matcalc.matrix-calculus"]').frameLocator('#active-frame');
    await frame.locator('#equation .katex').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await frame.locator('#equation').textContent()) ?? '', /A/);

    // The hover (MathJax in its worker thread) works too. The CodeLens above the line arrives on its
    // own time and moves the line down by its height: measured before it came, the mouse would land
    // on the lens, where no hover shows (how this test failed under load, 2026-12-06).
    await page.locator('.editor-instance .monaco-editor .codelens-decoration').first().waitFor({ state: 'visible', timeout: 20_000 });
    const box = await settledBox(lastLine);
    await page.mouse.move(box.x + 60, box.y + 60);
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    try {
      await page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('img') }).first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch (e) {
      // This page is not the shared workbench the root hook photographs on failure: say what it shows.
      await page.screenshot({ path: path.join(SCREENSHOTS, 'FAILED-restricted-mode-hover.png') }).catch(() => undefined);
      const shown = await page.locator('.monaco-hover:not(.hidden)').allTextContents().catch(() => []);
      throw new Error(`${(e as Error).message}\nhover widgets shown: ${JSON.stringify(shown)}\nbrowser console (tail):\n${consoleLog.slice(-30).join('\n')}`);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'restricted-mode.png') });
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'test', 'e2e', 'screenshots', 'restricted-mode.png')));
  });
});
