/**
 * Batch form in a Python file (issue 13): selecting `F.cross_entropy(X @ W + b, Y)`, with the
 * shapes declared in comments, and choosing W shows ∂/∂W in the panel — (P − Y)ᵀX/N in numerator
 * layout, P the row-wise softmax — with its derivation, a passed numerical check, and the assumption
 * that Y's rows are probabilities stated.
 */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, workbench } from './workbench';
import { closeAllEditors, editorLine, panelWithEquation } from './ui';

describe('Batch form in Python (UI)', () => {
  beforeEach(closeAllEditors);

  it('F.cross_entropy(X @ W + b, Y) selected in a .py file: ∂/∂W with its derivation', async () => {
    const { page } = workbench();
    await openFile('batch.py');
    // Select exactly the call: from its first character to the end of the line.
    const line = editorLine('loss = F.cross_entropy');
    await line.click();
    await page.keyboard.press('End');
    const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
    const start = text.indexOf('F.cross_entropy');
    for (let i = text.length; i > start; i--) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+End');

    await runCommand('Matrix Calculus: Differentiate Expression');
    // The variables are offered in the QuickPick: choose W.
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await rows.count()) >= 4, `X, W, b and Y are offered: ${JSON.stringify(await rows.allTextContents())}`);
    // A multi-select list (several scalars may be stacked) with the first variable, X, ticked:
    // untick X, tick W (each row's accessible name starts with its label), accept.
    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    const row = (v: string): number => names.findIndex((n) => new RegExp(`^\\s*${v}(?![A-Za-z0-9_])`).test(n));
    assert.ok(row('W') >= 0 && row('X') >= 0, `X and W are not offered: ${JSON.stringify(names)}`);
    await rows.nth(row('X')).click();
    await rows.nth(row('W')).click();
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });

    const frame = await panelWithEquation();
    assert.match((await frame.locator('#title').textContent()) ?? '', /w\.r\.t\. W/);
    const tex = (await frame.locator('#equation annotation[encoding="application/x-tex"]').allTextContents()).join(' ');
    assert.match(tex, /\\partial/, `no derivative in ${tex}`);
    assert.match(tex, /\\operatorname\{softmax\}/, `no row-wise softmax P in ${tex}`);
    assert.match(tex, /- Y/, `not the textbook P − Y in ${tex}`);
    assert.doesNotMatch(tex, /\\odot|\\operatorname\{diag\}/, `the general diag(Y𝟏)P form (once (Y𝟏𝟏ᵀ) ⊙ P), not P − Y: ${tex}`);
    assert.equal(await frame.locator('.katex-error').count(), 0);
    assert.match((await frame.locator('#check-badge').textContent()) ?? '', /✓/);
    // The textbook form P − Y rests on Y's rows summing to 1: the panel says it assumed so.
    const assumed = (await frame.locator('#input-assumed').textContent()) ?? '';
    assert.match(assumed, /Y matrix\(N, k\) probabilities \(the target of F\.cross_entropy/, `assumed: ${assumed}`);
    const steps = await frame.locator('#steps li.step').count();
    assert.ok(steps >= 3, `the derivation has ${steps} step(s)`);
    // The derivation by differentials: the pieces' differentials, the trace form, the derivative identified.
    const stepNames = (await frame.locator('#steps li.step .step-head .name').allTextContents()).join(' | ');
    for (const name of ['Differential', 'Bring to trace form', 'Identify the derivative']) assert.ok(stepNames.includes(name), `no step '${name}' in ${stepNames}`);
    await screenshot('batch-cross-entropy');
  });
});
