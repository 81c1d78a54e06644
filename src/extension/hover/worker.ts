/**
 * The hover's rendering worker (bundled to dist/hoverWorker.js, started by svgRenderer.ts as a
 * worker thread): MathJax runs here so that a slow render never holds up the extension host; the
 * host enforces a time limit by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { svgDataUri, texToSvg } from './mathjax';

export interface RenderRequest {
  readonly id: number;
  readonly tex: string;
  readonly color: string;
}

export type RenderReply = { readonly id: number; readonly uri: string } | { readonly id: number; readonly error: string };

parentPort?.on('message', (req: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: req.id, uri: svgDataUri(texToSvg(req.tex, req.color)) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
