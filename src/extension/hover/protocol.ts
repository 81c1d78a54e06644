/** The messages between svgRenderer.ts and the hover's MathJax thread (worker.ts, webWorker.ts). Pure. */
import { svgDataUri, texToSvg } from './mathjax';

export interface RenderRequest {
  readonly id: number;
  readonly tex: string;
  readonly color: string;
}

export type RenderReply = { readonly id: number; readonly uri: string } | { readonly id: number; readonly error: string };

/** What the thread does with one request (on the thread: MathJax is loaded by this module). */
export function answer(req: RenderRequest): RenderReply {
  try {
    return { id: req.id, uri: svgDataUri(texToSvg(req.tex, req.color)) };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}
