/** Step-through of the derivation in the panel, by keyboard and buttons. */
import * as assert from 'node:assert/strict';
import { screenshot, workbench } from './workbench';
import { closeAllEditors, differentiateIn } from './ui';

/** The least-squares loss of notes.md: its derivation has several chain-rule steps (x, declared first, is the default). */
const differentiateLeastSquares = () => differentiateIn('notes.md', 'norm2(A * x - b)^2');

describe('Derivation steps (UI)', () => {
  beforeEach(closeAllEditors);

  it('step navigation with ←/→, Home/End and the Prev/Next buttons moves the highlighted step', async () => {
    const frame = await differentiateLeastSquares();
    const steps = frame.locator('#steps li.step');
    const count = await steps.count();
    assert.ok(count >= 2, `the derivation has ${count} step(s): need two to navigate`);
    const current = async (): Promise<string | null> => frame.locator('#steps li.step.current').getAttribute('data-index');
    assert.equal(await current(), '0');
    assert.match((await frame.locator('#title').textContent()) ?? '', /w\.r\.t\. x/);
    assert.ok(count >= 3, `expected a chain-rule derivation, got ${count} steps`);
    await frame.locator('#title').click(); // focus the panel
    const { page } = workbench();
    await page.keyboard.press('ArrowRight');
    assert.equal(await current(), '1');
    assert.equal(await frame.locator('#steps li.step.current').getAttribute('aria-current'), 'step');
    await page.keyboard.press('End');
    assert.equal(await current(), String(count - 1));
    await page.keyboard.press('ArrowRight');
    assert.equal(await current(), String(count - 1), 'Next at the last step stays there');
    await page.keyboard.press('Home');
    assert.equal(await current(), '0');
    await frame.locator('#next').click();
    assert.equal(await current(), '1');
    await frame.locator('#prev').click();
    assert.equal(await current(), '0');
    // only the current step is expanded, unless "show all"
    assert.equal(await frame.locator('#steps .step-body').count(), 1);
    await frame.locator('#show-all').check();
    assert.equal(await frame.locator('#steps .step-body').count(), count);
    await frame.locator('#show-all').uncheck();
    await screenshot('panel-steps');
  });


  it('the granularity switch derives again with summary or full steps', async () => {
    const frame = await differentiateLeastSquares();
    const steps = frame.locator('#steps li.step');
    const full = await steps.count();
    await frame.locator('button[data-granularity="summary"]').click();
    await frame.locator('button[data-granularity="summary"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    const summary = await steps.count();
    assert.ok(summary >= 1 && summary < full, `summary ${summary} vs full ${full}`);
    await frame.locator('button[data-granularity="full"]').click();
    await frame.locator('button[data-granularity="full"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    assert.equal(await steps.count(), full);
  });
});
