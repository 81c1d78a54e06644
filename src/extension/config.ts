/**
 * Typed access to the `matrixCalculus.*` settings (parsing and defaults in settings.ts).
 */
import * as vscode from 'vscode';
import { parseSettings, type SettingKey, type Settings } from './settings';

export const CONFIG_SECTION = 'matrixCalculus';

/** The current settings, read fresh each time (cheap; VS Code caches the configuration). */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return parseSettings((key) => config.get(key));
}

/** Runs `listener` whenever a `matrixCalculus.*` setting (or the one setting `key`) changes. */
export function onDidChangeSettings(listener: () => void, key?: SettingKey): vscode.Disposable {
  const section = key ? `${CONFIG_SECTION}.${key}` : CONFIG_SECTION;
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(section)) listener();
  });
}
