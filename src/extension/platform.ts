/**
 * What differs between the extension's two hosts, desktop side (Node: VS Code, code-server). The
 * browser bundle (esbuild.js, dist/web/extension.js) uses platform.web.ts in its place.
 */
import * as vscode from 'vscode';
import { nodeThread } from './hover/nodeThread';
import type { StartThread } from './hover/thread';

/** The hover's MathJax worker: a worker thread on dist/hoverWorker.js. */
export function hoverThread(extensionUri: vscode.Uri): StartThread {
  return nodeThread(vscode.Uri.joinPath(extensionUri, 'dist', 'hoverWorker.js').fsPath);
}
