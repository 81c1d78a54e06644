/**
 * One batch request: a JSON object, every field checked. A field of the wrong type or value is an
 * error naming the field (its `source`), never replaced by a default; an unknown field is an error
 * too (a misspelt "wtr" would otherwise be ignored silently).
 */
import type { DeriveRequest } from '../../core/index';
import { EMITS, FORMS, GRANULARITIES, LAYOUTS, NOTATIONS, type Emit } from '../args';
import { problem, type Problem } from './problem';

/** The fields a request may have. */
export const FIELDS = ['id', 'expr', 'wrt', 'where', 'layout', 'order', 'from', 'check', 'steps', 'granularity', 'emit', 'form', 'claim', 'timeLimitMs', 'outputLimit'] as const;

/** The longest time budget a request may ask for, ms. */
export const MAX_TIME_LIMIT_MS = 60_000;

export type Id = string | number;

export interface BatchRequest {
  readonly id?: Id;
  readonly request: DeriveRequest;
  readonly emit?: Emit;
  /** A claimed derivative to check (`matcalc check`): the answer is the verdict. */
  readonly claim?: string;
}

export type Checked = { readonly ok: true; readonly value: BatchRequest } | { readonly ok: false; readonly id?: Id; readonly error: Problem };

/** A refused value as the message shows it: a string quoted (shortened past 40 characters), so the author sees what was sent. */
const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${quoted(v)}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;

const quoted = (s: string): string => (s.length > 40 ? `${JSON.stringify(s.slice(0, 40)).slice(0, -1)}…"` : JSON.stringify(s));

/**
 * A field's problem, thrown by the checks below and caught in checkRequest (never outside it). Not an
 * Error: an Error records the stack when made, which was about half the CPU of answering a refused line.
 */
class FieldError {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

function invalid(field: string, expected: string, got: unknown): never {
  throw new FieldError(field, `"${field}" must be ${expected}, not ${describe(got)}`);
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) invalid(field, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, v);
  return v as T;
}

function optionalString(field: string, v: unknown): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  return invalid(field, 'a string', v);
}

function optionalBoolean(field: string, v: unknown): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  return invalid(field, 'true or false', v);
}

function wrtOf(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (!Array.isArray(v)) return invalid('wrt', 'a string ("x" or "x,y") or an array of strings', v);
  for (const name of v) if (typeof name !== 'string') invalid('wrt', 'a string or an array of strings (each a variable name)', name);
  return v as string[];
}

function idOf(v: unknown): Id | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  return invalid('id', 'a string or a number', v);
}

function orderOf(v: unknown): 1 | 2 | undefined {
  if (v === undefined) return undefined;
  if (v === 1 || v === 2) return v;
  return invalid('order', 'the number 1 or 2', v);
}

function timeLimitOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_TIME_LIMIT_MS) return v;
  return invalid('timeLimitMs', `a number of milliseconds above 0 and at most ${MAX_TIME_LIMIT_MS}`, v);
}

/** The largest output limit a request may ask for, characters. */
export const MAX_OUTPUT_LIMIT = 100_000_000;

function outputLimitOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_OUTPUT_LIMIT) return v;
  return invalid('outputLimit', `a whole number of characters above 0 and at most ${MAX_OUTPUT_LIMIT}`, v);
}

/** A parsed JSON value → a checked request, or the first problem (with the id when that was valid). */
export function checkRequest(json: unknown): Checked {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: problem('request.not-object', `a request is a JSON object, not ${describe(json)}`, 'line') };
  }
  const r = json as Record<string, unknown>;
  let id: Id | undefined;
  try {
    id = idOf(r.id);
    for (const key of Object.keys(r)) {
      if (!(FIELDS as readonly string[]).includes(key)) {
        throw new FieldError(key, `unknown field "${key.length > 40 ? `${key.slice(0, 40)}…` : key}" (a request has ${FIELDS.map((f) => `"${f}"`).join(', ')})`);
      }
    }
    if (r.expr === undefined) throw new FieldError('expr', 'a request needs "expr" (the expression, a string)');
    const expr = optionalString('expr', r.expr) as string;
    const request: DeriveRequest = {
      expr,
      wrt: wrtOf(r.wrt),
      where: optionalString('where', r.where),
      layout: oneOf('layout', r.layout, LAYOUTS),
      order: orderOf(r.order),
      from: oneOf('from', r.from, NOTATIONS),
      check: optionalBoolean('check', r.check),
      steps: optionalBoolean('steps', r.steps),
      granularity: oneOf('granularity', r.granularity, GRANULARITIES),
      form: oneOf('form', r.form, FORMS),
      timeLimitMs: timeLimitOf(r.timeLimitMs),
      outputLimit: outputLimitOf(r.outputLimit),
    };
    const claim = optionalString('claim', r.claim);
    const emit = oneOf('emit', r.emit, EMITS);
    if (claim !== undefined && (emit || request.steps || request.check)) {
      throw new FieldError('claim', 'a request with "claim" is answered with the verdict: it takes no "emit", "steps" or "check"');
    }
    return { ok: true, value: { id, request, emit, ...(claim === undefined ? {} : { claim }) } };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { ok: false, ...(id === undefined ? {} : { id }), error: problem('request.invalid-field', e.message, e.field) };
  }
}
