/**
 * "Follow selection": while the panel is open and `matrixCalculus.panel.followSelection` is on, the
 * panel shows the derivative of the expression under the cursor (debounced; never opens the panel,
 * never notifies; keeps the panel's variables when the new expression has them; in Python and plain
 * text, only derivatives replace what it shows). extension.ts hands it the selection changes; the
 * work is latest-only (schedule.ts): fast cursor movement leaves nothing queued, and the panel is
 * updated at most once per settled selection.
 */
import * as vscode from 'vscode';
import type { CommandServices } from './commands/types';
import { runDerive, variablesOf } from './derivation';
import { LatestOnly } from './schedule';
import { panelError } from './errors';
import { panelModel } from './panel/model';
import { panelRequest, requestFor } from './request';
import { expressionInEditor } from './selection/document';
import { documentKind } from './selection/notation';

const DELAY_MS = 400;

export class SelectionFollower implements vscode.Disposable {
  private readonly scheduler = new LatestOnly<'selection'>(DELAY_MS);
  /** How many times the panel was updated (for tests: at most once per settled selection). */
  refreshes = 0;

  constructor(private readonly services: CommandServices) {}

  onSelectionChanged(e: vscode.TextEditorSelectionChangeEvent): void {
    this.scheduler.cancel('selection');
    if (e.textEditor.document.uri.scheme === 'output') return;
    const settings = this.services.settings();
    if (!settings.panel.followSelection || !this.services.panel.isOpen) return;
    this.scheduler.schedule('selection', () => {
      if (refresh(this.services, e.textEditor)) this.refreshes++;
    });
  }

  dispose(): void {
    this.scheduler.dispose();
  }
}

/** Shows the derivative under the cursor in the panel; whether the panel was updated. */
function refresh(services: CommandServices, editor: vscode.TextEditor): boolean {
  if (vscode.window.activeTextEditor !== editor) return false;
  const found = expressionInEditor(editor);
  if (!found.ok) return false;
  const { expr, from, where, range } = found.value;
  const current = services.panel.current;
  const model = current && 'model' in current ? current.model : undefined;
  if (model && model.request.expr === expr) return false;
  const settings = services.settings();
  const base = requestFor(settings, { expr, from, where }, { order: model?.order, layout: model?.layout, steps: true, granularity: model?.request.granularity, check: 'setting' });
  // keep the panel's variables if the new expression has them, else its first variable
  let outcome = model ? runDerive({ ...base, wrt: model.wrt }, settings.defaultShapeConvention) : undefined;
  if (!outcome || !outcome.ok) outcome = runDerive(base, settings.defaultShapeConvention);
  // Like the hover: in code and prose most statements are not math, so errors there do not replace
  // what the panel shows (the commands still report them).
  const kind = documentKind(editor.document.languageId);
  if (!outcome.ok && (kind === 'python' || kind === 'plain')) return false;
  services.source.editor = editor;
  services.source.range = range;
  services.panel.update(
    outcome.ok ? { model: panelModel(outcome.value, panelRequest(base, outcome.value.wrt), undefined, variablesOf(base, settings.defaultShapeConvention)) } : { error: panelError(outcome.error, expr) },
  );
  return true;
}
