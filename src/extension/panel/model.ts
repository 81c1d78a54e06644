/**
 * Turns the core's answers into what the panel shows. Pure: no `vscode` import.
 */
import type { DeriveResult, Outcome, VariableInfo } from '../../core/api';
import { loadCore } from '../lazy';
import { panelError } from '../errors';
import type { PanelError, PanelModel, PanelRequest, PanelStep, PanelVariable, WebviewToHost } from '../../shared/protocol';
import { byDeclaration } from '../../shared/document/declarations';

/** What the panel shows: a derivation or an error. */
export type PanelContent = { readonly model: PanelModel } | { readonly error: PanelError };

/** The step that shows the result in components, after the matrix form. */
function inComponents(result: DeriveResult, indexLatex: string): PanelStep {
  return {
    name: 'In components',
    rule: 'index form',
    explanation:
      'The same derivative entry by entry: each component of the result by each component of the variable, with Kronecker deltas (δᵢₖ = 1 when i = k, else 0) where an entry depends on one component only, and the index ranges.',
    before: result.equationLatex,
    after: indexLatex,
    shapes: [],
    kind: 'rewrite',
  };
}

/**
 * A softmax Jacobian's block form for the panel: its LaTeX (left out when it is the named form the
 * panel shows already) and the sentence that says what the blocks are.
 */
function blockForm(result: DeriveResult, namedLatex: string | undefined): Pick<PanelModel, 'blocksLatex' | 'blocksReading'> {
  const blocks = result.result.blocks;
  if (!blocks) return {};
  const latex = loadCore().namedForms(blocks).latex;
  return { ...(latex !== namedLatex ? { blocksLatex: latex } : {}), blocksReading: blocks.reading.sentence };
}

/**
 * `variables`: the expression's variables (the core's `variables()` of the request), listed in the
 * panel's header to differentiate by another one; declared ones first, as the editor's QuickPick
 * lists them.
 */
export function panelModel(result: DeriveResult, request: PanelRequest, indexProblem?: string, variables?: readonly VariableInfo[]): PanelModel {
  const what = result.order === 2 ? 'Hessian' : 'Derivative';
  const indexLatex = result.indexForm?.latex;
  // Unset, the index form is shown when the core wrote it unasked: for results with 3 or 4 indices.
  const form = indexLatex !== undefined && request.form !== 'matrix' ? 'index' : 'matrix';
  const steps: PanelStep[] = (result.steps ?? []).map((s) => ({
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
  }));
  if (form === 'index' && indexLatex !== undefined && result.steps) steps.push(inComponents(result, indexLatex));
  const namedLatex = result.result.named ? loadCore().namedForms(result.result.named).latex : undefined;
  const blocks = blockForm(result, namedLatex);
  return {
    request,
    title: `${what} w.r.t. ${result.wrt.join(', ')}`,
    inputLatex: result.input.latex,
    inputShape: result.input.shape,
    functionName: result.input.name.unicode,
    readAs: { text: result.input.text, notation: result.input.notation },
    assumed: result.assumed.map((a) => ({ name: a.name, shape: a.shape, reason: a.reason })),
    wrt: result.wrt,
    wrtShape: result.wrtShape,
    ...(variables && variables.length > 0 ? { variables: byDeclaration(variables, request.where).map((v): PanelVariable => ({ name: v.name, kind: v.kind, shape: v.shape })) } : {}),
    layout: result.layout,
    order: result.order,
    resultLatex: result.result.latex,
    resultShape: result.result.shape,
    equationLatex: result.equationLatex,
    piecewiseLatex: result.result.piecewiseLatex,
    // The core is loaded: it made `result`. Its `where` form reads back as LaTeX.
    namedLatex,
    ...blocks,
    ...(indexLatex !== undefined ? { indexLatex } : {}),
    form,
    ...(indexProblem !== undefined ? { indexProblem } : {}),
    check: result.check ? { maxRelError: result.check.maxRelError, samples: result.check.samples, passed: result.check.passed } : undefined,
    steps,
  };
}

/**
 * The panel's content for a request derived again (a switch flipped): an error as it comes, except
 * that a result with no index form asked for in index form shows its matrix form, saying why.
 */
export function rederived(request: PanelRequest, derive: (r: PanelRequest) => Outcome<DeriveResult>): PanelContent {
  const outcome = derive(request);
  if (!outcome.ok && outcome.error.code === 'form.index-unavailable' && request.form === 'index') {
    const matrix: PanelRequest = { ...request, form: 'matrix' };
    const again = derive(matrix);
    if (again.ok) return { model: panelModel(again.value, matrix, outcome.error.message) };
  }
  // An error keeps the request that failed: the page's choice shows what was asked, and a switch
  // from the error starts from it (switchBase).
  return outcome.ok ? { model: panelModel(outcome.value, request) } : { error: { ...panelError(outcome.error, request.expr), request } };
}

/** The messages of the panel's switches: each asks for the derivation again with one thing changed. */
export type SwitchMessage = Extract<WebviewToHost, { readonly type: 'setLayout' | 'setGranularity' | 'setForm' | 'setWrt' }>;

/**
 * What a switch starts from: the request shown (or, after a switch that failed, the one that
 * failed), the variables it was by, and the expression's variables.
 */
export type SwitchBase = Pick<PanelModel, 'request' | 'wrt' | 'variables'>;

/**
 * The base of the panel's switches for what it shows: a derivation, or the error of a switch's
 * derivation (which keeps its request and the variables); undefined for anything else (nothing
 * shown, a command's error).
 */
export function switchBase(content: PanelContent | undefined): SwitchBase | undefined {
  if (!content) return undefined;
  if ('model' in content) return content.model;
  const { request, variables } = content.error;
  return request ? { request, wrt: request.wrt, variables } : undefined;
}

/**
 * The request a switch asks for, from what the panel shows; undefined when it asks for nothing
 * new (the variable shown) or for a variable the base does not list (the page's word is not taken
 * for what the expression has).
 */
export function switchedRequest(base: SwitchBase, msg: SwitchMessage): PanelRequest | undefined {
  switch (msg.type) {
    case 'setLayout':
      return { ...base.request, layout: msg.layout };
    case 'setGranularity':
      return { ...base.request, granularity: msg.granularity };
    case 'setForm':
      return { ...base.request, form: msg.form };
    case 'setWrt':
      if (!base.variables?.some((v) => v.name === msg.wrt)) return undefined;
      if (base.wrt.length === 1 && base.wrt[0] === msg.wrt) return undefined;
      return { ...base.request, wrt: [msg.wrt] };
  }
}

/**
 * A switch's new content keeps the variables listed: the expression, and so its variables, is the
 * same. A derivation lists them; so does an error, so that the page still offers the choice.
 */
export function keepVariables(next: PanelContent, shown: SwitchBase): PanelContent {
  if (!shown.variables) return next;
  if ('error' in next) return next.error.variables ? next : { error: { ...next.error, variables: shown.variables } };
  if (next.model.variables) return next;
  return { model: { ...next.model, variables: shown.variables } };
}
