/**
 * TeX → SVG data URI for hovers, off the extension host's main thread: MathJax runs in one worker
 * (thread.ts: a worker thread on the desktop, a Web Worker in VS Code for the Web), started on
 * first use. Each render has a time limit (a larger one while the worker starts); a render that
 * overruns terminates the worker (a fresh one starts on the next request) and reports failure, so
 * the caller falls back to text. Results are cached by (TeX, colour).
 */
import { LruCache } from './cache';
import type { RenderReply, RenderRequest } from './protocol';
import type { RenderThread, StartThread } from './thread';
import { REAL_TIMERS, type Timers } from '../schedule';

/** The time limit of a render by a worker that is up (MathJax loaded): a few milliseconds of work. */
export const RENDER_TIMEOUT_MS = 3_000;

/**
 * The start-up allowance: the time limit of a worker's first render, which includes starting the
 * thread and loading MathJax: 0.5–0.75 s for three fresh workers of dist/hoverWorker.js on the
 * 2-core development machine at load average 9, past 3 s at load 17 (the svgRenderer tests,
 * ae978cd). With the ordinary limit, a first render that overran would terminate the worker, and
 * the next hover would start a cold one again — never an image. Every render asked before the
 * worker's first answer has this limit (they wait behind the start-up too).
 */
export const FIRST_RENDER_TIMEOUT_MS = 15_000;

export interface RenderLimits {
  /** A render by a worker that has answered before (default RENDER_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** A render asked before the worker's first answer (default FIRST_RENDER_TIMEOUT_MS). */
  readonly firstTimeoutMs?: number;
  /** The timers the limits run on (injectable, so the limits are tested without waiting). */
  readonly timers?: Timers;
}

interface Pending {
  resolve(uri: string | undefined): void;
  timer: unknown;
}

export class SvgRenderer {
  private worker: RenderThread | undefined;
  /** Whether the current worker has answered a request (so MathJax is loaded there). */
  private warm = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new LruCache<string>(500);
  private readonly timeoutMs: number;
  private readonly firstTimeoutMs: number;
  private readonly timers: Timers;

  /** `start`: starts the worker (nodeThread.ts, webThread.ts). */
  constructor(
    private readonly start: StartThread,
    limits: RenderLimits = {},
  ) {
    this.timeoutMs = limits.timeoutMs ?? RENDER_TIMEOUT_MS;
    this.firstTimeoutMs = limits.firstTimeoutMs ?? FIRST_RENDER_TIMEOUT_MS;
    this.timers = limits.timers ?? REAL_TIMERS;
  }

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
      const timer = this.timers.setTimeout(
        () => {
          this.pending.delete(id);
          resolve(undefined);
          this.restart(); // the worker is stuck on this render; free it
        },
        this.warm ? this.timeoutMs : this.firstTimeoutMs,
      );
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
      if (this.worker === thread) this.warm = true;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      this.timers.clearTimeout(p.timer);
      p.resolve('uri' in reply ? reply.uri : undefined);
    });
    thread.onGone(() => {
      if (this.worker === thread) this.restart();
    });
    this.worker = thread;
    this.warm = false;
    return thread;
  }

  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    this.warm = false;
    for (const [, p] of this.pending) {
      this.timers.clearTimeout(p.timer);
      p.resolve(undefined);
    }
    this.pending.clear();
    w?.terminate();
  }

  dispose(): void {
    this.restart();
  }
}
