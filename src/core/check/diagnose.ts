/**
 * Why a claim is not the derivative: the most specific diagnosis that holds, in this order —
 * layout, symmetric-only, probabilities-only, sign / scaled, missing-term, extra-term, shape, other. Each is tested
 * against the true derivative in the requested layout first, then in the other layouts whose shape
 * the claim has (a claim that is both transposed and, say, missing a term says both).
 */
import type { Diagnosis, Layout } from '../api';
import { Expr, freeVariables } from '../model/expr';
import { declarationText, isColumn, isScalar, sameShape, shapeKind, shapeText } from '../model/shape';
import { add, neg } from '../simplify/build';
import { toUnicode, type KnownDimensions } from '../write/index';
import { render } from '../service';
import { counterexample } from './counterexample';
import { equalAt, type Judge } from './compare';
import { constantFactor } from './factor';
import { samplePoints, type PointOptions } from './points';
import { candidateTerms } from './terms';

/** The true derivative in one layout (several layouts may give the same expression). */
export interface Variant {
  readonly layouts: readonly Layout[];
  readonly expr: Expr;
}

export interface DiagnoseInput {
  readonly f: Expr;
  readonly wrt: readonly Expr[];
  readonly layout: Layout;
  /** Requested layout first. */
  readonly variants: readonly Variant[];
  readonly claim: Expr;
  readonly judge: Judge;
  readonly seed: number;
  /** What a reader of the sentences is given (service.ts dimensionsOf): sizes written by name, declared names not spelled by juxtaposed letters. */
  readonly dimensions?: KnownDimensions;
}
const layoutName = (ls: readonly Layout[]): string => ls.join(' or ');

/** " (and it is written in denominator layout)" when the variant is not the requested layout. */
function layoutNote(v: Variant, requested: Layout): string {
  return v.layouts.includes(requested) ? '' : `; it is also written in ${layoutName(v.layouts)} layout, not ${requested}`;
}

function layoutOf(v: Variant, requested: Layout): Pick<Diagnosis, 'layout'> {
  return v.layouts.includes(requested) ? {} : { layout: v.layouts[0] };
}

/** Square matrices the claim could wrongly assume symmetric: not declared symmetric, not differentiated. */
function symmetrizable(input: DiagnoseInput): Expr[] {
  const seen = new Map<string, Expr>();
  for (const v of [...freeVariables(input.f), ...freeVariables(input.claim)]) {
    const s = v.shape;
    if (v.symmetric || s.rows !== s.cols || shapeKind(s) !== 'matrix' || input.wrt.some((w) => w.name === v.name)) continue;
    seen.set(v.name as string, v);
  }
  return [...seen.values()];
}

/**
 * Variables the claim could wrongly assume to be probabilities (rows summing to 1, as one-hot or
 * class-probability targets are: Xᵀ(P − Y)/N for Xᵀ(diag(Y𝟏)P − Y)/N): columns and matrices of
 * the expression, not declared so, not symmetric, not differentiated.
 */
function normalizable(input: DiagnoseInput): Expr[] {
  const seen = new Map<string, Expr>();
  for (const v of freeVariables(input.f)) {
    const s = v.shape;
    if (v.probabilities || v.symmetric || isScalar(s) || (s.rows === 1 && !isColumn(s)) || input.wrt.some((w) => w.name === v.name)) continue;
    seen.set(v.name as string, v);
  }
  return [...seen.values()];
}

/** "every row of Y sums to 1 (…: declare `Y: matrix(N, k) probabilities`)", for one variable or several. */
function sumsToOne(vars: readonly Expr[]): string {
  const rows = (v: Expr): string => (isColumn(v.shape) ? `the entries of ${v.name}` : `every row of ${v.name}`);
  const declare = vars.map((v) => `\`${v.name}: ${declarationText(v.shape)} probabilities\``).join(' and ');
  const what = vars.length === 1 ? `${rows(vars[0])} ${isColumn(vars[0].shape) ? 'sum' : 'sums'} to 1` : `${vars.map(rows).join(' and ')} sum to 1`;
  const kind = vars.every((v) => isColumn(v.shape)) ? 'a probability vector or a one-hot vector' : 'class probabilities or one-hot rows';
  return `${what} (${kind}: declare ${declare})`;
}

/**
 * The first group of the candidate variables — each alone, then all of them — at whose restricted
 * points (`restrict`: symmetric, probabilities) the claim equals one of the variants.
 */
