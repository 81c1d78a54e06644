/**
 * The panel's "Differentiate by" choice in the real workbench: the expression's variables in the
 * header, chosen with the keyboard, labelled for a screen reader; the panel shows the derivative by
 * the chosen variable, with the layout switch and the steps working on it. And the layout switch's
 * buttons keep their left border when a narrow panel wraps them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCREENSHOTS, screenshot, workbench } from './workbench';
import { closeAllEditors, differentiateIn, editorLine } from './ui';

/**
 * Writes (or, with undefined, removes) the workspace's settings.json and waits until the extension
 * reads the expression on `line` the way `readable` says (its shape, 1×1, in the status bar or
 * not), moving the cursor so the status bar looks again.
 */
async function workspaceSettings(settings: Record<string, unknown> | undefined, line: string, readable: boolean): Promise<void> {
  const { page, workspace } = workbench();
  const file = path.join(workspace, '.vscode', 'settings.json');
  if (settings) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(settings));
  } else {
    fs.rmSync(file, { force: true });
  }
  const shape = page.locator('.statusbar-item', { hasText: 'f: 1×1' });
  for (let i = 0; i < 60; i++) {
    await editorLine(line).click();
    await page.keyboard.press(i % 2 ? 'End' : 'Home');
    await page.waitForTimeout(500);
    if ((await shape.isVisible()) === readable) return;
  }
  throw new Error(`the setting ${JSON.stringify(settings)} was not taken up`);
}

