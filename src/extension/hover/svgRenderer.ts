/**
 * TeX → SVG data URI for hovers, off the extension host's main thread: MathJax runs in one worker
 * thread (dist/hoverWorker.js), started on first use. Each render has a time limit; a render that
 * overruns terminates the worker (a fresh one starts on the next request) and reports failure, so
 * the caller falls back to text. Results are cached by (TeX, colour).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LruCache } from './cache';
import type { RenderReply, RenderRequest } from './worker';

export const RENDER_TIMEOUT_MS = 3_000;

interface Pending {
  resolve(uri: string | undefined): void;
  timer: ReturnType<typeof setTimeout>;
}

export class SvgRenderer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new LruCache<string>(500);

  /** `workerFile`: the bundled worker script (dist/hoverWorker.js). */
  constructor(
    private readonly workerFile: string,
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

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(path.resolve(this.workerFile));
      w.on('message', (reply: RenderReply) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        clearTimeout(p.timer);
        p.resolve('uri' in reply ? reply.uri : undefined);
      });
      w.on('error', () => this.restart());
      w.on('exit', () => {
        if (this.worker === w) this.worker = undefined;
      });
      w.unref();
      this.worker = w;
      return w;
    } catch {
      return undefined;
    }
  }

  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(undefined);
    }
    this.pending.clear();
    void w?.terminate();
  }

  dispose(): void {
    this.restart();
  }
}
