/**
 * Presentation order, applied last (after layout and factoring): values unchanged, only the way a
 * result is written. A transpose of a sum is distributed when that removes transposes
 * ((Aᵀ + A)ᵀ → A + Aᵀ) and kept otherwise ((Ax − b)ᵀ stays); in sums, positive terms come before
 * negative ones and untransposed before transposed ((A + Aᵀ), not (Aᵀ + A)); in products, numbers,
 * then powers of variables in the order of their names, then the rest (6x²cos(x³)/sin(x³); ab sin(ab), never ba).
 */
import { Expr, postorder, rawAdd, rawMul, rawTranspose, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { splitCoefficient, transpose } from '../simplify/build';
import { flattenSame } from './factor';

/** countOp never counts past this: tidy only compares counts below it. */
const COUNT_CAP = 99;
const opCounts = new Map<Expr['op'], WeakMap<Expr, number>>();

/**
 * Occurrences of `op` in the tree of `root`, capped; memoized per node (nodes are hash-consed and
 * immutable) and computed iteratively, so tidying is linear in the DAG.
 */
function countOp(root: Expr, op: Expr['op']): number {
  let memo = opCounts.get(op);
  if (!memo) opCounts.set(op, (memo = new WeakMap()));
  const stack: [Expr, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [e, expanded] = stack.pop() as [Expr, boolean];
    if (memo.has(e)) continue;
    if (!expanded) {
      stack.push([e, true]);
      for (const a of e.args) if (!memo.has(a)) stack.push([a, false]);
      continue;
    }
    let n = e.op === op ? 1 : 0;
    for (const a of e.args) n += memo.get(a) as number;
    memo.set(e, Math.min(n, COUNT_CAP));
  }
  return memo.get(root) as number;
}

/** A term's structure with transposes ignored: terms equal up to transposes (A, Aᵀ) share it. */
function transposeFreeKey(t: Expr): string {
  if (t.size > 64) return `#${t.id}`;
  const key = new Map<number, string>();
  for (const e of postorder(t)) {
    const args = e.args.map((a) => key.get(a.id) as string);
    key.set(e.id, e.op === 'transpose' ? args[0] : `${e.op}:${e.name ?? ''}:${e.value ?? ''}(${args.join(',')})`);
  }
  return key.get(t.id) as string;
}

/** Sort keys for the terms of a sum: the written order, but negative terms last and A before Aᵀ. */
function termKeys(terms: readonly Expr[]): number[] {
  const groupStart = new Map<string, number>();
  return terms.map((t, i) => {
    const [c] = splitCoefficient(t);
    const k = transposeFreeKey(t);
    if (!groupStart.has(k)) groupStart.set(k, i);
    const transposes = countOp(t, 'transpose') + countOp(t, 'inv');
    return (c.n < 0n ? 1e6 : 0) + (groupStart.get(k) as number) * 100 + Math.min(transposes, 99);
  });
}

function factorRank(f: Expr): number {
  if (f.op === 'num' || f.op === 'const') return 0;
  if (f.op === 'var') return 1;
  if (f.op === 'pow' && f.args[0].op === 'var' && f.args[1].op === 'num' && (f.args[1].value as number) > 0) return 1;
  if (f.op === 'pow' && f.args[1].op === 'num' && (f.args[1].value as number) < 0) return 3;
  return 2;
}

/** A power of a variable's name (x for x and x²), for the order of scalar factors: ab, never ba beside it. */
const variableName = (f: Expr): string => (f.op === 'var' ? (f.name as string) : (f.args[0].name as string));
const NAMES = new Intl.Collator('en', { numeric: true });

/** Scalar factors: by rank, variables (and their powers) by name (a before b, x2 before x10), the rest as they were. */
function sortScalars(xs: readonly Expr[]): Expr[] {
  return xs
    .map((x, i) => [x, i, factorRank(x)] as const)
    .sort((a, b) => a[2] - b[2] || (a[2] === 1 ? NAMES.compare(variableName(a[0]), variableName(b[0])) : 0) || a[1] - b[1])
    .map((p) => p[0]);
}

function stableSortBy<T>(xs: readonly T[], key: (x: T) => number): T[] {
  return xs.map((x, i) => [x, i, key(x)] as const).sort((a, b) => a[2] - b[2] || a[1] - b[1]).map((p) => p[0]);
}

export function tidy(root: Expr): Expr {
  const done = new Map<number, Expr>();
  for (const e of postorder(root)) {
    let out = flattenSame(withArgs(e, e.args.map((a) => done.get(a.id) as Expr)));
    out = scalarsOutOfTranspose(out);
    if (out.op === 'transpose' && out.args[0].op === 'add') {
      const pushed = out.args[0].args.map(transpose);
      if (pushed.reduce((n, t) => n + countOp(t, 'transpose'), 0) < countOp(out, 'transpose')) {
        out = tidyAdd(rawAdd(pushed));
      }
    } else if (out.op === 'add') {
      out = tidyAdd(out);
    }
    if (out.op === 'mul') {
      const scalars = out.args.filter((f) => isScalar(f.shape));
      const chain = out.args.filter((f) => !isScalar(f.shape));
      const sorted = [...sortScalars(scalars), ...chain];
      if (sorted.some((f, i) => f !== out.args[i])) out = rawMul(sorted);
    }
    done.set(e.id, out);
  }
  return done.get(root.id) as Expr;
}

/**
 * (cA)ᵀ = c·Aᵀ for scalars c and one matrix A: ((P − Y)/N)ᵀ𝟏 is written (P − Y)ᵀ𝟏/N, the scalar
 * beside the product as the textbooks print it. A product of several matrices keeps its transpose.
 */
function scalarsOutOfTranspose(e: Expr): Expr {
  if (e.op !== 'transpose' || e.args[0].op !== 'mul') return e;
  const inner = e.args[0].args;
  const chain = inner.filter((f) => !isScalar(f.shape));
  if (chain.length !== 1 || chain.length === inner.length) return e;
  return rawMul([...inner.filter((f) => isScalar(f.shape)), rawTranspose(chain[0])]);
}

function tidyAdd(e: Expr): Expr {
  const keys = termKeys(e.args);
  const sorted = stableSortBy(e.args.map((t, i) => [t, keys[i]] as const), (p) => p[1]).map((p) => p[0]);
  return sorted.every((t, i) => t === e.args[i]) ? e : rawAdd(sorted);
}
