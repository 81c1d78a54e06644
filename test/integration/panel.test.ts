/** The panel: one reused panel, follow-selection, its messages validated. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, editorWith, ok, panelSnapshot, run, sleep } from './helpers';

function derivationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('matrixCalculus.derivation'));
}

describe('Panel', () => {
  before(activate);
  afterEach(closeAll);

  it('one panel, reused by every command', async () => {
    ok(await run('matrixCalculus.differentiate', { expr: "x'*x", where: 'x: vector(n)', from: 'plain' }));
    ok(await run('matrixCalculus.hessian', { expr: "x'*x", where: 'x: vector(n)', from: 'plain' }));
    ok(await run('matrixCalculus.jacobian', { expr: 'A*x', where: 'A: matrix(m, n); x: vector(n)', wrt: 'x', from: 'plain' }));
    for (let i = 0; i < 20 && derivationTabs().length === 0; i++) await sleep(100); // the tab model updates asynchronously
    assert.equal(derivationTabs().length, 1);
    const s = await panelSnapshot();
    assert.equal(s.open, true);
  });

  it('the expression line is the reading as the core made it, with the shapes it assumed', async () => {
    ok(await run('matrixCalculus.differentiate', { expr: 'xᵀAx', from: 'auto' }));
    const s = await panelSnapshot();
    assert.equal(s.expr, 'xᵀAx', 'the request keeps the selection');
    assert.deepEqual(s.readAs, { text: "x'*A*x", notation: 'unicode' });
    assert.deepEqual(s.assumed, [
      { name: 'x', shape: 'vector(n)', reason: 'letter convention' },
      { name: 'A', shape: 'matrix(n, n)', reason: 'letter convention' },
    ]);
  });

  it('copy and insert do not open the panel', async () => {
    await closeAll();
    ok(await run('matrixCalculus.copyLatex', { expr: "x'*x", where: 'x: vector(n)', from: 'plain' }));
    await sleep(500);
    assert.equal(derivationTabs().length, 0);
    assert.equal((await panelSnapshot()).open, false);
  });

  it('follows the editor selection when the setting is on', async () => {
    const config = vscode.workspace.getConfiguration('matrixCalculus');
    await config.update('panel.followSelection', true, vscode.ConfigurationTarget.Global);
    try {
      const editor = await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\nx' * x\nsin(‸x)\n");
      ok(await run('matrixCalculus.differentiate', { expr: "x' * x", where: 'x: vector(n)', from: 'plain', wrt: 'x' }));
      await vscode.window.showTextDocument(editor.document);
      editor.selection = new vscode.Selection(3, 1, 3, 1);
      let expr: string | undefined;
      for (let i = 0; i < 25 && expr !== 'sin(x)'; i++) {
        await sleep(200);
        expr = (await panelSnapshot()).expr;
      }
      assert.equal(expr, 'sin(x)', 'the panel did not follow the cursor to sin(x)');
      assert.equal((await panelSnapshot()).open, true);
    } finally {
      await config.update('panel.followSelection', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
