/**
 * A core diagnostic as the panel, notifications and hovers show it: message, code, 1-based column.
 * Pure: no `vscode` import.
 */
import type { Diagnostic } from '../core/api';
import type { PanelError } from '../shared/protocol';

export function panelError(error: Diagnostic, expr: string): PanelError {
  const inside = Number.isInteger(error.start) && error.start >= 0 && error.start <= expr.length;
  return {
    message: error.message,
    code: error.code,
    expr,
    column: inside ? error.start + 1 : undefined,
    length: inside && error.end > error.start ? Math.min(error.end, expr.length) - error.start : undefined,
  };
}

/** One line for a notification: "message (column 7: `)`)". */
export function describeError(error: PanelError): string {
  if (error.column === undefined) return error.message;
  const at = error.expr.slice(error.column - 1, error.column - 1 + Math.min(error.length ?? 1, 20));
  return at.trim() === '' ? `${error.message} (column ${error.column})` : `${error.message} (column ${error.column}: “${at}”)`;
}
