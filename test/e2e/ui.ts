/** UI helpers for the extension's own specs (on top of workbench.ts). */
import type { Locator } from 'playwright-core';
import { webviewFrame, workbench } from './workbench';

/** Accepts the QuickPick that a command shows (the default choice), if one appears. */
export async function acceptQuickPick(timeout = 10_000): Promise<void> {
  const { page } = workbench();
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
}

/** The panel's webview, once its derivation (a rendered equation) is visible. */
export async function panelWithEquation(): Promise<ReturnType<typeof webviewFrame>> {
  const frame = webviewFrame();
  await frame.locator('#equation .katex').first().waitFor({ state: 'visible', timeout: 30_000 });
  return frame;
}

/** Switches the colour theme through "Preferences: Color Theme", as a user does. */
export async function setColorTheme(name: string): Promise<void> {
  const { page } = workbench();
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
  await input.fill(name);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.waitForTimeout(500);
}

/** The editor line (0-based, among the rendered lines) holding `text`. */
export function editorLine(text: string): Locator {
  return workbench().page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: text }).first();
}

/** Moves the mouse over `text` in the editor and waits for the hover widget. */
export async function hoverOver(text: string, offsetX = 20): Promise<Locator> {
  const { page } = workbench();
  const line = editorLine(text);
  await line.waitFor({ state: 'visible' });
  const box = await line.boundingBox();
  if (!box) throw new Error(`line with ${text} not visible`);
  await page.mouse.move(box.x + offsetX + 40, box.y + box.height / 2);
  await page.mouse.move(box.x + offsetX, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('img') }).first();
  await hover.waitFor({ state: 'visible', timeout: 20_000 });
  return hover;
}

/** Closes every editor and the panel ("View: Close All Editors"), so each test starts from one editor group. */
export async function closeAllEditors(): Promise<void> {
  const { page } = workbench();
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>View: Close All Editors');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.editor-group-container').first().waitFor();
  await page.waitForTimeout(300);
}
