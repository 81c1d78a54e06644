/** The hover provider, through vscode.executeHoverProvider in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, editorWith, hoverText, until } from './helpers';

async function hoverAt(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position)) ?? [];
}

describe('Hover', () => {
  before(activate);
  afterEach(closeAll);

  it('over a .matcalc expression: an SVG data-URI image of the derivative, with trusted command links', async () => {
    const editor = await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\nx' * A * x\n");
    const hovers = await hoverAt(editor, new vscode.Position(2, 4));
    const text = hoverText(hovers);
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, text.slice(0, 500));
    const svg = Buffer.from(/base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1] ?? '', 'base64').toString('utf8');
    assert.match(svg, /^<svg/);
    assert.match(text, /command:matrixCalculus\.differentiate\?/);
    assert.match(text, /command:matrixCalculus\.copyLatex\?/);
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.ok(md, 'no MarkdownString in the hover');
    assert.deepEqual(md.isTrusted, { enabledCommands: ['matrixCalculus.differentiate', 'matrixCalculus.copyLatex'] });
    assert.notEqual(md.supportHtml, true);
  });

  it('the "each" setting shows one derivative per variable', async () => {
    const config = vscode.workspace.getConfiguration('matrixCalculus');
    await config.update('hover.variables', 'each', vscode.ConfigurationTarget.Global);
    try {
      const editor = await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\nx' * A * x\n");
      const text = hoverText(await hoverAt(editor, new vscode.Position(2, 2)));
      assert.equal((text.match(/data:image\/svg\+xml/g) ?? []).length, 2, text.slice(0, 300));
    } finally {
      await config.update('hover.variables', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('over a parse error in .matcalc: the message and where, no image', async () => {
    const editor = await editorWith('matcalc', 'x: vector(n)\nx + * (\n');
    const text = hoverText(await hoverAt(editor, new vscode.Position(1, 1)));
    assert.match(text, /Matrix Calculus/);
    assert.match(text, /column 5/);
    assert.doesNotMatch(text, /data:image/);
  });

  it('over a squiggle the message is said once: by the diagnostic (VS Code shows it with its code), not again by our hover', async () => {
    const editor = await editorWith('matcalc', 'x: vector(n)\nx + * (\nW: matrix(m, n)\nx * W\n');
    const uri = editor.document.uri;
    const diags = await until('the diagnostics', () => vscode.languages.getDiagnostics(uri), (d) => d.length === 2);
    const parse = diags.find((d) => d.range.start.line === 1);
    const shape = diags.find((d) => d.range.start.line === 3);
    assert.ok(parse && shape, JSON.stringify(diags));
    assert.match(String(parse.code), /^parse\./);
    assert.equal(shape.code, 'shape.inner');
    assert.match(shape.message, /cannot multiply x \(n×1\) by W \(m×n\)/);
    // On the squiggles: no section of ours repeats them.
    const onParse = hoverText(await hoverAt(editor, parse.range.start));
    assert.doesNotMatch(onParse, /Matrix Calculus — /, onParse);
    const onShape = hoverText(await hoverAt(editor, new vscode.Position(3, 2)));
    assert.ok(shape.range.contains(new vscode.Position(3, 2)));
    assert.doesNotMatch(onShape, /cannot multiply/, onShape);
    // Beside the parse error's squiggle (on the same line, where VS Code shows no diagnostic): ours, once.
    const beside = new vscode.Position(1, 0);
    assert.ok(!parse.range.contains(beside));
    const text = hoverText(await hoverAt(editor, beside));
    assert.equal((text.match(/Matrix Calculus — /g) ?? []).length, 1, text);
    assert.ok(text.includes(`\`${String(parse.code)}\``), text);
    assert.match(text, /unexpected token '\\\*'/, text); // the message, Markdown-escaped
  });

  it('over a misreadable span: why it was not read (code, message, line and column, the span marked), no image, no guess', async () => {
    const editor = await editorWith('matcalc', 'W: matrix(m, n)\nx: vector(n)\nW*x + b\n');
    const text = hoverText(await hoverAt(editor, new vscode.Position(2, 1)));
    assert.match(text, /\*\*Matrix Calculus — not read\*\* · `shape\.ambiguous` · line 3, column 7/, text);
    assert.match(text, /'b' is a scalar only by its letter/);
    assert.match(text, /declare it, e\\\.g\\\. b: vector\\\(m\\\) or b: scalar/, text);
    assert.match(text, /```\nW\*x \+ b\n {6}\^\n```/);
    assert.doesNotMatch(text, /data:image/);
    // Declared, the same line is read and differentiated.
    const declared = await editorWith('matcalc', 'W: matrix(m, n)\nx: vector(n)\nb: vector(m)\nW*x + b\n');
    assert.match(hoverText(await hoverAt(declared, new vscode.Position(3, 1))), /data:image\/svg\+xml/);
  });

  it('Python: ordinary code has no hover, but an ambiguous NumPy expression says why it was not read', async () => {
    const editor = await editorWith('python', 'print("hello")\n# W: matrix(m, n)\n# x: vector(n)\nz = W @ x + b\n');
    assert.doesNotMatch(hoverText(await hoverAt(editor, new vscode.Position(0, 2))), /Matrix Calculus|data:image/);
    const text = hoverText(await hoverAt(editor, new vscode.Position(3, 5)));
    assert.match(text, /`shape\.ambiguous` · line 4, column 13/, text);
    assert.doesNotMatch(text, /data:image/);
  });

  it('no hover outside math in Markdown, none when disabled', async () => {
    const editor = await editorWith('markdown', 'Just prose about x and y.\n');
    assert.equal(hoverText(await hoverAt(editor, new vscode.Position(0, 3))).includes('data:image'), false);
    const config = vscode.workspace.getConfiguration('matrixCalculus');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const m = await editorWith('matcalc', "x: vector(n)\nx' * x\n");
      assert.doesNotMatch(hoverText(await hoverAt(m, new vscode.Position(1, 1))), /Matrix Calculus|data:image/);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a 100,000-character line is skipped: no hover, although it is a valid expression', async () => {
    const editor = await editorWith('plaintext', `${'x + '.repeat(25_000)}x\n`);
    const text = hoverText(await hoverAt(editor, new vscode.Position(0, 50_000)));
    assert.doesNotMatch(text, /data:image|Matrix Calculus/);
  });

  it('a 10 MB document: the hover reads only around the cursor', async function () {
    // Opening 10 MB in the editor is slow on a loaded machine: this is a guard against a hang, not a
    // speed check (speed is measured by npm run bench). What the hover reads is checked by its answer.
    this.timeout(180_000);
    const near = await editorWith('matcalc', "x: scalar\nx' * x\n");
    assert.match(hoverText(await hoverAt(near, new vscode.Position(1, 1))), /∂f\/∂x: 1×1/);
    const filler = '# filler line with some words but no declaration at all ....\n'.repeat(170_000); // ~10 MB
    const doc = await vscode.workspace.openTextDocument({ language: 'matcalc', content: `x: scalar\n${filler}x' * x\n` });
    assert.ok(doc.getText().length > 10_000_000);
    const editor = await vscode.window.showTextDocument(doc);
    const text = hoverText(await hoverAt(editor, new vscode.Position(doc.lineCount - 2, 1)));
    // the declaration x: scalar is 170,000 lines up, beyond the scanned 5,000 lines: it is not read, and
    // x takes the letter convention's shape (a vector), which the hover states
    assert.match(text, /data:image\/svg\+xml/);
    assert.match(text, /∂f\/∂x: 1×n/, text.slice(0, 300));
  });

  it('Python: the derivative over a NumPy statement, no hover over ordinary code', async () => {
    const editor = await editorWith('python', 'import numpy as np\nprint("hello")\n# w: vector(n)\nloss = w.T @ w\n');
    for (const line of [0, 1]) {
      assert.doesNotMatch(hoverText(await hoverAt(editor, new vscode.Position(line, 3))), /Matrix Calculus|data:image/);
    }
    const text = hoverText(await hoverAt(editor, new vscode.Position(3, 9)));
    assert.match(text, /data:image\/svg\+xml/, text.slice(0, 300));
    assert.match(text, /∂f\/∂w: 1×n/);
  });

  it('Markdown math span: the LaTeX is read with the <!-- --> declarations', async () => {
    const editor = await editorWith('markdown', '<!-- x: vector(n); A: matrix(n, n) -->\n\nThe form $\\mathbf{x}^T A \\mathbf{x}$ here.\n');
    const text = hoverText(await hoverAt(editor, new vscode.Position(2, 14)));
    assert.match(text, /data:image\/svg\+xml/, text.slice(0, 300));
    assert.match(text, /∂f\/∂x: 1×n/);
  });
});
