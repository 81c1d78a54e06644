/** The hover in the real workbench: an SVG data-URI image of the derivative. */
import * as assert from 'node:assert/strict';
import { openFile, screenshot } from './workbench';
import { closeAllEditors, hoverOver, panelWithEquation } from './ui';

describe('Hover (UI)', () => {
  beforeEach(closeAllEditors);

  it('hovering an expression shows its derivative as an SVG image with command links', async () => {
    await openFile('sample.matcalc');
    const hover = await hoverOver("x' * A * x");
    const src = await hover.locator('img').first().getAttribute('src');
    assert.match(src ?? '', /^data:image\/svg\+xml;base64,/);
    const box = await hover.locator('img').first().boundingBox();
    assert.ok(box && box.width > 40 && box.height > 10, `the image is not drawn: ${JSON.stringify(box)}`);
    const links = await hover.locator('a').allTextContents();
    assert.ok(links.some((l) => /Show steps/.test(l)), `links: ${links.join(', ')}`);
    assert.ok(links.some((l) => /Copy LaTeX/.test(l)), `links: ${links.join(', ')}`);
    await screenshot('hover');
    // "Show steps" runs the (trusted) command with the hovered expression: the panel opens with it.
    await hover.locator('a', { hasText: 'Show steps' }).first().click();
    const frame = await panelWithEquation();
    assert.ok((await frame.locator('#steps li.step').count()) >= 1);
  });
});
