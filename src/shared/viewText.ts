/**
 * The panel's words for a derivation or an error, as plain text: shared by the page's script
 * (src/webview/view.ts, which writes them with textContent) and the host's prerendering of the first
 * view (prerender.ts, which escapes them into the HTML), so both show exactly the same. Pure: no DOM,
 * no `vscode`.
 */
import type { PanelError, PanelModel, PanelStep } from './protocol';

export type Strings = Readonly<Record<string, string>>;

/** `{0}`-style placeholders, as vscode.l10n uses. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

export function inputMeta(model: PanelModel, strings: Strings): string {
  return format(strings.inputMeta ?? 'shape {0}', model.inputShape);
}

/** "Read as LaTeX: x'*A*x" — the expression as the core read it, in the plain syntax. */
export function readAsLine(model: PanelModel, strings: Strings): string {
  if (!model.readAs) return '';
  const notation = strings[`notation-${model.readAs.notation}`] ?? model.readAs.notation;
  return format(strings.readAs ?? 'Read as {0}: {1}', notation, model.readAs.text);
}

/** One entry of the panel's "Differentiate by" choice: a variable's name (the value sent to the host) and what it shows. */
export interface WrtChoice {
  readonly value: string;
  readonly label: string;
  readonly selected: boolean;
  /** The stacked scalars being shown (a, b): shown as chosen, not one to choose again. */
  readonly disabled?: boolean;
}

/**
 * The variables the panel offers to differentiate by, the one shown selected; undefined when the
 * expression has fewer than two (nothing to choose). Several stacked scalars are shown as one entry,
 * selected and not choosable (choosing one of them derives by it alone). For the error of a switch's
 * derivation (which keeps its request and the variables), the variable asked for is the one selected.
 */
export function wrtChoices(shown: PanelModel | PanelError, strings: Strings): readonly WrtChoice[] | undefined {
  const vars = shown.variables;
  const wrt = 'wrt' in shown ? shown.wrt : shown.request?.wrt;
  if (!vars || vars.length < 2 || !wrt) return undefined;
  const one = wrt.length === 1 ? wrt[0] : undefined;
  const choices: WrtChoice[] = vars.map((v) => ({
    value: v.name,
    label: format(strings.wrtOption ?? '{0} ({1}, {2})', v.name, strings[`kind-${v.kind}`] ?? v.kind, v.shape),
    selected: v.name === one,
  }));
  if (one === undefined) choices.unshift({ value: '', label: format(strings.wrtStacked ?? '{0} (stacked)', wrt.join(', ')), selected: true, disabled: true });
  return choices;
}

/** "Assumed (not declared): x scalar (from x^2), A matrix(n, n) (letter convention)", or undefined. */
export function assumedLine(model: PanelModel, strings: Strings): string | undefined {
  if (!model.assumed || model.assumed.length === 0) return undefined;
  return format(strings.assumed ?? 'Assumed (not declared): {0}', model.assumed.map((a) => `${a.name} ${a.shape} (${a.reason})`).join(', '));
}

export function resultMeta(model: PanelModel, strings: Strings): string {
  return format(
    strings.resultMeta ?? '{0} layout · shape {1} · w.r.t. {2} ({3})',
    strings[model.layout] ?? model.layout,
    model.resultShape,
    model.wrt.join(', '),
    model.wrtShape,
  );
}

/** The equation the panel shows: the index form when that is the form shown, else the matrix form. */
export function shownEquation(model: PanelModel): string {
  return model.form === 'index' && model.indexLatex ? model.indexLatex : model.equationLatex;
}

/** Why the index form asked for is not shown, or undefined. */
export function formNote(model: PanelModel, strings: Strings): string | undefined {
  return model.indexProblem ? format(strings.noIndexForm ?? 'No index form: {0}', model.indexProblem) : undefined;
}

/** One other form of the result: its label, its LaTeX and, for a block form, what the blocks are in words. */
export interface AltForm {
  readonly label: string;
  readonly tex: string;
  readonly note?: string;
}

