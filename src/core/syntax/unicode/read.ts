/**
 * Reading the Unicode math the product writes (xᵀ(A + Aᵀ)x, ‖x‖₂, σ(Wx + b), 𝟙[z > 0]): translate
 * it to LaTeX (`translate.ts`) and read that with the LaTeX reader, whose juxtaposition rules and
 * shape conventions match the Unicode writer's (no bold, so the plain letter conventions apply).
 * Error spans are mapped back to the Unicode text.
 */
import type { Outcome } from '../../api';
import type { CheckedExpression } from '../check';
import { parseDeclarations } from '../declarations';
import { attempt, failure } from '../diagnostics';
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
  return failure({ ...read.error, start, end: Math.min(end, text.length) });
}
