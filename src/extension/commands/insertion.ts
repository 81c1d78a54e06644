/**
 * The text `insertResult` puts below the expression, in the document's own notation. Pure.
 *
 *   Markdown   $$ … $$ display math
 *   LaTeX      \[ … \]  ($$ is plain TeX and discouraged in LaTeX documents)
 *   Python     a comment naming the derivative, then the NumPy code from the core (or its text form)
 *   .matcalc   a comment, then the result in the plain syntax (so the line can be differentiated again)
 *   other      the derivative in the plain syntax
 */
import type { DeriveResult } from '../../core/api';
import { documentKind } from '../selection/notation';

export interface InsertionInput {
  readonly result: DeriveResult;
  readonly languageId: string;
  /** NumPy code for the derivative (from emitCode), when available. */
  readonly numpy?: string;
  /** The indentation of the line the expression starts on. */
  readonly indent: string;
  readonly eol: string;
}

function symbol(result: DeriveResult): string {
  const wrt = result.wrt.join(', ');
  return result.order === 2 ? `∂²f/∂${wrt}²` : `∂f/∂${wrt}`;
}

/** The lines to insert (already indented, ending with an end-of-line). */
export function insertionText({ result, languageId, numpy, indent, eol }: InsertionInput): string {
  const lines = (() => {
    switch (documentKind(languageId)) {
      case 'markdown':
        return ['', '$$', result.equationLatex, '$$'];
      case 'latex':
        return ['\\[', `  ${result.equationLatex}`, '\\]'];
      case 'python': {
        const head = `# ${symbol(result)} of ${oneLine(result.input.text)} (${result.layout} layout, shape ${result.result.shape})`;
        const body = numpy && numpy.trim() !== '' ? numpy.trimEnd().split(/\r?\n/) : [`# = ${oneLine(result.result.text)}`];
        return [head, ...body];
      }
      case 'matcalc':
        return [`# ${symbol(result)} (${result.layout} layout, shape ${result.result.shape}):`, result.result.text];
      case 'plain':
        return [`${symbol(result)} = ${result.result.text}`];
    }
  })();
  return lines.map((l) => (l === '' ? '' : indent + l)).join(eol) + eol;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? flat.slice(0, 117) + '…' : flat;
}
