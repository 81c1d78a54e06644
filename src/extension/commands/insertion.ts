/**
 * The text `insertResult` puts below the expression, in the document's own notation. Pure.
 *
 *   Markdown   $$ … $$ display math
 *   LaTeX      \[ … \]  ($$ is plain TeX and discouraged in LaTeX documents)
 *   Python     a comment naming the derivative and the shape of the array the code returns (the
 *              code's own, f.shape + x.shape: not the matrix form's, which for a matrix by a matrix
 *              is its unravelled km×kn), then the NumPy code from the core without its imports
 *              (edits.ts puts those at the top of the file, when it lacks them); or the result in
 *              the plain syntax with its layout and shape
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
        if (numpy && numpy.trim() !== '') {
          return [`# ${symbol(result)} of ${oneLine(result.input.text)}: ${codeShape(result)}`, ...numpy.trimEnd().split(/\r?\n/)];
        }
        return [`# ${symbol(result)} of ${oneLine(result.input.text)} (${result.layout} layout, shape ${result.result.shape})`, `# = ${oneLine(result.result.text)}`];
      }
      case 'matcalc':
        return [`# ${symbol(result)} (${result.layout} layout, shape ${result.result.shape}):`, result.result.text];
      case 'plain':
        return [`${symbol(result)} = ${result.result.text}`];
    }
  })();
  return lines.map((l) => (l === '' ? '' : indent + l)).join(eol) + eol;
}

/**
 * The shape of the array the emitted code's derivative() returns, as its docstring names it
 * (f.shape + W.shape; order 2: + W.shape again), with the shapes of f and of the variable: the code
 * follows NumPy's convention (jax.jacobian's), whatever the layout of the matrix form.
 */
function codeShape(result: DeriveResult): string {
  const stacked = result.wrt.length > 1;
  const w = stacked ? `(${result.wrt.join(', ')})` : result.wrt[0];
  const part = stacked ? `(${result.wrt.length},)` : `${w}.shape`;
  const parts = result.order === 2 ? `${part} + ${part}` : part;
  return `derivative() returns an array of shape f.shape + ${parts} (f is ${result.input.shape}, ${w} is ${result.wrtShape})`;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? flat.slice(0, 117) + '…' : flat;
}
