/**
 * What the panel's switches and buttons do in the host: derive again with another layout or
 * granularity, copy LaTeX or NumPy, insert the result into the editor the derivation came from.
 */
import * as vscode from 'vscode';
import { insertBelow, numpyFor } from '../commands/table';
import type { SourceMemory } from '../commands/types';
import type { Settings } from '../settings';
import { runDerive } from '../derivation';
import type { PanelActions, PanelContent } from './manager';
import { panelError, panelModel } from './model';
import type { PanelModel, PanelRequest } from './protocol';

export function panelActions(settings: () => Settings, source: SourceMemory): PanelActions {
  const deriveRequest = (r: PanelRequest) => ({ ...r, steps: true });
  return {
    rederive(request: PanelRequest): PanelContent {
      const outcome = runDerive(deriveRequest(request), settings().defaultShapeConvention);
      return outcome.ok ? { model: panelModel(outcome.value, request) } : { error: panelError(outcome.error, request.expr) };
    },

    async copy(format, model: PanelModel): Promise<void> {
      let text: string | undefined = model.equationLatex;
      if (format === 'numpy') {
        text = numpyFor(deriveRequest(model.request), settings());
        if (text === undefined) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Matrix Calculus: NumPy code is not available for this derivative.'));
          return;
        }
      }
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(format === 'numpy' ? vscode.l10n.t('Matrix Calculus: NumPy code copied') : vscode.l10n.t('Matrix Calculus: LaTeX copied'), 3000);
    },

    async insert(model: PanelModel): Promise<void> {
      const editor = source.editor;
      if (!editor || editor.document.isClosed) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Matrix Calculus: the editor the expression came from is closed.'));
        return;
      }
      const outcome = runDerive(deriveRequest(model.request), settings().defaultShapeConvention);
      if (!outcome.ok) return;
      const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      const numpy = shown.document.languageId === 'python' ? numpyFor(deriveRequest(model.request), settings()) : undefined;
      await insertBelow(shown, source.range ?? shown.selection, outcome.value, numpy);
    },
  };
}
