/**
 * The editor's context menu without a selection: the commands take the expression under the cursor
 * (the math block around it, the line), so the Matrix Calculus submenu is offered there too, in the
 * files whose math the extension reads.
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
    const differentiate = entry('Differentiate Selection');
    await differentiate.waitFor({ state: 'visible', timeout: 10_000 });
    for (const title of ['Gradient of Selection', 'Expand Chain Rule', 'Check Derivative Numerically', 'Insert Derivative Below']) {
      assert.ok(await entry(title).isVisible(), title);
    }
    await screenshot('context-menu-no-selection');
    await differentiate.click();
    await acceptQuickPick();
    const frame = await panelWithEquation();
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. x');
    assert.equal(await frame.locator('#input-read').textContent(), "Read as plain syntax: x'*A*x");
  });
});
