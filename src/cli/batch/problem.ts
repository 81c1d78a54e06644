/**
 * The error object of a batch answer. Every one has `message`, `code` and `source` — the field of
 * the request it is about ("expr", "where", "wrt", "layout", …), or "line" for the request line as a
 * whole, or "request" for an internal error — and `start`/`end` (UTF-16 offsets into that field's
 * text, or into the line) when it points at a place.
 */
import type { Diagnostic, DiagnosticCode } from '../../core/index';

export interface Problem {
  readonly message: string;
  readonly code: DiagnosticCode;
  readonly source: string;
  readonly start?: number;
  readonly end?: number;
}

export const problem = (code: DiagnosticCode, message: string, source: string, span?: { start: number; end: number }): Problem => ({
  message,
  code,
  source,
  ...(span ? { start: span.start, end: span.end } : {}),
});

/**
 * A core Diagnostic as a batch error: its span is in the expression unless it says `where`; the
 * `wrt.*` diagnostics (an unknown or repeated variable) are about the "wrt" field and have no span.
 */
export function fromDiagnostic(d: Diagnostic): Problem {
  if (d.code.startsWith('wrt.')) return problem(d.code, d.message, 'wrt');
  return { message: d.message, code: d.code, source: d.source ?? 'expr', start: d.start, end: d.end };
}
