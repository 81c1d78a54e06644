/**
 * The single derivation panel: created on first use, then revealed and updated; restored after a
 * window reload by the WebviewPanelSerializer (state from the page's setState). The page's HTML
 * already shows what the panel opens with, typeset on the host (prerender.ts); later derivations go
 * by message. Every message from the page is validated (protocol.ts) before it is acted on; the page
 * never supplies the text that is copied or inserted: that comes from the host's own copy of the
 * derivation.
 */
import * as vscode from 'vscode';
import { loadPanelMath } from '../lazy';
import { PANEL_VIEW_TYPE } from '../names';
import { keepVariables, switchBase, switchedRequest, type PanelContent } from './model';
import { firstView, type FirstView, type StepView } from './prerender';
import { parsePanelState, parseWebviewMessage, type CopyFormat, type HostToWebview, type PanelAssumedShape, type PanelModel, type PanelReading, type PanelRequest } from '../../shared/protocol';
import { renderShell, type PanelStrings } from './renderer';
import { panelStrings } from './strings';

export { PANEL_VIEW_TYPE };

/** What the panel's buttons and switches do; provided by the composition root. */
export interface PanelActions {
  rederive(request: PanelRequest): PanelContent;
  copy(format: CopyFormat, model: PanelModel): Promise<void>;
  insert(model: PanelModel): Promise<void>;
}

/** The panel's options: scripts on, local files only from media/ and dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export class PanelManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private content: PanelContent | undefined;
  /** The new panel's HTML is not written yet (show() writes it a moment after creating the panel). */
  private htmlPending = false;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly messageLog: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
  ) {}

  /** Shows `content` in the panel, creating or revealing it. */
  show(content: PanelContent, preserveFocus = true): void {
    this.content = content;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        vscode.l10n.t('Matrix Calculus'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        webviewOptions(this.extensionUri),
      );
      this.adopt(panel);
      // The workbench starts building the panel's webview (its frame, its service worker) when the
      // create message arrives; typesetting the first view (and loading KaTeX, if the background
      // warm-up of lazy.ts has not) overlaps with that when it runs after the message has gone out.
      this.htmlPending = true;
      setTimeout(() => {
        if (this.panel !== panel) return;
        this.htmlPending = false;
        this.writeHtml(panel);
      }, 0);
      return;
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, preserveFocus);
    }
    this.post();
  }

  /** Updates the panel only if it is open (the follow-selection path never opens it). */
  update(content: PanelContent): void {
    if (!this.panel) return;
    this.content = content;
    this.post();
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get current(): PanelContent | undefined {
    return this.content;
  }

  /** A summary for tests and diagnostics (internal command). */
  snapshot(): {
    open: boolean;
    visible: boolean;
    expr?: string;
    readAs?: PanelReading;
    assumed?: readonly PanelAssumedShape[];
    title?: string;
    error?: string;
    errorCode?: string;
    steps?: number;
    wrt?: readonly string[];
    variables?: readonly string[];
    rejectedMessages: readonly string[];
  } {
    const c = this.content;
    return {
      open: this.panel !== undefined,
      visible: this.panel?.visible ?? false,
      expr: c && 'model' in c ? c.model.request.expr : c?.error.expr,
      readAs: c && 'model' in c ? c.model.readAs : undefined,
      assumed: c && 'model' in c ? c.model.assumed : undefined,
      errorCode: c && 'error' in c ? c.error.code : undefined,
      title: c && 'model' in c ? c.model.title : undefined,
      error: c && 'error' in c ? c.error.message : undefined,
      steps: c && 'model' in c ? c.model.steps.length : undefined,
      wrt: c && 'model' in c ? c.model.wrt : undefined,
      variables: c && 'model' in c ? c.model.variables?.map((v) => v.name) : undefined,
      rejectedMessages: [...this.messageLog],
    };
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parsePanelState(state);
    if (restored?.model) this.content = { model: restored.model };
    else if (restored?.error) this.content = { error: restored.error };
    if (this.panel) {
      // A second restored panel: keep one.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.adopt(panel);
    this.writeHtml(panel, restored ? { step: restored.step, showAll: restored.showAll } : undefined);
  }

  /** The page: the shell with the current content typeset into it (or, failing that, the bare shell). */
  private writeHtml(panel: vscode.WebviewPanel, at?: StepView): void {
    const webview = panel.webview;
    const asset = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const strings = panelStrings();
    webview.html = renderShell(
      {
        cspSource: webview.cspSource,
        katexCss: asset('media', 'katex', 'katex.min.css'),
        panelCss: asset('media', 'panel.css'),
        script: asset('dist', 'webview.js'),
        loader: asset('dist', 'webviewLoader.js'),
      },
      strings,
      undefined,
      this.firstView(strings, at),
    );
  }

  /** Undefined when there is nothing to show yet or it cannot be typeset here (the page then does it all). */
  private firstView(strings: PanelStrings, at: StepView | undefined): FirstView | undefined {
    // KaTeX is loaded on the first TeX to typeset (an error view has none); if it cannot be
    // loaded, firstView() gives up and the page typesets everything.
    return firstView(this.content, strings, (tex, display) => loadPanelMath().typeset(tex, display), at);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    this.panelDisposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.post();
      }),
      panel.onDidDispose(() => this.onDisposed()),
    );
  }

  private onDisposed(): void {
    this.panel = undefined;
    this.htmlPending = false;
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  private post(): void {
    const c = this.content;
    if (!this.panel || !c || this.htmlPending) return;
    const msg: HostToWebview = 'model' in c ? { type: 'show', model: c.model } : { type: 'error', error: c.error };
    void this.panel.webview.postMessage(msg);
  }

  private onMessage(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      // Ignore, but remember (bounded) for diagnostics; never echo the content back.
      this.messageLog.push(typeof raw === 'object' && raw !== null ? `rejected message (${typeof (raw as { type?: unknown }).type})` : `rejected ${typeof raw}`);
      if (this.messageLog.length > 20) this.messageLog.shift();
      return;
    }
    const c = this.content;
    const model = c && 'model' in c ? c.model : undefined;
    switch (msg.type) {
      case 'ready':
        this.post();
        break;
      case 'setLayout':
      case 'setGranularity':
      case 'setForm':
      case 'setWrt': {
        // Nothing to derive (no derivation shown, or nothing new asked): the page gets what it shows
        // again, which ends its "Working…".
        const base = switchBase(c);
        const request = base ? switchedRequest(base, msg) : undefined;
        if (base && request) this.content = keepVariables(this.actions.rederive(request), base);
        this.post();
        break;
      }
      case 'copy':
        if (model) void this.actions.copy(msg.format, model);
        break;
      case 'insert':
        if (model) void this.actions.insert(model);
        break;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.onDisposed();
  }
}
