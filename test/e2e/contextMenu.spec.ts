/**
 * The editor's context menu without a selection: the commands take the expression under the cursor
 * (the math block around it, the line), so the Matrix Calculus submenu is offered there too, in the
 * files whose math the extension reads, and its entries say so ("… Expression at Cursor"); with a
 * selection they say "… Selection".
 */
import * as assert from 'node:assert/strict';
import { openFile, screenshot, workbench } from './workbench';
import { acceptQuickPick, closeAllEditors, editorLine, panelWithEquation } from './ui';

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
    await screenshot('context-menu-no-selection');
    await differentiate.click();
    await acceptQuickPick();
    const frame = await panelWithEquation();
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. x');
    assert.equal(await frame.locator('#input-read').textContent(), "Read as plain syntax: x'*A*x");
  });

  it('with a selection the entries act on the selection and say so (screenshot)', async () => {
    const { page } = workbench();
    await openFile('sample.matcalc');
    const line = editorLine("x' * A * x");
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await line.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: 'Matrix Calculus' }).first().hover();
    await menu.locator('.action-label', { hasText: 'Differentiate Selection' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = (await menu.locator('.monaco-submenu .action-label').allTextContents()).map((l) => l.trim());
    for (const title of ['Jacobian of Selection', 'Gradient of Selection', 'Hessian of Selection']) assert.ok(labels.includes(title), `${title} is not in ${JSON.stringify(labels)}`);
    assert.deepEqual(labels.filter((l) => /Cursor/.test(l)), [], 'an entry speaks of the cursor while there is a selection');
    await screenshot('context-menu-selection');
    await page.keyboard.press('Escape');
  });
});