/**
 * The other forms of the result, labelled: piecewise cases, common subexpressions named, and a
 * softmax Jacobian's block form with the sentence that reads its blocks (under the named form when
 * that is the block form already).
 */
export function altForms(model: PanelModel, strings: Strings): AltForm[] {
  const forms: AltForm[] = [];
  for (const [label, tex] of [
    [strings.piecewise ?? 'Piecewise', model.piecewiseLatex],
    [strings.named ?? 'Named', model.namedLatex],
    [strings.blocks ?? 'Block form', model.blocksLatex],
  ] as const) {
    if (tex) forms.push({ label: `${label}:`, tex });
  }
  const reading = model.blocksReading;
  if (reading && forms.length > 0) {
    const at = model.blocksLatex ? forms.length - 1 : forms.findIndex((f) => f.tex === model.namedLatex);
    if (at >= 0) forms[at] = { ...forms[at], note: capitalized(reading) };
  }
  return forms;
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');

/** The numerical check's badge, or undefined when there was no check. */
export function checkBadge(model: PanelModel, strings: Strings): { readonly className: string; readonly text: string; readonly title: string } | undefined {
  const c = model.check;
  if (!c) return undefined;
  return {
    className: `badge ${c.passed ? 'pass' : 'fail'}`,
    text: format(
      c.passed ? (strings.checkPassed ?? '✓ {0} · {1} samples') : (strings.checkFailed ?? '✗ {0} · {1} samples'),
      c.maxRelError.toExponential(1),
      c.samples,
    ),
    title: strings.checkTitle ?? '',
  };
}

/** "Step 2 of 7", or nothing without steps. */
export function stepPosition(current: number, count: number, strings: Strings): string {
  return count === 0 ? '' : format(strings.position ?? 'Step {0} of {1}', current + 1, count);
}

export function stepName(step: PanelStep, strings: Strings): string {
  return step.kind === 'pitfall' ? `${strings.pitfall ?? 'Pitfall'}: ${step.name}` : step.name;
}

export function stepClass(step: PanelStep, current: boolean): string {
  return `step${current ? ' current' : ''}${step.kind ? ` kind-${step.kind}` : ''}`;
}

export function stepShapes(step: PanelStep, strings: Strings): string | undefined {
  return step.shapes.length > 0 ? `${strings.shapes ?? 'Shapes'}: ${step.shapes.map(([k, v]) => `${k}: ${v}`).join(', ')}` : undefined;
}

export function stepRule(step: PanelStep): string {
  return step.reference ? `${step.rule} — ${step.reference}` : step.rule;
}

/** "error[parse.unmatched]: unmatched ')' (column 10)": the code, message and column, as the CLI writes them. */
/**
 * The error's heading: for a switch's derivation that failed, the variables it was by ("Cannot
 * differentiate by A"), so that the page says which choice failed; else the plain heading.
 */
export function errorHeading(error: PanelError, strings: Strings): string {
  const wrt = error.request?.wrt;
  if (wrt && wrt.length > 0) return format(strings.errorHeadingBy ?? 'Cannot differentiate by {0}', wrt.join(', '));
  return strings.errorHeading ?? 'Cannot differentiate';
}

export function errorMessage(error: PanelError, strings: Strings): string {
  const message = error.column === undefined ? error.message : format(strings.errorAt ?? '{0} (column {1})', error.message, error.column);
  return format(strings.errorCoded ?? 'error[{0}]: {1}', error.code, message);
}

/** The expression of an error, with a caret line under the offending span when it has one. */
export function errorSource(error: PanelError): string {
  const expr = error.expr.length > 2000 ? error.expr.slice(0, 2000) + '…' : error.expr;
  const wholeExpression = error.column === 1 && (error.length ?? 0) >= expr.length;
  if (error.column !== undefined && !wholeExpression && error.column - 1 <= expr.length && !expr.includes('\n')) {
    const caret = ' '.repeat(error.column - 1) + '^'.repeat(Math.max(1, Math.min(error.length ?? 1, expr.length - error.column + 1)));
    return `${expr}\n${caret}`;
  }
  return expr;
}
