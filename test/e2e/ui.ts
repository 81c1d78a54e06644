/** UI helpers for the extension's own specs (on top of workbench.ts). */
import type { Locator } from 'playwright-core';
import { openFile, runCommand, selectLastLine, webviewFrame, workbench } from './workbench';

const QUICK_INPUT = '.quick-input-widget';

/** Accepts the QuickPick that a command shows (its default choice). */
export async function acceptQuickPick(timeout = 10_000): Promise<void> {
  const { page } = workbench();
  const widget = page.locator(QUICK_INPUT);
  await widget.waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
}

/**
 * The panel's webview, once its derivation (a rendered equation) is visible and the page's script
 * has taken over (`body[data-live]`): the equation is in the page's first HTML, typeset by the host,
 * and shows before the script has run; clicks and keys need the script.
 */
export async function panelWithEquation(): Promise<ReturnType<typeof webviewFrame>> {
  const frame = webviewFrame();
  await frame.locator('#equation .katex').first().waitFor({ state: 'visible', timeout: 30_000 });
  await frame.locator('body[data-live="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  return frame;
}

/**
 * Opens a workspace file, puts the cursor on the line holding `lineText` (before `at` in it, else
 * at its end; default: selects the last line), runs "Differentiate Expression…" from the palette, takes the QuickPick's default variable,
 * and returns the panel once it shows the result.
 */
export async function differentiateIn(file: string, lineText?: string, at?: string): Promise<ReturnType<typeof webviewFrame>> {
  await openFile(file);
  if (lineText) await putCursor(lineText, at);
  else await selectLastLine();
  await runCommand('Matrix Calculus: Differentiate Expression');
  await acceptQuickPick();
  return panelWithEquation();
}

/** Switches the colour theme through "Preferences: Color Theme", as a user does. */
export async function setColorTheme(name: string): Promise<void> {
  const { page } = workbench();
  await runCommand('Preferences: Color Theme');
  await page.locator(`${QUICK_INPUT} .quick-input-box input`).fill(name);
  await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  await page.waitForTimeout(500);
}

/** Closes every editor and the panel ("View: Close All Editors"), so each test starts from one editor group. */
export async function closeAllEditors(): Promise<void> {
  const { page } = workbench();
  await runCommand('View: Close All Editors');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
}

/** Puts the cursor on the line holding `lineText`: before the first `at` in it, or at its end. */
export async function putCursor(lineText: string, at?: string): Promise<void> {
  const { page } = workbench();
  const line = editorLine(lineText);
  await line.click();
  await page.keyboard.press('End');
  if (at === undefined) return;
  const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
  const column = text.indexOf(at);
  if (column < 0) throw new Error(`'${at}' is not on the line '${text}'`);
  for (let i = text.length; i > column; i--) await page.keyboard.press('ArrowLeft');
}

/** The first rendered editor line holding `text`. */
export function editorLine(text: string): Locator {
  return workbench().page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: text }).first();
}

/** Moves the mouse over `text` in the editor and waits for the hover widget with an image. */
export async function hoverOver(text: string, offsetX = 20): Promise<Locator> {
  const line = editorLine(text);
  await line.waitFor({ state: 'visible' });
  const box = await settledBox(line);
  return hoverAt(box.x + offsetX, box.y + box.height / 2);
}

/**
 * The element's box once it stops moving (the same in two reads 200 ms apart; up to 5 s): lines move
 * when a CodeLens or a view zone arrives above them, and a hover aimed at the old place misses.
 */
export async function settledBox(element: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const same = (a: { x: number; y: number } | null, b: { x: number; y: number } | null): boolean => a !== null && b !== null && a.x === b.x && a.y === b.y;
  let box = await element.boundingBox();
  for (let i = 0; i < 25; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await element.boundingBox();
    if (same(box, next) && next) return next;
    box = next;
  }
  throw new Error(`the element did not stop moving in 5 s (last box ${JSON.stringify(box)})`);
}

/** Moves the mouse to the editor's cursor (see putCursor) and waits for the hover widget with an image. */
export async function hoverAtCursor(): Promise<Locator> {
  const box = await workbench().page.locator('.editor-instance .monaco-editor .cursors-layer .cursor').first().boundingBox();
  if (!box) throw new Error('no cursor in the editor');
  return hoverAt(box.x + 4, box.y + box.height / 2);
}

async function hoverAt(x: number, y: number): Promise<Locator> {
  const { page } = workbench();
  await page.mouse.move(x + 40, y);
  await page.mouse.move(x, y);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('img') }).first();
  await hover.waitFor({ state: 'visible', timeout: 20_000 });
  return hover;
}
