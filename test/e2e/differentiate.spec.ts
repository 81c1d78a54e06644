/** From the command palette to rendered math: the packaged extension, as a user runs it. */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, selectLastLine, webviewFrame, workbench } from './workbench';
import { acceptQuickPick, closeAllEditors, panelWithEquation, putCursor } from './ui';

describe('Differentiate Expression (UI)', () => {
  it('renders the derivative with KaTeX in the panel', async () => {
    await openFile('sample.matcalc');
    await selectLastLine();
    await runCommand('Matrix Calculus: Differentiate Expression');
    await acceptQuickPick(); // x' * A * x has two variables: take the default, x

    const frame = webviewFrame();
    await frame.locator('.katex').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('.katex-error').count(), 0, 'KaTeX reported a parse error');

    // The TeX sources KaTeX rendered (kept in its MathML annotations) include the derivative.
    const tex = await frame.locator('annotation[encoding="application/x-tex"]').allTextContents();
    assert.ok(tex.some((t) => /\\partial/.test(t) && /x/.test(t)), `no derivative among the rendered TeX: ${JSON.stringify(tex)}`);

    // KaTeX's fonts come from the packaged media folder through asWebviewUri (never a CDN).
    const fonts = await frame.locator('body').evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, ''));
    });
    assert.ok(
      fonts.some((f) => f.startsWith('KaTeX_')),
      `no KaTeX font loaded in the webview (loaded: ${fonts.join(', ') || 'none'})`,
    );
    const links = await frame.locator('link[rel="stylesheet"]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    assert.ok(links.some((h) => h.endsWith('/media/katex/katex.min.css')), `KaTeX CSS not linked: ${links.join(', ')}`);
    // Webview resource URIs (asWebviewUri) into the installed extension's folder, nothing else.
    for (const href of links) {
      assert.match(href, /vscode-resource\.vscode-cdn\.net\/.*\/matcalc\.matrix-calculus-[^/]+\/media\//, `stylesheet not from the package: ${href}`);
    }

    const shot = await screenshot('differentiate-panel');
    assert.ok(shot.endsWith('.png'));
    assert.ok(workbench().page.url().startsWith(workbench().server.url));
  });

  it('the variable typed in the pick (or moved to with the arrows) is the one Enter takes, not the checked default', async () => {
    await closeAllEditors();
    await openFile('notes.md');
    await putCursor('norm2(A * x - b)^2');
    await runCommand('Matrix Calculus: Differentiate Expression');
    const { page } = workbench();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('b');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'vector · m×1' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    const frame = await panelWithEquation();
    assert.match((await frame.locator('#title').textContent()) ?? '', /w\.r\.t\. b$/);
  });
});
