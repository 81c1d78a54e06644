/**
 * The editor's context menu without a selection: the commands take the expression under the cursor
 * (the math block around it, the line), so the Matrix Calculus submenu is offered there too, in the
 * files whose math the extension reads, and its entries say so ("… Expression at Cursor"); with a
 * selection they are the palette's commands ("Differentiate Expression…"). Both show Ctrl+Alt+D,
 * which differentiates with and without a selection; so does the palette.
 */
import * as assert from 'node:assert/strict';
import { openFile, screenshot, workbench } from './workbench';
import type { Locator } from 'playwright-core';
import { acceptQuickPick, closeAllEditors, editorLine, panelWithEquation } from './ui';

/** The key a menu entry shows beside its label ('' for none). */
async function keyOf(menu: Locator, title: string): Promise<string> {
  const item = menu.locator('.action-menu-item', { has: menu.page().locator('.action-label', { hasText: title }) }).first();
  const key = item.locator('.keybinding');
  return (await key.count()) > 0 ? ((await key.first().textContent()) ?? '').trim() : '';
}

describe('Context menu without a selection (UI)', () => {
  beforeEach(closeAllEditors);

  it('right-clicking the expression under the cursor offers the submenu; Differentiate derives that expression (screenshot)', async () => {
    const { page } = workbench();
    await openFile('sample.matcalc');
    const line = editorLine("x' * A * x");
    await line.click();
    await page.keyboard.press('End');
    await line.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: 'Matrix Calculus' }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await item.hover();
    // The entries' own labels (an entry of the menu holds its submenu's text too).
    const entry = (title: string) => menu.locator('.action-label', { hasText: title }).first();
    // Without a selection the entries say what they act on: the expression at the cursor.
    const differentiate = entry('Differentiate Expression at Cursor');
    await differentiate.waitFor({ state: 'visible', timeout: 10_000 });
    const labels = (await menu.locator('.monaco-submenu .action-label').allTextContents()).map((l) => l.trim()).filter((l) => l !== '');
    for (const title of ['Jacobian of Expression at Cursor', 'Gradient of Expression at Cursor', 'Hessian of Expression at Cursor', 'Expand Chain Rule', 'Check Derivative Numerically', 'Insert Derivative Below']) {
      assert.ok(labels.includes(title), `${title} is not in ${JSON.stringify(labels)}`);
    }
    assert.deepEqual(labels.filter((l) => /Selection/.test(l)), [], 'an entry speaks of a selection there is not');
    // Ctrl+Alt+D differentiates here (the expression at the cursor): the entry says so.
    assert.equal(await keyOf(menu, 'Differentiate Expression at Cursor'), 'Ctrl+Alt+D');
    await screenshot('context-menu-no-selection');
    await differentiate.click();
    await acceptQuickPick();
    const frame = await panelWithEquation();
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. x');
    assert.equal(await frame.locator('#input-read').textContent(), "Read as plain syntax: x'*A*x");
  });

  it('with a selection the entries are the palette\'s, which take the selection, and Differentiate shows its key (screenshot)', async () => {
    const { page } = workbench();
    await openFile('sample.matcalc');
    const line = editorLine("x' * A * x");
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await line.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: 'Matrix Calculus' }).first().hover();
    await menu.locator('.action-label', { hasText: 'Differentiate Expression…' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = (await menu.locator('.monaco-submenu .action-label').allTextContents()).map((l) => l.trim());
    for (const title of ['Jacobian of Expression', 'Gradient of Expression', 'Hessian of Expression']) assert.ok(labels.includes(title), `${title} is not in ${JSON.stringify(labels)}`);
    assert.deepEqual(labels.filter((l) => /Cursor/.test(l)), [], 'an entry speaks of the cursor while there is a selection');
    assert.equal(await keyOf(menu, 'Differentiate Expression…'), 'Ctrl+Alt+D');
    await screenshot('context-menu-selection');
    await page.keyboard.press('Escape');
  });

  it('the palette lists the commands by the expression, Differentiate with its key; Ctrl+Alt+D without a selection differentiates the expression at the cursor (screenshot)', async () => {
    const { page } = workbench();
    await openFile('sample.matcalc');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Matrix Calculus: ');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const differentiate = rows.filter({ hasText: 'Matrix Calculus: Differentiate Expression…' }).first();
    await differentiate.waitFor({ state: 'visible', timeout: 15_000 });
    const keys = (await differentiate.locator('.monaco-keybinding-key').allTextContents()).map((k) => k.trim());
    assert.deepEqual(keys, ['Ctrl', 'Alt', 'D']);
    const titles = (await rows.locator('.label-name').allTextContents()).map((t) => t.trim());
    assert.deepEqual(titles.filter((t) => /Selection|Cursor/.test(t)), [], `a palette title speaks of a selection or the cursor: ${JSON.stringify(titles)}`);
    await screenshot('palette-differentiate');
    await page.keyboard.press('Escape');
    // The key without a selection: the expression at the cursor.
    const line = editorLine("x' * A * x");
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Alt+D');
    await acceptQuickPick();
    const frame = await panelWithEquation();
    assert.equal(await frame.locator('#input-read').textContent(), "Read as plain syntax: x'*A*x");
  });
});
