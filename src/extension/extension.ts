/**
 * The composition root: reads nothing itself, builds the services (settings, panel, commands,
 * hover, follow-selection) and wires them together. Everything is disposed via
 * context.subscriptions.
 */
import * as vscode from 'vscode';
import { readSettings } from './config';
import { registerCommands } from './commands/table';
import type { CommandServices, SourceMemory } from './commands/types';
import { followSelection } from './follow';
import { registerHover } from './hover/provider';
import { panelActions } from './panel/actions';
import { PANEL_VIEW_TYPE, PanelManager } from './panel/manager';

export function activate(context: vscode.ExtensionContext): void {
  const settings = () => readSettings();
  const source: SourceMemory = {};
  const panel = new PanelManager(context.extensionUri, panelActions(settings, source));
  const services: CommandServices = { settings, panel, source };

  context.subscriptions.push(
    panel,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panel),
    ...registerCommands(services),
    vscode.commands.registerCommand('matrixCalculus.internal.panelSnapshot', () => panel.snapshot()),
    registerHover(settings, context.extensionPath),
    followSelection(services),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
