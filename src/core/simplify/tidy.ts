/**
 * Presentation order, applied last (after layout and factoring): values unchanged, only the way a
 * result is written. A transpose of a sum is distributed when that removes transposes
 * ((Aᵀ + A)ᵀ → A + Aᵀ) and kept otherwise ((Ax − b)ᵀ stays); in sums, positive terms come before
 * negative ones and untransposed before transposed ((A + Aᵀ), not (Aᵀ + A)); in products, numbers,
 * then powers of variables, then the rest (6x²cos(x³)/sin(x³)).
 */
import { Expr, postorder, rawAdd, rawMul, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { splitCoefficient, transpose } from './build';

function countOp(e: Expr, op: Expr['op']): number {
  let n = 0;
  for (const x of postorder(e)) if (x.op === op) n++;
  return n;
}

function termRank(t: Expr): number {
  const [c] = splitCoefficient(t);
  return (c < 0 ? 1000 : 0) + countOp(t, 'transpose') + countOp(t, 'inv');
}

function factorRank(f: Expr): number {
  if (f.op === 'num') return 0;
  if (f.op === 'var') return 1;
  if (f.op === 'pow' && f.args[0].op === 'var' && f.args[1].op === 'num' && (f.args[1].value as number) > 0) return 1;
  if (f.op === 'pow' && f.args[1].op === 'num' && (f.args[1].value as number) < 0) return 3;
  return 2;
}

function stableSortBy<T>(xs: readonly T[], key: (x: T) => number): T[] {
  return xs.map((x, i) => [x, i, key(x)] as const).sort((a, b) => a[2] - b[2] || a[1] - b[1]).map((p) => p[0]);
}

export function tidy(root: Expr): Expr {
  const done = new Map<number, Expr>();
  for (const e of postorder(root)) {
    let out = withArgs(e, e.args.map((a) => done.get(a.id) as Expr));
    if (out.op === 'transpose' && out.args[0].op === 'add') {
      const pushed = out.args[0].args.map(transpose);
      if (pushed.reduce((n, t) => n + countOp(t, 'transpose'), 0) < countOp(out, 'transpose')) {
        out = tidyAdd(rawAdd(pushed));
      }
    } else if (out.op === 'add') {
      out = tidyAdd(out);
    } else if (out.op === 'mul') {
      const scalars = out.args.filter((f) => isScalar(f.shape));
      const chain = out.args.filter((f) => !isScalar(f.shape));
      const sorted = [...stableSortBy(scalars, factorRank), ...chain];
      if (sorted.some((f, i) => f !== out.args[i])) out = rawMul(sorted);
    }
    done.set(e.id, out);
  }
  return done.get(root.id) as Expr;
}

function tidyAdd(e: Expr): Expr {
  const sorted = stableSortBy(e.args, termRank);
  return sorted.every((t, i) => t === e.args[i]) ? e : rawAdd(sorted);
}
