/**
 * Reading the Unicode math the product writes (xᵀ(A + Aᵀ)x, ‖x‖₂, σ(Wx + b), 𝟙[z > 0]): translate
 * it to LaTeX (`translate.ts`) and read that with the LaTeX reader, whose juxtaposition rules and
 * shape conventions match the Unicode writer's (no bold, so the plain letter conventions apply).
 * Error spans, and the positions an error's message names, are mapped back to the Unicode text.
 */
import type { Outcome } from '../../api';
import type { CheckedExpression } from '../check';
import { parseDeclarations } from '../declarations';
import { attempt, failure, positionText } from '../diagnostics';
import { checkSize } from '../limits';
import { readLatex } from '../latex/index';
import { unicodeToLatex } from './translate';

export function readUnicode(text: string, where?: string): Outcome<CheckedExpression> {
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  const declared = new Set<string>();
  if (where !== undefined && where.trim() !== '') {
    const parsed = parseDeclarations(where);
    if (parsed.ok) for (const d of parsed.value) declared.add(d.name);
  }
  const translated = attempt(() => unicodeToLatex(text, declared));
  if (!translated.ok) return translated;
  const { latex, toSource } = translated.value;
  const read = readLatex(latex, where, { otimes: 'kronecker', fromUnicode: true });
  if (read.ok || read.error.source === 'where') return read;
  const start = toSource(read.error.start);
  const end = Math.max(start, read.error.end > read.error.start ? toSource(read.error.end - 1) + 1 : start);
  const message = latexInSource(positionsInSource(read.error.message, latex, text, toSource), latex, text, toSource, read.error.start);
  return failure({ ...read.error, message, start, end: Math.min(end, text.length) });
}

/** The offset of a 1-based line and column in `text`, or undefined past its end. */
function offsetAt(text: string, line: number, column: number): number | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const offset = start + column - 1;
  return offset <= text.length ? offset : undefined;
}

/**
 * The positions a message names ("at column 39", "line 2, column 5"), which the LaTeX reader gives in
 * the translated LaTeX, as positions in the Unicode text as written: `sum(sqrt(x.^2 + eps))` said
 * "expected ')' to close '(' at column 39" of a 21-character text.
 */
function positionsInSource(message: string, latex: string, text: string, toSource: (i: number) => number): string {
  return message.replace(/\b(?:line (\d+), )?column (\d+)\b/g, (whole, line: string | undefined, column: string) => {
    const offset = offsetAt(latex, line === undefined ? 1 : Number(line), Number(column));
    return offset === undefined ? whole : positionText(text, Math.min(toSource(offset), text.length));
  });
}

/**
 * The LaTeX commands a message quotes from the translated text (\mathbf{f}, \varphi), written as the
 * Unicode text has them (𝐟, φ): `𝐟(𝐱)` said "unknown function '\mathbf{f}'", LaTeX the user never wrote.
 * A command is looked up in the translated text from the error's start (else from its beginning) and
 * replaced by the Unicode text it was translated from; one not found there is left as it is.
 */
function latexInSource(message: string, latex: string, text: string, toSource: (i: number) => number, from: number): string {
  return message.replace(/\\[A-Za-z]+(?:\{[^{}\\]*\})?/g, (command) => {
    const at = latex.indexOf(command, from) >= 0 ? latex.indexOf(command, from) : latex.indexOf(command);
    if (at < 0) return command;
    const last = toSource(at + command.length - 1);
    // The whole of the last character: a math letter (𝐟) is two UTF-16 units.
    const written = text.slice(toSource(at), last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1));
    return written === '' || written.includes('\\') ? command : written;
  });
}
