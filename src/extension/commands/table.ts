/**
 * The commands, as data: each entry says how it derives (order, layout, steps, check), whether it
 * asks for variables and shows the panel, and what it does with the result. Registered in one loop.
 */
import * as vscode from 'vscode';
import type { DeriveRequest, DeriveResult, Granularity, Layout } from '../../core/api';
import { numpyFor, runDerive, variablesOf } from '../derivation';
import { insertBelow } from '../edits';
import { describeError, panelError } from '../errors';
import { panelRequest, requestFor } from '../request';
import { panelModel } from '../panel/model';
import type { Settings } from '../settings';
import { COMMAND_PREFIX, type CommandName } from '../names';
import { parseCommandArgs } from './args';
import { pickVariables, targetFromArgs, targetFromEditor, type Target } from './target';
import type { CommandResult, CommandServices } from './types';

type Finish = (services: CommandServices, target: Target, result: DeriveResult, request: DeriveRequest) => Promise<Partial<Extract<CommandResult, { ok: true }>> | { error: string; code: string }>;

interface CommandSpec {
  /** Ask for variables with a QuickPick: 'many' allows stacking scalars. */
  readonly pick: 'one' | 'many';
  readonly order: 1 | 2;
  /** A fixed layout (the Jacobian is numerator layout, the gradient a column), else the setting. */
  readonly layout?: Layout;
  readonly steps: boolean;
  readonly granularity?: Granularity;
  /** Always check numerically (otherwise: the numericCheck.enabled setting, for panel commands). */
  readonly check?: boolean;
  /** Show the result in the panel. */
  readonly panel: boolean;
  /** The input must be a scalar (gradient, Hessian). */
  readonly scalarOnly?: string;
  readonly finish?: Finish;
}

export { COMMAND_PREFIX };

/** Every command of names.ts (registered at activation) and how it runs. */
export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  differentiate: { pick: 'many', order: 1, steps: true, panel: true },
  jacobian: { pick: 'one', order: 1, layout: 'numerator', steps: true, panel: true },
  gradient: {
    pick: 'one',
    order: 1,
    layout: 'denominator',
    steps: true,
    panel: true,
    scalarOnly: 'The gradient is defined for a scalar expression; this one has shape {0}. Use “Jacobian” instead.',
  },
  hessian: {
    pick: 'many',
    order: 2,
    steps: true,
    panel: true,
    scalarOnly: 'The Hessian is defined for a scalar expression; this one has shape {0}.',
  },
  chainRule: { pick: 'one', order: 1, steps: true, granularity: 'summary', panel: true },
  checkNumerically: { pick: 'one', order: 1, steps: true, check: true, panel: true, finish: reportCheck },
  copyLatex: { pick: 'one', order: 1, steps: false, panel: false, finish: copyLatex },
  insertResult: { pick: 'one', order: 1, steps: false, panel: false, finish: insertResult },
};

function commandRequest(spec: CommandSpec, target: Target, settings: Settings, wrt: readonly string[] | undefined): DeriveRequest {
  return requestFor(settings, target, {
    wrt,
    order: spec.order,
    layout: target.layout ?? spec.layout,
    steps: spec.steps,
    granularity: spec.granularity,
    check: spec.check ?? (spec.panel ? 'setting' : false),
  });
}

/** Where in the document a diagnostic points, for the notification. */
function documentPosition(target: Target, start: number): string {
  if (!target.editor || !target.range) return '';
  const doc = target.editor.document;
  const pos = doc.positionAt(doc.offsetAt(target.range.start) + start);
  return ' ' + vscode.l10n.t('[line {0}, column {1}]', pos.line + 1, pos.character + 1);
}