function rightOnlyWhen(
  input: DiagnoseInput, vars: readonly Expr[], candidates: readonly Variant[], restricted: readonly Expr[], restrict: (names: ReadonlySet<string>) => PointOptions,
): { names: string[]; variant: Variant } | undefined {
  const groups = restricted.length > 1 ? [...restricted.map((m) => [m]), [...restricted]] : restricted.map((m) => [m]);
  for (const group of groups) {
    const names = group.map((m) => m.name as string);
    const points = samplePoints(vars, [input.f, input.claim, ...candidates.map((v) => v.expr)], restrict(new Set(names)));
    if (!points.ok) continue;
    const judge: Judge = { ...input.judge, envs: points.value };
    const variant = candidates.find((v) => equalAt(input.claim, v.expr, judge));
    if (variant) return { names, variant };
  }
  return undefined;
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  const u = (e: Expr): string => toUnicode(e, input.dimensions);
  const { claim, judge, layout } = input;
  const expected = input.variants[0].expr;
  const candidates = input.variants.filter((v) => sameShape(v.expr.shape, claim.shape));
  if (candidates.length === 0) {
    const shapes = input.variants.map((v) => `${shapeText(v.expr.shape)} in ${layoutName(v.layouts)} layout`).join(', ');
    return { kind: 'shape', detail: `the claim is ${shapeText(claim.shape)}, but the derivative is ${shapes}` };
  }

  for (const v of candidates) {
    if (v.layouts.includes(layout) || !equalAt(claim, v.expr, judge)) continue;
    return {
      kind: 'layout',
      layout: v.layouts[0],
      detail: `the claim is the derivative in ${layoutName(v.layouts)} layout (${shapeText(v.expr.shape)}); in ${layout} layout it is ${u(expected)} (${shapeText(expected.shape)})`,
    };
  }

  const vars = [...freeVariables(input.f), ...freeVariables(claim)];
  const symmetric = rightOnlyWhen(input, vars, candidates, symmetrizable(input), (names) => ({ symmetric: names, seed: input.seed + 1 }));
  if (symmetric) {
    const { names, variant: v } = symmetric;
    const which = names.length === 1 ? `${names[0]} is symmetric (${names[0]}ᵀ = ${names[0]})` : `${names.join(', ')} are symmetric`;
    return {
      kind: 'symmetric-only',
      symmetric: names,
      ...layoutOf(v, layout),
      detail: `right only when ${which}; in general the derivative is ${u(v.expr)}${layoutNote(v, layout)}`,
    };
  }

  const normalized = normalizable(input);
  const probabilities = rightOnlyWhen(input, vars, candidates, normalized, (names) => ({ probabilities: names, seed: input.seed + 2 }));
  if (probabilities) {
    const { names, variant: v } = probabilities;
    const group = normalized.filter((x) => names.includes(x.name as string));
    return {
      kind: 'probabilities-only',
      probabilities: names,
      ...layoutOf(v, layout),
      detail: `right only when ${sumsToOne(group)}; in general the derivative is ${u(v.expr)}${layoutNote(v, layout)}`,
    };
  }

  for (const v of candidates) {
    const factor = constantFactor(claim, v.expr, judge);
    if (!factor) continue;
    const sign = factor.text === '-1';
    return {
      kind: sign ? 'sign' : 'scaled',
      factor: factor.text,
      ...layoutOf(v, layout),
      detail: sign
        ? `the sign is wrong: the claim is −1 × the derivative ${u(v.expr)}${layoutNote(v, layout)}`
        : `off by a constant factor: the claim is ${factor.text} × the derivative ${u(v.expr)}${layoutNote(v, layout)}`,
    };
  }

  for (const v of candidates) {
    for (const t of candidateTerms(v.expr)) {
      if (!equalAt(claim, add(v.expr, neg(t)), judge)) continue;
      return {
        kind: 'missing-term',
        term: render(t),
        ...layoutOf(v, layout),
        detail: `a term is missing: the derivative is ${u(v.expr)}, and the claim lacks its term ${u(t)}${layoutNote(v, layout)}`,
      };
    }
  }

  const claimTerms = candidateTerms(claim);
  for (const v of candidates) {
    for (const t of claimTerms) {
      if (claimTerms.length < 2 || !equalAt(add(claim, neg(t)), v.expr, judge)) continue;
      return {
        kind: 'extra-term',
        term: render(t),
        ...layoutOf(v, layout),
        detail: `one term too many: the claim is the derivative ${u(v.expr)} plus the term ${u(t)}${layoutNote(v, layout)}`,
      };
    }
  }

  const truth = candidates[0].expr;
  const example = counterexample(vars, input.f, claim, truth, judge);
  const unknown = freeVariables(claim).filter((c) => !freeVariables(input.f).some((x) => x.name === c.name)).map((c) => c.name as string);
  const note = unknown.length > 0 ? ` (${unknown.join(', ')} ${unknown.length === 1 ? 'does' : 'do'} not occur in the expression)` : '';
  const where = example
    ? `; for example at ${Object.entries(example.point).map(([k, v]) => `${k} = ${matrixText(v)}`).join(', ')} the claim is ${matrixText(example.claim)} but the derivative is ${matrixText(example.expected)}`
    : '';
  return {
    kind: 'other',
    ...layoutOf(candidates[0], layout),
    ...(example ? { counterexample: example } : {}),
    detail: `the claim is not the derivative ${u(truth)}${note}${where}`,
  };
}

/** A small array as text: 3, [1, 2] (a column or row), [[1, 2], [3, 4]]. */
export function matrixText(m: readonly (readonly number[])[]): string {
  if (m.length === 1 && m[0].length === 1) return `${m[0][0]}`;
  if (m.every((r) => r.length === 1)) return `[${m.map((r) => r[0]).join(', ')}]ᵀ`;
  if (m.length === 1) return `[${m[0].join(', ')}]`;
  return `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
}

