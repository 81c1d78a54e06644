/** Reading an expression in any supported notation into the model. */
import type { Diagnostic, Notation, Outcome } from './api';
import type { Expr } from './model/expr';
import { readPlain } from './syntax/index';

export interface ReadResult {
  readonly expr: Expr;
  readonly variables: readonly Expr[];
}

export function readExpression(text: string, where: string | undefined, from: Notation | 'auto'): Outcome<ReadResult> {
  if (from === 'latex' || from === 'numpy') {
    const error: Diagnostic = { message: `reading ${from} is not available yet`, code: 'read.unsupported', start: 0, end: text.length };
    return { ok: false, error };
  }
  return readPlain(text, where);
}