async function run(name: string, spec: CommandSpec, services: CommandServices, arg: unknown): Promise<CommandResult> {
  const command = COMMAND_PREFIX + name;
  const found: { target?: Target } = {};
  const fail = (code: string, message: string, column?: number): CommandResult => {
    // With its code, as the panel and the CLI write an error: error[parse.unmatched]: … (column 5: “)”).
    const notification = code === 'cancelled' ? undefined : vscode.l10n.t('Matrix Calculus: error[{0}]: {1}', code, message);
    if (notification !== undefined) void vscode.window.showErrorMessage(notification);
    const t = found.target;
    return { ok: false, command, code, message, column, notification, expr: t?.expr, from: t?.from, where: t?.where };
  };
  const settings = services.settings();
  const parsed = parseCommandArgs(arg);
  if (parsed.kind === 'invalid') return fail('arguments', parsed.message);
  const resolved = parsed.kind === 'explicit' ? targetFromArgs(parsed.args) : targetFromEditor(vscode.window.activeTextEditor);
  if (!resolved.ok) return fail(resolved.code, resolved.message);
  const target = resolved.target;
  found.target = target;
  if (target.editor) {
    services.source.editor = target.editor;
    services.source.range = target.range;
  }

  // copy/insert reuse the panel's variables when it shows the same expression
  let wrt = target.wrt;
  const shown = services.panel.current;
  if (!wrt && !spec.panel && shown && 'model' in shown && shown.model.request.expr === target.expr) wrt = shown.model.wrt;
  if (!wrt && parsed.kind === 'none') {
    const picked = await pickVariables(target, settings, spec.pick === 'many', spec.order);
    if (!picked.ok) return fail(picked.code, picked.message, picked.column);
    wrt = picked.wrt;
  }

  const request = commandRequest(spec, target, settings, wrt);
  const outcome = runDerive(request, settings.defaultShapeConvention);
  const showInPanel = spec.panel && target.reveal !== false;
  if (!outcome.ok) {
    const error = panelError(outcome.error, target.expr);
    if (showInPanel) services.panel.show({ error });
    return fail(outcome.error.code, describeError(error) + documentPosition(target, outcome.error.start), error.column);
  }
  const result = outcome.value;
  if (spec.scalarOnly && result.input.shape !== '1×1') {
    return fail('shape.not-scalar', vscode.l10n.t(spec.scalarOnly, result.input.shape));
  }
  if (showInPanel) services.panel.show({ model: panelModel(result, panelRequest(request, result.wrt), undefined, variablesOf(request, settings.defaultShapeConvention)) });
  const base = {
    ok: true as const,
    command,
    expr: target.expr,
    from: target.from,
    where: target.where,
    wrt: result.wrt,
    result,
    text: result.result.text,
    latex: result.equationLatex,
    check: result.check,
  };
  if (!spec.finish) return base;
  const extra = await spec.finish(services, target, result, { ...request, wrt: result.wrt });
  if ('error' in extra) return fail(extra.code, extra.error);
  return { ...base, ...extra };
}

async function reportCheck(_s: CommandServices, _t: Target, result: DeriveResult): Promise<Partial<Extract<CommandResult, { ok: true }>>> {
  const c = result.check;
  if (!c) return {};
  const err = c.maxRelError.toExponential(2);
  if (c.passed) void vscode.window.showInformationMessage(vscode.l10n.t('Matrix Calculus: the derivative matches finite differences (max relative error {0}, {1} samples).', err, c.samples));
  else void vscode.window.showWarningMessage(vscode.l10n.t('Matrix Calculus: the numerical check failed (max relative error {0}, {1} samples).', err, c.samples));
  return {};
}

async function copyLatex(_s: CommandServices, _t: Target, result: DeriveResult): Promise<Partial<Extract<CommandResult, { ok: true }>>> {
  await vscode.env.clipboard.writeText(result.equationLatex);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Matrix Calculus: LaTeX copied'), 3000);
  return { copied: result.equationLatex };
}

async function insertResult(services: CommandServices, target: Target, result: DeriveResult, request: DeriveRequest): Promise<Partial<Extract<CommandResult, { ok: true }>> | { error: string; code: string }> {
  const editor = target.editor ?? vscode.window.activeTextEditor;
  if (!editor) return { error: vscode.l10n.t('Open the editor to insert the result into.'), code: 'no-editor' };
  const after = target.range ?? editor.selection;
  const text = await insertBelow(editor, after, result, editor.document.languageId === 'python' ? numpyFor(request, services.settings().defaultShapeConvention) : undefined);
  return text === undefined ? { error: vscode.l10n.t('The editor did not accept the edit.'), code: 'edit-failed' } : { inserted: text };
}

/** Runs the command `name` of the table (extension.ts registers them all at activation). */
export function runCommand(name: CommandName, services: CommandServices, arg: unknown): Promise<CommandResult> {
  return run(name, COMMANDS[name], services, arg);
}
