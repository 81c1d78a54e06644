/**
 * Latest-only scheduling for work that follows typing and cursor movement (diagnostics, the status
 * bar's shape, follow-selection, proofreading): each key has at most one pending piece of work; scheduling again
 * drops the pending one and cancels one that is still running, so stale work is never queued and
 * never finishes. Pure: no `vscode` import (timers are injectable for tests).
 */

/** The same shape as vscode.CancellationToken's flag, so either can be passed on. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

class Flag implements Cancellation {
  isCancellationRequested = false;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LatestOnly<K> {
  private readonly pending = new Map<K, { timer: unknown; flag: Flag }>();
  private readonly running = new Map<K, Flag>();
  /** Work dropped before it ran, or cancelled while it ran, because newer work came for its key. */
  dropped = 0;

  constructor(
    private readonly delayMs: number,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /**
   * Runs `work` after the delay (the constructor's, or `delayMs`) unless `schedule(key, …)`,
   * `runNow(key, …)` or `cancel(key)` comes first.
   */
  schedule(key: K, work: (token: Cancellation) => unknown, delayMs = this.delayMs): void {
    this.cancel(key);
    const flag = new Flag();
    const timer = this.timers.setTimeout(() => {
      this.pending.delete(key);
      this.start(key, flag, work);
    }, delayMs);
    this.pending.set(key, { timer, flag });
  }

  /**
   * Runs `work` at once, as the latest work for `key` (what was pending or running for it is
   * dropped or cancelled), and returns what it returns.
   */
  runNow<T>(key: K, work: (token: Cancellation) => T): T {
    this.cancel(key);
    return this.start(key, new Flag(), work);
  }

  private start<T>(key: K, flag: Flag, work: (token: Cancellation) => T): T {
    this.running.set(key, flag);
    const done = (): void => {
      if (this.running.get(key) === flag) this.running.delete(key);
    };
    try {
      const r = work(flag);
      if (r instanceof Promise) r.then(done, done);
      else done();
      return r;
    } catch (e) {
      done();
      throw e;
    }
  }

  /** Drops the pending work for `key` and cancels the running one. */
  cancel(key: K): void {
    const p = this.pending.get(key);
    if (p) {
      this.timers.clearTimeout(p.timer);
      p.flag.isCancellationRequested = true;
      this.pending.delete(key);
      this.dropped++;
    }
    const r = this.running.get(key);
    if (r) {
      r.isCancellationRequested = true;
      this.running.delete(key);
      this.dropped++;
    }
  }

  /** How many pieces of work are waiting (at most one per key). */
  get queued(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const key of [...this.pending.keys(), ...this.running.keys()]) this.cancel(key);
  }
}

/** Lets other work run (the next event-loop turn) and says whether `token` was cancelled meanwhile. */
export function yieldTurn(token: Cancellation): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(token.isCancellationRequested), 0));
}
