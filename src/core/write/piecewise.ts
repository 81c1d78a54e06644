/**
 * Piecewise (cases) display of results with a kink at a scalar u, for the functions whose records
 * give `cases`: the indicator step(u) = [u > 0] (the derivative of relu), relu(u) = max(0, u) and
 * min0(u) = min(0, u). For example
 * step(wᵀx + b)·xᵀ shows as
 *
 *   \begin{cases} \mathbf{0}^{\top} & \mathbf{w}^{\top}\mathbf{x} + b \le 0 \\
 *                 \mathbf{x}^{\top} & \mathbf{w}^{\top}\mathbf{x} + b > 0 \end{cases}
 *
 * Each branch substitutes the branch's value for every kink at u and applies a few local identities
 * that are exact for real arrays (0·a = 0, 1·a = a, a + 0 = a, f(0) = 0 for odd-ish f, …); nothing
 * else is rewritten.
 */
import {
  Expr, postorder, num, zeros, ones, rawAdd, rawMul, rawHadamard, withArgs,
} from '../model/expr';
import { isScalar, sameShape, transposeShape } from '../model/shape';
import { functionRecord, type FunctionRecord } from '../functions/index';
import { toLatex, LatexOptions } from './latex';

/** A function with cases (its record's `cases`: step, relu, min0) at a scalar argument. */
const isKink = (e: Expr): boolean => e.op === 'fn' && functionRecord(e.name).cases !== undefined && isScalar(e.args[0].shape);

/** The first scalar kink in `e`, where its display splits into cases. */
export const firstKink = (e: Expr): Expr | undefined => postorder(e).find(isKink);

/** The cases display of `e` split at its first scalar kink, or undefined when it has none. */
export function piecewiseLatex(e: Expr, opts: LatexOptions = {}): string | undefined {
  const kink = firstKink(e);
  if (kink === undefined) return undefined;
  const u = kink.args[0];
  const off = substitute(e, u, false);
  const on = substitute(e, u, true);
  const ut = toLatex(u, opts);
  return `\\begin{cases} ${toLatex(off, opts)} & ${ut} \\le 0 \\\\ ${toLatex(on, opts)} & ${ut} > 0 \\end{cases}`;
}

/** The value of a kink at u on a branch, from its record: step → 0/1, relu → 0/u, min0 → u/0. */
function branchValue(kink: Expr, positive: boolean): Expr {
  const cases = functionRecord(kink.name).cases as NonNullable<FunctionRecord['cases']>;
  const value = positive ? cases.positive : cases.negative;
  return value === 'identity' ? kink.args[0] : num(value === 'one' ? 1 : 0);
}

/** `e` with every kink at `u` replaced by its value on one branch, tidied locally. */
export function substitute(e: Expr, u: Expr, positive: boolean): Expr {
  const done = new Map<Expr, Expr>();
  for (const n of postorder(e)) {
    if (isKink(n) && n.args[0] === u) {
      done.set(n, branchValue(n, positive));
      continue;
    }
    const args = n.args.map((a) => done.get(a) as Expr);
    done.set(n, args.every((a, i) => a === n.args[i]) ? n : tidy(n, args));
  }
  return done.get(e) as Expr;
}

const isZero = (e: Expr): boolean => e.op === 'zeros' || (e.op === 'num' && e.value === 0);
const isOne = (e: Expr): boolean => e.op === 'num' && e.value === 1;

/** Rebuild `e` with new children, applying only exact identities with 0 and 1. */
function tidy(e: Expr, args: readonly Expr[]): Expr {
  const zero = (): Expr => zeros(e.shape);
  switch (e.op) {
    case 'mul': {
      if (args.some(isZero)) return zero();
      const kept = args.filter((a) => !isOne(a));
      if (kept.length === 0) return num(1);
      if (kept.length === 1 && sameShape(kept[0].shape, e.shape)) return kept[0];
      return rawMul(kept);
    }
    case 'hadamard': {
      if (args.some(isZero)) return zero();
      const kept = args.filter((a) => !isOne(a) && !(a.op === 'ones' && sameShape(a.shape, e.shape)));
      if (kept.length === 0) return ones(e.shape);
      if (kept.length === 1 && sameShape(kept[0].shape, e.shape)) return kept[0];
      return rawHadamard(kept);
    }
    case 'kron':
      return args.some(isZero) ? zero() : withArgs(e, args);
    case 'add': {
      const kept = args.filter((a) => !isZero(a));
      if (kept.length === 0) return zero();
      if (kept.length === 1) return kept[0];
      return rawAdd(kept);
    }
    case 'transpose':
      if (isZero(args[0])) return zeros(transposeShape(args[0].shape));
      if (isScalar(args[0].shape) && args[0].op === 'num') return args[0];
      return withArgs(e, args);
    case 'fn':
      return isZero(args[0]) && functionRecord(e.name).atZero === 0 ? zero() : withArgs(e, args);
    case 'sum':
    case 'mean':
    case 'norm1':
    case 'norm2':
    case 'tr':
    case 'entry':
      return isZero(args[0]) ? num(0) : withArgs(e, args);
    case 'diagm':
    case 'diagv':
    case 'vec':
      return isZero(args[0]) ? zero() : withArgs(e, args);
    case 'pow':
      return isZero(args[0]) && args[1].op === 'num' && (args[1].value as number) > 0 ? zero() : withArgs(e, args);
    default:
      return withArgs(e, args);
  }
}
