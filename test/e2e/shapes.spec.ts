/**
 * Shape pictures in the real panel: the seed's vector chain rule, (2×2)·(2×1) = 2×1, and the MSE
 * loss's product of Jacobians, drawn as SVG rectangles in the theme's colours with a text
 * alternative, in light, dark and both high-contrast themes (screenshots of the workbench and close-ups
 * of the pictures in test/e2e/screenshots/).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { openFile, runCommand, screenshot, SCREENSHOTS, webviewFrame, workbench } from './workbench';
import { acceptQuickPick, closeAllEditors, panelWithEquation, putCursor, setColorTheme } from './ui';

const THEMES: readonly [string, string, string][] = [
  ['Light Modern', 'light', 'vscode-light'],
  ['Dark Modern', 'dark', 'vscode-dark'],
  ['Dark High Contrast', 'hc-dark', 'vscode-high-contrast'],
  ['Light High Contrast', 'hc-light', 'vscode-high-contrast-light'],
];

type Frame = ReturnType<typeof webviewFrame>;

/** Differentiates the last line of `file` (answering the variable QuickPick when there is one). */
async function differentiate(file: string, line: string, pick: boolean): Promise<Frame> {
  await openFile(file);
  await putCursor(line);
  await runCommand('Matrix Calculus: Differentiate Expression');
  if (pick) await acceptQuickPick();
  return panelWithEquation();
}

/** Opens the step named `name` and returns what its shape picture shows. */
async function pictureOf(frame: Frame, name: string) {
  await frame.locator('#steps li.step .step-head', { hasText: name }).first().click();
  const svg = frame.locator('#steps li.step.current svg.shape-picture');
  await svg.waitFor({ state: 'visible', timeout: 10_000 });
  return svg.evaluate((el) => {
    const rects = [...el.querySelectorAll('rect')];
    const style = getComputedStyle(rects[0]);
    const box = el.getBoundingClientRect();
    return {
      label: el.getAttribute('aria-label') ?? '',
      title: el.querySelector('title')?.textContent ?? '',
      role: el.getAttribute('role'),
      rects: rects.map((r) => [Number(r.getAttribute('width')), Number(r.getAttribute('height'))]),
      texts: [...el.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      stroke: style.stroke,
      textFill: getComputedStyle(el.querySelector('text') as Element).fill,
      background: getComputedStyle(document.body).backgroundColor,
      width: box.width,
      height: box.height,
    };
  });
}

/** The colour theme, tried again once: the first palette of a fresh workbench can miss its list. */
async function useTheme(theme: string): Promise<void> {
  try {
    await setColorTheme(theme);
  } catch {
    await workbench().page.keyboard.press('Escape');
    await setColorTheme(theme);
  }
}

describe('Shape pictures (UI)', () => {
  beforeEach(closeAllEditors);

  for (const [theme, slug, bodyClass] of THEMES) {
    it(`the vector chain rule and the MSE loss drawn in ${theme}`, async () => {
      await useTheme(theme);

      const chain = await differentiate('chain.matcalc', '[log(x^2), sin(3*x)]', false);
      await chain.locator(`body.${bodyClass}`).waitFor({ timeout: 10_000 });
      const overview = chain.locator('#result-picture svg.shape-picture');
      assert.equal(await overview.getAttribute('aria-label'), 'Shapes: f is 2×1, x is 1×1, so ∂f/∂x is 2×1 (numerator layout).');
      await overview.screenshot({ path: path.join(SCREENSHOTS, `shapes-${slug}-chain-overview.png`) });
      const c = await pictureOf(chain, 'Vector chain rule');
      assert.equal(c.role, 'img');
      assert.equal(c.label, 'Shapes of the product: ∂f/∂g (2×2) times ∂g/∂x (2×1) gives ∂f/∂x (2×1).');
      assert.equal(c.title, c.label);
      assert.deepEqual(c.rects, [[24, 24], [12, 24], [12, 24]]);
      assert.deepEqual(c.texts, ['∂f/∂g', '2×2', '·', '∂g/∂x', '2×1', '=', '∂f/∂x', '2×1']);
      assert.notEqual(c.stroke, c.background, 'the outlines show against the background');
      assert.notEqual(c.textFill, c.background, 'the labels show against the background');
      assert.ok(c.width > 50 && c.height > 40, `drawn ${c.width}×${c.height}`);
      await chain.locator('#steps li.step.current .shape-figure').screenshot({ path: path.join(SCREENSHOTS, `shapes-${slug}-chain-picture.png`) });
      await screenshot(`shapes-${slug}-chain`);

      await closeAllEditors();
      const mse = await differentiate('mse.matcalc', 'mean((X*w - y).^2)', true);
      assert.match((await mse.locator('#title').textContent()) ?? '', /w\.r\.t\. w/);
      const m = await pictureOf(mse, 'Vector chain rule');
      assert.match(m.label, /^Shapes of the product: ∂f\/∂\S+ \(1×m\) times .* gives ∂f\/∂w \(1×n\)\.$/);
      assert.equal(m.rects.length, m.texts.filter((t) => t.startsWith('∂')).length);
      assert.equal(m.rects[0][1], 12, 'the row vector 1×m is a thin bar');
      assert.equal(m.rects[0][0], m.rects[m.rects.length - 2][1], 'm meets m');
      assert.deepEqual(m.rects[m.rects.length - 1], [m.rects[m.rects.length - 2][0], 12], 'the result 1×n');
      await mse.locator('#steps li.step.current').scrollIntoViewIfNeeded();
      await mse.locator('#steps li.step.current .shape-figure').screenshot({ path: path.join(SCREENSHOTS, `shapes-${slug}-mse-picture.png`) });
      await screenshot(`shapes-${slug}-mse`);
    });
  }
});
