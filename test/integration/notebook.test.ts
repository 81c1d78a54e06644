/**
 * Jupyter notebooks in VS Code's built-in notebook editor (the `vscode.ipynb` serializer that ships
 * with VS Code, no kernel): a real .ipynb from the test workspace, whose cells are documents of
 * scheme `vscode-notebook-cell`. Commands, hover and Insert Result in Markdown cells (math spans) and
 * Python cells (NumPy statements), with the declarations of earlier cells, in notebook order.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, compact, hoverText, ok, panelSnapshot, runAccepting, sleep } from './helpers';

const NOTEBOOK = 'least-squares.ipynb';

/** The copies of the fixture the test opened, deleted after it; and how many were made (each name is new). */
const copies: vscode.Uri[] = [];
let made = 0;

/**
 * Opens a fresh copy of the fixture notebook, under a name no test used: each test edits a file of
 * its own, so no test sees another's edits. (Reverting the fixture after a test is no way back:
 * the extension host keeps the closed notebook's document, and opening the same file again gives
 * it back with the edited cells — neither workbench.action.files.revert nor
 * revertAndCloseActiveEditor brings its cells back, and code-server has no jupyter-notebook
 * provider to save with. A copy deleted and made again under the same name came back edited too.)
 */
async function openNotebook(): Promise<vscode.NotebookEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  const fixture = vscode.Uri.joinPath(folder.uri, NOTEBOOK);
  const copy = vscode.Uri.joinPath(folder.uri, `least-squares.copy${++made}.ipynb`);
  await vscode.workspace.fs.copy(fixture, copy, { overwrite: false });
  copies.push(copy);
  const notebook = await vscode.workspace.openNotebookDocument(copy);
  assert.equal(notebook.notebookType, 'jupyter-notebook');
  assert.deepEqual(cellTexts(notebook), await fileCells(fixture), 'the notebook is not the fixture');
  return vscode.window.showNotebookDocument(notebook);
}

function cellTexts(notebook: vscode.NotebookDocument): string[] {
  return notebook.getCells().map((c) => c.document.getText());
}

