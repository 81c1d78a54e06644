/** The same workflow in Markdown, LaTeX and Python files: cursor on the expression, palette, panel. */
import * as assert from 'node:assert/strict';
import { closeAllEditors, differentiateIn, hoverAtCursor, panelWithEquation, putCursor } from './ui';
import { openFile, runCommand, screenshot } from './workbench';

const CASES: readonly { file: string; line: string; at: string; input: RegExp; result: RegExp }[] = [
  { file: 'examples.md', line: 'The quadratic form', at: 'A \\mathbf', input: /\\mathbf\{x\}\^\{\\top\}A\\mathbf\{x\}/, result: /A \+ A\^\{\\top\}/ },
  { file: 'examples.tex', line: 'f(\\mathbf{x})', at: 'A \\mathbf', input: /\\mathbf\{x\}\^\{\\top\}A\\mathbf\{x\}/, result: /A \+ A\^\{\\top\}/ },
  { file: 'examples.py', line: 'loss = np.sum', at: 'X @ w', input: /\\mathbf\{w\}/, result: /\\mathbf\{y\}/ },
];

describe('Markdown, LaTeX and Python documents (UI)', () => {
  beforeEach(closeAllEditors);

  for (const c of CASES) {
    it(`${c.file}: the expression under the cursor, with the document's declarations`, async () => {
      const frame = await differentiateIn(c.file, c.line, c.at);
      const tex = await frame.locator('annotation[encoding="application/x-tex"]').allTextContents();
      assert.ok(tex.some((t) => c.input.test(t)), `input not rendered: ${JSON.stringify(tex)}`);
      assert.ok(tex.some((t) => c.result.test(t)), `result not rendered: ${JSON.stringify(tex)}`);
      assert.equal(await frame.locator('.katex-error').count(), 0);
      assert.match((await frame.locator('#check-badge').textContent()) ?? '', /✓/);
      const hover = await hoverAtCursor();
      assert.match((await hover.locator('img').first().getAttribute('src')) ?? '', /^data:image\/svg\+xml;base64,/);
      await screenshot(`notation-${c.file.replace('.', '-')}`);
    });
  }

  it('examples.md: math that states its derivative (\\nabla_x (…)) is differentiated by x without asking which variable', async () => {
    await openFile('examples.md');
    await putCursor('Its gradient, as written', 'A \\mathbf');
    await runCommand('Matrix Calculus: Differentiate Expression');
    // No QuickPick: the operator names the variable, so the panel shows the derivative directly.
    const frame = await panelWithEquation();
    const tex = await frame.locator('annotation[encoding="application/x-tex"]').allTextContents();
    assert.ok(tex.some((t) => /\\mathbf\{x\}\^\{\\top\}A\\mathbf\{x\}/.test(t)), `input not rendered: ${JSON.stringify(tex)}`);
    assert.ok(tex.some((t) => /A \+ A\^\{\\top\}/.test(t)), `result not rendered: ${JSON.stringify(tex)}`);
    assert.equal(await frame.locator('.katex-error').count(), 0);
    assert.match((await frame.locator('#check-badge').textContent()) ?? '', /✓/);
    await screenshot('notation-stated-derivative');
  });
});
