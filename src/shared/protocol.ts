/**
 * The contract between the extension host and the derivation panel's webview (src/shared: imported
 * by both sides; the webview imports nothing else of the host's): the data the panel
 * shows, the messages each side sends, and the validators for everything that comes from the
 * webview (messages and restored state are untrusted input). Pure: no `vscode`, no DOM; the
 * webview imports the types only (`import type`) and the validators of the state it restores.
 */
import type { Granularity, Layout, Notation } from '../core/api';
import { GRANULARITIES, LAYOUTS, NOTATIONS, READ_NOTATIONS, isOneOf } from './vocabulary';

/** How the result is shown: the matrix form, or the index form (its components, ∂fᵢⱼ/∂Xₖₗ = …). */
export type ResultForm = 'matrix' | 'index';
const RESULT_FORMS: readonly ResultForm[] = ['matrix', 'index'];

/** What the host derives again when the user flips a switch in the panel. */
export interface PanelRequest {
  readonly expr: string;
  readonly from: Notation | 'auto';
  readonly wrt: readonly string[];
  readonly where?: string;
  readonly order: 1 | 2;
  readonly layout: Layout;
  readonly granularity: Granularity;
  readonly check: boolean;
  /** The form the user chose; unset, the index form is shown for results with 3 or 4 indices. */
  readonly form?: ResultForm;
}

export interface PanelStep {
  readonly name: string;
  readonly rule: string;
  readonly reference?: string;
  readonly explanation: string;
  /** LaTeX */
  readonly before: string;
  /** LaTeX */
  readonly after: string;
  /** LaTeX of the sub-expression the rule acts on. */
  readonly focus?: string;
  /** Symbol → shape text, e.g. [["x", "n×1"]]. */
  readonly shapes: readonly (readonly [string, string])[];
  /** A product of Jacobians the step forms (its factors' names and shapes, and the result's): drawn as a shape picture. */
  readonly product?: PanelProduct;
  /** What the step does; a 'pitfall' shows a tempting but wrong step. */
  readonly kind?: StepKind;
}

export interface PanelNamedShape {
  readonly name: string;
  /** "rows×cols" */
  readonly shape: string;
}

export interface PanelProduct {
  readonly factors: readonly PanelNamedShape[];
  readonly result: PanelNamedShape;
}

export type StepKind = 'definition' | 'derivative' | 'rewrite' | 'pitfall' | 'note';

/** How the core read the expression: its plain-syntax text and the notation it was read in. */
export interface PanelReading {
  readonly text: string;
  readonly notation: Notation;
}

/** A shape the reading assumed for an undeclared name: "x", "scalar", "from x^2". */
export interface PanelAssumedShape {
  readonly name: string;
  /** As a declaration writes it: scalar, vector(n), matrix(m, n). */
  readonly shape: string;
  readonly reason: string;
}

/** A variable of the expression, one the panel offers to differentiate by. */
export interface PanelVariable {
  readonly name: string;
  readonly kind: 'scalar' | 'vector' | 'matrix';
  /** "n×1" */
  readonly shape: string;
}

export interface PanelCheck {
  readonly maxRelError: number;
  readonly samples: number;
  readonly passed: boolean;
}

/** Everything the panel shows for one derivation. */
export interface PanelModel {
  readonly request: PanelRequest;
  readonly title: string;
  readonly inputLatex: string;
  readonly inputShape: string;
  /** The answer's name for the function, in Unicode (L of `L = …`, p of softmax(z); f by default): the shape picture's label. */
  readonly functionName?: string;
  /** The expression as the core read it (the panel's expression line is this reading, not the selection). */
  readonly readAs?: PanelReading;
  /** The shapes assumed for undeclared names (none when everything is declared). */
  readonly assumed?: readonly PanelAssumedShape[];
  readonly wrt: readonly string[];
  readonly wrtShape: string;
  /** The expression's variables, in the order the editor's QuickPick lists them: the choice in the panel's header. */
  readonly variables?: readonly PanelVariable[];
  readonly layout: Layout;
  readonly order: 1 | 2;
  readonly resultLatex: string;
  readonly resultShape: string;
  readonly equationLatex: string;
  /** Other forms of the result: piecewise cases (relu, abs, …), common subexpressions named. */
  readonly piecewiseLatex?: string;
  readonly namedLatex?: string;
  /**
   * A softmax along a dimension by its own argument: the result written to show its blocks, as LaTeX
   * (Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K where P = softmax(Z, 2), B = diag(vec(Pᵀ))), and what the blocks are, in
   * words ("block diagonal: one k×k block diag(pᵢ) − pᵢpᵢᵀ per row pᵢ of P …"). The LaTeX is left out
   * when it is the named form (then the words go with that).
   */
  readonly blocksLatex?: string;
  readonly blocksReading?: string;
  /** The result in index form (LaTeX), when the core wrote it. */
  readonly indexLatex?: string;
  /** The form shown (the index form only when `indexLatex` is there). */
  readonly form?: ResultForm;
  /** Why the index form asked for is not available. */
  readonly indexProblem?: string;
  readonly check?: PanelCheck;
  readonly steps: readonly PanelStep[];
}

