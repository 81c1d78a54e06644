import * as vscode from 'vscode';
import { registerDifferentiateCommand } from './differentiate';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerDifferentiateCommand(context));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
