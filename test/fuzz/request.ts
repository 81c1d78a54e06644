/**
 * One fuzzed request through the public entry points, and the robustness properties it must
 * satisfy: `derive()` and `variables()` never throw, answer within a time bound, and every failure
 * is a structured Diagnostic (a code, a message, a span inside the text it refers to).
 */
import type { DeriveRequest, Diagnostic, Notation, Outcome } from '../../src/core/index';
import { derive, variables } from '../../src/core/index';

/**
 * The per-request bound (milliseconds of CPU time). A robustness property, not a speed benchmark:
 * it catches hangs and super-linear blow-ups. A request over the bound is timed again, up to
 * TIMINGS times in all, and counts as slow only if even its fastest timing is over the bound: a
 * hang is slow every time, a garbage-collection pause is not. The time is the process's CPU time
 * (user + system), not the wall clock: on a machine shared with other jobs (load 15 on 2 cores)
 * a request that computes for 40 ms takes 300 ms of wall time, and a busy machine is not a hang.
 */
export const REQUEST_TIME_LIMIT_MS = 250;
export const TIMINGS = 3;

/**
 * The time budget each fuzzed request asks the core for (`timeLimitMs`, src/core/limits/budget.ts):
 * past it the core answers `limit.time`, a clear error, which the campaigns count like any other
 * code. A core without budgets ignores the field, and its slow requests fail the time property.
 *
 * Measured on the clock of the bound (`cpuClock`, passed as the request's `clock`): the property is
 * that a request stops within REQUEST_TIME_LIMIT_MS of CPU time when asked to stop at
 * FUZZ_BUDGET_MS of it. On the product's default clock (wall-clock time) the two would measure
 * different things: on an idle two-core machine the collector's and compiler's helper threads add
 * 30–100 % to a request's CPU time over its wall time (docs/reliability.md §6), so every request
 * that runs into a 200 ms wall-clock budget took 250–300 ms of CPU and failed the bound whatever
 * the core did.
 */
export const FUZZ_BUDGET_MS = 200;

/** The process's CPU time (user + system) in ms: the clock of the bound and of the budget. */
export const cpuClock = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface FuzzInput {
  readonly expr: string;
  readonly where?: string;
  readonly from: Notation;
  readonly order?: 1 | 2;
  readonly check?: boolean;
}

export interface RequestProblem {
  readonly kind: 'threw' | 'slow' | 'bad-diagnostic';
  readonly detail: string;
}

export interface RequestOutcome {
  readonly ok: boolean;
  /** The slowest of the calls (each at its fastest timing), ms of CPU time. */
  readonly ms: number;
  readonly code?: string;
  readonly problem?: RequestProblem;
}

/** Which text a diagnostic's span refers to: the expression, or the separate declarations. */
const sourceOf = (d: Diagnostic): 'text' | 'where' => ((d as { source?: string }).source === 'where' ? 'where' : 'text');

/** Why a failed outcome is not a well-formed diagnostic, or undefined when it is. */
export function diagnosticProblem(o: Outcome<unknown>, input: FuzzInput): string | undefined {
  if (o.ok) return undefined;
  const d = o.error as Partial<Diagnostic> | undefined;
  if (d === undefined || d === null) return 'the failure carries no diagnostic';
  if (typeof d.message !== 'string' || d.message.trim().length === 0) return `empty message (code ${String(d.code)})`;
  if (typeof d.code !== 'string' || d.code.length === 0) return `no code for "${d.message}"`;
  if (!Number.isInteger(d.start) || !Number.isInteger(d.end)) return `non-integer span for "${d.message}"`;
  const text = sourceOf(d as Diagnostic) === 'where' ? (input.where ?? '') : input.expr;
  const start = d.start as number;
  const end = d.end as number;
  if (!(0 <= start && start <= end && end <= text.length)) {
    const which = sourceOf(d as Diagnostic) === 'where' ? 'declarations' : 'expression';
    return `span [${start}, ${end}) outside the ${which} (length ${text.length}): ${d.code}: ${d.message}`;
  }
  return undefined;
}

function timed<T>(run: () => T): { value?: T; error?: unknown; ms: number } {
  const c0 = cpuClock();
  try {
    const value = run();
    return { value, ms: cpuClock() - c0 };
  } catch (error) {
    return { error, ms: cpuClock() - c0 };
  }
}

const describeError = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);

export function requestOf(input: FuzzInput): DeriveRequest {
  const req = { expr: input.expr, where: input.where, from: input.from, order: input.order, check: input.check, timeLimitMs: FUZZ_BUDGET_MS, clock: cpuClock };
  return req as DeriveRequest;
}

/** Run `variables()` and `derive()` on one input and check the robustness properties. */
export function runRequest(input: FuzzInput, limitMs = REQUEST_TIME_LIMIT_MS): RequestOutcome {
  const req = requestOf(input);
  const calls: [string, () => Outcome<unknown>][] = [
    ['variables', () => variables(input.expr, input.where, input.from)],
    ['derive', () => derive(req)],
  ];
  let slowest = 0;
  let last: Outcome<unknown> | undefined;
  for (const [name, call] of calls) {
    let t = timed(call);
    for (let i = 1; i < TIMINGS && t.error === undefined && t.ms > limitMs; i++) {
      const again = timed(call);
      if (again.error !== undefined || again.ms < t.ms) t = again;
    }
    slowest = Math.max(slowest, t.ms);
    if (t.error !== undefined) return { ok: false, ms: slowest, problem: { kind: 'threw', detail: `${name} threw ${describeError(t.error)}` } };
    const o = t.value as Outcome<unknown>;
    const bad = diagnosticProblem(o, input);
    if (bad) return { ok: false, ms: slowest, problem: { kind: 'bad-diagnostic', detail: `${name}: ${bad}` } };
    if (t.ms > limitMs) {
      return { ok: false, ms: slowest, problem: { kind: 'slow', detail: `${name} took at least ${t.ms.toFixed(0)} ms of CPU time in ${TIMINGS} timings (limit ${limitMs} ms)` } };
    }
    last = o;
  }
  const code = last && !last.ok ? last.error.code : undefined;
  return { ok: true, ms: slowest, code };
}

/** A JSON line that reproduces the input with `matcalc batch`. */
export function reproduction(input: FuzzInput): string {
  return JSON.stringify({ expr: input.expr, where: input.where, from: input.from, order: input.order, check: input.check });
}

/** A reproduction cut for a console line: long inputs show their length, head and tail. */
export function shortened(text: string, max = 300): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 40) / 2);
  return `${text.slice(0, half)} …[${text.length} characters]… ${text.slice(-half)}`;
}
