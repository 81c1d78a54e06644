/**
 * The Getting Started walkthrough (package.json `contributes.walkthroughs`): its sample files,
 * opened as untitled copies (so the installed extension's files are never edited), and its opening
 * once, on the first activation after install, unless the user turned startup editors off
 * (`workbench.startupEditor: none`). Part of activation: reads no file until a sample is asked for.
 */
import * as vscode from 'vscode';
import { OPEN_SAMPLE_COMMAND } from './names';

export const WALKTHROUGH_ID = 'matcalc.matrix-calculus#matrixCalculus.gettingStarted';

/** The samples in media/samples/ and the language each opens in. */
export const SAMPLES: Readonly<Record<string, string>> = {
  'quadratic.md': 'markdown',
  'backprop.py': 'python',
  'sample.matcalc': 'matcalc',
};

const SHOWN_KEY = 'matrixCalculus.walkthroughShown';

export async function openSample(extensionUri: vscode.Uri, name: unknown): Promise<vscode.TextEditor | undefined> {
  const file = typeof name === 'string' && Object.hasOwn(SAMPLES, name) ? name : 'quadratic.md';
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'samples', file));
  const doc = await vscode.workspace.openTextDocument({ language: SAMPLES[file], content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
}

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  const command = vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, (name: unknown) => openSample(context.extensionUri, name));
  if (!context.globalState.get<boolean>(SHOWN_KEY)) {
    void context.globalState.update(SHOWN_KEY, true);
    if (vscode.workspace.getConfiguration('workbench').get('startupEditor') !== 'none') {
      void vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    }
  }
  return command;
}
