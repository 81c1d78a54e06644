/**
 * The hover's rendering worker in VS Code for the Web (bundled to dist/web/hoverWorker.js, started by
 * webThread.ts as a Web Worker from the extension host's own worker): the same MathJax and protocol
 * as worker.ts, over `postMessage`.
 */
import { answer, type RenderRequest } from './protocol';

interface WorkerScope {
  onmessage: ((e: { data: RenderRequest }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (e) => scope.postMessage(answer(e.data));
