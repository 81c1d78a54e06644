/**
 * Random points for numeric checks: random sizes for the symbolic dimensions (see dims.ts) and
 * random values for the variables that respect their declarations and the functions' domains.
 *
 * Values: entries uniform in [−range, range] (default range 2) or standard normal; a variable
 * declared symmetric gets its upper triangle mirrored; a variable that feeds log, sqrt or a
 * non-integer power directly (possibly through a transpose, vec, entry, diag or a literal) gets
 * entries uniform in [0.5, 2], one that feeds asin, acos or atanh in (−0.9, 0.9), one that feeds
 * acosh in [1.1, 3]. A point is accepted when every subexpression of the roots is finite
 * (log of a negative, a singular inverse... give NaN/±∞): otherwise another point is drawn, with
 * all variables positive in [0.5, 2] for the second half of the tries. Among finite points, one
 * whose largest intermediate value is at most `maxMagnitude` is preferred (finite differences lose
 * accuracy on huge values); if none is, the finite point with the smallest magnitude is returned.
 * No finite point after `maxTries` draws is a Diagnostic, not a throw.
 */
import { Matrix } from 'ml-matrix';
import { Expr, freeVariables } from '../model/expr';
import { dimValue } from '../model/shape';
import type { Diagnostic, Outcome } from '../api';
import type { NumericEnv } from './env';
import type { Rng } from './rng';
import { DimRange, randomDims } from './dims';
import { evaluateNodes, evaluationOrder, Memo } from './evaluate';
import { isAllFinite, maxAbs } from './matrices';
import { POSITIVE_DOMAIN_FUNCTIONS } from './elementwise';
import { functionRecord } from '../functions/index';
import type { ElementwiseFunction } from '../model/expr';

export interface RandomEnvOptions extends DimRange {
  /** Sizes to use for these dimension symbols instead of random ones. */
  readonly dims?: ReadonlyMap<string, number>;
  /** 'uniform' in [−range, range] (default) or standard 'normal'. */
  readonly distribution?: 'uniform' | 'normal';
  /** Half-width of the uniform distribution (default 2). */
  readonly range?: number;
  /** Points drawn before giving up (default 20). */
  readonly maxTries?: number;
  /** Preferred bound on every intermediate value's magnitude (default 1e8). */
  readonly maxMagnitude?: number;
}

const POSITIVE_LO = 0.5;
const POSITIVE_HI = 2;
/** acosh needs u > 1 (its derivative 1/√(u² − 1) is infinite at 1). */
const ABOVE_ONE_LO = 1.1;
const ABOVE_ONE_HI = 3;

/** One variable per name (declared symmetric if any occurrence is). */
function distinctVariables(vars: readonly Expr[], roots: readonly Expr[]): { v: Expr; symmetric: boolean }[] {
  const byName = new Map<string, { v: Expr; symmetric: boolean }>();
  const all = [...vars, ...roots.flatMap((r) => freeVariables(r))];
  for (const v of all) {
    const name = v.name ?? '';
    const known = byName.get(name);
    if (known) known.symmetric ||= v.symmetric === true;
    else byName.set(name, { v, symmetric: v.symmetric === true });
  }
  return [...byName.values()];
}

/** Ops through which a variable's entries reach a function unchanged. */
const ENTRY_PRESERVING = new Set(['transpose', 'vec', 'entry', 'diagv', 'block']);

/** Names of variables that feed log, sqrt or a non-integer power directly. */
export function positiveDomainVariables(roots: readonly Expr[]): Set<string> {
  return variablesFeeding(roots, (e) => (e.op === 'fn' && POSITIVE_DOMAIN_FUNCTIONS.has(e.name as ElementwiseFunction))
    || (e.op === 'pow' && !(e.args[1].op === 'num' && Number.isInteger(e.args[1].value))));
}

/** Names of variables that feed a function of the domain directly: asin, acos, atanh (unit-interval), acosh (above-one). */
function domainVariables(roots: readonly Expr[], domain: 'unit-interval' | 'above-one'): Set<string> {
  return variablesFeeding(roots, (e) => e.op === 'fn' && functionRecord(e.name).domain === domain);
}

/** Names of variables whose entries reach the first argument of a node `needs` selects unchanged. */
function variablesFeeding(roots: readonly Expr[], needs: (e: Expr) => boolean): Set<string> {
  const out = new Set<string>();
  const mark = (e: Expr): void => {
    const stack = [e];
    while (stack.length > 0) {
      const a = stack.pop() as Expr;
      if (a.op === 'var') out.add(a.name ?? '');
      else if (ENTRY_PRESERVING.has(a.op)) stack.push(...a.args);
    }
  };
  for (const e of evaluationOrder(roots)) if (needs(e)) mark(e.args[0]);
  return out;
}

