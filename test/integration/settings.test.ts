/** Each setting changes what the commands and the hover do (in the real extension host). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, compact, editorWith, ok, run } from './helpers';

const LEAST_SQUARES = { expr: 'norm2(A*x - b)^2', where: 'A: matrix(m, n); x: vector(n); b: vector(m)', wrt: 'x', from: 'plain' };

async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('matrixCalculus');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('Settings', () => {
  before(activate);
  afterEach(closeAll);

  it('layout: the default layout of differentiate', async () => {
    const numerator = ok(await run('matrixCalculus.differentiate', LEAST_SQUARES));
    assert.equal(numerator.result.layout, 'numerator');
    assert.equal(numerator.result.result.shape, '1×n');
    const denominator = await withSetting('layout', 'denominator', async () => ok(await run('matrixCalculus.differentiate', LEAST_SQUARES)));
    assert.equal(denominator.result.layout, 'denominator');
    assert.equal(denominator.result.result.shape, 'n×1');
  });

  it('steps.granularity: summary derivations are shorter than full ones', async () => {
    const full = ok(await run('matrixCalculus.differentiate', LEAST_SQUARES));
    const summary = await withSetting('steps.granularity', 'summary', async () => ok(await run('matrixCalculus.differentiate', LEAST_SQUARES)));
    const nFull = full.result.steps?.length ?? 0;
    const nSummary = summary.result.steps?.length ?? 0;
    assert.ok(nFull >= 2, `full: ${nFull} steps`);
    assert.ok(nSummary >= 1 && nSummary < nFull, `summary ${nSummary} vs full ${nFull}`);
  });

  it('numericCheck.enabled: off means no check in the panel commands', async () => {
    assert.ok(ok(await run('matrixCalculus.differentiate', LEAST_SQUARES)).check);
    const off = await withSetting('numericCheck.enabled', false, async () => ok(await run('matrixCalculus.differentiate', LEAST_SQUARES)));
    assert.equal(off.check, undefined);
    const forced = await withSetting('numericCheck.enabled', false, async () => ok(await run('matrixCalculus.checkNumerically', LEAST_SQUARES)));
    assert.equal(forced.check?.passed, true, 'checkNumerically always checks');
  });

  it('defaultShapeConvention: "scalars" makes undeclared symbols scalars', async () => {
    const letters = ok(await run('matrixCalculus.differentiate', { expr: 'x*y', wrt: 'x', from: 'plain', where: 'y: scalar' }));
    assert.equal(letters.result.wrtShape, 'n×1', 'by the letter convention x is a vector');
    const scalars = await withSetting('defaultShapeConvention', 'scalars', async () =>
      ok(await run('matrixCalculus.differentiate', { expr: 'x*y', wrt: 'x', from: 'plain' })),
    );
    assert.equal(scalars.result.wrtShape, '1×1');
    assert.equal(compact(scalars.text), 'y');
    // the answer still says which shapes it assumed: the ones the setting declared
    assert.deepEqual(scalars.result.assumed.map((a) => `${a.name} ${a.shape} (${a.reason})`), [
      'x scalar (setting defaultShapeConvention: scalars)',
      'y scalar (setting defaultShapeConvention: scalars)',
    ]);
  });

  it('hover.languages: no hover in a language left out', async () => {
    const editor = await editorWith('matcalc', "x: vector(n)\nx' * x\n");
    const hover = async (): Promise<string> =>
      ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(1, 1))) ?? [])
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
        .join('\n');
    assert.match(await hover(), /data:image\/svg\+xml/);
    await withSetting('hover.languages', ['markdown'], async () => {
      assert.doesNotMatch(await hover(), /data:image|Matrix Calculus/);
    });
    assert.match(await hover(), /data:image\/svg\+xml/, 'the hover is back when the setting is reset');
  });

  it('hover.variables "each" with hover.maxVariables: one derivative per variable, up to the limit', async () => {
    const editor = await editorWith('matcalc', 'x: vector(n)\ny: vector(n)\nz: vector(n)\nx + y + z\n');
    const images = async (): Promise<number> =>
      (
        ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 1))) ?? [])
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
          .join('\n')
          .match(/data:image\/svg\+xml/g) ?? []
      ).length;
    assert.equal(await images(), 1, 'default: the first declared variable only');
    await withSetting('hover.variables', 'each', async () => {
      assert.equal(await images(), 3);
      await withSetting('hover.maxVariables', 2, async () => assert.equal(await images(), 2));
    });
  });
});
