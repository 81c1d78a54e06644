/** The panel's Matrix | Index switch in the real workbench (issue 16). */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, selectLastLine } from './workbench';
import { closeAllEditors, differentiateIn, panelWithEquation } from './ui';

describe('Derivation panel: Matrix | Index (UI)', () => {
  beforeEach(closeAllEditors);

  it('shows a derivative with four indices in index form, switches to the matrix form and back, with an "In components" step', async () => {
    // One variable: no QuickPick to answer.
    await openFile('tensors.matcalc');
    await selectLastLine();
    await runCommand('Matrix Calculus: Differentiate Expression');
    const frame = await panelWithEquation();
    // ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ: the index form is shown first, with its switch pressed.
    await frame.locator('button[data-form="index"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    const indexText = (await frame.locator('#equation .katex-mathml annotation').first().textContent()) ?? '';
    assert.match(indexText, /\\partial \\left\(X\^\{-1\}\\right\)_\{ij\}/, indexText);
    assert.match(indexText, /-\\left\(X\^\{-1\}\\right\)_\{ik\} \\left\(X\^\{-1\}\\right\)_\{lj\}/, indexText);
    assert.equal(await frame.locator('.katex-error').count(), 0);
    const last = frame.locator('#steps > li').last();
    assert.equal(((await last.locator('.name').textContent()) ?? '').trim(), 'In components');
    await last.locator('.step-head').click();
    await last.locator('.math.after .katex').first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('panel-index-form');

    await frame.locator('button[data-form="matrix"]').click();
    await frame.locator('button[data-form="matrix"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    const matrixText = (await frame.locator('#equation .katex-mathml annotation').first().textContent()) ?? '';
    assert.match(matrixText, /\\otimes/, matrixText);
    assert.doesNotMatch(matrixText, /_\{ik\}/);
    assert.equal(await frame.locator('#steps > li .name', { hasText: 'In components' }).count(), 0);
    await screenshot('panel-matrix-form');

    await frame.locator('button[data-form="index"]').click();
    await frame.locator('button[data-form="index"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    assert.match((await frame.locator('#equation .katex-mathml annotation').first().textContent()) ?? '', /_\{ik\}/);
  });

  it('writes the index form of a gradient on request', async () => {
    const frame = await differentiateIn('sample.matcalc');
    await frame.locator('button[data-form="matrix"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    await frame.locator('button[data-form="index"]').click();
    await frame.locator('button[data-form="index"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    const text = (await frame.locator('#equation .katex-mathml annotation').first().textContent()) ?? '';
    assert.match(text, /\\partial x_\{i\}/, text);
  });
});