function randomMatrix(rows: number, cols: number, sample: () => number, symmetric: boolean): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, sample());
  if (symmetric && rows === cols) for (let i = 0; i < rows; i++) for (let j = 0; j < i; j++) m.set(i, j, m.get(j, i));
  return m;
}

/** Probabilities: positive entries, each row (a vector's entries) summing to 1. */
function randomProbabilities(rows: number, cols: number, sample: () => number): Matrix {
  const m = new Matrix(rows, cols);
  const byRow = cols > 1;
  const lines = byRow ? rows : 1;
  const length = byRow ? cols : rows;
  for (let l = 0; l < lines; l++) {
    const xs = Array.from({ length }, () => 0.05 + Math.abs(sample()));
    const total = xs.reduce((a, b) => a + b, 0);
    xs.forEach((x, k) => (byRow ? m.set(l, k, x / total) : m.set(k, 0, x / total)));
  }
  return m;
}

/**
 * A random environment for the variables `vars` and those of `root` (one expression or several
 * evaluated at the same point), with every subexpression of the roots finite.
 */
export function randomEnv(
  vars: readonly Expr[],
  root: Expr | readonly Expr[],
  rng: Rng,
  opts: RandomEnvOptions = {},
): Outcome<NumericEnv> {
  const roots: readonly Expr[] = Array.isArray(root) ? root : [root as Expr];
  const variables = distinctVariables(vars, roots);
  const positive = positiveDomainVariables(roots);
  const unit = domainVariables(roots, 'unit-interval');
  const aboveOne = domainVariables(roots, 'above-one');
  const order = evaluationOrder(roots);
  const maxTries = Math.max(1, opts.maxTries ?? 20);
  const maxMagnitude = opts.maxMagnitude ?? 1e8;
  const range = opts.range ?? 2;
  const general = opts.distribution === 'normal' ? () => rng.normal() : () => rng.uniform(-range, range);
  const positiveSample = (): number => rng.uniform(POSITIVE_LO, POSITIVE_HI);
  // acosh needs arguments above 1: its variables are drawn there on every try.
  const aboveOneSample = (): number => rng.uniform(ABOVE_ONE_LO, ABOVE_ONE_HI);
  // asin, acos and atanh need arguments in (−1, 1): their variables are drawn there, and once direct
  // draws have failed (2x, Ax), every variable is drawn small and positive.
  const bounded = order.some((e) => e.op === 'fn' && functionRecord(e.name).domain === 'unit-interval');
  const boundedSample = (inUnit: boolean, positiveHere: boolean, late: boolean): (() => number) | undefined => {
    if (bounded && late) return () => rng.uniform(0.05, 0.3);
    if (inUnit) return positiveHere ? () => rng.uniform(0.1, 0.9) : () => rng.uniform(-0.9, 0.9);
    return undefined;
  };

  let best: { env: NumericEnv; magnitude: number } | undefined;
  for (let t = 0; t < maxTries; t++) {
    const allPositive = t >= maxTries / 2 && maxTries > 1;
    const dims = randomDims([...roots, ...variables.map((x) => x.v)], rng, opts, opts.dims);
    const values = new Map<string, Matrix>();
    for (const { v, symmetric } of variables) {
      const rows = dimValue(v.shape.rows, dims);
      const cols = dimValue(v.shape.cols, dims);
      const positiveHere = allPositive || positive.has(v.name ?? '');
      const sample = aboveOne.has(v.name ?? '') ? aboveOneSample
        : boundedSample(unit.has(v.name ?? ''), positiveHere, allPositive) ?? (positiveHere ? positiveSample : general);
      values.set(v.name ?? '', v.probabilities ? randomProbabilities(rows, cols, sample) : randomMatrix(rows, cols, sample, symmetric));
    }
    const env: NumericEnv = { dims, values };
    const memo: Memo = new Map();
    evaluateNodes(order, env, memo);
    let finite = true;
    let magnitude = 0;
    for (const v of memo.values()) {
      if (!isAllFinite(v)) {
        finite = false;
        break;
      }
      magnitude = Math.max(magnitude, maxAbs(v));
    }
    if (!finite) continue;
    if (magnitude <= maxMagnitude) return { ok: true, value: env };
    if (!best || magnitude < best.magnitude) best = { env, magnitude };
  }
  if (best) return { ok: true, value: best.env };
  return { ok: false, error: noValidPoint(maxTries) };
}

function noValidPoint(tries: number): Diagnostic {
  return {
    code: 'numeric.no-valid-point',
    message: `no random point where the expression is defined (finite) was found in ${tries} tries`,
    start: 0,
    end: 0,
  };
}
