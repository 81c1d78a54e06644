/**
 * Activation (dist/extension.js, a few kilobytes: issue 7, activation under 20 ms): registers the
 * commands, the hover provider, the panel serializer and the listeners as thin forwarders, and
 * builds the services they forward to (main.ts, dist/main.js) on the first use of any of them.
 * Everything is disposed via context.subscriptions.
 */
import * as vscode from 'vscode';
import { readSettings } from './config';
import { registerHoverProvider } from './hover/registration';
import { registerLanguageFeatures } from './language/registration';
import { registerWalkthrough } from './walkthrough';
import {
  AT_CURSOR_COMMANDS, CHECK_COMMAND_NAMES, CHECK_REPLACE_COMMAND, CHECK_SNAPSHOT_COMMAND, COMMAND_NAMES, COMMAND_PREFIX, LANGUAGE_SNAPSHOT_COMMAND, MAX_PROOFREAD_CHARS,
  PANEL_SNAPSHOT_COMMAND, PANEL_VIEW_TYPE, PROOFREAD_LANGUAGES,
} from './names';

type Main = typeof import('./main');
type ExtensionServices = ReturnType<Main['createServices']>;

export function activate(context: vscode.ExtensionContext): void {
  const settings = () => readSettings();
  let services: ExtensionServices | undefined;
  const load = (): ExtensionServices => {
    if (!services) {
      // esbuild.js turns this into a require of dist/main.js (tsc, for the unit tests: of main.js).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load
      const main = require('./main') as Main;
      services = main.createServices(context.extensionUri, settings);
      context.subscriptions.push(services);
    }
    return services;
  };

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => load().serializer.deserializeWebviewPanel(panel, state),
    }),
    ...COMMAND_NAMES.map((name) => vscode.commands.registerCommand(COMMAND_PREFIX + name, (arg: unknown) => load().runCommand(name, arg))),
    ...Object.entries(AT_CURSOR_COMMANDS).map(([name, atCursor]) =>
      vscode.commands.registerCommand(COMMAND_PREFIX + atCursor, (arg: unknown) => load().runCommand(name as keyof typeof AT_CURSOR_COMMANDS, arg)),
    ),
    vscode.commands.registerCommand(PANEL_SNAPSHOT_COMMAND, () => load().panelSnapshot()),
    vscode.commands.registerCommand(LANGUAGE_SNAPSHOT_COMMAND, () => load().languageSnapshot()),
    registerHoverProvider(settings, {
      provideHover: (document, position, token) => load().hover.provideHover(document, position, token),
    }),
    // Before the services exist there is no panel to follow into and no hover image to forget.
    vscode.window.onDidChangeTextEditorSelection((e) => services?.onSelectionChanged(e)),
    vscode.window.onDidChangeActiveColorTheme(() => services?.onColorThemeChanged()),
    vscode.commands.registerCommand(COMMAND_PREFIX + CHECK_COMMAND_NAMES[0], (arg: unknown) => load().checkClaim(arg)),
    vscode.commands.registerCommand(COMMAND_PREFIX + CHECK_COMMAND_NAMES[1], () => load().proofreadFile()),
    vscode.commands.registerCommand(CHECK_SNAPSHOT_COMMAND, () => load().checkSnapshot()),
    vscode.commands.registerCommand(CHECK_REPLACE_COMMAND, () => load().checkReplace()),
    // Proofreading (check/diagnostics.ts): only documents of the proofread languages load the services.
    vscode.languages.registerCodeActionsProvider(
      PROOFREAD_LANGUAGES.map((language) => ({ language })),
      { provideCodeActions: (document, range, context) => (services ? services.proofreader.provideCodeActions(document, range, context) : []) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.workspace.onDidOpenTextDocument((d) => proofreadable(d) && load().proofreader.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => proofreadable(e.document) && load().proofreader.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => services?.proofreader.forget(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('matrixCalculus.proofread')) return;
      for (const d of vscode.workspace.textDocuments) {
        if (proofreadable(d)) load().proofreader.schedule(d, 0);
        else services?.proofreader.forget(d);
      }
    }),
    registerLanguageFeatures(settings, load, () => services),
    registerWalkthrough(context),
  );
  // The documents already open are proofread after activation, not during it.
  setTimeout(() => {
    for (const d of vscode.workspace.textDocuments) if (proofreadable(d)) load().proofreader.schedule(d, 0);
  }, 0);
}

/** A document proofreading applies to: a proofread language, a real document, the setting on. */
function proofreadable(d: vscode.TextDocument): boolean {
  if (!(PROOFREAD_LANGUAGES as readonly string[]).includes(d.languageId) || d.uri.scheme === 'output' || d.uri.scheme === 'git') return false;
  if (d.offsetAt(d.lineAt(d.lineCount - 1).range.end) > MAX_PROOFREAD_CHARS) return false;
  return vscode.workspace.getConfiguration('matrixCalculus', d).get<boolean>('proofread.enabled', true) !== false;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
