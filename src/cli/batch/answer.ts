/** One batch request line → its answer object or its JSON line (never throws for any line; an internal bug is answered too). */
import { checkClaim, derive, deriveForm, deriveIndexLatex, emitCode, separateVariables } from '../../core/index';
import { checkJson } from '../check';
import { toMarkdown } from '../../core/write/markdown';
import { checkRequest, type BatchRequest, type Id } from './request';
import { fromDiagnostic, problem, type Problem } from './problem';
import { isPure, requestKey, type AnswerCache } from './cache';
import { jsonLine, jsonText } from './json';

export type BatchAnswer = { readonly id?: Id; readonly ok: true; readonly [field: string]: unknown } | { readonly id?: Id; readonly ok: false; readonly error: Problem };

const failed = (error: Problem, id?: Id): BatchAnswer => ({ ...(id === undefined ? {} : { id }), ok: false, error });

/**
 * A JSON.parse failure as a problem at the character where the line stops being JSON. V8 names the
 * position in most messages ("… at position 12"); for "Unexpected token 'o', "notjson" is not valid
 * JSON" it does not, and the position is found: a prefix of the line that ends before the bad
 * character parses or fails only for running out (at its end: "Unexpected end of JSON input", "…
 * at position k" for a prefix of k characters), one that holds it fails
 * before its end, so the first such prefix is found by bisection (lines up to 64 KB; a longer line
 * gets no span rather than a wrong one).
 */
function jsonProblem(line: string, e: unknown): Problem {
  const reason = messageOf(e);
  const reported = failureAt(reason, line.length);
  const start = reported !== undefined ? Math.min(reported, line.length) : badCharacterAt(line);
  const message = `the request is not valid JSON: ${reason}`;
  if (start === undefined) return problem('request.json', message, 'line');
  return problem('request.json', message, 'line', { start, end: Math.min(start + 1, line.length) });
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Where a JSON.parse message of a text of `length` characters says it failed: the position it names,
 * the end for running out ("Unexpected end of JSON input"), else unknown.
 */
function failureAt(message: string, length: number): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  return /end of JSON input/.test(message) ? length : undefined;
}

const BISECT_LIMIT = 64 * 1024;

function badCharacterAt(line: string): number | undefined {
  if (line.length > BISECT_LIMIT) return undefined;
  const failsWithin = (k: number): boolean => {
    try {
      JSON.parse(line.slice(0, k));
      return false;
    } catch (err) {
      const at = failureAt(messageOf(err), k);
      return at === undefined || at < k;
    }
  };
  // The smallest k with failsWithin(k): the bad character is line[k - 1].
  let lo = 1;
  let hi = line.length;
  if (!failsWithin(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsWithin(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** The answer to a checked request, without its id (which answerBatchLine and answerLine put in front). */
function compute(b: BatchRequest): BatchAnswer {
  const { request } = b;
  if (b.claim !== undefined) {
    const c = checkClaim({ ...request, claim: b.claim });
    return c.ok ? { ...checkJson(c.value), ok: true } : failed(fromDiagnostic(c.error));
  }
  // Several variables that are not all scalars: one answer per variable, as `derive --json` gives them.
  const split = separateVariables(request);
  if (!split.ok) return failed(fromDiagnostic(split.error));
  if (split.value === undefined) return computeOne(b);
  const results: unknown[] = [];
  for (const name of split.value) {
    const a = computeOne({ ...b, request: { ...request, wrt: [name] } });
    if (!a.ok) return a;
    const { ok: _ok, ...rest } = a;
    results.push(rest);
  }
  return { ok: true, wrt: split.value, results };
}

/** The answer for the request's variables taken together (one, or scalars that stack). */
function computeOne(b: BatchRequest): BatchAnswer {
  const { request, emit } = b;
  if (emit === 'numpy' || emit === 'torch' || emit === 'jax' || emit === 'einsum') {
    const code = emitCode(request, emit);
    return code.ok ? { ok: true, code: code.value } : failed(fromDiagnostic(code.error));
  }
  if (emit === 'text' || emit === 'latex') {
    // One form only: the others are not written (the index form in LaTeX, as `derive --form index --emit latex`).
    const form = emit === 'latex' && request.form === 'index' ? deriveIndexLatex(request) : deriveForm(request, emit);
    return form.ok ? { ok: true, [emit]: form.value } : failed(fromDiagnostic(form.error));
  }
  const r = derive(emit === 'markdown' ? { ...request, steps: true } : request);
  if (!r.ok) return failed(fromDiagnostic(r.error));
  if (emit === 'markdown') return { ok: true, markdown: toMarkdown(r.value) };
  return { ok: true, ...r.value };
}

/** compute(), an internal bug answered too. */
function computeSafely(b: BatchRequest): BatchAnswer {
  try {
    return compute(b);
  } catch (e) {
    return failed(problem('internal', `internal error (a bug; please report it with the request): ${e instanceof Error ? e.message : String(e)}`, 'request'));
  }
}

type Read = { readonly ok: true; readonly value: BatchRequest } | { readonly ok: false; readonly answer: BatchAnswer };

/** A line's request, parsed and checked, or the answer that refuses it. */
function readLine(line: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { ok: false, answer: failed(jsonProblem(line, e)) };
  }
  const checked = checkRequest(json);
  return checked.ok ? checked : { ok: false, answer: failed(checked.error, checked.id) };
}

const withId = (a: BatchAnswer, id: Id | undefined): BatchAnswer => (id === undefined ? a : ({ id, ...a } as BatchAnswer));

/** Answers one request line (a line without its line ending). */
export function answerBatchLine(line: string): BatchAnswer {
  const read = readLine(line);
  return read.ok ? withId(computeSafely(read.value), read.value.id) : read.answer;
}

/** An answer as its JSON line; one too large to be a string at all is answered with limit.output. */
export function serialize(a: BatchAnswer): string {
  try {
    return jsonLine(a);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return jsonLine(withId(failed(problem('limit.output', 'the answer is too large to write', 'request')), a.id));
  }
}

/**
 * Answers one request line with its JSON line: answerBatchLine's answer, serialized — from `cache`
 * when the same request was answered before (cache.ts). The id is put in front of the remembered
 * answer, as JSON.stringify puts it first in the answer object: the line is the same either way.
 */
export function answerLine(line: string, cache: AnswerCache): string {
  const read = readLine(line);
  if (!read.ok) return serialize(read.answer);
  const { id } = read.value;
  const key = requestKey(read.value);
  let text = cache.get(key);
  if (text === undefined) {
    const answer = computeSafely(read.value);
    text = serialize(answer);
    if (isPure(answer)) cache.remember(key, text);
  }
  return id === undefined ? text : `{"id":${jsonText(id)},${text.slice(1)}`;
}
