import * as vscode from 'vscode';
import { derive, type DeriveResult, type Outcome } from '../core';
import { DerivationPanel } from './panel';

export const DIFFERENTIATE_COMMAND = 'matrixCalculus.differentiate';

/** A declaration line of the plain syntax, e.g. `x: vector(n)` or `A: matrix(m, n) symmetric`. */
const DECLARATION = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*(?:scalar|vector|matrix)\b[^#\n]*/;

/** Declarations anywhere in the document, joined as the core's `where` text. */
export function declarationsIn(document: vscode.TextDocument): string {
  const found: string[] = [];
  for (let i = 0; i < document.lineCount; i++) {
    const m = DECLARATION.exec(document.lineAt(i).text);
    if (m) found.push(m[0].trim());
  }
  return found.join('; ');
}

/**
 * Differentiates the selected expression (or the current line) with respect to its first free
 * variable and shows the result in the derivation panel. Returns the core's outcome, so tests and
 * other commands can use it; `undefined` when there is no editor or nothing to differentiate.
 */
export async function differentiateSelection(
  context: vscode.ExtensionContext,
): Promise<Outcome<DeriveResult> | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor and select an expression to differentiate.'));
    return undefined;
  }
  const selection = editor.selection;
  const text = (selection.isEmpty ? editor.document.lineAt(selection.active.line).text : editor.document.getText(selection)).trim();
  if (text === '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select an expression to differentiate.'));
    return undefined;
  }
  const where = declarationsIn(editor.document);
  const outcome = derive({ expr: text, where: where === '' ? undefined : where });
  if (outcome.ok) {
    DerivationPanel.show(context.extensionUri, outcome.value);
  } else {
    void vscode.window.showErrorMessage(vscode.l10n.t('Matrix Calculus: {0}', outcome.error.message));
  }
  return outcome;
}

export function registerDifferentiateCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(DIFFERENTIATE_COMMAND, () => differentiateSelection(context));
}
