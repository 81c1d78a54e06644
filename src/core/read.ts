/**
 * Reading an expression in any supported notation into the model: the plain syntax, LaTeX, or
 * NumPy/PyTorch/JAX source. Every reader builds the plain syntax tree and shares the plain shape
 * checker, so defaults, shape inference and error messages are the same in every notation; spans
 * in errors are offsets in the text as given.
 *
 * `from: 'auto'` detects the notation (`syntax/detect.ts`). When detection says plain but the
 * plain reader cannot parse the text (e.g. `Ax - b`, written as in a note), the text is read as
 * LaTeX; if that fails too, the plain reader's error is reported.
 */
import type { Notation, Outcome } from './api';
import type { Expr } from './model/expr';
import { readPlain } from './syntax/index';
import { readLatex, type LatexReadOptions } from './syntax/latex/index';
import { readNumpy } from './syntax/numpy/index';
import { detectNotation } from './syntax/detect';

export interface ReadResult {
  readonly expr: Expr;
  readonly variables: readonly Expr[];
  /** Declared variables the expression does not use (a derivative by them is zero). */
  readonly unused?: readonly Expr[];
}

export interface ReadOptions {
  /** How LaTeX's \otimes reads (default: Hadamard, as in Parr & Howard). */
  readonly otimes?: LatexReadOptions['otimes'];
}

export function readExpression(text: string, where: string | undefined, from: Notation | 'auto', options: ReadOptions = {}): Outcome<ReadResult> {
  const notation = from === 'auto' ? detectNotation(text) : from;
  switch (notation) {
    case 'latex':
      return readLatex(text, where, options);
    case 'numpy':
      return readNumpy(text, where);
    case 'plain': {
      const plain = readPlain(text, where);
      if (plain.ok || from !== 'auto' || !plain.error.code.startsWith('parse.')) return plain;
      const latex = readLatex(text, where, options);
      return latex.ok ? latex : plain;
    }
  }
}
