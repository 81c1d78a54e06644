/**
 * Turns the core's answers into what the panel shows. Pure: no `vscode` import.
 */
import type { DeriveResult, Diagnostic } from '../../core/api';
import type { PanelError, PanelModel, PanelRequest } from './protocol';

export function panelModel(result: DeriveResult, request: PanelRequest): PanelModel {
  const what = result.order === 2 ? 'Hessian' : 'Derivative';
  return {
    request,
    title: `${what} w.r.t. ${result.wrt.join(', ')}`,
    inputLatex: result.input.latex,
    inputShape: result.input.shape,
    wrt: result.wrt,
    wrtShape: result.wrtShape,
    layout: result.layout,
    order: result.order,
    resultLatex: result.result.latex,
    resultShape: result.result.shape,
    equationLatex: result.equationLatex,
    piecewiseLatex: result.result.piecewiseLatex,
    namedLatex: result.result.named
      ? `${result.result.named.latex},\\quad ${result.result.named.definitions.map((d) => `${d.name} = ${d.latex}`).join(',\\; ')}`
      : undefined,
    check: result.check ? { maxRelError: result.check.maxRelError, samples: result.check.samples, passed: result.check.passed } : undefined,
    steps: (result.steps ?? []).map((s) => ({
      name: s.name,
      rule: s.rule,
      reference: s.reference,
      explanation: s.explanation,
      before: s.before,
      after: s.after,
      focus: s.focus,
      shapes: Object.entries(s.shapes ?? {}),
      kind: s.kind,
    })),
  };
}

/** A diagnostic as the panel and notifications show it: message, code, 1-based column. */
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
