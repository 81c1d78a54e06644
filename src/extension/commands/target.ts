/**
 * Where a command's expression comes from (explicit arguments, the selection, the cursor) and with
 * respect to what (arguments, the panel's current derivation, or a QuickPick of free variables).
 */
import * as vscode from 'vscode';
import type { Notation, VariableInfo } from '../../core/api';
import { runVariables } from '../derivation';
import { expressionInEditor } from '../selection/document';
import type { Settings } from '../settings';
import type { ExplicitArgs } from './args';
import { byDeclaration } from '../../shared/document/declarations';
import { acceptedVariables, rowForFilter } from './pickChoice';

export interface Target {
  readonly expr: string;
  readonly from: Notation | 'auto';
  readonly where?: string;
  readonly wrt?: readonly string[];
  readonly layout?: ExplicitArgs['layout'];
  readonly reveal?: boolean;
  /** Present when the expression came from an editor. */
  readonly editor?: vscode.TextEditor;
  readonly range?: vscode.Range;
}

export type TargetOutcome = { readonly ok: true; readonly target: Target } | { readonly ok: false; readonly code: string; readonly message: string };

export function targetFromArgs(args: ExplicitArgs): TargetOutcome {
  return { ok: true, target: { expr: args.expr, from: args.from, where: args.where, wrt: args.wrt, layout: args.layout, reveal: args.reveal } };
}

export function targetFromEditor(editor: vscode.TextEditor | undefined): TargetOutcome {
  if (!editor) {
    return { ok: false, code: 'no-editor', message: vscode.l10n.t('Open an editor and select an expression (or put the cursor on one).') };
  }
  const found = expressionInEditor(editor);
  if (!found.ok) return { ok: false, code: 'no-expression', message: found.message };
  const v = found.value;
  return { ok: true, target: { expr: v.expr, from: v.from, where: v.where, editor, range: v.range } };
}

export type PickOutcome = { readonly ok: true; readonly wrt?: readonly string[] } | { readonly ok: false; readonly code: string; readonly message: string; readonly column?: number };

/**
 * The variables to differentiate with respect to: none needed when the expression has one; a
 * QuickPick otherwise (several scalars may be picked and are stacked when `many`).
 */
export async function pickVariables(target: Target, settings: Settings, many: boolean, order: 1 | 2 = 1): Promise<PickOutcome> {
  if (target.wrt) return { ok: true, wrt: target.wrt };
  const vars = runVariables(target.expr, target.where, target.from, settings.defaultShapeConvention);
  if (!vars.ok) {
    // Let the derivation report the error with its position.
    return { ok: true };
  }
  if (vars.value.length <= 1) return { ok: true };
  type Item = vscode.QuickPickItem & { readonly info: VariableInfo };
  const items: Item[] = byDeclaration(vars.value, target.where).map((v, i) => ({
    label: v.name,
    description: `${v.kind} · ${v.shape}`,
    picked: i === 0,
    info: v,
  }));
  const title = vscode.l10n.t('Differentiate {0} with respect to…', target.expr.length > 60 ? target.expr.slice(0, 57) + '…' : target.expr);
  if (!many) {
    const one = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Pick a variable') });
    return one ? { ok: true, wrt: [one.info.name] } : { ok: false, code: 'cancelled', message: vscode.l10n.t('No variable picked.') };
  }
  const picked = await pickMany(
    items,
    title,
    order === 2
      ? vscode.l10n.t('Pick a variable, or several scalars for their full Hessian (mixed second derivatives included)')
      : vscode.l10n.t('Pick a variable, or several scalars to stack into a gradient'),
  );
  if (!picked || picked.length === 0) return { ok: false, code: 'cancelled', message: vscode.l10n.t('No variable picked.') };
  if (picked.length > 1 && picked.some((p) => p.info.kind !== 'scalar')) {
    return {
      ok: false,
      code: 'wrt.stack',
      message: vscode.l10n.t('Only scalar variables can be stacked; pick one vector or matrix variable, or several scalars.'),
    };
  }
  return { ok: true, wrt: picked.map((p) => p.info.name) };
}


/**
 * A many-pick whose Enter takes the highlighted row (moved to with the arrows, or the row the typed
 * filter names) unless the checks were changed by hand (pickChoice.ts): VS Code's own `canPickMany`
 * would accept the checked default instead.
 */
function pickMany<T extends vscode.QuickPickItem>(items: readonly T[], title: string, placeholder: string): Promise<readonly T[] | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.canSelectMany = true;
    qp.items = items;
    const initial = items.filter((i) => i.picked);
    qp.selectedItems = initial;
    let done = false;
    const finish = (value: readonly T[] | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidAccept(() => {
      const names = acceptedVariables({ initial: initial.map((i) => i.label), checked: qp.selectedItems.map((i) => i.label), active: qp.activeItems[0]?.label });
      finish(items.filter((i) => names.includes(i.label)));
    });
    qp.onDidChangeValue((value) => {
      const name = rowForFilter(value, items.map((i) => i.label));
      const row = items.find((i) => i.label === name);
      if (row) qp.activeItems = [row];
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}
