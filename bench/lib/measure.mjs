/**
 * Timing one operation, warm: untimed warm-up calls, then timed calls until both a minimum count
 * and a time budget are reached (or a maximum count). Each call is timed with
 * process.hrtime.bigint() (wall clock) and process.cpuUsage() (this process's CPU time, less
 * sensitive to other load on the machine).
 */

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * @param {() => unknown} fn the operation
 * @param {{ warmup?: number, minReps?: number, maxReps?: number, budgetMs?: number, before?: () => void }} [opts]
 *   `before` runs untimed before every call (e.g. to reset a cache).
 * @returns {{ wallMs: number[], cpuMs: number[] }}
 */
export function measure(fn, opts = {}) {
  const { warmup = 5, minReps = 20, maxReps = 2000, budgetMs = 200, before } = opts;
  for (let i = 0; i < warmup; i++) {
    before?.();
    fn();
  }
  const wallMs = [];
  const cpuMs = [];
  let spent = 0;
  while (wallMs.length < maxReps && (wallMs.length < minReps || spent < budgetMs)) {
    before?.();
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    fn();
    const t1 = process.hrtime.bigint();
    const c1 = cpuNow();
    const ms = Number(t1 - t0) / 1e6;
    wallMs.push(ms);
    cpuMs.push(c1 - c0);
    spent += ms;
  }
  return { wallMs, cpuMs };
}

/** Wall time of one call, in ms. */
export function timeOnce(fn) {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}
