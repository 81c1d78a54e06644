/**
 * Timing one operation, warm: untimed warm-up calls, then timed calls until both a minimum count
 * and a time budget are reached (or a maximum count). Each call is timed with
 * process.hrtime.bigint() (wall clock) and process.cpuUsage() (this process's CPU time, less
 * sensitive to other load on the machine).
 */
import { GCProfiler } from 'node:v8';

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * @param {() => unknown} fn the operation
 * @param {{ warmup?: number, minReps?: number, maxReps?: number, budgetMs?: number, before?: () => void, gc?: boolean }} [opts]
 *   `before` runs untimed before every call (e.g. to reset a cache). `gc`: also the garbage
 *   collections within each call (v8.GCProfiler): their pauses of the main thread, in ms, and how many.
 * @returns {{ wallMs: number[], cpuMs: number[], gcMs?: number[], gcs?: number[] }}
 */
export function measure(fn, opts = {}) {
  const { warmup = 5, minReps = 20, maxReps = 2000, budgetMs = 200, before, gc = false } = opts;
  for (let i = 0; i < warmup; i++) {
    before?.();
    fn();
  }
  const wallMs = [];
  const cpuMs = [];
  const gcMs = [];
  const gcs = [];
  let spent = 0;
  while (wallMs.length < maxReps && (wallMs.length < minReps || spent < budgetMs)) {
    before?.();
    const profiler = gc ? new GCProfiler() : undefined;
    profiler?.start();
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    fn();
    const t1 = process.hrtime.bigint();
    const c1 = cpuNow();
    const collected = profiler?.stop();
    const ms = Number(t1 - t0) / 1e6;
    wallMs.push(ms);
    cpuMs.push(c1 - c0);
    if (collected) {
      // `cost`: the pause, in µs.
      gcMs.push(collected.statistics.reduce((a, s) => a + s.cost, 0) / 1000);
      gcs.push(collected.statistics.length);
    }
    spent += ms;
  }
  return gc ? { wallMs, cpuMs, gcMs, gcs } : { wallMs, cpuMs };
}

/** Wall time of one call, in ms. */
export function timeOnce(fn) {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}