/** A failed derivation: what went wrong and where (1-based column in `expr`). */
export interface PanelError {
  readonly message: string;
  readonly code: string;
  readonly expr: string;
  readonly column?: number;
  readonly length?: number;
  /**
   * A switch's derivation that failed (another variable, layout, …): the request that failed and the
   * expression's variables, so the page still offers the "Differentiate by" choice and the host can
   * derive by another variable from the error. Absent for a command's error.
   */
  readonly request?: PanelRequest;
  readonly variables?: readonly PanelVariable[];
}

/**
 * What the host sends. The page shows its own "Working…" while a switch's request is out and hides
 * it when the answer (`show` or `error`) arrives; it keeps its step when the derivation is the same.
 */
export type HostToWebview = { readonly type: 'show'; readonly model: PanelModel } | { readonly type: 'error'; readonly error: PanelError };

export type CopyFormat = 'latex' | 'numpy';

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'setLayout'; readonly layout: Layout }
  | { readonly type: 'setGranularity'; readonly granularity: Granularity }
  | { readonly type: 'setForm'; readonly form: ResultForm }
  /** Differentiate by another variable of the expression (one the model lists). */
  | { readonly type: 'setWrt'; readonly wrt: string }
  | { readonly type: 'copy'; readonly format: CopyFormat }
  | { readonly type: 'insert' };

/** What the webview keeps with getState/setState, and the serializer gets back after a reload. */
export interface PanelState {
  readonly model?: PanelModel;
  readonly error?: PanelError;
  readonly step: number;
  readonly showAll: boolean;
}

// ------------------------------------------------------------------------------- validation

type Obj = Record<string, unknown>;

