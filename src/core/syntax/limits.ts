/**
 * Limits on user input. They keep every pass linear and every recursion shallow: the parser, the
 * shape checker and the consumers of the resulting `Expr` may recurse once per nesting level.
 */
import type { Diagnostic } from '../api';
import { diagnostic } from './diagnostics';

/** The longest text (expression or declarations), in UTF-16 code units, that the readers accept. */
export const MAX_INPUT_LENGTH = 100_000;

/**
 * The deepest nesting of the surface syntax tree: parentheses, brackets, calls, unary signs,
 * powers and transposes each add a level; the terms of one sum and the factors of one product
 * share a level, so a 10,000-term sum is shallow.
 */
export const MAX_DEPTH = 256;

/** Fails with `limit.size` (span: the part past the limit) when the text is too long. */
export function checkSize(text: string): Diagnostic | undefined {
  if (text.length <= MAX_INPUT_LENGTH) return undefined;
  return diagnostic(
    'limit.size',
    { start: MAX_INPUT_LENGTH, end: text.length },
    `the input is too long: ${text.length} characters, at most ${MAX_INPUT_LENGTH} are accepted`,
  );
}

export function depthDiagnostic(start: number, end: number): Diagnostic {
  return diagnostic('limit.depth', { start, end }, `the expression is nested too deeply (more than ${MAX_DEPTH} levels)`);
}
