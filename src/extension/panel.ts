import * as vscode from 'vscode';
import type { DeriveResult } from '../core';

/** What the webview script renders; serialised into the page as JSON. */
export interface PanelData {
  readonly inputLatex: string;
  readonly equationLatex: string;
  readonly wrt: readonly string[];
  readonly shape: string;
}

/** The single "Matrix Calculus" derivation panel. */
export class DerivationPanel {
  public static readonly viewType = 'matrixCalculus.derivation';
  private static current: DerivationPanel | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
  ) {
    panel.onDidDispose(() => {
      if (DerivationPanel.current === this) DerivationPanel.current = undefined;
    });
  }

  public static show(extensionUri: vscode.Uri, result: DeriveResult): void {
    if (!DerivationPanel.current) {
      const panel = vscode.window.createWebviewPanel(
        DerivationPanel.viewType,
        vscode.l10n.t('Derivative'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
        },
      );
      DerivationPanel.current = new DerivationPanel(panel, extensionUri);
    }
    const current = DerivationPanel.current;
    current.panel.webview.html = current.html({
      inputLatex: result.input.latex,
      equationLatex: result.equationLatex,
      wrt: result.wrt,
      shape: result.result.shape,
    });
    current.panel.reveal(undefined, true);
  }

  private html(data: PanelData): string {
    const webview = this.panel.webview;
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const nonce = makeNonce();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    // JSON inside <script type="application/json"> is data, never executed; `<` is escaped so the
    // text cannot close the element.
    const json = JSON.stringify(data).replace(/</g, '\\u003c');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('media', 'katex', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('media', 'panel.css')}">
<title>Derivative</title>
</head>
<body>
<main>
<section class="input" aria-label="Expression"><div id="input"></div></section>
<section class="result" aria-label="Derivative"><div id="equation"></div></section>
</main>
<script type="application/json" id="matcalc-data">${json}</script>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}
