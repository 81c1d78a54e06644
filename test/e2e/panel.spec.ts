/** The derivation panel in the real workbench: keyboard navigation, switches, restore after reload, hostile input. */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, webviewFrame, workbench } from './workbench';
import { closeAllEditors, differentiateIn, panelWithEquation } from './ui';

/**
 * The page's scripts. VS Code itself injects one inline script (the `acquireVsCodeApi` bridge) into
 * every webview document; `vscode` marks it. Everything else is ours.
 */
async function pageScripts(frame: ReturnType<typeof webviewFrame>) {
  return frame.locator('script').evaluateAll((els) =>
    els.map((e) => ({
      src: e.getAttribute('src') ?? '',
      nonce: String((e as unknown as { nonce?: string }).nonce ?? ''),
      inline: (e.textContent ?? '').trim().length,
      vscode: !e.getAttribute('src') && (e.textContent ?? '').includes('acquireVsCodeApi'),
    })),
  );
}

const differentiateSample = () => differentiateIn('sample.matcalc');

describe('Derivation panel (UI)', () => {
  beforeEach(closeAllEditors);

  it('runs under the strict CSP: nonce scripts from the package only, no inline script, MathML for screen readers, check badge', async () => {
    const frame = await differentiateSample();
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'/);
    assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
    const scripts = await pageScripts(frame);
    // Ours: the loader (the page's one script tag) and the panel's script it added once the page had
    // painted, with the same nonce.
    const ours = scripts.filter((x) => !x.vscode);
    assert.deepEqual(
      ours.map((x) => x.src.replace(/^.*\/dist\//, 'dist/')),
      ['dist/webviewLoader.js', 'dist/webview.js'],
      JSON.stringify(scripts),
    );
    for (const script of ours) {
      assert.ok(script.nonce.length >= 16, 'the script carries the nonce');
      assert.equal(script.inline, 0);
    }
    assert.equal(ours[0]?.nonce, ours[1]?.nonce);
    assert.ok((await frame.locator('#equation .katex-mathml math').count()) > 0, 'no MathML');
    // The policy is enforced: an inline script injected into the page does not run. (Whether eval
    // is refused cannot be observed from here: code evaluated through DevTools is exempt from CSP;
    // the policy has no 'unsafe-eval', checked above.)
    const inlineRan = await frame.locator('body').evaluate(() => {
      const w = window as unknown as { __injected?: number };
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.body.appendChild(s);
      s.remove();
      return w.__injected === 1;
    });
    assert.equal(inlineRan, false, 'an injected inline script ran');
    const badge = frame.locator('#check-badge');
    await badge.waitFor({ state: 'visible' });
    assert.match((await badge.textContent()) ?? '', /✓/);
    assert.equal(await frame.locator('.katex-error').count(), 0);
    // The equation is the one the host typeset into the page's first HTML (the script left it as it
    // was): KaTeX's styles as rules of a nonce'd <style>, applied (a strut has its height), no style
    // attributes; the fonts it uses preloaded, each fetched once (the preload is the fetch used).
    const first = await frame.locator('#equation').evaluate((eq) => ({
      hoisted: eq.querySelectorAll('[data-mc-s]').length,
      styleAttributes: eq.querySelectorAll('[style]').length,
      strut: getComputedStyle(eq.querySelector('.katex-strut, .strut') as Element).height,
      rules: [...document.querySelectorAll('style')].filter((s) => (s.textContent ?? '').includes('[data-mc-s=')).map((s) => ((s as HTMLStyleElement).nonce ?? '').length),
      preloads: [...document.querySelectorAll('link[rel="preload"][as="font"]')].map((l) => ({ href: l.getAttribute('href') ?? '', crossorigin: l.hasAttribute('crossorigin') })),
      fetched: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => r.name.split('?')[0]).filter((n) => n.endsWith('.woff2')),
    }));
    assert.ok(first.hoisted > 0, 'the equation was not typeset on the host');
    assert.equal(first.styleAttributes, 0);
    assert.notEqual(first.strut, '0px', 'the hoisted KaTeX styles were not applied');
    assert.equal(first.rules.length, 1);
    assert.ok((first.rules[0] ?? 0) >= 16, 'the <style> carries the nonce');
    assert.ok(first.preloads.some((p) => /\/media\/katex\/fonts\/KaTeX_Main-Regular\.woff2$/.test(p.href) && p.crossorigin), JSON.stringify(first.preloads));
    assert.deepEqual(first.fetched.filter((f, i) => first.fetched.indexOf(f) !== i), [], `a font was fetched twice: ${first.fetched.join(', ')}`);
    await screenshot('panel-derivative');
  });

  it('the expression line is the reading as the core made it, with the shapes it assumed (screenshot)', async () => {
    const frame = await differentiateIn('reading.md', 'Nothing is declared', 'A \\mathbf');
    assert.equal(await frame.locator('#input-read').textContent(), "Read as LaTeX: x'*A*x + c");
    const assumed = frame.locator('#input-assumed');
    await assumed.waitFor({ state: 'visible' });
    assert.equal(
      await assumed.textContent(),
      'Assumed (not declared): x vector(n) (bold), A matrix(n, n) (letter convention), c scalar (not bold beside bold vectors)',
    );
    await screenshot('panel-reading');
  });

  it('the layout switch derives again in the chosen layout', async () => {
    const frame = await differentiateSample();
    await frame.locator('button[data-layout="denominator"]').click();
    await frame.locator('button[data-layout="denominator"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    assert.match((await frame.locator('#result-meta').textContent()) ?? '', /denominator layout · shape n×1/);
    await frame.locator('button[data-layout="numerator"]').click();
    await frame.locator('button[data-layout="numerator"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    assert.match((await frame.locator('#result-meta').textContent()) ?? '', /numerator layout · shape 1×n/);
  });

  it('the Insert and Copy LaTeX buttons act on the source editor and the clipboard', async () => {
    const { page } = workbench();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workbench().server.url });
    const frame = await differentiateIn('insert.matcalc');
    await frame.locator('#insert').click();
    await page.locator('.editor-instance .view-line', { hasText: '# ∂f/∂x' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.editor-instance .view-line', { hasText: "x'*(A + A')" }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('#copy-latex').click();
    let clip = '';
    for (let i = 0; i < 20 && !clip.includes('partial'); i++) {
      await page.waitForTimeout(200);
      clip = await page.evaluate(() => navigator.clipboard.readText());
    }
    assert.match(clip, /\\frac\{\\partial\}\{\\partial \\mathbf\{x\}\}/, clip);
  });

  it('is restored after a window reload (serializer + saved state)', async () => {
    await differentiateSample();
    const { page } = workbench();
    await runCommand('Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const frame = await panelWithEquation();
    const tex = await frame.locator('#equation annotation[encoding="application/x-tex"]').first().textContent();
    assert.match(tex ?? '', /\\partial/);
  });

  it('hostile LaTeX in a selection renders inert: no link, no script, a clear message', async () => {
    const { page } = workbench();
    await openFile('examples.md');
    const line = page.locator('.view-line', { hasText: 'Hostile input' }).first();
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // inside the math span
    await runCommand('Matrix Calculus: Differentiate Expression');
    const frame = webviewFrame();
    // Either an error message (e.g. the LaTeX reader refuses it) or a rendered result: never a live link.
    await frame.locator('#error:not([hidden]), #equation .katex').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('a[href^="javascript"], a[href]').count(), 0, 'a link was rendered');
    assert.equal((await pageScripts(frame)).filter((x) => !x.vscode).length, 2, 'only the loader and the panel script');
    if (await frame.locator('#error:not([hidden])').count()) {
      // The code first, as the CLI writes it: error[latex.unknown-command]: unknown LaTeX command \href (column 1).
      assert.match((await frame.locator('#error-message').textContent()) ?? '', /^error\[latex\.[a-z-]+\]: \w/);
      assert.match((await frame.locator('#error-source').textContent()) ?? '', /\\href\{javascript:alert\(1\)\}/, 'the source is shown as text');
    }
    await screenshot('panel-hostile');
  });

  it('in a narrow panel nothing sticks out: the switches and the reading wrap (screenshot)', async () => {
    const { page } = workbench();
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 900, height: 850 }); // the panel's half of the editors: ~270 px
    try {
      const frame = await differentiateIn('deep.matcalc');
      await frame.locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const out = await frame.locator('body').evaluate(() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.querySelectorAll('button, .meta, h1, h2, .badge, label')]
          .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().right > width + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}#${e.id || (e.textContent ?? '').trim().slice(0, 20)}: ${Math.round(e.getBoundingClientRect().right)}`);
        // text wider than its own box (a long reading with no spaces) overflows it without widening it
        const overflowing = [...document.querySelectorAll('.meta')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.id}: ${e.scrollWidth} > ${e.clientWidth}`);
        outside.push(...overflowing);
        return { width, scrollWidth: document.documentElement.scrollWidth, outside };
      });
      assert.ok(out.width < 400, `the panel is ${out.width} px wide: not narrow`);
      assert.deepEqual(out.outside, [], `wider than the panel (${out.width} px)`);
      assert.ok(out.scrollWidth <= out.width, `the page scrolls sideways: ${out.scrollWidth} > ${out.width}`);
      await screenshot('panel-narrow');
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  });
});
