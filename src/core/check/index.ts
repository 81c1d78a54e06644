/**
 * `check`: is a claimed derivative right, and if not, what went wrong? The claim is read like the
 * expression (claim.ts); the true derivative is computed in every layout; the verdict is exact when
 * the claim and the derivative have the same normal form (simplify/normalize), else numeric at
 * several random points of several sizes (points.ts, compare.ts); a wrong claim gets the most
 * specific diagnosis (diagnose.ts).
 */
import type { CheckRequest, CheckResult, Layout, Outcome } from '../api';
import type { Derivative } from '../calculus/form';
import { differentiate } from '../calculus/derive';
import { UnsupportedDerivative } from '../calculus/unsupported';
import { applyLayout } from '../present/layout';
import { Expr, freeVariables } from '../model/expr';
import { isScalar, sameShape, shapeKind } from '../model/shape';
import { normalize } from '../simplify/simplify';
import { transpose } from '../simplify/matrix';
import { budgeted, dimensionsOf, prepare, present, render } from '../service';
import { readClaim } from './claim';
import { withOpenSizes } from './openSizes';
import { dimensionSymbols } from '../numeric/index';
import { TOLERANCE, equalAt, type Judge } from './compare';
import { diagnose, type Variant } from './diagnose';
import { samplePoints } from './points';
import { checkSizeProblem } from '../limits/index';
import { onStated } from '../statedDerivative';

const LAYOUTS: readonly Layout[] = ['numerator', 'denominator', 'mixed'];
const SEED = 0xc1a1;

/** The derivative in every layout, the requested one first, layouts giving the same expression merged. */
function variants(d: Derivative, layout: Layout): Variant[] {
  const out: { layouts: Layout[]; expr: Expr; key: Expr }[] = [];
  for (const l of [layout, ...LAYOUTS.filter((x) => x !== layout)]) {
    const key = normalize(applyLayout(d, l));
    const same = out.find((v) => v.key === key);
    if (same) same.layouts.push(l);
    else out.push({ layouts: [l], expr: present(d, l), key });
  }
  return out.map(({ layouts, expr }) => ({ layouts, expr }));
}

export function checkClaim(req: CheckRequest): Outcome<CheckResult> {
  return onStated(req, (r) => budgeted(r, () => checkWithinBudget(r)));
}

function checkWithinBudget(req: CheckRequest): Outcome<CheckResult> {
  const p = prepare(req);
  if (!p.ok) return p;
  const { f, wrt, read } = p.value;
  const layout = req.layout ?? 'numerator';
  const order = req.order ?? 1;
  const claimRead = readClaim(req.claim, req.expr, req.where, req.from ?? 'auto', read);
  if (!claimRead.ok) return claimRead;
  const claim = claimRead.value.expr;
  let d: Derivative;
  try {
    d = differentiate(f, wrt, order);
  } catch (e) {
    if (e instanceof UnsupportedDerivative) return { ok: false, error: { message: e.message, code: 'derive.unsupported', start: 0, end: req.expr.length } };
    throw e;
  }
  const truths = variants(d, layout);
  // A bare 𝟏 of the claim takes the size the truth gives it (openSizes.ts).
  const known = dimensionSymbols([...read.variables, ...(read.unused ?? [])]);
  const asRow = claimRead.value.oneDimensional ? oriented(claim, truths[0].expr) : claim;
  const sized = withOpenSizes(asRow, truths.map((v) => v.expr), new Set(known.keys()));
  const verdict = judge({ f, wrt, variants: truths, claim: sized, layout, order, exact: normalize(applyLayout(d, layout)), unused: read.unused }, req.expr.length);
  return verdict.ok && asRow !== claim ? { ok: true, value: { ...verdict.value, oneDimensional: true } } : verdict;
}

/**
 * A NumPy 1-D claim (read as a column) has no orientation: the gradient of a scalar by a 1-D x is
 * a 1-D array, what jax.grad and torch's .grad give. Where the requested layout's derivative is a
 * row of the claim's length, the claim is that row.
 */
function oriented(claim: Expr, expected: Expr): Expr {
  const { rows, cols } = expected.shape;
  const isRow = rows === 1 && cols !== 1;
  return isRow && claim.shape.cols === 1 && claim.shape.rows === cols ? transpose(claim) : claim;
}

export interface JudgeInput {
  /** The function (its variables and kinks decide the points). */
  readonly f: Expr;
  readonly wrt: readonly Expr[];
  /** The truth in every layout, the requested one first. */
  readonly variants: readonly Variant[];
  readonly claim: Expr;
  readonly layout: Layout;
  readonly order: 1 | 2;
  /** The truth's normal form, when it is known: a claim with the same one is correct exactly. */
  readonly exact?: Expr;
  /** The declared variables f does not use (ReadResult.unused): their names are not spelled by juxtaposed letters. */
  readonly unused?: readonly Expr[];
}

/** The verdict on a read claim against a truth: exact, else numeric, and a diagnosis when wrong. */
export function judge(input: JudgeInput, spanEnd = 0): Outcome<CheckResult> {
  const { f, wrt, claim, layout, order } = input;
  const expected = input.variants[0].expr;
  // Written for a reader given the declarations of f's variables, as derive() writes its result (a size no variable has: sum(𝟏_q)).
  const dimensions = dimensionsOf(f, input.unused);
  const base = {
    expected: render(expected, undefined, undefined, dimensions),
    claim: render(claim, undefined, undefined, dimensions),
    layout,
    order,
    wrt: wrt.map((v) => v.name as string),
  };
  const normal = normalize(claim);
  if (claim === expected || normal === (input.exact ?? normalize(expected))) {
    return { ok: true, value: { ...base, verdict: 'correct', method: 'exact', tolerance: 0, samples: 0 } };
  }
  const tooLarge = checkSizeProblem([f, expected, claim], wrt, { order: 1, withGradient: false });
  if (tooLarge) {
    const message = tooLarge.message.replace(/; the derivative is given without a numerical check$/, '; the claim cannot be checked numerically');
    return { ok: false, error: { ...tooLarge, message, start: 0, end: spanEnd } };
  }
  const vars = [...freeVariables(f), ...freeVariables(claim), ...wrt];
  const points = samplePoints(vars, [f, expected, claim], { seed: SEED });
  if (!points.ok) return { ok: false, error: { ...points.error, start: 0, end: spanEnd } };
  const envs = points.value;
  const symmetricWrt = order === 1 && wrt.length === 1 && wrt[0].symmetric === true && isScalar(f.shape) && shapeKind(wrt[0].shape) === 'matrix' && claim.shape.rows === claim.shape.cols;
  const judge: Judge = { envs, symmetricPart: symmetricWrt };
  const numeric = { method: 'numeric' as const, tolerance: TOLERANCE, samples: envs.length };
  if (sameShape(claim.shape, expected.shape) && equalAt(claim, expected, judge)) {
    return { ok: true, value: { ...base, verdict: 'correct', ...numeric } };
  }
  const diagnosis = diagnose({ f, wrt, layout, variants: input.variants, claim, judge, seed: SEED, dimensions });
  return { ok: true, value: { ...base, verdict: 'incorrect', diagnosis, ...numeric } };
}

