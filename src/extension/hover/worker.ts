/**
 * The hover's rendering worker on the desktop (bundled to dist/hoverWorker.js, started by
 * nodeThread.ts as a worker thread): MathJax runs here so that a slow render never holds up the
 * extension host; the host enforces a time limit by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { answer, type RenderRequest } from './protocol';

export type { RenderReply, RenderRequest } from './protocol';

parentPort?.on('message', (req: RenderRequest) => parentPort?.postMessage(answer(req)));