/** The cells' sources as the .ipynb file has them. */
async function fileCells(file: vscode.Uri): Promise<string[]> {
  const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { cells: { source: string | string[] }[] };
  return json.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

/** Puts the cursor (or a selection) into cell `index` and returns that cell's editor once it is the active editor. */
async function editCell(editor: vscode.NotebookEditor, index: number, find: string, selectAll = false): Promise<vscode.TextEditor> {
  const cell = editor.notebook.cellAt(index);
  editor.selections = [new vscode.NotebookRange(index, index + 1)];
  editor.revealRange(new vscode.NotebookRange(index, index + 1));
  const text = cell.document.getText();
  const at = text.indexOf(find);
  assert.ok(at >= 0, `"${find}" is not in cell ${index}`);
  const want = new vscode.Selection(cell.document.positionAt(at), cell.document.positionAt(selectAll ? at + find.length : at));
  for (let i = 0; i < 60; i++) {
    const active = vscode.window.activeTextEditor;
    if (active?.document === cell.document) {
      if (active.selection.isEqual(want)) return active;
      active.selection = want;
    } else {
      await vscode.commands.executeCommand('notebook.cell.edit');
    }
    await sleep(100);
  }
  assert.fail(`could not put the cursor into cell ${index}`);
}

describe('Jupyter notebooks (.ipynb in the built-in notebook editor)', function () {
  // Opening a notebook editor and focusing its cells is slower than a text editor on a loaded machine.
  this.timeout(90_000);
  before(activate);
  let fixtureCells: string[] = [];
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is not open');
    fixtureCells = await fileCells(vscode.Uri.joinPath(folder.uri, NOTEBOOK));
  });
  afterEach(async () => {
    await closeAll();
    for (const copy of copies.splice(0)) await vscode.workspace.fs.delete(copy);
    // The fixture itself is never written.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.deepEqual(await fileCells(vscode.Uri.joinPath(folder.uri, NOTEBOOK)), fixtureCells);
  });

  it('opens with the built-in serializer; its cells are notebook-cell documents in Markdown and Python', async () => {
    const editor = await openNotebook();
    const cells = editor.notebook.getCells();
    assert.equal(cells.length, 4);
    assert.deepEqual(cells.map((c) => [c.kind, c.document.languageId]), [
      [vscode.NotebookCellKind.Markup, 'markdown'],
      [vscode.NotebookCellKind.Code, 'python'],
      [vscode.NotebookCellKind.Code, 'python'],
      [vscode.NotebookCellKind.Markup, 'markdown'],
    ]);
    for (const c of cells) assert.equal(c.document.uri.scheme, 'vscode-notebook-cell');
  });

  it('differentiate in a Python cell: the NumPy statement, with declarations from earlier Markdown and code cells', async () => {
    const editor = await openNotebook();
    await editCell(editor, 2, 'X @ w');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.expr, '0.5 * np.sum((X @ w - y) ** 2)');
    assert.equal(r.from, 'numpy');
    assert.equal(r.where, 'w: vector(n); X: matrix(m, n); y: vector(m)');
    assert.deepEqual(r.wrt, ['w'], 'the first declared variable is the default pick');
    assert.equal(compact(r.text), "(X*w-y)'*X");
    assert.equal(r.check?.passed, true);
  });

  it('differentiate in a Markdown cell: the math span under the cursor, read as LaTeX, with the declarations of the cells before', async () => {
    const editor = await openNotebook();
    await editCell(editor, 0, 'X\\mathbf{w}');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.expr, '\\frac{1}{2}\\|X\\mathbf{w} - \\mathbf{y}\\|^2');
    assert.equal(r.from, 'latex');
    assert.equal(r.where, 'w: vector(n)', 'only the cell itself declares anything before it');
    assert.deepEqual(r.wrt, ['w']);
    assert.equal(r.check?.passed, true);
  });

  it('a later Markdown cell sees the declarations of every cell before it, and the panel shows the derivation', async () => {
    const editor = await openNotebook();
    await editCell(editor, 3, 'X^T (X\\mathbf{w} - \\mathbf{y})', true);
    const r = ok(await runAccepting('matrixCalculus.jacobian'));
    assert.equal(r.where, 'w: vector(n); X: matrix(m, n); y: vector(m)');
    assert.deepEqual(r.wrt, ['w']);
    assert.equal(compact(r.text), "X'*X");
    assert.equal(r.check?.passed, true);
    const snap = await panelSnapshot();
    assert.equal(snap.open, true);
    assert.equal(snap.expr, 'X^T (X\\mathbf{w} - \\mathbf{y})');
  });

  it('hover in a Python cell and in a Markdown cell: the derivative image, with the earlier cells\' declarations', async () => {
    const editor = await openNotebook();
    const code = editor.notebook.cellAt(2).document;
    const codeHover = hoverText(
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', code.uri, code.positionAt(code.getText().indexOf('X @ w')))) ?? [],
    );
    assert.match(codeHover, /data:image\/svg\+xml;base64,/, codeHover.slice(0, 300));
    const args = /command:matrixCalculus\.differentiate\?(\S+) "/.exec(codeHover)?.[1];
    assert.ok(args, 'no Show steps link');
    const [link] = JSON.parse(decodeURIComponent(args)) as [{ where?: string; wrt?: string[] }];
    assert.equal(link.where, 'w: vector(n); X: matrix(m, n); y: vector(m)');
    assert.deepEqual(link.wrt, ['w']);
    const markdown = editor.notebook.cellAt(0).document;
    const mdHover = hoverText(
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', markdown.uri, markdown.positionAt(markdown.getText().indexOf('X\\mathbf{w}')))) ?? [],
    );
    assert.match(mdHover, /data:image\/svg\+xml;base64,/, mdHover.slice(0, 300));
  });

  it('insert result in a Python cell writes NumPy code into that cell; in a Markdown cell, display math', async () => {
    const editor = await openNotebook();
    await editCell(editor, 2, 'X @ w');
    const r = ok(await runAccepting('matrixCalculus.insertResult'));
    const code = editor.notebook.cellAt(2).document.getText();
    assert.match(code, /^loss = 0\.5 \* np\.sum\(\(X @ w - y\) \*\* 2\)\n# ∂f\/∂\w+ of/, code);
    assert.match(code, /def derivative\(/, code);
    assert.equal(editor.notebook.cellCount, 4, 'no cell added or removed');
    await editCell(editor, 0, 'X\\mathbf{w}');
    const m = ok(await runAccepting('matrixCalculus.insertResult'));
    const md = editor.notebook.cellAt(0).document.getText();
    assert.ok(md.includes(`$$\n${m.latex}\n$$`), md);
    assert.ok(compact(r.text).length > 0);
  });

  it('insert result in a notebook without numpy: the import goes in the inserted block (it runs with its cell), no other line or cell changes; one comment header', async () => {
    const editor = await openNotebook();
    // The notebook without its import (cell 1 keeps its declarations).
    const importCell = editor.notebook.cellAt(1).document;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(importCell.uri, importCell.lineAt(0).rangeIncludingLineBreak);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const before = editor.notebook.getCells().map((c) => c.document.getText());
    assert.ok(!before.some((t) => /import numpy/.test(t)), before.join('\n---\n'));
    await editCell(editor, 2, 'X @ w');
    const r = ok(await runAccepting('matrixCalculus.insertResult'));
    const after = editor.notebook.getCells().map((c) => c.document.getText());
    assert.deepEqual([after[0], after[1], after[3]], [before[0], before[1], before[3]], 'the other cells are as they were');
    const lines = after[2].split('\n');
    assert.equal(lines[0], 'loss = 0.5 * np.sum((X @ w - y) ** 2)', after[2]);
    assert.match(lines[1], /^# ∂f\/∂w of /, after[2]);
    assert.deepEqual(lines.slice(2, 5), ['import numpy as np', '', ''], after[2]);
    assert.match(lines[5], /^def value\(/, after[2]);
    // The block inserted: one comment line, one import.
    const block = (r.inserted ?? '').split('\n');
    assert.equal(block.filter((l) => l.startsWith('#')).length, 1, r.inserted);
    assert.equal(block.filter((l) => /import numpy/.test(l)).length, 1, r.inserted);
  });
});
