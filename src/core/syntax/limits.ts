/**
 * Limits on user input. They keep every pass linear and bound its memory. Every reader (plain,
 * LaTeX, Unicode, NumPy), the shape checker and the passes over the resulting `Expr` keep nesting
 * off the JavaScript stack (heap stacks, or recursion from checkpoints a bounded distance apart), so
 * MAX_DEPTH is a bound on work, not on the host's stack (docs/reliability.md, "Deep input").
 */
import type { Diagnostic } from '../api';
import { diagnostic } from './diagnostics';

/** The longest text (expression or declarations), in UTF-16 code units, that the readers accept. */
export const MAX_INPUT_LENGTH = 100_000;

/**
 * The deepest nesting of the surface syntax tree: parentheses, brackets, calls, a run of unary
 * signs (read as the one sign it amounts to), powers and transposes each add a level; the terms of one sum and the factors of one product
 * share a level, so a 10,000-term sum is shallow. 30,000 levels: 10,000 levels of constructs that
 * take two (`-(…)`, `a + (…)`, `x^(…)`, `tanh(W*…)`) with room to spare; docs/reliability.md.
 */
export const MAX_DEPTH = 30_000;

/** Fails with `limit.size` (span: the part past the limit) when the text is too long. */
export function checkSize(text: string): Diagnostic | undefined {
  if (text.length <= MAX_INPUT_LENGTH) return undefined;
  return diagnostic(
    'limit.size',
    { start: MAX_INPUT_LENGTH, end: text.length },
    `the input is too long: ${text.length} characters, at most ${MAX_INPUT_LENGTH} are accepted`,
  );
}

export function depthDiagnostic(start: number, end: number, limit = MAX_DEPTH): Diagnostic {
  return diagnostic('limit.depth', { start, end }, `the expression is nested too deeply (more than ${limit.toLocaleString('en-US')} levels)`);
}
