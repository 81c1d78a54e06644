/**
 * Second derivatives (Hessians): the first derivative in gradient form (a column, or x's shape),
 * then the Jacobian of that gradient, itself derived step by step.
 */
import type { Layout } from '../api';
import { differentiate } from '../calculus/derive';
import { UnsupportedDerivative } from '../calculus/unsupported';
import { dependsOn, Expr } from '../model/expr';
import { isMatrix, isScalar } from '../model/shape';
import { Context, functionVariable, derivativeClaim, NO_DEFINITIONS, shown, step } from './context';
import { firstOrder } from './first';
import { EQUALS, equation, mention, nameOf, note } from './notation';
import { canonicalOf } from './partials';
import type { Notation, Step } from './step';
import type { Writer } from './writer';

/** Names of the intermediate variables a list of steps introduced (to avoid reusing them). */
export function namesIntroduced(steps: readonly Step[]): Set<string> {
  const out = new Set<string>();
  for (const s of steps) for (const c of s.claims) for (const v of c.defs.keys()) out.add(v.name as string);
  return out;
}

export function hessianNotation(w: Writer, f: Expr | Notation, x: Expr): Notation {
  const fn = 'tex' in f ? f : nameOf(w, f);
  const xn = nameOf(w, x);
  if (isScalar(x.shape)) return note(`\\frac{d^{2}${fn.tex}}{d${xn.tex}^{2}}`, `d²${fn.text}/d${xn.text}²`);
  if (isMatrix(x.shape)) {
    return note(`\\frac{\\partial^{2} ${fn.tex}}{\\partial \\operatorname{vec} ${xn.tex}\\,\\partial (\\operatorname{vec} ${xn.tex})^{\\top}}`, `∂²${fn.text}/∂vec ${xn.text} ∂(vec ${xn.text})ᵀ`);
  }
  return note(`\\frac{\\partial^{2} ${fn.tex}}{\\partial ${xn.tex}\\,\\partial ${xn.tex}^{\\top}}`, `∂²${fn.text}/∂${xn.text}∂${xn.text}ᵀ`);
}

export function secondOrder(f: Expr, x: Expr, ctx: Context): Step[] {
  if (!isScalar(f.shape)) throw new UnsupportedDerivative('a second derivative of a non-scalar function (a Hessian needs a scalar f)');
  const gradientLayout: Layout = 'mixed';
  const first = firstOrder(f, x, { ...ctx, layout: gradientLayout, forHessian: true });
  const d1 = differentiate(f, [x], 1);
  const d2 = differentiate(f, [x], 2);
  const g = ctx.present(d1, gradientLayout);
  const reserved = new Set([...ctx.reserved, ...namesIntroduced(first)]);
  const inner = dependsOn(g, x)
    ? firstOrder(g, x, { ...ctx, layout: 'numerator', reserved, rootNames: ['g', 'h', 'q'] })
    : [];
  const H = ctx.present(d2, ctx.layout);
  const hn = hessianNotation(ctx.write, functionVariable(ctx, f), x);
  // The gradient is written in the sentence only when short: through a deep network it is a tree far
  // larger than the DAG that stores it (the step's before shows it, written with shared parts named).
  const gradient = mention(ctx.write, [g]) ?? 'found above (too long to write here)';
  const last = step('second-derivative', 'derivative', {
    name: isScalar(x.shape) ? 'Second derivative' : 'Hessian',
    explanation: isScalar(x.shape)
      ? `The second derivative is the derivative of the first derivative ${gradient}.`
      : `The Hessian is the Jacobian of the gradient ${gradient} with respect to ${ctx.write.unicode(x)}${isMatrix(x.shape) ? ' (in vec form)' : ''}: entry (i, j) is the derivative of gradient entry i with respect to variable entry j.`,
    before: [hn, EQUALS, note(`\\frac{\\partial}{\\partial ${nameOf(ctx.write, x).tex}}\\left(`, `∂/∂${nameOf(ctx.write, x).text} (`), g, note('\\right)', ')')],
    after: equation(hn, shown(H)),
    claims: [derivativeClaim(NO_DEFINITIONS, f, [x], d2.form, canonicalOf(d2, H, ctx.layout), { order: 2, gradient: d1.expr, ...(x.symmetric ? { symmetric: 'symmetrized' as const } : {}) })],
    value: H,
  });
  return [...first, ...inner, last];
}
