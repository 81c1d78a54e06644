/**
 * The panel of "Check Derivative Claim": the verdict, the diagnosis, the claim and the correct
 * derivative (typeset on the host with KaTeX, style attributes hoisted into a nonce'd style element
 * as in the derivation panel's first view), how it was decided, and a button that replaces the claim
 * in the document by the correct result. One panel, reused; strict CSP (scripts and the one style
 * element by nonce only); user text enters only escaped or as KaTeX markup.
 */
import * as vscode from 'vscode';
import type { CheckResult } from '../../core/api';
import { loadPanelMath } from '../lazy';
import { escapeHtml } from '../panel/html';
import { StyleRules } from '../panel/prerender';
import { contentSecurityPolicy, makeNonce } from '../panel/renderer';

export const CHECK_VIEW_TYPE = 'matrixCalculus.check';

/** Where the claim stands in its document, and in which notation the correct result replaces it. */
export interface ClaimLocation {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly notation: 'latex' | 'plain' | 'numpy' | 'unicode';
}

export interface CheckSnapshot {
  readonly open: boolean;
  readonly verdict?: CheckResult['verdict'];
  readonly kind?: string;
  readonly detail?: string;
  readonly expected?: string;
  readonly claim?: string;
  /** The replace button is shown (a wrong claim whose place in a document is known). */
  readonly canReplace: boolean;
  readonly replaced: boolean;
}

/** The text that replaces a claim: the correct result in the claim's notation. */
export function replacementText(result: CheckResult, notation: ClaimLocation['notation']): string {
  return notation === 'latex' ? result.expected.latex : result.expected.text;
}

export class CheckPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: CheckResult | undefined;
  private location: ClaimLocation | undefined;
  private replaced = false;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(result: CheckResult, location: ClaimLocation | undefined): void {
    this.result = result;
    this.location = location;
    this.replaced = false;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(CHECK_VIEW_TYPE, vscode.l10n.t('Derivative check'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'replace') void this.replace();
      });
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.render();
  }

  /** Replace the claim by the correct result (the panel's button). */
  async replace(): Promise<boolean> {
    const { result, location } = this;
    if (!result || !location || result.verdict === 'correct' || this.replaced) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(location.uri, location.range, replacementText(result, location.notation));
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) {
      this.replaced = true;
      this.render();
    }
    return ok;
  }

  snapshot(): CheckSnapshot {
    const r = this.result;
    return {
      open: this.panel !== undefined,
      verdict: r?.verdict,
      kind: r?.diagnosis?.kind,
      detail: r?.diagnosis?.detail,
      expected: r?.expected.text,
      claim: r?.claim.text,
      canReplace: this.canReplace(),
      replaced: this.replaced,
    };
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private canReplace(): boolean {
    return this.result?.verdict === 'incorrect' && this.location !== undefined && !this.replaced;
  }

  private render(): void {
    const { panel, result } = this;
    if (!panel || !result) return;
    const webview = panel.webview;
    const nonce = makeNonce();
    const rules = new StyleRules();
    const math = (tex: string): string => {
      const html = loadPanelMath().typeset(tex, true);
      return rules.hoist(html) ?? `<code>${escapeHtml(tex)}</code>`;
    };
    const d = result.diagnosis;
    const verdict = result.verdict === 'correct'
      ? vscode.l10n.t('Correct')
      : vscode.l10n.t('Incorrect: {0}', d?.kind ?? 'other');
    const how = result.method === 'exact'
      ? vscode.l10n.t('Decided exactly: both sides have the same normal form.')
      : vscode.l10n.t('Decided numerically at {0} random points of random sizes (tolerance {1}).', result.samples, result.tolerance.toExponential(0));
    const katexCss = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'katex', 'katex.min.css')).toString();
    const claimHtml = math(result.claim.latex);
    const expectedHtml = math(result.expected.latex);
    const button = this.canReplace()
      ? `<button id="replace" type="button">${escapeHtml(vscode.l10n.t('Replace the claim with the correct result'))}</button>`
      : this.replaced ? `<p id="replaced">${escapeHtml(vscode.l10n.t('The claim was replaced by the correct result.'))}</p>` : '';
    panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<link rel="stylesheet" href="${escapeHtml(katexCss)}">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
#verdict[data-verdict="correct"] { color: var(--vscode-testing-iconPassed, green); }
#verdict[data-verdict="incorrect"] { color: var(--vscode-errorForeground, #c00); }
.shape { opacity: 0.8; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 0.4em 0.9em; cursor: pointer; }
${rules.css}
</style></head>
<body data-verdict="${result.verdict}">
<h2 id="verdict" data-verdict="${result.verdict}">${escapeHtml(verdict)}</h2>
${d ? `<p id="diagnosis">${escapeHtml(d.detail)}</p>` : ''}
<h3>${escapeHtml(vscode.l10n.t('The claim'))} <span class="shape">(${escapeHtml(result.claim.shape)})</span></h3>
<div id="claim">${claimHtml}</div>
<h3>${escapeHtml(vscode.l10n.t('The derivative, {0} layout', result.layout))} <span class="shape">(${escapeHtml(result.expected.shape)})</span></h3>
<div id="expected">${expectedHtml}</div>
<p id="method">${escapeHtml(how)}</p>
${button}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const b = document.getElementById('replace');
if (b) b.addEventListener('click', () => { b.disabled = true; vscode.postMessage({ type: 'replace' }); });
</script>
</body></html>`;
  }
}
