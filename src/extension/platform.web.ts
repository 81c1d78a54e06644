/**
 * What differs between the extension's two hosts, web side (VS Code for the Web: the web worker
 * extension host, no Node API). esbuild.js puts this module in place of platform.ts in
 * dist/web/extension.js.
 */
import * as vscode from 'vscode';
import type { StartThread } from './hover/thread';
import { webThread } from './hover/webThread';

/** The hover's MathJax worker: a Web Worker on dist/web/hoverWorker.js, read through VS Code's file system. */
export function hoverThread(extensionUri: vscode.Uri): StartThread {
  return webThread(() => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'hoverWorker.js')));
}
