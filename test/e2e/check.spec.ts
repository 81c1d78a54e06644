/**
 * Check my derivative (issue 14) as a user sees it in the packaged extension: the squiggle on the
 * planted wrong step of a Markdown derivation and its message on hover, then Check Derivative
 * Claim on that line — the panel's verdict and diagnosis — and its button, which replaces the
 * claim in the document.
 */
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, selectLastLine, webviewFrame, workbench } from './workbench';

describe('Check my derivative (UI)', () => {
  it('squiggles the wrong step, and the check panel replaces the claim', async () => {
    const { page } = workbench();
    // Opened from the Explorer (Quick Open's file search can lag on a busy machine).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'derivation.md' }).first().click({ timeout: 30_000 });
    await page.locator('.tabs-container .tab.active', { hasText: 'derivation.md' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    await squiggle.hover({ force: true });
    const hover = page.locator('.monaco-hover').filter({ hasText: 'symmetric-only' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const message = await hover.textContent();
    assert.match(message ?? '', /right only when A is symmetric/);
    assert.match(message ?? '', /matrix calculus/);
    await page.keyboard.press('Escape');

    await selectLastLine();
    await runCommand('Matrix Calculus: Check Derivative Claim');
    const frame = webviewFrame();
    await frame.locator('#verdict').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await frame.locator('#verdict').textContent())?.trim(), 'Incorrect: symmetric-only');
    assert.match((await frame.locator('#diagnosis').textContent()) ?? '', /right only when A is symmetric/);
    const tex = await frame.locator('#expected annotation[encoding="application/x-tex"]').allTextContents();
    assert.deepEqual(tex.map((t) => t.replace(/\s+/g, '')), ['(A+A^{\\top})\\mathbf{x}']);
    await screenshot('check-panel');
    await frame.locator('#replace').click();
    await frame.locator('#replaced').waitFor({ state: 'visible', timeout: 15_000 });
    const lines = await page.locator('.editor-instance .monaco-editor .view-lines').first().textContent();
    assert.match((lines ?? '').replace(/\s+/g, ' '), /= \(A \+ A\^\{\\top\}\)\\mathbf\{x\}\$\$/);
    // The replaced step is right: its squiggle goes.
    await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
  });
});
