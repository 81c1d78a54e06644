/**
 * The hover's MathJax on a Web Worker (VS Code for the Web): the extension host is itself a worker
 * and the extension's files are served from another origin, so the worker script (dist/web/
 * hoverWorker.js) is read through VS Code's file system once and started from a `blob:` URL.
 * Requests made before the script has arrived wait for it; if it cannot be read or started, the
 * thread is gone at once (the hover shows text instead of an image).
 */
import type { RenderReply, RenderRequest } from './protocol';
import type { RenderThread, StartThread } from './thread';

interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: RenderReply }) => void) | null;
  onerror: (() => void) | null;
}
interface WorkerGlobals {
  Worker?: new (url: string) => WebWorker;
  Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
  URL: { createObjectURL(blob: unknown): string };
}

export function webThread(readScript: () => PromiseLike<Uint8Array>): StartThread {
  const g = globalThis as unknown as WorkerGlobals;
  let url: Promise<string> | undefined;
  const scriptUrl = (): Promise<string> =>
    (url ??= Promise.resolve(readScript()).then((bytes) => g.URL.createObjectURL(new g.Blob([bytes], { type: 'text/javascript' }))));
  return () => {
    if (typeof g.Worker !== 'function') return undefined;
    const Ctor = g.Worker;
    const replies: ((r: RenderReply) => void)[] = [];
    const gone: (() => void)[] = [];
    const queued: RenderRequest[] = [];
    let worker: WebWorker | undefined;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      worker?.terminate();
      for (const l of gone) l();
    };
    scriptUrl().then(
      (u) => {
        if (ended) return;
        try {
          worker = new Ctor(u);
        } catch {
          end();
          return;
        }
        worker.onmessage = (e) => replies.forEach((l) => l(e.data));
        worker.onerror = end;
        for (const r of queued.splice(0)) worker.postMessage(r);
      },
      () => {
        url = undefined; // try again with the next thread
        end();
      },
    );
    const thread: RenderThread = {
      postMessage: (r) => (worker ? worker.postMessage(r) : queued.push(r)),
      onReply: (l) => replies.push(l),
      onGone: (l) => gone.push(l),
      terminate: end,
    };
    return thread;
  };
}
