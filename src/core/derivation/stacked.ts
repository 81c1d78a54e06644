/**
 * Several scalar variables (Parr & Howard §3–4): the partial derivative with respect to each,
 * holding the others constant, stacked into the gradient ∇f(x, y) (a row) or, for a vector
 * f = [f₁, f₂], the Jacobian whose rows are the gradients ∇fᵢ; order 2 stacks the second partials.
 */
import { differentiate, requireStackable } from '../calculus/derive';
import { tangent } from '../calculus/tangent';
import { UnsupportedDerivative } from '../calculus/unsupported';
import { block, Expr, variable } from '../model/expr';
import { isScalar } from '../model/shape';
import { applied } from './chain';
import { capRun } from './compact';
import { Context, functionVariable, derivativeClaim, formFor, NO_DEFINITIONS, shown, step } from './context';
import { firstOrder } from './first';
import { EQUALS, equation, fraction, nameOf, note } from './notation';
import { canonicalOf, textbook } from './partials';
import { localRules } from './rules';
import { hessianNotation, namesIntroduced } from './second';
import type { Notation, Step } from './step';
import type { Writer } from './writer';

function tuple(w: Writer, wrt: readonly Expr[]): Notation {
  return note(`(${wrt.map((v) => nameOf(w, v).tex).join(', ')})`, `(${wrt.map((v) => nameOf(w, v).text).join(', ')})`);
}

/** One partial derivative as a step (summary), or its own derivation (full). */
function partialSteps(f: Expr, fName: Expr, x: Expr, wrt: readonly Expr[], ctx: Context, reserved: Set<string>): { steps: Step[]; value: Expr } {
  const w = ctx.write;
  const value = textbook(tangent(f, x));
  const others = wrt.filter((v) => v !== x).map(w.unicode).join(', ');
  if (ctx.granularity === 'full') {
    const steps = firstOrder(f, x, { ...ctx, layout: 'numerator', reserved, rootNames: [fName.name as string], partial: true });
    for (const n of namesIntroduced(steps)) if (n !== fName.name) reserved.add(n);
    // The derivation of a partial derivative says, at its start, what is held constant.
    const held = others ? `For ${fraction(w, fName, x).text}, ${others} ${wrt.length > 2 ? 'are' : 'is'} held constant. ` : '';
    return { steps: steps.map((s, k) => (k === 0 ? { ...s, explanation: `${held}${s.explanation}` } : s)), value };
  }
  const rules = localRules(w, f, x);
  const frac = fraction(w, fName, x);
  return {
    steps: [step('partial-derivative', 'derivative', {
      explanation: `Differentiate with respect to ${w.unicode(x)} holding ${others} constant (${rules.map((r) => r.name.toLowerCase()).join(', ')}).`,
      before: [frac, EQUALS, ...applied(w, x, f, false)],
      after: equation(frac, shown(value)),
      claims: [derivativeClaim(NO_DEFINITIONS, f, [x], formFor(f, x), value)],
      focus: f,
    })],
    value,
  };
}

export function stackedDerivation(f: Expr, wrt: readonly Expr[], order: 1 | 2, ctx: Context): Step[] {
  requireStackable(wrt);
  const w = ctx.write;
  const d = differentiate(f, wrt, order);
  const k = wrt.length;
  const reserved = new Set(ctx.reserved);
  const fName = functionVariable(ctx, f);
  const vars = tuple(w, wrt);
  const steps: Step[] = [];

  if (order === 2 && !isScalar(f.shape)) throw new UnsupportedDerivative('a second derivative of a non-scalar function (a Hessian needs a scalar f)');
  const components = f.op === 'block' && f.shape.cols === 1 && order === 1 ? f.args : [f];
  const rows: Expr[] = [];
  const parts: Step[] = [];
  components.forEach((c, i) => {
    const cName = components.length === 1 ? fName : variable(`${fName.name}_${i + 1}`, c.shape);
    const partials = wrt.map((x) => {
      const p = partialSteps(c, cName, x, wrt, ctx, reserved);
      parts.push(...p.steps);
      return p.value;
    });
    if (components.length > 1) {
      const row = block(1, k, partials);
      const grad = note(`\\nabla ${nameOf(w, cName).tex}`, `∇${nameOf(w, cName).text}`);
      parts.push(step('stack-partials', 'derivative', {
        name: `Gradient of ${w.unicode(cName)}`,
        explanation: `The gradient of ${w.unicode(cName)} collects its partial derivatives in a row, one entry per variable ${vars.text}.`,
        before: [grad, EQUALS, note(`\\left[${wrt.map((x) => fraction(w, cName, x).tex).join(', ')}\\right]`, `[${wrt.map((x) => fraction(w, cName, x).text).join(', ')}]`)],
        after: equation(grad, row),
        claims: [derivativeClaim(NO_DEFINITIONS, c, wrt, 'jacobian', row)],
      }));
    }
    rows.push(...partials);
  });
  // Many components or variables: the steps beyond a limit are collected into one.
  steps.push(...capRun(parts, 'partial', ctx.granularity));

  const lhs = fraction(w, fName, vars);
  if (order === 1) {
    const result = ctx.present(d, ctx.layout);
    steps.push(step('stack-partials', 'derivative', {
      name: isScalar(f.shape) ? 'Gradient' : 'Jacobian',
      explanation: isScalar(f.shape)
        ? `The gradient ∇${w.unicode(fName)}${vars.text} stacks the partial derivatives${ctx.layout === 'numerator' ? ' in a row (numerator layout)' : ' in a column'}.`
        : `The Jacobian stacks the gradients of the components as its rows${ctx.layout === 'denominator' ? ' (transposed in denominator layout)' : ''}: entry (i, j) is the partial derivative of ${w.unicode(fName)}ᵢ with respect to the j-th variable.`,
      before: [lhs],
      after: equation(lhs, shown(result)),
      claims: [derivativeClaim(NO_DEFINITIONS, f, wrt, d.form, canonicalOf(d, result, ctx.layout))],
      value: result,
    }));
    return steps;
  }
  const gradient = block(k, 1, rows);
  const H = ctx.present(d, ctx.layout);
  const hn = hessianNotation(w, fName, variable('zvars', { rows: k, cols: 1 }));
  const hnote = note(hn.tex.replace(/\\mathbf\{zvars\}/g, vars.tex), hn.text.replace(/zvars/g, vars.text));
  steps.push(step('second-derivative', 'derivative', {
    name: 'Hessian',
    explanation: `The Hessian holds the second partial derivatives: entry (i, j) differentiates the i-th partial derivative with respect to the j-th variable.`,
    before: [hnote, EQUALS, note('\\frac{\\partial}{\\partial ' + vars.tex + '}\\left(', `∂/∂${vars.text} (`), gradient, note('\\right)', ')')],
    after: equation(hnote, shown(H)),
    claims: [derivativeClaim(NO_DEFINITIONS, f, wrt, d.form, canonicalOf(d, H, ctx.layout), { order: 2, gradient })],
    value: H,
  }));
  return steps;
}
