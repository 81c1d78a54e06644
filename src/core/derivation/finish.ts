/**
 * The last steps of a derivation: substitute the intermediate variables back, symmetrise for a
 * symmetric variable, simplify to the textbook form derive() returns, change layout, and read the
 * result per sample where it has the shape of a loss gradient.
 */
import type { Layout } from '../api';
import type { Derivative } from '../calculus/form';
import type { Expr } from '../model/expr';
import { isMatrix, isScalar } from '../model/shape';
import { add, mul, num, transpose } from '../simplify/build';
import type { StrategyResult } from './chain';
import { Context, derivativeClaim, equalClaim, shown, step } from './context';
import { equation, mention } from './notation';
import { canonicalOf, jacobianFormOf } from './partials';
import { describeSimplification } from './identities';
import { perSampleStep } from './perSample';
import { sigmoidRewrite } from './sigmoid';
import { rowBlocksStep } from './rowBlocks';
import type { Definitions, Step } from './step';
import { expand, usesIntermediates } from './substitute';
import { symmetrizeJacobian } from '../calculus/derive';

export function finish(d: Derivative, r: StrategyResult, defs: Definitions, ctx: Context): Step[] {
  const f = d.f;
  const x = d.wrt[0];
  const steps: Step[] = [];
  const lhs = r.lhs;
  const strategyForm = r.form === 'gradient' ? (isScalar(x.shape) ? 'scalar' : 'gradient') : 'jacobian';
  let value = r.value;

  if (usesIntermediates(value, defs)) {
    const expanded = expand(value, defs);
    steps.push(step('substitute', 'rewrite', {
      explanation: 'Substitute the definitions of the intermediate variables back, to write the derivative in the original variables.',
      // As the step before showed it: the shared constants by their names (sharedConstants.ts).
      before: equation(lhs, shown(r.named ? r.named(value) : value)),
      after: equation(lhs, shown(expanded)),
      claims: [derivativeClaim(defs, f, [x], strategyForm, expanded)],
      value: expanded,
    }));
    value = expanded;
  }

  if (r.form === 'gradient' && x.symmetric) {
    const sym = mul(num(0.5), add(value, transpose(value)));
    steps.push(step('symmetric', 'rewrite', {
      explanation: `${ctx.write.unicode(x)} is symmetric, so only changes that keep it symmetric count: the gradient is the symmetric part (G + Gᵀ)/2 of the gradient G computed as if its entries were independent.`,
      before: equation(lhs, value),
      after: equation(lhs, sym),
      claims: [derivativeClaim(defs, f, [x], 'gradient', sym, { symmetric: 'symmetrized' })],
      value: sym,
    }));
    value = sym;
  }

  if (r.form !== 'gradient' && x.symmetric && isMatrix(x.shape)) {
    const sym = symmetrizeJacobian(value, x);
    steps.push(step('symmetric', 'rewrite', {
      explanation: `${ctx.write.unicode(x)} is symmetric, so only changes that keep it symmetric count: the Jacobian along symmetric directions is J(I + K)/2, where J treats its entries as independent and K is the commutation matrix (vec(Xᵀ) = K vec(X)).`,
      before: equation(lhs, value),
      after: equation(lhs, sym),
      claims: [derivativeClaim(defs, f, [x], 'jacobian', sym, { symmetric: 'symmetrized' })],
      value: sym,
    }));
    value = sym;
  }

  const natural: Layout = r.form === 'gradient' ? 'mixed' : 'numerator';
  const symmetric = x.symmetric ? 'symmetrized' as const : undefined;
  const finalClaim = (presented: Expr, layout: Layout) =>
    derivativeClaim(defs, f, d.wrt, d.form, canonicalOf(d, presented, layout), symmetric ? { symmetric } : {});

  const textbookForm = ctx.present(d, natural);
  const sigmoid = textbookForm !== value ? sigmoidRewrite(value, textbookForm) : undefined;
  if (sigmoid !== undefined) {
    const named = mention(ctx.write, sigmoid.arguments.slice(0, 2));
    const us = named ?? 'the argument of σ (too long to write here)';
    const here = sigmoid.arguments.every((u) => isScalar(u.shape)) ? `here for t ${named === undefined ? us : `= ${us}`}` : `here entry by entry, for the entries t of ${us}`;
    steps.push(step('simplify', 'rewrite', {
      name: 'The logistic sigmoid',
      explanation: `Divide the numerator and the denominator of exp(t)/(1 + exp(t)) by exp(t): it is 1/(1 + exp(−t)), the logistic sigmoid σ(t) = 1/(1 + exp(−t)); ${here}.`,
      before: equation(lhs, shown(value)),
      after: equation(lhs, shown(sigmoid.value)),
      claims: [equalClaim(defs, value, sigmoid.value)],
      value: sigmoid.value,
    }));
    value = sigmoid.value;
  }
  if (textbookForm !== value) {
    const canonical = canonicalOf(d, textbookForm, natural);
    const comparable = r.form === 'gradient' ? canonical : jacobianFormOf(d.form, canonical);
    const reshaped = !sameShapeAs(value, textbookForm);
    const described = describeSimplification(ctx.write, value, textbookForm, reshaped);
    steps.push(step('simplify', 'rewrite', {
      ...(described.name ? { name: described.name } : {}),
      explanation: described.explanation,
      before: equation(lhs, shown(value)),
      after: equation(lhs, shown(textbookForm)),
      claims: [equalClaim(defs, value, comparable), finalClaim(textbookForm, natural)],
      value: textbookForm,
    }));
    value = textbookForm;
  }

  const result = ctx.present(d, ctx.layout);
  if (result !== value) {
    steps.push(step('layout', 'rewrite', {
      name: ctx.forHessian ? 'Gradient in the shape of the variable' : `${ctx.layout[0].toUpperCase()}${ctx.layout.slice(1)} layout`,
      explanation: ctx.forHessian
        ? 'For the second derivative, write the gradient with the shape of the variable (a column for a vector), so that its Jacobian is the Hessian.'
        : layoutExplanation(ctx.layout, natural, isScalar(f.shape), isMatrix(x.shape)),
      before: equation(lhs, shown(value)),
      after: equation(lhs, shown(result)),
      claims: [finalClaim(result, ctx.layout)],
      value: result,
    }));
  }

  const perSample = perSampleStep(ctx.write, result, d, defs);
  if (perSample) steps.push(perSample);
  const blocks = rowBlocksStep(ctx.write, result, d, defs);
  if (blocks) steps.push(blocks);
  return steps;
}

const sameShapeAs = (a: Expr, b: Expr): boolean => a.shape.rows === b.shape.rows && a.shape.cols === b.shape.cols;

function layoutExplanation(layout: Layout, from: Layout, scalarF: boolean, matrixX: boolean): string {
  if (layout === 'denominator') return 'Denominator layout is the transpose of numerator layout: the variables run down the rows instead of across the columns.';
  if (layout === 'mixed') {
    return scalarF
      ? 'Mixed layout (Matrix Cookbook) writes the gradient with the shape of the variable: the transpose of the numerator-layout row.'
      : 'Mixed layout (Matrix Cookbook) writes Jacobians as in numerator layout.';
  }
  if (from === 'mixed' && scalarF) {
    return matrixX
      ? 'In numerator layout (Parr & Howard) the derivative of a scalar by a p×q matrix is q×p: the transpose of the gradient above.'
      : 'In numerator layout (Parr & Howard) the derivative of a scalar by a column vector is a row: the transpose of the gradient above.';
  }
  return 'Write the result in numerator layout (Parr & Howard).';
}

