/**
 * The `.matcalc` language features and the shape status bar item in the real extension host:
 * diagnostics appear and clear as you type (and stale checks are dropped), completion, hover on a
 * variable, go to declaration, document symbols, CodeLens that runs the panel, the status bar text,
 * and follow-selection updating the panel once per settled selection.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, compact, editorWith, ok, panelSnapshot, run, sleep, until } from './helpers';

interface LanguageSnapshot {
  diagnostics: { published: number; stale: number };
  shapeStatus?: string;
  followRefreshes: number;
}

const snapshot = (): Thenable<LanguageSnapshot> => vscode.commands.executeCommand<LanguageSnapshot>('matrixCalculus.internal.languageSnapshot');

const DOC = "x: vector(n)\nA: matrix(n, n)\nx' * A * x\n";

describe('.matcalc language features', () => {
  before(activate);
  afterEach(closeAll);

  it('diagnostics: a shape error appears with its range and message, and clears when fixed', async () => {
    const editor = await editorWith('matcalc', DOC + 'x * A\n');
    const uri = editor.document.uri;
    const diags = await until('a diagnostic', () => vscode.languages.getDiagnostics(uri), (d) => d.length > 0);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 3);
    assert.equal(editor.document.getText(diags[0].range), 'x * A');
    assert.match(diags[0].message, /add|shape|differ|n×1|n×n/i);
    assert.match(String(diags[0].code), /^shape\./);
    await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 5), 'A * x'));
    await until('the diagnostic to clear', () => vscode.languages.getDiagnostics(uri), (d) => d.length === 0);
  });

  it('diagnostics: fast typing drops the stale checks and the result is that of the last text', async () => {
    const editor = await editorWith('matcalc', DOC);
    const uri = editor.document.uri;
    await until('the first check', snapshot, (s) => s.diagnostics.published > 0);
    const before = await snapshot();
    // Type "x * A" one character at a time, faster than the debounce.
    for (const ch of 'x * A') await editor.edit((b) => b.insert(new vscode.Position(3, editor.document.lineAt(3).text.length), ch));
    const diags = await until('the diagnostic of the last text', () => vscode.languages.getDiagnostics(uri), (d) => d.length === 1 && editor.document.getText(d[0].range) === 'x * A');
    assert.match(String(diags[0].code), /^shape\./);
    const after = await snapshot();
    assert.ok(after.diagnostics.stale - before.diagnostics.stale >= 3, `only ${after.diagnostics.stale - before.diagnostics.stale} stale checks dropped`);
    assert.ok(after.diagnostics.published - before.diagnostics.published <= 2, `${after.diagnostics.published - before.diagnostics.published} checks published for one burst of typing`);
  });

  it('completion: functions with signature and shape rule, declared variables with shapes, declaration keywords', async () => {
    const editor = await editorWith('matcalc', DOC + 't‸');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
    const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    const tr = list.items.find((i) => label(i) === 'tr');
    assert.ok(tr, 'no tr');
    assert.equal(tr.kind, vscode.CompletionItemKind.Function);
    assert.match(String(tr.detail), /tr\(A\).*n×n → 1×1/);
    const x = list.items.find((i) => label(i) === 'x' && i.kind === vscode.CompletionItemKind.Variable);
    assert.ok(x, 'no declared x');
    assert.match(String(x.detail), /vector n×1/);
    assert.ok(list.items.some((i) => label(i) === 'matrix' && i.kind === vscode.CompletionItemKind.Keyword));
  });

  it('hover on a variable: its shape and where it is declared', async () => {
    const editor = await editorWith('matcalc', DOC);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(2, 5));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /\*\*A\*\* · matrix · `n×n`/);
    assert.match(text, /Declared on line 2/);
  });

  it('go to declaration and definition', async () => {
    const editor = await editorWith('matcalc', DOC);
    for (const command of ['vscode.executeDeclarationProvider', 'vscode.executeDefinitionProvider']) {
      const locs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(command, editor.document.uri, new vscode.Position(2, 9));
      assert.equal(locs.length, 1, command);
      const l = locs[0];
      const range = 'range' in l ? l.range : l.targetRange;
      assert.deepEqual([range.start.line, range.start.character, range.end.character], [0, 0, 1], command);
    }
  });

  it('document symbols: declarations and expressions, in order', async () => {
    const editor = await editorWith('matcalc', DOC);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['x', vscode.SymbolKind.Variable],
        ['A', vscode.SymbolKind.Variable],
        ["x' * A * x", vscode.SymbolKind.Function],
      ],
    );
  });

  it('CodeLens: ∂/∂x · ∂/∂A · Hessian w.r.t. x · Hessian w.r.t. A above the expression, and a lens runs the panel', async () => {
    const editor = await editorWith('matcalc', DOC);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['∂/∂x', '∂/∂A', 'Hessian w.r.t. x', 'Hessian w.r.t. A'],
    );
    for (const [i, name] of [[2, 'x'], [3, 'A']] as const) {
      const hessian = lenses[i].command;
      assert.equal(hessian?.command, 'matrixCalculus.hessian');
      assert.deepEqual((hessian?.arguments?.[0] as { wrt: string[] }).wrt, [name], 'the lens computes the Hessian it names');
    }
    assert.ok(lenses.every((l) => l.range.start.line === 2));
    const lens = lenses[1].command;
    assert.ok(lens);
    const result = await vscode.commands.executeCommand<{ ok: boolean; wrt: string[] }>(lens.command, ...(lens.arguments ?? []));
    assert.equal(result.ok, true);
    assert.deepEqual(result.wrt, ['A']);
    const panel = await panelSnapshot();
    assert.equal(panel.open, true);
    assert.equal(panel.expr, "x' * A * x");
  });

  it('CodeLens: the variables in the order of their declarations, as the variable pick and the panel list them (an MLP: the lenses said ∂/∂W2 first)', async () => {
    const doc = 'x: vector(n)\nW1: matrix(h, n)\nb1: vector(h)\nW2: matrix(k, h)\nb2: vector(k)\ny: vector(k)\nL = norm2(W2*tanh(W1*x + b1) + b2 - y)^2\n';
    const editor = await editorWith('matcalc', doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const order = ['x', 'W1', 'b1', 'W2', 'b2', 'y'];
    assert.deepEqual(lenses.map((l) => l.command?.title), [...order.map((v) => `∂/∂${v}`), ...order.map((v) => `Hessian w.r.t. ${v}`)]);
  });

  it('CodeLens: a Hessian per variable of f(a, b), and their full Hessian, which the lens derives with the mixed derivatives', async () => {
    const editor = await editorWith('matcalc', "f(a, b) = sin(a*b)\nx: vector(n)\na*b*x'*x\nA * x\n");
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = (line: number) => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
    assert.deepEqual(titles(0), ['∂/∂a', '∂/∂b', 'Hessian w.r.t. a', 'Hessian w.r.t. b', 'Hessian w.r.t. a, b']);
    // A vector is not stacked with the scalars (the core differentiates with respect to one at a time).
    // The declared x first, as the variable pick and the panel's "Differentiate by" list them.
    assert.deepEqual(titles(2), ['∂/∂x', '∂/∂a', '∂/∂b', 'Hessian w.r.t. x', 'Hessian w.r.t. a', 'Hessian w.r.t. b', 'Hessian w.r.t. a, b']);
    assert.deepEqual(titles(3), ['∂/∂x', '∂/∂A'], 'no Hessian of a vector expression; the declared x first');
    const full = lenses.find((l) => l.range.start.line === 0 && l.command?.title === 'Hessian w.r.t. a, b')?.command;
    assert.ok(full);
    assert.equal(full.command, 'matrixCalculus.hessian');
    const r = ok(await run(full.command, ...(full.arguments ?? [])));
    assert.deepEqual(r.wrt, ['a', 'b']);
    assert.equal(r.result.order, 2);
    assert.equal(r.result.result.shape, '2×2');
    // ∂²/∂a² = −b² sin(ab), ∂²/∂a∂b = cos(ab) − ab sin(ab) (the mixed entries, which one-variable Hessians lack).
    const [first, mixed] = compact(r.result.result.text).replace(/^\[|\]$/g, '').split(/[,;]/);
    assert.equal(first, '-b^2*sin(a*b)');
    assert.match(mixed, /^cos\(a\*b\)-(a\*b|b\*a)\*sin\(a\*b\)$/);
    const panel = await panelSnapshot();
    assert.equal(panel.open, true);
    assert.equal(panel.expr, 'sin(a*b)');
  });

  it('status bar: the shape of the expression under the cursor, in .matcalc and in Markdown', async () => {
    const editor = await editorWith('matcalc', DOC);
    editor.selection = new vscode.Selection(2, 3, 2, 3);
    await until('the status bar', snapshot, (s) => s.shapeStatus === 'f: 1×1');
    const md = await editorWith('markdown', 'The map $A x‸$ is linear.\n');
    assert.ok(md);
    await until('the status bar in Markdown', snapshot, (s) => s.shapeStatus === 'f: m×1');
    md.selection = new vscode.Selection(0, 0, 0, 0);
    await until('the status bar to hide', snapshot, (s) => s.shapeStatus === undefined);
  });
});

describe('follow-selection under fast cursor movement', () => {
  before(activate);
  afterEach(closeAll);

  it('queues no stale work: the panel is updated once, for the selection where the cursor settles', async () => {
    const config = vscode.workspace.getConfiguration('matrixCalculus');
    await config.update('panel.followSelection', true, vscode.ConfigurationTarget.Global);
    try {
      const lines = Array.from({ length: 12 }, (_, i) => `x' * A${i} * x`);
      const editor = await editorWith('matcalc', `x: vector(n)\n${lines.join('\n')}\n`);
      await vscode.commands.executeCommand('matrixCalculus.differentiate', { expr: 'sum(x)', from: 'plain' });
      await vscode.window.showTextDocument(editor.document);
      await sleep(900); // whatever showing the editor scheduled has run
      const start = (await snapshot()).followRefreshes;
      // Twelve cursor moves in one burst (each one an event for the follower).
      for (let line = 1; line <= 12; line++) editor.selection = new vscode.Selection(line, 2, line, 2);
      await until('the panel to follow', panelSnapshot, (p) => p.expr === "x' * A11 * x");
      await sleep(900); // two debounce periods: anything queued would have run by now
      const after = await snapshot();
      assert.equal(after.followRefreshes - start, 1);
      assert.equal((await panelSnapshot()).expr, "x' * A11 * x");
    } finally {
      await config.update('panel.followSelection', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('Getting started walkthrough', () => {
  before(activate);
  afterEach(closeAll);

  it('is contributed with five steps whose media exist, and its samples open and differentiate', async () => {
    const ext = vscode.extensions.getExtension('matcalc.matrix-calculus');
    assert.ok(ext);
    const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; media: { markdown: string } }[] }[] } }).contributes.walkthroughs;
    assert.equal(walkthroughs.length, 1);
    assert.deepEqual(walkthroughs[0].steps.map((s) => s.id), ['select', 'differentiate', 'steps', 'hover', 'check']);
    for (const s of walkthroughs[0].steps) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, s.media.markdown));
      assert.ok(bytes.length > 100, s.media.markdown);
    }
    for (const [name, language] of [['quadratic.md', 'markdown'], ['backprop.py', 'python'], ['sample.matcalc', 'matcalc']]) {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('matrixCalculus.openSample', name);
      assert.equal(editor.document.languageId, language);
      assert.equal(editor.document.isUntitled, true);
    }
    const matcalc = vscode.window.activeTextEditor;
    assert.ok(matcalc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', matcalc.document.uri);
    assert.ok(lenses.length >= 6, `${lenses.length} lenses on the sample`);
    const r = await vscode.commands.executeCommand<{ ok: boolean; text: string }>('matrixCalculus.differentiate', { expr: "x' * A * x", from: 'plain', where: 'x: vector(n); A: matrix(n, n)', wrt: ['x'], reveal: false });
    assert.equal(r.ok, true);
  });
});
