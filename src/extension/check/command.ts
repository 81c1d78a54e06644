/**
 * "Matrix Calculus: Check Derivative Claim": on a selected equation that states a derivative
 * (`\frac{\partial}{\partial x}(x^T A x) = 2Ax`, `d/dx(x'*A*x) = 2*A*x`, `∇ₓf = …`), or on a plain
 * selection of the claimed answer after asking for the expression and the variable: the core's
 * verdict, diagnosis and correct result in the check panel, whose button replaces the claim.
 * Arguments `{expr, claim, wrt?, where?, layout?, order?, from?}` run it without an editor.
 */
import * as vscode from 'vscode';
import type { CheckRequest, Layout, Notation } from '../../core/api';
import { loadCore } from '../lazy';
import type { Settings } from '../settings';
import { scanDeclarations } from '../../shared/document/declarations';
import { declaredLayout } from '../../shared/document/layout';
import { findMathSpans } from '../../shared/document/mathSpans';
import { detectNotation } from '../selection/notation';
import type { CheckPanel, ClaimLocation } from './panel';

export type CheckCommandResult =
  | { readonly ok: true; readonly verdict: 'correct' | 'incorrect'; readonly kind?: string; readonly expected: string }
  | { readonly ok: false; readonly error: string };

interface Gathered {
  readonly request: CheckRequest;
  readonly location?: ClaimLocation;
}

const LAYOUTS: readonly string[] = ['numerator', 'denominator', 'mixed'];

function fromArgs(arg: unknown): CheckRequest | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (typeof a.expr !== 'string' || typeof a.claim !== 'string') return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const wrt = typeof a.wrt === 'string' ? a.wrt.split(',').map((s) => s.trim()) : Array.isArray(a.wrt) ? a.wrt.map(String) : undefined;
  return {
    expr: a.expr,
    claim: a.claim,
    wrt,
    where: str(a.where),
    layout: LAYOUTS.includes(str(a.layout) ?? '') ? (a.layout as Layout) : undefined,
    order: a.order === 2 ? 2 : 1,
    from: str(a.from) as Notation | undefined,
  };
}

/** The selection, or (none) the display math or line under the cursor. */
function selectedText(editor: vscode.TextEditor): vscode.Range {
  const doc = editor.document;
  if (!editor.selection.isEmpty) return editor.selection;
  const offset = doc.offsetAt(editor.selection.active);
  const span = findMathSpans(doc.getText()).find((s) => offset >= s.start && offset <= s.end);
  if (span) return new vscode.Range(doc.positionAt(span.bodyStart), doc.positionAt(span.bodyEnd));
  return doc.lineAt(editor.selection.active.line).range;
}

async function fromEditor(editor: vscode.TextEditor, settings: Settings): Promise<Gathered | string | undefined> {
  const doc = editor.document;
  const range = selectedText(editor);
  // A selection that includes its math delimiters ($$…$$, $…$, \[…\], \(…\)) is read without them.
  const selected = doc.getText(range);
  const delimited = /^(\s*(?:\$\$|\$|\\\[|\\\())([\s\S]*?)(?:\$\$|\$|\\\]|\\\))\s*$/.exec(selected);
  const raw = delimited ? delimited[2] : selected;
  const lead = (delimited ? delimited[1].length : 0) + raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text === '') return vscode.l10n.t('Select an equation such as d/dx(x\'*A*x) = 2*A*x, or the claimed derivative.');
  const start = doc.offsetAt(range.start) + lead;
  const where = scanDeclarations(doc.getText(new vscode.Range(new vscode.Position(0, 0), range.start)).split('\n').slice(0, -1), doc.languageId) || undefined;
  const layout = declaredLayout(doc.getText(), start) ?? settings.layout;
  const notation = detectNotation(text, doc.languageId);
  const core = loadCore();
  const eq = core.claimInEquation(text, notation === 'latex' ? 'latex' : 'plain');
  if (eq) {
    const location = { uri: doc.uri, range: new vscode.Range(doc.positionAt(start + eq.claimStart), doc.positionAt(start + eq.claimEnd)), notation };
    return { request: { expr: eq.expr, wrt: eq.wrt, order: eq.order, claim: eq.claim, where, layout, from: notation }, location };
  }
  // A plain selection of the claimed answer: ask for the expression and the variable.
  const expr = await vscode.window.showInputBox({
    title: vscode.l10n.t('Check Derivative Claim'),
    prompt: vscode.l10n.t('The expression whose derivative the selection claims to be ({0} notation)', notation),
    ignoreFocusOut: true,
  });
  if (!expr) return undefined;
  const vars = core.variables(expr, where, notation);
  const wrt = await vscode.window.showInputBox({
    title: vscode.l10n.t('Check Derivative Claim'),
    prompt: vscode.l10n.t('With respect to'),
    value: vars.ok && vars.value.length > 0 ? vars.value[0].name : '',
    ignoreFocusOut: true,
  });
  if (!wrt) return undefined;
  const location = { uri: doc.uri, range: new vscode.Range(doc.positionAt(start), doc.positionAt(start + text.length)), notation };
  return { request: { expr, wrt: wrt.split(',').map((s) => s.trim()), claim: text, where, layout, from: notation }, location };
}

export async function checkClaimCommand(arg: unknown, settings: () => Settings, panel: CheckPanel): Promise<CheckCommandResult> {
  const explicit = fromArgs(arg);
  const editor = vscode.window.activeTextEditor;
  let gathered: Gathered | string | undefined;
  if (explicit) gathered = { request: { layout: settings().layout, ...explicit } };
  else if (editor) gathered = await fromEditor(editor, settings());
  else gathered = vscode.l10n.t('Open a document and select an equation stating a derivative.');
  if (gathered === undefined) return { ok: false, error: 'cancelled' };
  if (typeof gathered === 'string') {
    void vscode.window.showErrorMessage(gathered);
    return { ok: false, error: gathered };
  }
  const r = loadCore().checkClaim(gathered.request);
  if (!r.ok) {
    const part = r.error.source === 'claim' ? vscode.l10n.t('the claim') : r.error.source === 'where' ? vscode.l10n.t('the declarations') : vscode.l10n.t('the expression');
    const message = vscode.l10n.t('Cannot check: error[{0}]: {1} ({2}, column {3})', r.error.code, r.error.message, part, r.error.start + 1);
    void vscode.window.showErrorMessage(message);
    return { ok: false, error: message };
  }
  panel.show(r.value, gathered.location);
  return { ok: true, verdict: r.value.verdict, kind: r.value.diagnosis?.kind, expected: r.value.expected.text };
}
