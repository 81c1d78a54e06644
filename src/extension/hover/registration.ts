/**
 * Registers a hover provider for the languages of `matrixCalculus.hover.languages`, again whenever
 * that setting changes. Part of activation (extension.ts): the provider it is given loads the real
 * one (provider.ts, with the core) on the first hover.
 */
import * as vscode from 'vscode';
import { onDidChangeSettings } from '../config';
import type { Settings } from '../settings';

export function registerHoverProvider(settings: () => Settings, provider: vscode.HoverProvider): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  let languages = '';
  const register = (): void => {
    const langs = settings().hover.languages;
    if (langs.join() === languages) return;
    languages = langs.join();
    registration?.dispose();
    registration = vscode.languages.registerHoverProvider(
      langs.map((language) => ({ language })),
      provider,
    );
  };
  register();
  const sub = onDidChangeSettings(register, 'hover.languages');
  return new vscode.Disposable(() => {
    registration?.dispose();
    sub.dispose();
  });
}
