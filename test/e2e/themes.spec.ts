/** Screenshots of the panel and the hover in light, dark and both high-contrast themes. */
import * as assert from 'node:assert/strict';
import { screenshot, workbench } from './workbench';
import { closeAllEditors, differentiateIn, hoverOver, setColorTheme } from './ui';

const THEMES: readonly [string, string, string][] = [
  ['Light Modern', 'light', 'vscode-light'],
  ['Dark Modern', 'dark', 'vscode-dark'],
  ['Dark High Contrast', 'hc-dark', 'vscode-high-contrast'],
  ['Light High Contrast', 'hc-light', 'vscode-high-contrast-light'],
];

describe('Themes (UI)', () => {
  beforeEach(closeAllEditors);

  for (const [theme, slug, bodyClass] of THEMES) {
    it(`panel and hover in ${theme}`, async () => {
      await setColorTheme(theme);
      const frame = await differentiateIn('sample.matcalc');
      await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 10_000 });
      // the rendered equation is drawn in the theme's foreground colour, not a fixed one
      const colors = await frame.locator('body').evaluate(() => {
        const eq = document.querySelector('#equation .katex') as HTMLElement;
        return { fg: getComputedStyle(eq).color, bg: getComputedStyle(document.body).backgroundColor };
      });
      assert.notEqual(colors.fg, colors.bg);
      await screenshot(`theme-${slug}-panel`);
      await workbench().page.keyboard.press('Escape');
      await hoverOver("x' * A * x");
      await screenshot(`theme-${slug}-hover`);
    });
  }
});
