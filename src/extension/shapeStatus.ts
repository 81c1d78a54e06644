/**
 * A status bar item with the shape of the expression under the cursor (or selected), in every
 * language the hover works in and in `.matcalc`: "f: 1×1", with the variables' shapes in its
 * tooltip; clicking it differentiates. Updated a moment after the cursor settles (latest only: fast
 * cursor movement never queues stale work); hidden where there is no expression the core can read.
 */
import * as vscode from 'vscode';
import { runShapeOf } from './derivation';
import { LatestOnly } from './schedule';
import { expressionInEditor } from './selection/document';
import type { Settings } from './settings';
import { shapeStatusText } from './shapeStatusText';

export const SHAPE_STATUS_DELAY_MS = 250;

export class ShapeStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('matrixCalculus.shape', vscode.StatusBarAlignment.Right, 100);
  private readonly scheduler = new LatestOnly<'cursor'>(SHAPE_STATUS_DELAY_MS);
  /** What the item shows (for tests): undefined when hidden. */
  shown: string | undefined;

  constructor(private readonly settings: () => Settings) {
    this.item.name = vscode.l10n.t('Matrix Calculus: shape');
    this.item.command = 'matrixCalculus.differentiate';
  }

  /** The active editor or its selection changed. */
  onCursor(editor: vscode.TextEditor | undefined): void {
    if (!editor || !this.applies(editor.document)) {
      this.scheduler.cancel('cursor');
      this.hide();
      return;
    }
    this.scheduler.schedule('cursor', (token) => {
      if (token.isCancellationRequested || vscode.window.activeTextEditor !== editor) return;
      this.update(editor);
    });
  }

  private applies(document: vscode.TextDocument): boolean {
    const s = this.settings();
    return document.uri.scheme !== 'output' && (document.languageId === 'matcalc' || s.hover.languages.includes(document.languageId));
  }

  private update(editor: vscode.TextEditor): void {
    const found = expressionInEditor(editor);
    if (!found.ok) return this.hide();
    const { expr, where, from } = found.value;
    const shapes = runShapeOf(expr, where, from, this.settings().defaultShapeConvention);
    if (!shapes.ok) return this.hide();
    const { shape, variables } = shapes.value;
    const words = shapeStatusText(expr, shape, variables, vscode.l10n.t);
    this.shown = words.text;
    this.item.text = `$(symbol-array) ${words.text}`;
    this.item.accessibilityInformation = { label: words.ariaLabel, role: 'button' };
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${vscode.l10n.t('Matrix Calculus: shape')}**\n\n`);
    md.appendCodeblock(words.expression);
    md.appendText(words.details);
    this.item.tooltip = md;
    this.item.show();
  }

  private hide(): void {
    this.shown = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.scheduler.dispose();
    this.item.dispose();
  }
}
