/** What every part of a derivation needs to know, and small helpers for making steps. */
import type { Granularity, Layout } from '../api';
import type { Derivative, DerivativeForm } from '../calculus/form';
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { present } from '../present/present';
import { RULES, RuleId } from './rules';
import { firstKink } from '../write/piecewise';
import type { Claim, Definitions, Part, Step, StepKind } from './step';
import type { Writer } from './writer';
import type { AnswerNames } from '../present/answerNames';
import { functionName } from '../present/functionName';

/** The result in textbook form for a layout: the same function derive() uses. */
export type Presenter = (d: Derivative, layout: Layout) => Expr;

/** The presentation derive() uses (src/core/present/present.ts). */
export const defaultPresenter: Presenter = present;

export interface Context {
  readonly granularity: Granularity;
  readonly layout: Layout;
  readonly present: Presenter;
  /** Names the derivation must not use for intermediates (the expression's variables). */
  readonly reserved: ReadonlySet<string>;
  /** Preferred names for the function itself (e.g. g for a gradient differentiated again). */
  readonly rootNames?: readonly string[];
  /** Other variables are held constant (several scalar variables): write ∂, never d. */
  readonly partial?: boolean;
  /** How matrix derivatives are explained: by differentials (the default) or in reverse mode ("backprop view"). */
  readonly method?: 'differential' | 'backprop';
  /** The derivation is the first half of a second derivative. */
  readonly forHessian?: boolean;
  /**
   * How the expressions of the steps' notation and sentences are written: for the reader of the
   * answer (the request's declarations), as the steps' displays are (writer.ts).
   */
  readonly write: Writer;
  /**
   * The names of the answer the derivation is part of (present/answerNames.ts): its intermediates
   * take the names the answer gave their nodes (the user's), and give theirs, so that the result's
   * named form and the displays' binding forms call a node as the steps do.
   */
  readonly names?: AnswerNames;
}

export const NO_DEFINITIONS: Definitions = new Map();

/**
 * What the answer calls the function f (present/functionName.ts): the name the answer gave it (service.ts gives
 * it first, so that the heading, the hover and the steps say one name), else the same default.
 */
export const functionVariable = (ctx: Pick<Context, 'names' | 'reserved'>, f: Expr): Expr =>
  ctx.names?.of(f) ?? functionName(f, (n) => ctx.reserved.has(n));

/** Build a step, filling in the rule's name and reference. */
export function step(
  rule: RuleId,
  kind: StepKind,
  fields: {
    explanation: string;
    before: readonly Part[];
    after: readonly Part[];
    claims: readonly Claim[];
    name?: string;
    focus?: Expr;
    shapes?: Step['shapes'];
    product?: Step['product'];
    value?: Expr;
    reference?: string;
  },
): Step {
  const info = RULES[rule];
  const reference = fields.reference ?? info.reference;
  return {
    rule,
    name: fields.name ?? info.name,
    ...(reference ? { reference } : {}),
    kind,
    explanation: fields.explanation,
    before: fields.before,
    after: fields.after,
    claims: fields.claims,
    ...(fields.focus ? { focus: fields.focus } : {}),
    ...(fields.shapes && fields.shapes.length > 0 ? { shapes: fields.shapes } : {}),
    ...(fields.product ? { product: fields.product } : {}),
    ...(fields.value ? { value: fields.value } : {}),
  };
}

export function derivativeClaim(
  defs: Definitions,
  of: Expr,
  wrt: readonly Expr[],
  form: DerivativeForm,
  value: Expr,
  extra: { keep?: readonly Expr[]; except?: Expr; symmetric?: 'unconstrained' | 'symmetrized'; order?: 1 | 2; gradient?: Expr } = {},
): Claim {
  return {
    kind: 'derivative',
    defs,
    of,
    wrt,
    form,
    order: extra.order ?? 1,
    value,
    ...(extra.keep ? { keep: extra.keep } : {}),
    ...(extra.except ? { except: extra.except } : {}),
    ...(extra.symmetric ? { symmetric: extra.symmetric } : {}),
    ...(extra.gradient ? { gradient: extra.gradient } : {}),
  };
}

export const equalClaim = (defs: Definitions, lhs: Expr, rhs: Expr, keep?: readonly Expr[]): Claim =>
  ({ kind: 'equal', defs, lhs, rhs, ...(keep ? { keep } : {}) });

export const differsClaim = (defs: Definitions, lhs: Expr, rhs: Expr, keep?: readonly Expr[]): Claim =>
  ({ kind: 'differs', defs, lhs, rhs, ...(keep ? { keep } : {}) });

/** An expression shown with its cases when it has a scalar kink (relu, step, min). */
export function shown(e: Expr): Part {
  return firstKink(e) ? { cases: e } : e;
}

/** The cases alone of an expression with a kink, or nothing. */
export function casesOnly(e: Expr): Part[] {
  const p = shown(e);
  return 'cases' in p ? [{ cases: e, only: true }] : [];
}

/** The canonical form of ∂f/∂x for the shapes involved (one variable). */
export function formFor(f: Expr, x: Expr): DerivativeForm {
  if (isScalar(x.shape)) return isScalar(f.shape) ? 'scalar' : 'tangent';
  return isScalar(f.shape) ? 'gradient' : 'jacobian';
}
