/**
 * Turns the core's answers into what the panel shows. Pure: no `vscode` import.
 */
import type { DeriveResult } from '../../core/api';
import type { PanelError, PanelModel, PanelRequest } from '../../shared/protocol';

/** What the panel shows: a derivation or an error. */
export type PanelContent = { readonly model: PanelModel } | { readonly error: PanelError };

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
      ? `${result.result.named.latex},\\quad ${result.result.named.definitions.map((d) => `${d.nameLatex} = ${d.latex}`).join(',\\; ')}`
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
      ...(s.product ? { product: { factors: s.product.factors.map((f) => ({ ...f })), result: { ...s.product.result } } } : {}),
      kind: s.kind,
    })),
  };
}
