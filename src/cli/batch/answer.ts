/** One batch request line → its answer object (never throws for any line; an internal bug is answered too). */
import { checkClaim, derive, deriveForm, emitCode } from '../../core/index';
import { checkJson } from '../check';
import { toMarkdown } from '../../core/write/markdown';
import { checkRequest, type BatchRequest, type Id } from './request';
import { fromDiagnostic, problem, type Problem } from './problem';

export type BatchAnswer = { readonly id?: Id; readonly ok: true; readonly [field: string]: unknown } | { readonly id?: Id; readonly ok: false; readonly error: Problem };

const failed = (error: Problem, id?: Id): BatchAnswer => ({ ...(id === undefined ? {} : { id }), ok: false, error });

/** The position V8 reports in a JSON.parse message ("… at position 12"), as a one-character span. */
function jsonProblem(line: string, e: unknown): Problem {
  const reason = e instanceof Error ? e.message : String(e);
  const at = /at position (\d+)/.exec(reason);
  const start = at ? Math.min(Number(at[1]), line.length) : line.length;
  return problem('request.json', `the request is not valid JSON: ${reason}`, 'line', { start, end: Math.min(start + 1, line.length) });
}

function compute(b: BatchRequest): BatchAnswer {
  const { request, emit } = b;
  const idPart = b.id === undefined ? {} : { id: b.id };
  if (b.claim !== undefined) {
    const c = checkClaim({ ...request, claim: b.claim });
    return c.ok ? { ...idPart, ...checkJson(c.value), ok: true } : failed(fromDiagnostic(c.error), b.id);
  }
  if (emit === 'numpy' || emit === 'torch' || emit === 'jax' || emit === 'einsum') {
    const code = emitCode(request, emit);
    return code.ok ? { ...idPart, ok: true, code: code.value } : failed(fromDiagnostic(code.error), b.id);
  }
  if (emit === 'text' || emit === 'latex') {
    // One form only: the others are not written.
    const form = deriveForm(request, emit);
    return form.ok ? { ...idPart, ok: true, [emit]: form.value } : failed(fromDiagnostic(form.error), b.id);
  }
  const r = derive(emit === 'markdown' ? { ...request, steps: true } : request);
  if (!r.ok) return failed(fromDiagnostic(r.error), b.id);
  if (emit === 'markdown') return { ...idPart, ok: true, markdown: toMarkdown(r.value) };
  return { ...idPart, ok: true, ...r.value };
}

/** Answers one request line (a line without its line ending). */
export function answerBatchLine(line: string): BatchAnswer {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return failed(jsonProblem(line, e));
  }
  const checked = checkRequest(json);
  if (!checked.ok) return failed(checked.error, checked.id);
  try {
    return compute(checked.value);
  } catch (e) {
    return failed(problem('internal', `internal error (a bug; please report it with the request): ${e instanceof Error ? e.message : String(e)}`, 'request'), checked.value.id);
  }
}
