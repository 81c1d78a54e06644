/**
 * The one place the extension calls the math core's derive/variables/emitCode: input limits first,
 * the shape convention applied, and any unexpected exception from the core turned into a
 * Diagnostic, so no caller ever sees a stack trace. The core is loaded on the first call (lazy.ts),
 * inside the guard, so even a missing core bundle is a diagnostic. Pure: no `vscode` import.
 */
import type { AssumedShape, DeclarationInfo, DeriveRequest, DeriveResult, Diagnostic, DiagnosticCode, Notation, Outcome, ShapeInfo, VariableInfo } from '../core';
import { loadCore } from './lazy';
import { declaredNames, mergeWhere } from '../shared/document/declarations';
import { MAX_EXPRESSION_CHARS } from './selection/limits';
import type { ShapeConvention } from './settings';

function failure(message: string, code: DiagnosticCode, start = 0, end = 0): { ok: false; error: Diagnostic } {
  return { ok: false, error: { message, code, start, end } };
}

/** Refuses over-long or empty input before the core sees it. */
export function checkInput(expr: string, maxChars = MAX_EXPRESSION_CHARS): Outcome<string> {
  if (expr.length > maxChars) {
    return failure(
      `the expression is ${expr.length.toLocaleString('en-US')} characters long; the limit is ${maxChars.toLocaleString('en-US')}. Select a single expression.`,
      'limit.selection',
      maxChars,
      expr.length,
    );
  }
  if (expr.trim() === '') return failure('there is no expression to differentiate', 'input.empty');
  return { ok: true, value: expr };
}

/** Calls `fn`, turning a thrown exception (a bug in the core) into a diagnostic without a stack. */
function guarded<T>(fn: () => Outcome<T>, expr: string): Outcome<T> {
  try {
    return fn();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return failure(`internal error while differentiating: ${detail.split('\n')[0]}`, 'internal', 0, expr.length);
  }
}

/**
 * The names in `expr` that may be variables, read from the text alone: identifiers that are not
 * called (`sin(`), not attributes (the `T` of `x.T`), not modules or objects whose methods are called
 * (`np.sum(`), not TeX commands (`\mathbf`).
 * Used when the core cannot list the variables because the letter conventions make the shapes clash.
 */
export function candidateNames(expr: string): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(/(?<![\\.\w])[A-Za-z_]\w*(?![\w(])(?!\s*\()(?!\.\w+\s*\()/g)) names.add(m[0]);
  return [...names];
}

/** The names the "scalars" convention declares (every variable `where` does not declare) and `where` with them added as `name: scalar`. */
function scalarsConvention(expr: string, where: string | undefined, from: Notation | 'auto', convention: ShapeConvention): { readonly where: string | undefined; readonly names: readonly string[]; readonly fromText?: boolean } {
  if (convention !== 'scalars') return { where, names: [] };
  const vars = guarded(() => loadCore().variables(expr, where, from), expr);
  const candidates = vars.ok ? vars.value.map((v) => v.name) : candidateNames(expr);
  const declared = new Set(declaredNames(where));
  const names = candidates.filter((n) => !declared.has(n));
  return { where: names.length === 0 ? where : mergeWhere(where, names.map((n) => `${n}: scalar`).join('; ')), names, fromText: !vars.ok };
}

/** `where` with `name: scalar` added for each variable it does not declare (the "scalars" convention). */
export function applyShapeConvention(expr: string, where: string | undefined, from: Notation | 'auto', convention: ShapeConvention): string | undefined {
  return scalarsConvention(expr, where, from, convention).where;
}

/**
 * The core's answer; under the "scalars" convention its list of assumed shapes also names the
 * variables the setting declared (the core saw them declared), so the answer still says which shapes
 * were assumed rather than hiding them.
 */
export function runDerive(req: DeriveRequest, convention: ShapeConvention = 'letters'): Outcome<DeriveResult> {
  const input = checkInput(req.expr);
  if (!input.ok) return input;
  const from = req.from ?? 'auto';
  const { where, names, fromText } = scalarsConvention(req.expr, req.where, from, convention);
  const out = guarded(() => loadCore().derive({ ...req, from, where }), req.expr);
  if (!out.ok || names.length === 0) return out;
  // Names read from the text alone (the core could not list the variables first) may not be variables.
  const variables = fromText ? guarded(() => loadCore().variables(req.expr, where, from), req.expr) : undefined;
  const used = variables?.ok ? new Set(variables.value.map((v) => v.name)) : undefined;
  const bySetting: AssumedShape[] = names
    .filter((n) => used === undefined || used.has(n))
    .map((name) => ({ name, shape: 'scalar', by: 'setting', reason: 'setting defaultShapeConvention: scalars' }));
  return { ok: true, value: { ...out.value, assumed: [...bySetting, ...out.value.assumed] } };
}

export function runVariables(expr: string, where: string | undefined, from: Notation | 'auto', convention: ShapeConvention = 'letters'): Outcome<VariableInfo[]> {
  const input = checkInput(expr);
  if (!input.ok) return input;
  const w = applyShapeConvention(expr, where, from, convention);
  return guarded(() => loadCore().variables(expr, w, from), expr);
}

export function runEmitCode(req: DeriveRequest, convention: ShapeConvention = 'letters'): Outcome<string> {
  const input = checkInput(req.expr);
  if (!input.ok) return input;
  const from = req.from ?? 'auto';
  const where = applyShapeConvention(req.expr, req.where, from, convention);
  return guarded(() => loadCore().emitCode({ ...req, from, where }, 'numpy'), req.expr);
}

/** NumPy code for the derivative, or undefined when the core cannot emit it. */
export function numpyFor(request: DeriveRequest, convention: ShapeConvention = 'letters'): string | undefined {
  const code = runEmitCode(request, convention);
  return code.ok ? code.value : undefined;
}

/** The variables of a request's expression (none when it cannot be read): what the panel offers to differentiate by. */
export function variablesOf(req: Pick<DeriveRequest, 'expr' | 'where' | 'from'>, convention: ShapeConvention = 'letters'): readonly VariableInfo[] {
  const vars = runVariables(req.expr, req.where, req.from ?? 'auto', convention);
  return vars.ok ? vars.value : [];
}

/** The shape of an expression and its variables (read and shape-checked, not differentiated). */
export function runShapeOf(expr: string, where: string | undefined, from: Notation | 'auto', convention: ShapeConvention = 'letters'): Outcome<ShapeInfo> {
  const input = checkInput(expr);
  if (!input.ok) return input;
  const w = applyShapeConvention(expr, where, from, convention);
  return guarded(() => loadCore().shapeOf(expr, w, from), expr);
}

/** The declarations of a `where` text, each with its name's span. */
export function runDeclarations(where: string): Outcome<readonly DeclarationInfo[]> {
  return guarded(() => loadCore().declarations(where), where);
}
