/**
 * Part of activation (extension.ts): registers the `.matcalc` language providers and the listeners
 * the diagnostics and the shape status bar item need, as thin forwarders to the services (main.ts),
 * which load on first use. Nothing here loads the core: a document that is not `.matcalc` (or a
 * cursor outside the languages of the hover) never loads the services.
 */
import * as vscode from 'vscode';
import { onDidChangeSettings } from '../config';
import type { Settings } from '../settings';

/** What the forwarders call (built by main.ts). */
export interface LanguageServices {
  readonly matcalc: vscode.CompletionItemProvider &
    vscode.HoverProvider &
    vscode.DeclarationProvider &
    vscode.DefinitionProvider &
    vscode.DocumentSymbolProvider &
    vscode.CodeLensProvider & { forget(document: vscode.TextDocument): void };
  readonly diagnostics: { changed(document: vscode.TextDocument): void; closed(document: vscode.TextDocument): void; recheckAll(): void };
  readonly shapeStatus: { onCursor(editor: vscode.TextEditor | undefined): void };
}

const MATCALC: vscode.DocumentSelector = { language: 'matcalc' };

/** Documents longer than this get diagnostics (of their first lines) but no other language feature. */
export const MAX_FEATURE_LINES = 20_000;

export function registerLanguageFeatures(settings: () => Settings, load: () => LanguageServices, loaded: () => LanguageServices | undefined): vscode.Disposable {
  const isMatcalc = (d: vscode.TextDocument): boolean => d.languageId === 'matcalc';
  const inScope = (e: vscode.TextEditor | undefined): boolean =>
    !!e && e.document.uri.scheme !== 'output' && (isMatcalc(e.document) || settings().hover.languages.includes(e.document.languageId));
  const m = () => load().matcalc;
  // A huge file (a data dump saved as .matcalc) gets no outline, lenses or completion: the workbench
  // would do work over all of it for each (a 10 MB file must not stall the editor: issue 8).
  const small = (d: vscode.TextDocument): boolean => d.lineCount <= MAX_FEATURE_LINES;
  const subs: vscode.Disposable[] = [
    vscode.languages.registerCompletionItemProvider(MATCALC, { provideCompletionItems: (d, p, t, c) => (small(d) ? m().provideCompletionItems(d, p, t, c) : undefined) }, ':', ' '),
    vscode.languages.registerHoverProvider(MATCALC, { provideHover: (d, p, t) => (small(d) ? m().provideHover(d, p, t) : undefined) }),
    vscode.languages.registerDeclarationProvider(MATCALC, { provideDeclaration: (d, p, t) => (small(d) ? m().provideDeclaration(d, p, t) : undefined) }),
    vscode.languages.registerDefinitionProvider(MATCALC, { provideDefinition: (d, p, t) => (small(d) ? m().provideDefinition(d, p, t) : undefined) }),
    vscode.languages.registerDocumentSymbolProvider(MATCALC, { provideDocumentSymbols: (d, t) => (small(d) ? m().provideDocumentSymbols(d, t) : undefined) }),
    vscode.languages.registerCodeLensProvider(MATCALC, { provideCodeLenses: (d, t) => (small(d) ? m().provideCodeLenses(d, t) : undefined) }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isMatcalc(d)) load().diagnostics.changed(d);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isMatcalc(e.document) && e.contentChanges.length > 0) load().diagnostics.changed(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const s = loaded();
      s?.diagnostics.closed(d);
      s?.matcalc.forget(d);
    }),
    onDidChangeSettings(() => loaded()?.diagnostics.recheckAll()),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (inScope(e.textEditor)) load().shapeStatus.onCursor(e.textEditor);
      else loaded()?.shapeStatus.onCursor(undefined);
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      if (inScope(e)) load().shapeStatus.onCursor(e);
      else loaded()?.shapeStatus.onCursor(undefined);
    }),
  ];
  // .matcalc documents already open (the window was restored with them).
  if (vscode.workspace.textDocuments.some(isMatcalc)) {
    for (const d of vscode.workspace.textDocuments.filter(isMatcalc)) load().diagnostics.changed(d);
  }
  return vscode.Disposable.from(...subs);
}
