/**
 * The thread the hover's MathJax runs on, as svgRenderer.ts sees it: a Node worker thread on the
 * desktop (nodeThread.ts), a Web Worker in VS Code for the Web (webThread.ts). Pure: no `vscode`,
 * no Node API.
 */
import type { RenderReply, RenderRequest } from './protocol';

export interface RenderThread {
  postMessage(request: RenderRequest): void;
  /** Replies, in any order. */
  onReply(listener: (reply: RenderReply) => void): void;
  /** The thread failed or exited: it answers nothing more. */
  onGone(listener: () => void): void;
  terminate(): void;
}

/** Starts a fresh thread, or gives undefined when none can be started (the hover then shows text). */
export type StartThread = () => RenderThread | undefined;