describe('Panel: differentiate by another variable (UI)', () => {
  beforeEach(closeAllEditors);

  it('the header offers the variables; choosing one with the keyboard shows the derivative by it; the layout switch and the steps work on it (screenshots)', async () => {
    const frame = await differentiateIn('sample.matcalc');
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. x');
    // Labelled: found by its label, as a screen reader names it.
    const choice = frame.getByLabel('Differentiate by');
    await choice.waitFor({ state: 'visible' });
    assert.deepEqual(await choice.locator('option').allTextContents(), ['x (vector, n×1)', 'A (matrix, n×n)']);
    assert.equal(await choice.inputValue(), 'x');
    // On step 2, then the keyboard: focus the choice, arrow down to A.
    await frame.locator('#next').click();
    await frame.locator('#position', { hasText: /^Step 2 of/ }).waitFor({ timeout: 10_000 });
    await choice.focus();
    await workbench().page.keyboard.press('ArrowDown');
    await frame.locator('#title', { hasText: 'Derivative w.r.t. A' }).waitFor({ timeout: 15_000 });
    assert.equal(await choice.inputValue(), 'A');
    assert.match((await frame.locator('#result-meta').textContent()) ?? '', /^numerator layout · shape n×n · with respect to A \(n×n\)$/);
    assert.match((await frame.locator('#position').textContent()) ?? '', /^Step 1 of \d+/, 'a new derivation starts at its first step');
    assert.ok(await frame.locator('#busy').isHidden(), '"Working…" is gone');
    await frame.locator('#check-badge').waitFor({ state: 'visible' });
    assert.match((await frame.locator('#check-badge').textContent()) ?? '', /✓/);
    await screenshot('panel-differentiate-by-A');
    // The layout switch derives by A again, in the other layout; the choice stays on A.
    await frame.locator('button[data-layout="denominator"]').click();
    await frame.locator('button[data-layout="denominator"][aria-pressed="true"]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. A');
    assert.match((await frame.locator('#result-meta').textContent()) ?? '', /^denominator layout/);
    assert.equal(await choice.inputValue(), 'A');
    // Keys on the choice are the choice's: the steps did not move.
    assert.match((await frame.locator('#position').textContent()) ?? '', /^Step 1 of/);
    // Back to x with the keyboard.
    await choice.focus();
    await workbench().page.keyboard.press('ArrowUp');
    await frame.locator('#title', { hasText: 'Derivative w.r.t. x' }).waitFor({ timeout: 15_000 });
    assert.match((await frame.locator('#result-meta').textContent()) ?? '', /^denominator layout · shape n×1/);
    await screenshot('panel-differentiate-by-x-denominator');
  });

  it('the variables in the order of their declarations, the first the one derived by', async () => {
    const frame = await differentiateIn('mse.matcalc', 'mean(');
    const choice = frame.getByLabel('Differentiate by');
    assert.deepEqual(await choice.locator('option').allTextContents(), ['w (vector, n×1)', 'X (matrix, m×n)', 'y (vector, m×1)']);
    assert.equal(await choice.inputValue(), 'w');
  });

  it('a narrow panel: the layout switch wraps and every button that starts a row has its left border (screenshot)', async () => {
    const frame = await differentiateIn('sample.matcalc');
    const rows = await frame.locator('body').evaluate(async (body) => {
      const app = document.getElementById('app') as HTMLElement;
      app.style.maxWidth = '200px';
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const out: { label: string; wrapped: boolean; borderLeft: string; left: number; groupLeft: number }[] = [];
      for (const group of body.querySelectorAll<HTMLElement>('.switch')) {
        const buttons = [...group.querySelectorAll<HTMLElement>('button')];
        const groupLeft = group.getBoundingClientRect().left;
        buttons.forEach((b, i) => {
          const r = b.getBoundingClientRect();
          const prev = i > 0 ? buttons[i - 1].getBoundingClientRect() : undefined;
          out.push({ label: b.textContent ?? '', wrapped: prev !== undefined && r.top > prev.top + 1, borderLeft: getComputedStyle(b).borderLeftWidth, left: r.left, groupLeft });
        });
      }
      return out;
    });
    const wrapped = rows.filter((r) => r.wrapped);
    assert.ok(wrapped.length > 0, `nothing wrapped at 200px: ${JSON.stringify(rows)}`);
    for (const r of wrapped) {
      assert.notEqual(r.borderLeft, '0px', `${r.label} starts a row without a left border`);
      assert.ok(r.left >= r.groupLeft, `${r.label} starts left of its group`);
    }
    await screenshot('panel-narrow-switches');
    await frame.locator('.controls').screenshot({ path: path.join(SCREENSHOTS, 'panel-narrow-switches-controls.png') });
  });

  it('a derive by the chosen variable that fails shows the error with the choice still there; choosing another variable from it derives by that one (screenshot)', async () => {
    const frame = await differentiateIn('undeclared.matcalc');
    assert.equal(await frame.locator('#title').textContent(), 'Derivative w.r.t. A');
    const choice = frame.getByLabel('Differentiate by');
    await choice.waitFor({ state: 'visible' });
    const line = "softmax(A*x)' * x";
    try {
      // The shape in the status bar with the letter conventions; then every undeclared symbol a
      // scalar: softmax(A*x) cannot be read (A*x is 1×1) by any variable.
      await workspaceSettings(undefined, line, true);
      await workspaceSettings({ 'matrixCalculus.defaultShapeConvention': 'scalars' }, line, false);
      await choice.focus();
      await workbench().page.keyboard.press('ArrowDown');
      await frame.locator('#error').waitFor({ state: 'visible', timeout: 15_000 });
      assert.match((await frame.locator('#error-message').textContent()) ?? '', /softmax needs a vector/);
      // As shown (innerText applies the style): the variable as it is written, x and not X.
      assert.equal(await frame.locator('#error-heading').innerText(), 'Cannot differentiate by x', 'the heading names the variable that failed');
      assert.ok(await frame.locator('#busy').isHidden(), '"Working…" is gone');
      assert.ok(await frame.locator('#check-badge').isHidden(), 'the check badge of the derivation before is still shown');
      // The choice stays, on the variable asked for, with every variable to choose from.
      assert.ok(await choice.isVisible(), 'the choice is hidden after the failed derive');
      assert.equal(await choice.inputValue(), 'x');
      assert.deepEqual(await choice.locator('option').allTextContents(), ['A (matrix, n×n)', 'x (vector, n×1)']);
      await screenshot('panel-differentiate-by-failed');
      // The letter conventions again; back to A from the error, with the keyboard.
      await workspaceSettings(undefined, line, true);
      await choice.focus();
      await workbench().page.keyboard.press('ArrowUp');
      await frame.locator('#title', { hasText: 'Derivative w.r.t. A' }).waitFor({ timeout: 15_000 });
      assert.ok(await frame.locator('#error').isHidden());
      assert.equal(await choice.inputValue(), 'A');
      assert.deepEqual(await choice.locator('option').allTextContents(), ['A (matrix, n×n)', 'x (vector, n×1)']);
    } finally {
      fs.rmSync(path.join(workbench().workspace, '.vscode', 'settings.json'), { force: true });
    }
  });

  it('a page that falls back to its placeholder (a state it cannot show) shows no choice and no title of the derivation before', async () => {
    const frame = await differentiateIn('sample.matcalc');
    const choice = frame.locator('#wrt-choice');
    await choice.waitFor({ state: 'visible' });
    // A derivation whose steps this page cannot draw (as a state saved by another version might be):
    // the page starts empty rather than half-drawn.
    await frame.locator('body').evaluate(() => {
      const model = {
        request: { expr: 'y*z', from: 'plain', wrt: ['y'], order: 1, layout: 'numerator', granularity: 'full', check: false },
        title: 'Derivative w.r.t. y',
        inputLatex: 'yz',
        inputShape: '1×1',
        wrt: ['y'],
        wrtShape: '1×1',
        variables: [{ name: 'y', kind: 'scalar', shape: '1×1' }, { name: 'z', kind: 'scalar', shape: '1×1' }],
        layout: 'numerator',
        order: 1,
        resultLatex: 'z',
        resultShape: '1×1',
        equationLatex: 'z',
        steps: [null],
      };
      window.postMessage({ type: 'show', model }, '*');
    });
    await frame.locator('#placeholder').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await frame.locator('#derivation').isHidden());
    assert.ok(await choice.isHidden(), 'the choice of the derivation before is still shown');
    assert.equal(await frame.locator('#wrt option').count(), 0, 'stale variables are left in the choice');
    assert.equal(await frame.locator('#title').textContent(), 'Matrix Calculus');
    assert.ok(await frame.locator('#check-badge').isHidden(), 'the check badge of the derivation before is still shown');
  });
});
