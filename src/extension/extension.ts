/**
 * Activation (dist/extension.js, a few kilobytes: issue 7, activation under 20 ms): registers the
 * commands, the hover provider, the panel serializer and the listeners as thin forwarders, and
 * builds the services they forward to (main.ts, dist/main.js) on the first use of any of them.
 * Everything is disposed via context.subscriptions.
 */
import * as vscode from 'vscode';
import { readSettings } from './config';
import { registerHoverProvider } from './hover/registration';
import { COMMAND_NAMES, COMMAND_PREFIX, PANEL_SNAPSHOT_COMMAND, PANEL_VIEW_TYPE } from './names';

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
      services = main.createServices(context.extensionUri, context.extensionPath, settings);
      context.subscriptions.push(services);
    }
    return services;
  };

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => load().serializer.deserializeWebviewPanel(panel, state),
    }),
    ...COMMAND_NAMES.map((name) => vscode.commands.registerCommand(COMMAND_PREFIX + name, (arg: unknown) => load().runCommand(name, arg))),
    vscode.commands.registerCommand(PANEL_SNAPSHOT_COMMAND, () => load().panelSnapshot()),
    registerHoverProvider(settings, {
      provideHover: (document, position, token) => load().hover.provideHover(document, position, token),
    }),
    // Before the services exist there is no panel to follow into and no hover image to forget.
    vscode.window.onDidChangeTextEditorSelection((e) => services?.onSelectionChanged(e)),
    vscode.window.onDidChangeActiveColorTheme(() => services?.onColorThemeChanged()),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
