/**
 * The extension's services (bundled to dist/main.js): the commands, the panel, the hover and
 * follow-selection, built together on first use — extension.ts registers thin forwarders to them
 * at activation and loads this module when one is first used. The math core and the panel's KaTeX
 * load later still, when needed (lazy.ts).
 */
import type * as vscode from 'vscode';
import { runCommand } from './commands/table';
import type { CommandResult, CommandServices, SourceMemory } from './commands/types';
import { SelectionFollower } from './follow';
import { createHover } from './hover/provider';
import type { CommandName } from './names';
import { panelActions } from './panel/actions';
import { PanelManager } from './panel/manager';
import type { Settings } from './settings';

export interface ExtensionServices extends vscode.Disposable {
  runCommand(name: CommandName, arg: unknown): Promise<CommandResult>;
  panelSnapshot(): ReturnType<PanelManager['snapshot']>;
  readonly serializer: vscode.WebviewPanelSerializer;
  readonly hover: vscode.HoverProvider;
  onSelectionChanged(e: vscode.TextEditorSelectionChangeEvent): void;
  onColorThemeChanged(): void;
}

export function createServices(extensionUri: vscode.Uri, extensionPath: string, settings: () => Settings): ExtensionServices {
  const source: SourceMemory = {};
  const panel = new PanelManager(extensionUri, panelActions(settings, source));
  const services: CommandServices = { settings, panel, source };
  const hover = createHover(settings, extensionPath);
  const follower = new SelectionFollower(services);
  return {
    runCommand: (name, arg) => runCommand(name, services, arg),
    panelSnapshot: () => panel.snapshot(),
    serializer: panel,
    hover: hover.provider,
    onSelectionChanged: (e) => follower.onSelectionChanged(e),
    onColorThemeChanged: () => hover.renderer.clearCache(),
    dispose: () => {
      follower.dispose();
      hover.renderer.dispose();
      panel.dispose();
    },
  };
}
