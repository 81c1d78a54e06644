/**
 * The einsum subscripts string, read with NumPy's rules (numpy.einsum):
 * - operands' subscripts are separated by commas, each a run of letters (a–z, A–Z), one letter per
 *   axis; spaces are ignored; a letter repeated within one operand takes its diagonal;
 * - `->` introduces the output subscripts (explicit mode): distinct letters, each occurring in some
 *   operand; the letters of the operands that are not in the output are summed;
 * - without `->` (implicit mode) the output is the letters that occur exactly once, in alphabetical
 *   order (by character code, so capitals first, as NumPy).
 * Broadcasting (`...`) has no meaning for the 2-D arrays of the product and is refused.
 *
 * Spans in the diagnostics are offsets into the spec string plus `offset` (where the string's
 * content starts in the text the user gave), so they point into the spec.
 */
import type { Diagnostic, DiagnosticCode, Outcome, Span } from '../api';

export interface Subscripts {
  /** The letters, one per axis, e.g. "ij". */
  readonly letters: string;
  /** The span of the subscripts in the text (offset applied); empty subscripts have an empty span. */
  readonly span: Span;
  /** The span of each letter. */
  readonly letterSpans: readonly Span[];
}

export interface EinsumSpec {
  readonly inputs: readonly Subscripts[];
  readonly output: Subscripts;
  /** Whether the output was written (`->`), rather than NumPy's implicit rule. */
  readonly explicit: boolean;
  /**
   * A grouped output `->ab|pq` (the core writes it for the entries of a Jacobian): the number of
   * output letters before the bar, which the result's rows run over (column-major); the columns
   * run over the rest. Undefined for an ordinary output.
   */
  readonly split?: number;
  /** The whole spec string's span. */
  readonly span: Span;
}

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isSpace = (c: string): boolean => c === ' ' || c === '\t';

const failed = (code: DiagnosticCode, start: number, end: number, message: string): Outcome<never> => ({
  ok: false,
  error: { code, start, end, message } satisfies Diagnostic,
});

/** Reads `spec` (the content of the string literal, which starts at `offset` in the text). */
export function parseEinsumSpec(spec: string, offset = 0): Outcome<EinsumSpec> {
  const whole: Span = { start: offset, end: offset + spec.length };
  const arrow = spec.indexOf('->');
  if (arrow >= 0 && spec.indexOf('->', arrow + 2) >= 0) {
    const second = spec.indexOf('->', arrow + 2);
    return failed('einsum.spec', offset + second, offset + second + 2, `the einsum spec '${spec}' has more than one '->'`);
  }
  const ellipsis = spec.indexOf('...');
  if (ellipsis >= 0) {
    return failed('einsum.spec', offset + ellipsis, offset + ellipsis + 3, `'...' (broadcasting) is not supported in an einsum spec: the operands are scalars, vectors and matrices, so name every axis with a letter`);
  }
  const inputText = arrow >= 0 ? spec.slice(0, arrow) : spec;
  const inputs: Subscripts[] = [];
  let start = 0;
  for (let i = 0; i <= inputText.length; i++) {
    if (i === inputText.length || inputText[i] === ',') {
      const read = subscripts(spec, start, i, offset);
      if (!read.ok) return read;
      inputs.push(read.value);
      start = i + 1;
    }
  }
  if (arrow < 0) return { ok: true, value: { inputs, output: implicitOutput(inputs, whole.end), explicit: false, span: whole } };
  const bar = spec.indexOf('|', arrow + 2);
  if (spec.indexOf('|') >= 0 && (bar < 0 || spec.indexOf('|', bar + 1) >= 0)) {
    const at = bar < 0 ? spec.indexOf('|') : spec.indexOf('|', bar + 1);
    return failed('einsum.spec', offset + at, offset + at + 1, `a '|' in the einsum spec '${spec}' can only split the output once into the letters of the rows and of the columns`);
  }
  const out = grouped(spec, arrow + 2, bar, offset);
  if (!out.ok) return out;
  const { output, split } = out.value;
  const seen = new Set<string>();
  for (let k = 0; k < output.letters.length; k++) {
    const c = output.letters[k];
    const at = output.letterSpans[k];
    if (seen.has(c)) return failed('einsum.output', at.start, at.end, `the output subscript '${c}' appears more than once in '${spec}'`);
    seen.add(c);
    if (!inputs.some((s) => s.letters.includes(c))) {
      return failed('einsum.output', at.start, at.end, `the output subscript '${c}' does not occur in any operand of '${spec}'`);
    }
  }
  return { ok: true, value: { inputs, output, explicit: true, span: whole, ...(split === undefined ? {} : { split }) } };
}

/** The output subscripts, with the number of row letters when a '|' groups them. */
function grouped(spec: string, from: number, bar: number, offset: number): Outcome<{ output: Subscripts; split?: number }> {
  if (bar < 0) {
    const out = subscripts(spec, from, spec.length, offset);
    return out.ok ? { ok: true, value: { output: out.value } } : out;
  }
  const rows = subscripts(spec, from, bar, offset);
  if (!rows.ok) return rows;
  const cols = subscripts(spec, bar + 1, spec.length, offset);
  if (!cols.ok) return cols;
  const r = rows.value;
  const c = cols.value;
  const span = { start: Math.min(r.span.start, c.span.start), end: Math.max(r.span.end, c.span.end) };
  return { ok: true, value: { output: { letters: r.letters + c.letters, span, letterSpans: [...r.letterSpans, ...c.letterSpans] }, split: r.letters.length } };
}

/** The letters of spec[from, to), spaces skipped. */
function subscripts(spec: string, from: number, to: number, offset: number): Outcome<Subscripts> {
  let letters = '';
  const letterSpans: Span[] = [];
  let first = -1;
  let last = from;
  for (let i = from; i < to; i++) {
    const c = spec[i];
    if (isSpace(c)) continue;
    if (!isLetter(c)) {
      const hint = c === '-' || c === '>' ? " (the output is introduced by '->')" : '';
      return failed('einsum.spec', offset + i, offset + i + 1, `unexpected '${c}' in the einsum spec '${spec}': subscripts are letters, operands separated by ','${hint}`);
    }
    if (first < 0) first = i;
    last = i + 1;
    letters += c;
    letterSpans.push({ start: offset + i, end: offset + i + 1 });
  }
  const span = first < 0 ? { start: offset + from, end: offset + from } : { start: offset + first, end: offset + last };
  return { ok: true, value: { letters, span, letterSpans } };
}

/** NumPy's implicit output: the letters occurring exactly once, sorted. */
function implicitOutput(inputs: readonly Subscripts[], end: number): Subscripts {
  const counts = new Map<string, number>();
  for (const s of inputs) for (const c of s.letters) counts.set(c, (counts.get(c) ?? 0) + 1);
  const letters = [...counts].filter(([, n]) => n === 1).map(([c]) => c).sort().join('');
  const span = { start: end, end };
  return { letters, span, letterSpans: [...letters].map(() => span) };
}

/** The spec written back in explicit form, e.g. "ij,jk->ik". */
export function specText(inputs: readonly string[], output: string): string {
  return `${inputs.join(',')}->${output}`;
}
