/** The panel shows a softmax Jacobian's block form, typeset, with what its blocks are (issue 13, "What comes out"). */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, selectLastLine } from './workbench';
import { closeAllEditors, panelWithEquation } from './ui';

describe('Derivation panel: a softmax Jacobian in block form (UI)', () => {
  beforeEach(closeAllEditors);

  it('shows Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K where P = softmax(Z, 2), B = diag(vec(Pᵀ)) in KaTeX, and says the blocks are diag(pᵢ) − pᵢpᵢᵀ, one per row', async () => {
    // One variable (Z): no QuickPick to answer.
    await openFile('softmax.matcalc');
    await selectLastLine();
    await runCommand('Matrix Calculus: Differentiate Expression');
    const frame = await panelWithEquation();
    const alt = frame.locator('#alt-forms');
    const label = alt.locator('p.meta', { hasText: 'Block form:' });
    await label.waitFor({ state: 'visible', timeout: 10_000 });
    // The typeset block form follows its label; its TeX is KaTeX's annotation.
    const math = alt.locator('p.meta:text-is("Block form:") + div.math');
    await math.locator('.katex').first().waitFor({ state: 'visible', timeout: 10_000 });
    const tex = (await math.locator('.katex-mathml annotation').first().textContent()) ?? '';
    assert.match(tex, /^\\mathbf\{K\}_\{N,k\}\^\{\\top\}\(B - B\(I_\{N\} \\otimes/, tex);
    assert.match(tex, /\\text\{where \} P = \\operatorname\{softmax\}\(Z, 2\),\\; B = \\operatorname\{diag\}\(\\operatorname\{vec\}\(P\^\{\\top\}\)\)$/, tex);
    const note = ((await alt.locator('p.alt-note').textContent()) ?? '').trim();
    assert.match(note, /^Block diagonal: one k×k block diag\(pᵢ\) − pᵢpᵢᵀ per row pᵢ of P \(i = 1…N\)/, note);
    assert.equal(await frame.locator('.katex-error').count(), 0, 'every form typesets');
    // The named form (D − D(𝟏𝟏ᵀ ⊗ I_N)D where …) comes first, then the block form and its reading.
    const labels = (await alt.locator('p.meta:not(.alt-note)').allTextContents()).map((s) => s.trim());
    assert.deepEqual(labels, ['With common subexpressions named:', 'Block form:']);
    await math.scrollIntoViewIfNeeded();
    await screenshot('panel-softmax-blocks');
  });
});
