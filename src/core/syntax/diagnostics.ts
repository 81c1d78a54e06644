/**
 * Diagnostics of the syntax readers: stable codes, span helpers, and the `source` marker for
 * errors found in a separate declarations string.
 *
 * Code families:
 * - `limit.size`, `limit.depth`: the input is too long or too deeply nested;
 * - `parse.*`: the expression does not follow the plain syntax;
 * - `decl.*`: a declaration is malformed or contradicts another;
 * - `name.*`: an unknown function or an undeclared variable;
 * - `shape.*`: the shapes of the operands do not fit the operation.
 *
 * Spans are half-open [start, end) offsets in UTF-16 code units (JavaScript string indices) of the
 * text that was read. When `readPlain` gets declarations in a separate `where` string, an error in
 * that string has spans relative to `where` and carries `source: 'where'` (see `diagnosticSource`);
 * every other error refers to the expression text.
 */
import type { Diagnostic, DiagnosticCode, Outcome, Span } from '../api';

export type DiagnosticSource = 'text' | 'where';

/** A Diagnostic that says which text its span refers to (`source` is part of the public Diagnostic). */
export type SourcedDiagnostic = Diagnostic;

export function diagnosticSource(d: Diagnostic): DiagnosticSource {
  return d.source === 'where' ? 'where' : 'text';
}

export function diagnostic(code: DiagnosticCode, span: Span, message: string): Diagnostic {
  return { message, code, start: span.start, end: span.end };
}

/** Mark a diagnostic as referring to the `where` string. */
export function inWhere(d: Diagnostic): SourcedDiagnostic {
  return { ...d, source: 'where' };
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = <T>(error: Diagnostic): Outcome<T> => ({ ok: false, error });

/**
 * Thrown inside the readers only, caught at their entry points and returned as a value: user input
 * never makes a public function throw. Not an Error: a refused input is an answer (its diagnostic
 * has the message and the span), and an Error records the call stack where it is made — work done
 * for every refused input (most of the fuzzers' inputs) and never read.
 */
export class SyntaxFailure {
  readonly name = 'SyntaxFailure';
  constructor(readonly diagnostic: Diagnostic) {}
  get message(): string {
    return this.diagnostic.message;
  }
  /** How a host that catches what it does not know (`String(e)`) would write it. */
  toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export function fail(code: DiagnosticCode, span: Span, message: string): never {
  throw new SyntaxFailure(diagnostic(code, span, message));
}

/** Run a reader, turning a SyntaxFailure into a failed Outcome (other exceptions are bugs and propagate). */
export function attempt<T>(run: () => T): Outcome<T> {
  try {
    return ok(run());
  } catch (e) {
    if (e instanceof SyntaxFailure) return failure(e.diagnostic);
    throw e;
  }
}

export const spanOf = (start: number, end: number): Span => ({ start, end });
export const join = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

/** "column 3", or "line 2, column 3" when the text has several lines (both 1-based). */
export function positionText(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = offset - lineStart + 1;
  return line === 1 && text.indexOf('\n') < 0 ? `column ${column}` : `line ${line}, column ${column}`;
}
