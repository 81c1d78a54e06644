/**
 * The panel's "Differentiate by" choice in the real workbench: the expression's variables in the
 * header, chosen with the keyboard, labelled for a screen reader; the panel shows the derivative by
 * the chosen variable, with the layout switch and the steps working on it. And the layout switch's
 * buttons keep their left border when a narrow panel wraps them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SCREENSHOTS, screenshot, workbench } from './workbench';
import { closeAllEditors, differentiateIn } from './ui';

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
});
