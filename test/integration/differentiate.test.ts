/**
 * Runs inside the extension host (code-server here, desktop VS Code via @vscode/test-cli):
 * activates the extension and drives its commands through `vscode.commands.executeCommand`.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'matcalc.matrix-calculus';

describe('Matrix Calculus extension', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the matcalc language for *.matcalc files', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('matcalc'));
    const [file] = await vscode.workspace.findFiles('sample.matcalc');
    assert.ok(file, 'fixture sample.matcalc not in the workspace');
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.languageId, 'matcalc');
  });

  it('contributes its commands under matrixCalculus.', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('matrixCalculus.differentiate'));
  });
  // The commands themselves are tested in commands.test.ts, panel.test.ts and hover.test.ts.
});
