/**
 * A time budget for one request, with cooperative cancellation. The core is synchronous, so work
 * is bounded by checkpoints: `checkpoint()` is cheap (a counter; the clock and the cancellation
 * callback are consulted every CHECK_EVERY calls) and throws `LimitExceeded` once the deadline has
 * passed or the host cancelled. Hot constructors call it (e.g. `node()` in model/expr.ts, which
 * every rewrite goes through), so no loop of the differentiator or the simplifier outruns it. The
 * service turns `LimitExceeded` into a Diagnostic (`limitDiagnostic`).
 *
 * Pure TypeScript: the default clock is `Date.now`, available in browsers and Node alike. A host
 * that must stop a request at once (not at the next checkpoint) runs the core in a worker and
 * terminates it; `cancelled` serves hosts that can flip a flag the worker sees (SharedArrayBuffer).
 */
import type { Diagnostic } from '../api';

/** Default wall-clock allowance of a request, ms. */
export const DEFAULT_TIME_LIMIT_MS = 2_000;

/**
 * Default bound on one written form (text, LaTeX, Unicode, code, Markdown) of a request, in UTF-16
 * code units. Past it the request is answered with limit.output instead of building the string
 * (an expression whose tree is exponentially larger than its DAG would otherwise take gigabytes).
 */
export const DEFAULT_OUTPUT_LIMIT = 4_000_000;

/**
 * How many checkpoints pass between two readings of the clock. A checkpoint costs from well under a
 * microsecond (building a node) to tens of microseconds (a writer's node in code not yet compiled),
 * so 1,024 of them could take 10–40 ms, the overshoot past a deadline (docs/reliability.md §6).
 */
export const CHECK_EVERY = 256;

export interface BudgetOptions {
  /** Milliseconds allowed on `now` (default DEFAULT_TIME_LIMIT_MS). */
  readonly timeMs?: number;
  /** Polled with the clock: true cancels the request. */
  readonly cancelled?: () => boolean;
  /** The clock, in ms (default Date.now, wall-clock time; a nested budget uses its outer budget's). */
  readonly now?: () => number;
  /** The longest written form allowed, UTF-16 code units (default DEFAULT_OUTPUT_LIMIT). */
  readonly outputLimit?: number;
}

export type LimitCode = 'limit.time' | 'limit.cancelled' | 'limit.output';

/** Thrown at a checkpoint when the budget is spent or the request was cancelled. */
export class LimitExceeded extends Error {
  constructor(readonly code: LimitCode, message: string) {
    super(message);
    this.name = 'LimitExceeded';
  }
}

interface Active {
  readonly deadline: number;
  readonly timeMs: number;
  readonly cancelled?: () => boolean;
  readonly now: () => number;
  readonly outputLimit: number;
  ticks: number;
}

let active: Active | undefined;

/**
 * Run `work` under a budget. Nested budgets keep the earlier deadline, and run on the outer
 * budget's clock (deadlines on two clocks cannot be compared). The budget is removed when `work`
 * returns or throws.
 */
export function withBudget<T>(opts: BudgetOptions, work: () => T): T {
  const outer = active;
  const now = outer?.now ?? opts.now ?? Date.now;
  const timeMs = opts.timeMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = Math.min(now() + timeMs, outer?.deadline ?? Infinity);
  const cancelled = outer?.cancelled && opts.cancelled
    ? () => (outer.cancelled as () => boolean)() || (opts.cancelled as () => boolean)()
    : opts.cancelled ?? outer?.cancelled;
  const outputLimit = Math.min(opts.outputLimit ?? DEFAULT_OUTPUT_LIMIT, outer?.outputLimit ?? Infinity);
  active = { deadline, timeMs: outer && outer.deadline <= deadline ? outer.timeMs : timeMs, cancelled, now, outputLimit, ticks: 0 };
  try {
    return work();
  } finally {
    active = outer;
  }
}

/** Whether a budget is running (outside one, checkpoints cost nothing). */
export const budgetActive = (): boolean => active !== undefined;

/** A checkpoint: throws LimitExceeded when the running budget is spent or cancelled. */
export function checkpoint(): void {
  if (active === undefined || ++active.ticks % CHECK_EVERY !== 0) return;
  if (active.cancelled?.()) throw new LimitExceeded('limit.cancelled', 'the request was cancelled');
  if (active.now() > active.deadline) {
    throw new LimitExceeded(
      'limit.time',
      `the request took longer than ${active.timeMs} ms and was stopped: simplify the expression or split it into parts`,
    );
  }
}

/**
 * Writers call this with the length of what they have written so far (a string's length is known
 * without flattening it): past the running request's output limit it throws
 * LimitExceeded('limit.output'); outside a request (a writer called directly) there is no limit.
 * Also a checkpoint: writing counts against the time budget.
 */
export function checkOutput(length: number): void {
  if (active === undefined) return;
  const limit = active.outputLimit;
  if (length > limit) {
    throw new LimitExceeded(
      'limit.output',
      `the result is too large to write: more than ${limit.toLocaleString('en-US')} characters (the expression's shared parts written out in full); ask for a smaller part, or a larger limit`,
    );
  }
  checkpoint();
}

/** The Diagnostic for a stopped request: the whole input is the span. */
export function limitDiagnostic(e: LimitExceeded, inputLength: number): Diagnostic {
  return { message: e.message, code: e.code, start: 0, end: inputLength };
}
