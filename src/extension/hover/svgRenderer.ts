/**
 * TeX → SVG data URI for hovers, off the extension host's main thread: MathJax runs in one worker
 * (thread.ts: a worker thread on the desktop, a Web Worker in VS Code for the Web), started on first use. Each render has a time limit; a render that
 * overruns terminates the worker (a fresh one starts on the next request) and reports failure, so
 * the caller falls back to text. Results are cached by (TeX, colour).
 */
import { LruCache } from './cache';
import type { RenderReply, RenderRequest } from './protocol';
import type { RenderThread, StartThread } from './thread';

export const RENDER_TIMEOUT_MS = 3_000;

interface Pending {
  resolve(uri: string | undefined): void;
  timer: ReturnType<typeof setTimeout>;
}

export class SvgRenderer {
  private worker: RenderThread | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new LruCache<string>(500);

  /** `start`: starts the worker (nodeThread.ts, webThread.ts). */
  constructor(
    private readonly start: StartThread,
    private readonly timeoutMs = RENDER_TIMEOUT_MS,
  ) {}

  /** A data URI for `tex` in `color`, or undefined if MathJax failed or ran out of time. */
  render(tex: string, color: string): Promise<string | undefined> {
    const key = `${color}\u0000${tex}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise((resolve) => {
      const worker = this.ensureWorker();
      if (!worker) {
        resolve(undefined);
        return;
      }
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
        this.restart(); // the worker is stuck on this render; free it
      }, this.timeoutMs);
      this.pending.set(id, {
        timer,
        resolve: (uri) => {
          if (uri !== undefined) this.cache.set(key, uri);
          resolve(uri);
        },
      });
      const req: RenderRequest = { id, tex, color };
      worker.postMessage(req);
    });
  }

  /** Forget cached images (the colour theme changed). */
  clearCache(): void {
    this.cache.clear();
  }

  private ensureWorker(): RenderThread | undefined {
    if (this.worker) return this.worker;
    let w: RenderThread | undefined;
    try {
      w = this.start();
    } catch {
      w = undefined;
    }
    if (!w) return undefined;
    const thread = w;
    thread.onReply((reply: RenderReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve('uri' in reply ? reply.uri : undefined);
    });
    thread.onGone(() => {
      if (this.worker === thread) this.restart();
    });
    this.worker = thread;
    return thread;
  }

  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(undefined);
    }
    this.pending.clear();
    w?.terminate();
  }

  dispose(): void {
    this.restart();
  }
}
