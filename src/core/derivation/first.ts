/**
 * First derivatives with respect to one variable: chooses how to explain them —
 * the vector chain rule for a component-wise vector of a scalar (vectorLiteral.ts), the chain rule
 * with Jacobians for scalars and vectors (chain.ts), the chain rule in gradient form for a scalar
 * function of matrices (backprop.ts) — then finishes (finish.ts).
 */
import { differentiate } from '../calculus/derive';
import type { Derivative } from '../calculus/form';
import { dependsOn, Expr, variable } from '../model/expr';
import { isMatrix, isScalar, shape, shapeText, sizeOf } from '../model/shape';
import { backpropDerivation } from './backprop';
import { chainDerivation, StrategyResult } from './chain';
import { Context, functionVariable, derivativeClaim, NO_DEFINITIONS, shown, step } from './context';
import { finish } from './finish';
import { equation, fraction } from './notation';
import { canonicalOf } from './partials';
import type { Definitions, Step } from './step';
import { structureOf, type Structure } from './structure';
import { differentialDerivation } from './differential';
import { literalDerivation, planLiteral } from './vectorLiteral';

export function firstOrder(f: Expr, x: Expr, ctx: Context): Step[] {
  const d = differentiate(f, [x], 1);
  if (!dependsOn(f, x) || f === x) return [trivialStep(d, ctx)];
  const plan = planLiteral(f, x, ctx.reserved, functionVariable(ctx, f).name as string);
  let r: StrategyResult;
  let defs: Definitions;
  if (plan) {
    r = literalDerivation(plan, ctx);
    defs = plan.defs;
  } else {
    const s = structureOf(f, x, ctx.granularity, { reserved: ctx.reserved, rootNames: ctx.rootNames, ...(ctx.names ? { names: ctx.names } : {}) });
    r = strategyFor(s, d, ctx);
    defs = s.defs;
  }
  return [...r.steps, ...finish(d, r, defs, ctx)];
}

/**
 * The differential method for a matrix variable and for a scalar with matrices inside (reverse
 * mode, the "backprop view", where an operator has no differential rule or when asked for); the
 * chain rule with Jacobians otherwise.
 */
function strategyFor(s: Structure, d: Derivative, ctx: Context): StrategyResult {
  const f = s.f;
  const matrices = isMatrix(s.x.shape) || s.list.some((i) => isMatrix(i.v.shape));
  const byDifferentials = isMatrix(s.x.shape) || (isScalar(f.shape) && matrices);
  if (byDifferentials && ctx.method !== 'backprop') {
    const r = differentialDerivation(s, d, ctx);
    if (r) return r;
  }
  return isScalar(f.shape) && matrices ? backpropDerivation(s, ctx) : chainDerivation(s, ctx);
}

/** Why ∂x/∂x is what it is: 1, the identity, or — for a symmetric matrix — the symmetrizing projection. */
function identityExplanation(x: Expr, ctx: Context): string {
  const name = ctx.write.unicode(x);
  if (isScalar(x.shape)) return `The derivative of ${name} with respect to itself is 1.`;
  const oneForOne = `The derivative of ${name} with respect to itself is the identity: each entry changes one-for-one with itself and not at all with the others`;
  if (isMatrix(x.shape) && !x.symmetric) return `${oneForOne}. With the entries of ${name} stacked column by column into vec ${name}, that is the ${shapeText(shape(sizeOf(x.shape), sizeOf(x.shape)))} identity I.`;
  if (!x.symmetric) return `${oneForOne}.`;
  return `${name} is symmetric, so its entries ${name}ᵢⱼ and ${name}ⱼᵢ are one variable and every change d${name} is symmetric: d${name} = (d${name} + d${name}ᵀ)/2. In vec form the derivative of ${name} with respect to itself is that averaging, ½(I + K), where K is the commutation matrix (K vec(A) = vec(Aᵀ)) — not the identity.`;
}

/** f does not depend on x (derivative 0), or f is x (derivative 1 or I). */
function trivialStep(d: Derivative, ctx: Context): Step {
  const [f, x] = [d.f, d.wrt[0]];
  const value = ctx.present(d, ctx.layout);
  const constant = !dependsOn(f, x);
  // ∂X/∂X is written with X itself on top (∂vec X/∂(vec X)ᵀ), not with a y the steps never define.
  const name = ctx.rootNames?.[0] ?? (constant ? (functionVariable(ctx, f).name as string) : undefined);
  const top = name === undefined || ctx.reserved.has(name) ? f : variable(name, f.shape);
  const lhs = fraction(ctx.write, top, x, { total: !ctx.partial && isScalar(x.shape) && isScalar(f.shape) });
  return step(constant ? 'constant' : 'identity', 'derivative', {
    explanation: constant
      ? `${ctx.write.unicode(f)} does not depend on ${ctx.write.unicode(x)}, so its derivative is 0.`
      : identityExplanation(x, ctx),
    before: [lhs],
    after: equation(lhs, shown(value)),
    claims: [derivativeClaim(NO_DEFINITIONS, f, d.wrt, d.form, canonicalOf(d, value, ctx.layout), x.symmetric ? { symmetric: 'symmetrized' } : {})],
    value,
  });
}
