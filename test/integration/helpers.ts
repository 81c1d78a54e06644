/** Shared helpers for the extension-host tests (not a test file itself). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/extension/commands/types';

export const EXTENSION_ID = 'matcalc.matrix-calculus';

export async function activate(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  await ext.activate();
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let untitledCounter = 0;

/** Opens an untitled document and shows it; `‸` in the content marks the cursor, `⟦…⟧` a selection. */
export async function editorWith(language: string, content: string): Promise<vscode.TextEditor> {
  const open = content.indexOf('⟦');
  const close = content.indexOf('⟧', open + 1);
  const cursor = content.indexOf('‸');
  let text = content;
  let sel: [number, number] | undefined;
  if (cursor >= 0) {
    text = content.slice(0, cursor) + content.slice(cursor + 1);
    sel = [cursor, cursor];
  } else if (open >= 0 && close > open) {
    text = content.slice(0, open) + content.slice(open + 1, close) + content.slice(close + 1);
    sel = [open, close - 1];
  }
  // A fresh untitled name each time: VS Code reuses "Untitled-N" names, and an extension host that
  // still holds the closed document of the previous test under the same URI would read that one.
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/matcalc-test-${++untitledCounter}-${Date.now()}` });
  let doc = await vscode.workspace.openTextDocument(uri);
  doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  let editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  assert.equal(doc.getText(), text);
  if (!sel) return editor;
  const want = new vscode.Selection(doc.positionAt(sel[0]), doc.positionAt(sel[1]));
  // Showing an editor and setting its selection settle asynchronously in the workbench: wait until
  // the active editor is ours and keeps our selection.
  for (let i = 0; i < 40; i++) {
    editor = vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor : await vscode.window.showTextDocument(doc);
    if (editor.selection.isEqual(want)) {
      // stable for a while: nothing (a late editor restore) moves it any more
      let stable = true;
      for (let k = 0; k < 4 && stable; k++) {
        await sleep(75);
        stable = vscode.window.activeTextEditor?.document === doc && vscode.window.activeTextEditor.selection.isEqual(want);
      }
      if (stable && vscode.window.activeTextEditor) return vscode.window.activeTextEditor;
    }
    editor.selection = want;
    await sleep(50);
  }
  assert.fail('could not set the selection in the test editor');
}

/** Runs a command; while it is running, accepts whatever QuickPick it shows (the default choice). */
export async function runAccepting(command: string, ...args: unknown[]): Promise<CommandResult> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand<CommandResult>(command, ...args)).finally(() => {
    done = true;
  });
  let accepts = 0;
  while (!done) {
    await sleep(250);
    if (!done) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      accepts++;
    }
  }
  const result = await run;
  assert.ok(result, `${command} returned nothing`);
  return Object.assign(result, { accepts });
}

export async function run(command: string, ...args: unknown[]): Promise<CommandResult> {
  const result = await vscode.commands.executeCommand<CommandResult>(command, ...args);
  assert.ok(result, `${command} returned nothing`);
  return result;
}

/** Narrows a command result to success, failing the test with the message otherwise. */
export function ok(r: CommandResult): Extract<CommandResult, { ok: true }> {
  assert.ok(r.ok, `the command failed: ${r.ok ? '' : `${r.code}: ${r.message}`}`);
  return r;
}

export function failed(r: CommandResult): Extract<CommandResult, { ok: false }> {
  assert.equal(r.ok, false, `expected a failure, got ${r.ok ? r.text : ''}`);
  return r as Extract<CommandResult, { ok: false }>;
}

export const compact = (s: string): string => s.replace(/\s+/g, '');

export interface PanelSnapshot {
  open: boolean;
  visible: boolean;
  expr?: string;
  /** How the core read the expression (the panel's "Read as" line). */
  readAs?: { text: string; notation: string };
  assumed?: { name: string; shape: string; reason: string }[];
  title?: string;
  error?: string;
  errorCode?: string;
  steps?: number;
  rejectedMessages: string[];
}

export function panelSnapshot(): Thenable<PanelSnapshot> {
  return vscode.commands.executeCommand<PanelSnapshot>('matrixCalculus.internal.panelSnapshot');
}

/** Closes every editor, reverting untitled test documents first (so no "Save?" prompt is left open). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(50);
}

/** The text of every hover part (Markdown strings and marked strings), one per line. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Polls get() until okay(value), failing the test with the last value after ms (a hang guard, not a speed check). */
export async function until<T>(what: string, get: () => T | Thenable<T>, okay: (v: T) => boolean, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await get();
  while (!okay(v)) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await sleep(50);
    v = await get();
  }
  return v;
}
