/**
 * What the panel's switches and buttons do in the host: derive again with another layout,
 * granularity or form (matrix or index), copy LaTeX or NumPy, insert the result into the editor the derivation came from.
 */
import * as vscode from 'vscode';
import type { SourceMemory } from '../commands/types';
import { numpyFor, runDerive } from '../derivation';
import { insertBelow } from '../edits';
import { fromPanelRequest } from '../request';
import type { Settings } from '../settings';
import type { PanelActions } from './manager';
import { rederived, type PanelContent } from './model';
import type { PanelModel, PanelRequest } from '../../shared/protocol';
import { shownEquation } from '../../shared/viewText';

export function panelActions(settings: () => Settings, source: SourceMemory): PanelActions {
  return {
    rederive(request: PanelRequest): PanelContent {
      return rederived(request, (r) => runDerive(fromPanelRequest(r), settings().defaultShapeConvention));
    },

    async copy(format, model: PanelModel): Promise<void> {
      let text: string | undefined = shownEquation(model);
      if (format === 'numpy') {
        text = numpyFor(fromPanelRequest(model.request), settings().defaultShapeConvention);
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
      const outcome = runDerive(fromPanelRequest(model.request), settings().defaultShapeConvention);
      if (!outcome.ok) return;
      const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      const numpy = shown.document.languageId === 'python' ? numpyFor(fromPanelRequest(model.request), settings().defaultShapeConvention) : undefined;
      await insertBelow(shown, source.range ?? shown.selection, outcome.value, numpy);
    },
  };
}