/** Limits on strings from the webview: generous for LaTeX, tight for identifiers. */
const MAX_TEXT = 200_000;
const MAX_STEPS = 2_000;
const STEP_KINDS: readonly StepKind[] = ['definition', 'derivative', 'rewrite', 'pitfall', 'note'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOnly = (o: Obj, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isOptText = (v: unknown, max = MAX_TEXT): boolean => v === undefined || isText(v, max);
const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

/** A message from the webview, or `undefined` when any field is missing, extra or of the wrong type. */
export function parseWebviewMessage(msg: unknown): WebviewToHost | undefined {
  if (!isObj(msg)) return undefined;
  switch (msg.type) {
    case 'ready':
    case 'insert':
      return hasOnly(msg, ['type']) ? { type: msg.type } : undefined;
    case 'setLayout':
      return hasOnly(msg, ['type', 'layout']) && isOneOf(msg.layout, LAYOUTS) ? { type: 'setLayout', layout: msg.layout } : undefined;
    case 'setGranularity':
      return hasOnly(msg, ['type', 'granularity']) && isOneOf(msg.granularity, GRANULARITIES)
        ? { type: 'setGranularity', granularity: msg.granularity }
        : undefined;
    case 'setForm':
      return hasOnly(msg, ['type', 'form']) && isOneOf(msg.form, RESULT_FORMS) ? { type: 'setForm', form: msg.form } : undefined;
    case 'setWrt':
      return hasOnly(msg, ['type', 'wrt']) && isText(msg.wrt, 256) && msg.wrt !== '' ? { type: 'setWrt', wrt: msg.wrt } : undefined;
    case 'copy':
      return hasOnly(msg, ['type', 'format']) && isOneOf(msg.format, ['latex', 'numpy'] as const) ? { type: 'copy', format: msg.format } : undefined;
    default:
      return undefined;
  }
}

function isRequest(v: unknown): v is PanelRequest {
  return (
    isObj(v) &&
    hasOnly(v, ['expr', 'from', 'wrt', 'where', 'order', 'layout', 'granularity', 'check', 'form']) &&
    (v.form === undefined || isOneOf(v.form, RESULT_FORMS)) &&
    isText(v.expr) &&
    isOneOf(v.from, NOTATIONS) &&
    Array.isArray(v.wrt) &&
    v.wrt.length <= 64 &&
    v.wrt.every((w) => isText(w, 256)) &&
    isOptText(v.where) &&
    (v.order === 1 || v.order === 2) &&
    isOneOf(v.layout, LAYOUTS) &&
    isOneOf(v.granularity, GRANULARITIES) &&
    typeof v.check === 'boolean'
  );
}

const isNamedShape = (v: unknown): v is PanelNamedShape =>
  isObj(v) && hasOnly(v, ['name', 'shape']) && isText(v.name, 256) && isText(v.shape, 256);

function isProduct(v: unknown): v is PanelProduct {
  return isObj(v) && hasOnly(v, ['factors', 'result']) && Array.isArray(v.factors) && v.factors.length <= 1000 && v.factors.every(isNamedShape) && isNamedShape(v.result);
}

function isStep(v: unknown): v is PanelStep {
  return (
    isObj(v) &&
    hasOnly(v, ['name', 'rule', 'reference', 'explanation', 'before', 'after', 'focus', 'shapes', 'product', 'kind']) &&
    (v.product === undefined || isProduct(v.product)) &&
    (v.kind === undefined || isOneOf(v.kind, STEP_KINDS)) &&
    isText(v.name) &&
    isText(v.rule) &&
    isOptText(v.reference) &&
    isText(v.explanation) &&
    isText(v.before) &&
    isText(v.after) &&
    isOptText(v.focus) &&
    Array.isArray(v.shapes) &&
    v.shapes.length <= 1000 &&
    v.shapes.every((p) => Array.isArray(p) && p.length === 2 && isText(p[0], 256) && isText(p[1], 256))
  );
}

function isReading(v: unknown): v is PanelReading {
  return isObj(v) && hasOnly(v, ['text', 'notation']) && isText(v.text) && isOneOf(v.notation, READ_NOTATIONS);
}

function isAssumedShape(v: unknown): v is PanelAssumedShape {
  return isObj(v) && hasOnly(v, ['name', 'shape', 'reason']) && isText(v.name, 256) && isText(v.shape, 1000) && isText(v.reason, 1000);
}

const VARIABLE_KINDS: readonly PanelVariable['kind'][] = ['scalar', 'vector', 'matrix'];

function isVariable(v: unknown): v is PanelVariable {
  return isObj(v) && hasOnly(v, ['name', 'kind', 'shape']) && isText(v.name, 256) && isOneOf(v.kind, VARIABLE_KINDS) && isText(v.shape, 256);
}

const isVariables = (v: unknown): v is readonly PanelVariable[] | undefined =>
  v === undefined || (Array.isArray(v) && v.length <= 1000 && v.every(isVariable));

function isCheck(v: unknown): v is PanelCheck {
  return (
    isObj(v) &&
    hasOnly(v, ['maxRelError', 'samples', 'passed']) &&
    typeof v.maxRelError === 'number' &&
    isCount(v.samples, 1e9) &&
    typeof v.passed === 'boolean'
  );
}

export function isPanelModel(v: unknown): v is PanelModel {
  return (
    isObj(v) &&
    hasOnly(v, ['request', 'title', 'inputLatex', 'inputShape', 'functionName', 'readAs', 'assumed', 'wrt', 'wrtShape', 'variables', 'layout', 'order', 'resultLatex', 'resultShape', 'equationLatex', 'piecewiseLatex', 'namedLatex', 'blocksLatex', 'blocksReading', 'indexLatex', 'form', 'indexProblem', 'check', 'steps']) &&
    isOptText(v.indexLatex) &&
    (v.form === undefined || isOneOf(v.form, RESULT_FORMS)) &&
    isOptText(v.indexProblem, 10_000) &&
    isOptText(v.piecewiseLatex) &&
    isOptText(v.namedLatex) &&
    isOptText(v.blocksLatex) &&
    isOptText(v.blocksReading, 10_000) &&
    isRequest(v.request) &&
    isText(v.title, 1000) &&
    isText(v.inputLatex) &&
    isText(v.inputShape, 256) &&
    isOptText(v.functionName, 256) &&
    (v.readAs === undefined || isReading(v.readAs)) &&
    (v.assumed === undefined || (Array.isArray(v.assumed) && v.assumed.length <= MAX_STEPS && v.assumed.every(isAssumedShape))) &&
    Array.isArray(v.wrt) &&
    v.wrt.every((w) => isText(w, 256)) &&
    isText(v.wrtShape, 256) &&
    isVariables(v.variables) &&
    isOneOf(v.layout, LAYOUTS) &&
    (v.order === 1 || v.order === 2) &&
    isText(v.resultLatex) &&
    isText(v.resultShape, 256) &&
    isText(v.equationLatex) &&
    (v.check === undefined || isCheck(v.check)) &&
    Array.isArray(v.steps) &&
    v.steps.length <= MAX_STEPS &&
    v.steps.every(isStep)
  );
}

export function isPanelError(v: unknown): v is PanelError {
  return (
    isObj(v) &&
    hasOnly(v, ['message', 'code', 'expr', 'column', 'length', 'request', 'variables']) &&
    isText(v.message, 10_000) &&
    isText(v.code, 256) &&
    isText(v.expr) &&
    (v.column === undefined || isCount(v.column, MAX_TEXT)) &&
    (v.length === undefined || isCount(v.length, MAX_TEXT)) &&
    (v.request === undefined || isRequest(v.request)) &&
    isVariables(v.variables)
  );
}

/** The state a restored panel hands back, or `undefined` if it is not one we wrote. */
export function parsePanelState(v: unknown): PanelState | undefined {
  if (!isObj(v) || !hasOnly(v, ['model', 'error', 'step', 'showAll'])) return undefined;
  if (v.model !== undefined && !isPanelModel(v.model)) return undefined;
  if (v.error !== undefined && !isPanelError(v.error)) return undefined;
  if (!isCount(v.step, MAX_STEPS) || typeof v.showAll !== 'boolean') return undefined;
  return v as unknown as PanelState;
}
