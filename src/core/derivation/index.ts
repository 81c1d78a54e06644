/**
 * Step-by-step derivations (issue 4): how a derivative is obtained, in the style of Parr & Howard —
 * intermediate variables, local derivatives and Jacobians, the chain rule as a product of
 * Jacobians, the total-derivative rule, substitution and simplification to the result derive()
 * returns. Every step carries claims that `verifyStep` checks numerically.
 */
import type { DerivationStep, Granularity, Layout } from '../api';
import { UnsupportedDerivative } from '../calculus/unsupported';
import { Expr, freeVariables } from '../model/expr';
import { differentiate } from '../calculus/derive';
import { foldInvisible } from './compact';
import { Context, functionVariable, defaultPresenter, derivativeClaim, NO_DEFINITIONS, Presenter, shown, step } from './context';
import { equation, fraction, note } from './notation';
import { canonicalOf } from './partials';
import { firstOrder } from './first';
import { secondOrder } from './second';
import { stackedDerivation } from './stacked';
import type { Step } from './step';
import { toDerivationSteps } from './render';
import type { KnownDimensions } from '../write/index';
import { writerFor } from './writer';
import type { AnswerNames } from '../present/answerNames';

export type { Step, Claim, Display, Part, Notation, StepKind, Definitions } from './step';
export type { RuleId } from './rules';
export { RULES } from './rules';
export { toDerivationStep, toDerivationSteps, toReadableStep, displayLatex, displayText } from './render';
export { verifyClaim, verifyStep } from './verify';
export type { ClaimReport, VerifyOptions } from './verify';
export type { Presenter } from './context';

export interface DerivationOptions {
  /** The presentation derive() uses (layout, factoring, tidying), so the last step equals its result. */
  readonly present?: Presenter;
  /** Matrix derivatives by differentials (default) or in reverse mode, the "backprop view". */
  readonly method?: 'differential' | 'backprop';
  /**
   * The dimensions the reader of the answer is given (service.ts dimensionsOf: the request's
   * declarations, used or not), so the steps are written as the result is: a size by its declared
   * name, no letters juxtaposed into a declared name (W·x beside a declared Wx) — their displays
   * (render.ts) and the notation and sentences the steps write themselves (Context.write).
   */
  readonly dimensions?: KnownDimensions;
  /**
   * The names of the answer (present/answerNames.ts), one naming for the steps and the result: the
   * intermediates take the names it holds (the user's) and give it theirs, and the displays' binding
   * forms name a node as the answer does. Without it, the steps' names are their own.
   */
  readonly names?: AnswerNames;
}

/**
 * The derivation of ∂f/∂wrt (order 1 or 2) in a layout, at a granularity. Throws
 * UnsupportedDerivative exactly where differentiation itself would.
 */
export function derivationOf(
  f: Expr,
  wrt: readonly Expr[],
  order: 1 | 2,
  layout: Layout,
  granularity: Granularity,
  options: DerivationOptions = {},
): Step[] {
  if (wrt.length === 0) throw new UnsupportedDerivative('without a variable');
  const ctx: Context = {
    granularity,
    layout,
    present: options.present ?? defaultPresenter,
    reserved: new Set(freeVariables(f).map((v) => v.name as string)),
    write: writerFor(options.dimensions),
    ...(options.method ? { method: options.method } : {}),
    ...(options.names ? { names: options.names } : {}),
  };
  try {
    const { dimensions, names } = options;
    if (wrt.length > 1) return foldInvisible(stackedDerivation(f, wrt, order, ctx), dimensions, names);
    if (order === 2) return foldInvisible(secondOrder(f, wrt[0], ctx), dimensions, names);
    return foldInvisible(firstOrder(f, wrt[0], ctx), dimensions, names);
  } catch (e) {
    // A piece the step-by-step rules cannot take apart (the engines may still handle the whole).
    if (e instanceof UnsupportedDerivative) return [directStep(f, wrt, order, ctx)];
    throw e;
  }
}

/** The derivative in one step, from the engine, when no finer derivation is available. */
function directStep(f: Expr, wrt: readonly Expr[], order: 1 | 2, ctx: Context): Step {
  const d = differentiate(f, wrt, order);
  const value = ctx.present(d, ctx.layout);
  const x = wrt.length === 1 ? wrt[0] : undefined;
  const lhs = x ? fraction(ctx.write, f.size <= 12 ? f : functionVariable(ctx, f), x) : note(`\\nabla ${ctx.write.latex(functionVariable(ctx, f))}`, `∇${ctx.write.unicode(functionVariable(ctx, f))}`);
  return step('chain-rule', 'derivative', {
    name: 'Derivative',
    explanation: 'The derivative computed by the engine in one piece: a step-by-step account is not available for one of the operations involved.',
    before: [lhs],
    after: equation(lhs, shown(value)),
    claims: [derivativeClaim(NO_DEFINITIONS, f, wrt, d.form, canonicalOf(d, value, ctx.layout), { order, ...(order === 2 ? { gradient: differentiate(f, wrt, 1).expr } : {}) })],
    value,
  });
}

/** The public steps (LaTeX) of a derivation. */
export function derivationSteps(
  f: Expr,
  wrt: readonly Expr[],
  order: 1 | 2,
  layout: Layout,
  granularity: Granularity,
  options: DerivationOptions = {},
): DerivationStep[] {
  return toDerivationSteps(derivationOf(f, wrt, order, layout, granularity, options), options.dimensions, options.names);
}
