/**
 * Check my derivative (issue 14) in the real extension host: proofreading squiggles on a planted
 * wrong step of a Markdown derivation (message, source, range), the Quick Fix that replaces the
 * wrong claim, updates as the document changes, the setting, and the check command's panel with
 * its replace button.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, editorWith, sleep } from './helpers';

interface CheckSnapshot {
  open: boolean;
  verdict?: string;
  kind?: string;
  detail?: string;
  expected?: string;
  canReplace: boolean;
  replaced: boolean;
}

const DERIVATION = [
  '# Gradient of a quadratic form',
  '',
  '<!-- x: vector(n); A: matrix(n, n) -->',
  '<!-- layout: denominator -->',
  '',
  '$$',
  '\\nabla_{\\mathbf{x}} \\left(\\mathbf{x}^T A \\mathbf{x}\\right) = A\\mathbf{x} + A^T\\mathbf{x}',
  '$$',
  '',
  'and, the planted mistake:',
  '',
  '$$',
  '\\frac{\\partial}{\\partial \\mathbf{x}} \\left(\\mathbf{x}^T A \\mathbf{x}\\right) = 2A\\mathbf{x}',
  '$$',
  '',
].join('\n');

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'matrix calculus');
}

async function waitFor<T>(what: string, get: () => T, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  let v = get();
  for (let t = 0; t < ms && !done(v); t += 100) {
    await sleep(100);
    v = get();
  }
  assert.ok(done(v), `timed out waiting for ${what}`);
  return v;
}

describe('Check my derivative: proofreading and the check command', () => {
  before(activate);
  afterEach(closeAll);

  it('squiggles the planted wrong step of a Markdown derivation, with the diagnosis as the message', async () => {
    const editor = await editorWith('markdown', DERIVATION);
    const doc = editor.document;
    const diags = await waitFor('the proofreading diagnostic', () => ours(doc.uri), (d) => d.length > 0);
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    const d = diags[0];
    assert.equal(d.range.start.line, 12);
    assert.equal(doc.getText(d.range), '2A\\mathbf{x}');
    assert.equal(d.code, 'symmetric-only');
    assert.match(d.message, /^symmetric-only: right only when A is symmetric \(Aᵀ = A\)/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('the Quick Fix replaces the wrong claim by the correct derivative, and the squiggle goes', async () => {
    const editor = await editorWith('markdown', DERIVATION);
    const doc = editor.document;
    const [d] = await waitFor('the proofreading diagnostic', () => ours(doc.uri), (x) => x.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Replace with the correct derivative'));
    assert.ok(fix?.edit, `no Quick Fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.title, 'Replace with the correct derivative: (A + A^{\\top})\\mathbf{x}');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(12).text, '\\frac{\\partial}{\\partial \\mathbf{x}} \\left(\\mathbf{x}^T A \\mathbf{x}\\right) = (A + A^{\\top})\\mathbf{x}');
    await waitFor('the squiggle to go', () => ours(doc.uri), (x) => x.length === 0);
  });

  it('updates as the user types: a new wrong step is squiggled, and the setting turns it off', async () => {
    const editor = await editorWith('markdown', '<!-- x: vector(n) -->\n\n$$\\nabla_x (x^T x) = 2x^T$$\n');
    const doc = editor.document;
    await sleep(1_500);
    assert.equal(ours(doc.uri).length, 0, 'the right step is not squiggled');
    await editor.edit((b) => b.replace(new vscode.Range(2, doc.lineAt(2).text.indexOf('2x^T'), 2, doc.lineAt(2).text.indexOf('$$', 4)), 'x^T'));
    const [d] = await waitFor('the new diagnostic', () => ours(doc.uri), (x) => x.length > 0);
    assert.equal(d.code, 'scaled');
    const config = vscode.workspace.getConfiguration('matrixCalculus');
    await config.update('proofread.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the diagnostics to clear', () => ours(doc.uri), (x) => x.length === 0);
    } finally {
      await config.update('proofread.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the diagnostic to come back', () => ours(doc.uri), (x) => x.length > 0);
  });

  it('Check Derivative Claim on a selected equation: the panel shows the verdict and diagnosis, its button replaces the claim', async () => {
    const content = '<!-- x: vector(n); A: matrix(n, n) -->\n<!-- layout: denominator -->\n$$⟦\\frac{\\partial}{\\partial x}(x^T A x) = 2Ax⟧$$\n';
    const editor = await editorWith('markdown', content);
    const r = await vscode.commands.executeCommand<{ ok: boolean; verdict?: string; kind?: string; expected?: string }>('matrixCalculus.checkClaim');
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.verdict, 'incorrect');
    assert.equal(r.kind, 'symmetric-only');
    let s = await vscode.commands.executeCommand<CheckSnapshot>('matrixCalculus.internal.checkSnapshot');
    assert.equal(s.open, true);
    assert.equal(s.verdict, 'incorrect');
    assert.equal(s.kind, 'symmetric-only');
    assert.equal(s.expected, "(A + A')*x");
    assert.equal(s.canReplace, true);
    assert.equal(await vscode.commands.executeCommand<boolean>('matrixCalculus.internal.checkReplace'), true);
    assert.equal(editor.document.lineAt(2).text, '$$\\frac{\\partial}{\\partial x}(x^T A x) = (A + A^{\\top})\\mathbf{x}$$');
    s = await vscode.commands.executeCommand<CheckSnapshot>('matrixCalculus.internal.checkSnapshot');
    assert.equal(s.replaced, true);
    assert.equal(s.canReplace, false);
  });

  it('Check Derivative Claim on a .matcalc line, and with explicit arguments', async () => {
    await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\n⟦d/dx(x'*A*x) = x'*(A + A')⟧\n");
    const r = await vscode.commands.executeCommand<{ ok: boolean; verdict?: string }>('matrixCalculus.checkClaim');
    assert.equal(r.verdict, 'correct');
    const s = await vscode.commands.executeCommand<CheckSnapshot>('matrixCalculus.internal.checkSnapshot');
    assert.equal(s.verdict, 'correct');
    assert.equal(s.canReplace, false);
    const args = await vscode.commands.executeCommand<{ ok: boolean; verdict?: string; kind?: string }>('matrixCalculus.checkClaim', { expr: 'norm2(A*x - b)^2', wrt: 'x', claim: "A'*(A*x - b)", where: 'b: vector(m)', layout: 'denominator', from: 'plain' });
    assert.equal(args.verdict, 'incorrect');
    assert.equal(args.kind, 'scaled');
    // An unreadable claim: the notification (and the result) carry the error's code, part and column.
    const bad = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>('matrixCalculus.checkClaim', { expr: 'norm2(A*x - b)^2', wrt: 'x', claim: "A'*(A*x - b", where: 'b: vector(m)', from: 'plain' });
    assert.equal(bad.ok, false);
    assert.match(bad.error ?? '', /^Cannot check: error\[parse\.[a-z.-]+\]: .*\(the claim, column \d+\)$/);
  });

  it('Proofread Derivations in This File reports what it found', async () => {
    await editorWith('markdown', DERIVATION);
    const summary = await vscode.commands.executeCommand<{ ok: number; wrong: number; skipped: number; complete: boolean }>('matrixCalculus.proofreadFile');
    assert.deepEqual(summary, { ok: 1, wrong: 1, skipped: 0, complete: true });
  });
});
