/**
 * Runs inside the extension host (code-server here, desktop VS Code via @vscode/test-cli):
 * activates the extension and drives its commands through `vscode.commands.executeCommand`.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeriveResult, Outcome } from '../../src/core/api';

const EXTENSION_ID = 'matcalc.matrix-calculus';

async function openAndSelectLastLine(uriOrContent: vscode.Uri | string): Promise<vscode.TextEditor> {
  const doc =
    typeof uriOrContent === 'string'
      ? await vscode.workspace.openTextDocument({ language: 'matcalc', content: uriOrContent })
      : await vscode.workspace.openTextDocument(uriOrContent);
  const editor = await vscode.window.showTextDocument(doc);
  const last = doc.lineCount - 1;
  editor.selection = new vscode.Selection(last, 0, last, doc.lineAt(last).text.length);
  return editor;
}

function derivationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('matrixCalculus.derivation'));
}

suite('Matrix Calculus extension', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('contributes the matcalc language for *.matcalc files', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('matcalc'));
    const [file] = await vscode.workspace.findFiles('sample.matcalc');
    assert.ok(file, 'fixture sample.matcalc not in the workspace');
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.languageId, 'matcalc');
  });

  test('contributes its commands under matrixCalculus.', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('matrixCalculus.differentiate'));
  });

  test('differentiates the selection with the document declarations and opens the panel', async () => {
    const [file] = await vscode.workspace.findFiles('sample.matcalc');
    await openAndSelectLastLine(file);
    const outcome = await vscode.commands.executeCommand<Outcome<DeriveResult>>('matrixCalculus.differentiate');
    assert.ok(outcome, 'the command returned nothing');
    assert.ok(outcome.ok, `derive failed: ${outcome.ok ? '' : outcome.error.message}`);
    const r = outcome.value;
    // f = x' A x with x: vector(n), A: matrix(n, n): the gradient with respect to x is (A + A')x.
    assert.deepEqual(r.wrt, ['x']);
    assert.equal(r.input.shape, '1×1');
    assert.match(r.equationLatex, /\\partial/);
    assert.match(r.result.text.replace(/\s+/g, ''), /A'?\*x|x'\*A/);
    assert.equal(derivationTabs().length, 1, 'the derivation panel is not open');
  });

  test('reports a diagnostic, and opens no panel, for an expression that does not parse', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openAndSelectLastLine('x: vector(n)\nx + * (');
    const outcome = await vscode.commands.executeCommand<Outcome<DeriveResult>>('matrixCalculus.differentiate');
    assert.ok(outcome);
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.error.code, /^parse\./);
    assert.equal(derivationTabs().length, 0);
  });
});
