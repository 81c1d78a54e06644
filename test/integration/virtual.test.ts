/**
 * Virtual workspaces (the manifest declares `capabilities.virtualWorkspaces: true`): documents that
 * live in a file system provider, not on disk — as in github.dev or a remote repository — get the
 * same features. The test registers an in-memory file system under its own scheme and opens a
 * `.matcalc` file and a Markdown note from it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, hoverText, ok, runAccepting, until } from './helpers';

const SCHEME = 'matcalc-memfs';

/** The smallest read-write file system: a flat map from path to bytes. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: data.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const data = this.readFile(from);
    this.files.delete(from.path);
    this.files.set(to.path, data);
  }
}

async function openVirtual(fs: MemoryFileSystem, name: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}` });
  fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

describe('Virtual workspaces: documents from a file system provider', () => {
  const fs = new MemoryFileSystem();
  let registration: vscode.Disposable | undefined;
  before(async () => {
    await activate();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isCaseSensitive: true });
  });
  after(() => registration?.dispose());
  afterEach(closeAll);

  it('a .matcalc file: its language, diagnostics, hover and differentiate with its declarations', async () => {
    const editor = await openVirtual(fs, 'notes.matcalc', "x: vector(n)\nA: matrix(n, n)\nx' * A * x\nx * A\n");
    const doc = editor.document;
    assert.equal(doc.uri.scheme, SCHEME);
    assert.equal(doc.languageId, 'matcalc');
    const diags = await until('the shape error on line 4', () => vscode.languages.getDiagnostics(doc.uri), (d) => d.length > 0);
    assert.equal(diags.length, 1, 'the shape error on line 4 was not reported');
    assert.equal(doc.getText(diags[0].range), 'x * A');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 4))) ?? [];
    assert.match(hoverText(hovers), /data:image\/svg\+xml/);
    editor.selection = new vscode.Selection(2, 0, 2, 10);
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.deepEqual(r.wrt, ['x']);
    assert.equal(r.where, 'x: vector(n); A: matrix(n, n)');
    assert.equal(r.check?.passed, true);
  });

  it('a Markdown note: the math span under the cursor, read as LaTeX with its declarations', async () => {
    const editor = await openVirtual(fs, 'note.md', '<!-- w: vector(n) -->\n\nThe norm $w^\\top w$ here.\n');
    assert.equal(editor.document.languageId, 'markdown');
    editor.selection = new vscode.Selection(2, 11, 2, 11);
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.from, 'latex');
    assert.deepEqual(r.wrt, ['w']);
    assert.equal(r.check?.passed, true);
  });
});
