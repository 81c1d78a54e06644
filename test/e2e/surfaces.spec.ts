/**
 * The editor surfaces as a user sees them, with screenshots (looked at when they change): a .matcalc
 * file's squiggle and its message, completion open, the CodeLens over expressions (and a lens
 * running the panel), and a Jupyter notebook with the panel beside it.
 */
import * as assert from 'node:assert/strict';
import { openFile, openNotebook, runCommand, screenshot, workbench } from './workbench';
import { acceptQuickPick, closeAllEditors, editorLine, panelWithEquation } from './ui';

describe('Editor surfaces (UI): .matcalc language features and notebooks', () => {
  beforeEach(closeAllEditors);

  it('a shape error is squiggled and its hover gives the message', async () => {
    const { page } = workbench();
    await openFile('layer.matcalc');
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ state: 'visible', timeout: 20_000 });
    // The CodeLens above the expression line moves the lines below it when it appears: wait for it first.
    await page.locator('.editor-instance .monaco-editor .codelens-decoration').first().waitFor({ state: 'visible', timeout: 20_000 });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'cannot multiply' }).first();
    for (let attempt = 0; ; attempt++) {
      const box = await squiggle.boundingBox();
      assert.ok(box, 'the squiggle has no box');
      const lineBox = await editorLine('x * W').boundingBox();
      assert.ok(lineBox && Math.abs(box.y + box.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height, 'the squiggle is not on the line x * W');
      await page.mouse.move(box.x + box.width / 2 + 200, box.y + 200);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 2) throw e;
      }
    }
    // The diagnostic's part shows at once, the hover providers' parts when they answer (an error
    // section needs no image): let them answer before counting.
    await page.locator('.monaco-hover:not(.hidden)', { hasText: /Loading/ }).waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForTimeout(1_000);
    const said = ((await hover.textContent()) ?? '').match(/cannot multiply x \(n×1\) by W \(m×n\)/g) ?? [];
    assert.equal(said.length, 1, 'the message once (the diagnostic), not again in our hover');
    await screenshot('matcalc-diagnostic');
  });

  it('completion lists the functions with their signatures and the declared variables', async () => {
    const { page } = workbench();
    await openFile('layer.matcalc');
    await editorLine('x * W').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('so');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await suggest.waitFor({ state: 'visible', timeout: 20_000 });
    await suggest.locator('.monaco-list-row', { hasText: 'softmax' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // The focused item's details: its signature and shape rule.
    const text = (await suggest.textContent()) ?? '';
    assert.match(text, /softmax/);
    await screenshot('matcalc-completion');
    await page.keyboard.press('Escape');
    // Undo the typing, so the file is as it was for the next test.
    const typed = page.locator('.editor-instance .monaco-editor .view-line', { hasText: /^so$/ });
    for (let i = 0; i < 5 && (await typed.count()) > 0; i++) await page.keyboard.press('Control+z');
    await typed.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('CodeLens over each expression: a derivative and a Hessian per free variable; a lens opens the panel', async () => {
    const { page } = workbench();
    await openFile('layer.matcalc');
    const lenses = page.locator('.editor-instance .monaco-editor .codelens-decoration');
    await lenses.first().waitFor({ state: 'visible', timeout: 20_000 });
    const first = ((await lenses.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(first, /∂\/∂x/);
    assert.match(first, /∂\/∂W/);
    for (const name of ['W', 'x', 'b', 'y']) assert.match(first, new RegExp(`Hessian w\\.r\\.t\\. ${name}\\b`), 'a Hessian lens per variable, naming it');
    await screenshot('matcalc-codelens');
    await lenses.first().locator('a', { hasText: '∂/∂W' }).first().click();
    const frame = await panelWithEquation();
    assert.ok((await frame.locator('#equation .katex').count()) > 0);
  });

  it('a Jupyter notebook: differentiate in a Python cell, the panel beside the notebook', async () => {
    const { page } = workbench();
    await openNotebook('least-squares.ipynb');
    const line = page.locator('.notebook-editor .cell-editor-container .view-line', { hasText: 'np.sum' }).first();
    await line.waitFor({ state: 'visible', timeout: 30_000 });
    await line.click();
    await page.keyboard.press('End');
    await runCommand('Matrix Calculus: Differentiate Expression');
    await acceptQuickPick();
    const frame = await panelWithEquation();
    assert.ok((await frame.locator('#equation .katex').count()) > 0);
    // The notebook stays visible beside the panel.
    await page.locator('.notebook-editor >> visible=true').first().waitFor({ state: 'visible' });
    await screenshot('notebook-panel');
  });
});
