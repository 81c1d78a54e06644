/**
 * Distribute scalar sums where that makes an expression smaller: σ(1 − σ)((1 − y)/(1 − σ) − y/σ)
 * becomes σ(1 − y) − (1 − σ)y and then σ − y once like terms cancel. A product is distributed
 * over one of its 1×1 sum factors, a sum over the products among its terms; each rewrite is kept
 * only when the result is strictly smaller (so the pass terminates) and the number of terms stays
 * bounded. Sound: distributivity only.
 */
import { Expr, postorder, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { add, mul } from '../simplify/build';

const MAX_TERMS = 32;

/** a·(b + c)·d → a·b·d + a·c·d over the i-th factor, a 1×1 sum. */
function distributeAt(m: Expr, i: number): Expr[] {
  return m.args[i].args.map((t) => mul(...m.args.map((f, j) => (j === i ? t : f))));
}

const isSumFactor = (f: Expr): boolean => f.op === 'add' && isScalar(f.shape) && f.args.length <= MAX_TERMS;

const sumFactors = (m: Expr): number[] => (m.op !== 'mul' ? [] : m.args.flatMap((f, i) => (isSumFactor(f) ? [i] : [])));

/** The first distribution, for terms of a sum. */
function distributeOnce(m: Expr): Expr[] | undefined {
  const [i] = sumFactors(m);
  return i === undefined ? undefined : distributeAt(m, i);
}

/** Distribute over whichever sum factor gives the smallest result, if any is smaller. */
function tryMul(m: Expr): Expr {
  let best = m;
  for (const i of sumFactors(m)) {
    const candidate = trySum(add(...distributeAt(m, i)));
    if (candidate.size < best.size) best = candidate;
  }
  return best;
}

function trySum(s: Expr): Expr {
  if (s.op !== 'add') return s;
  const terms = s.args.flatMap((t) => distributeOnce(t) ?? [t]);
  if (terms.length > MAX_TERMS || terms.length === s.args.length) return s;
  const candidate = add(...terms);
  return candidate.size < s.size ? trySum(candidate) : s;
}

export function expandWhereSmaller(root: Expr): Expr {
  const nodes = postorder(root);
  // Without a product over a 1×1 sum nothing distributes, and every node would be rebuilt as itself.
  if (!nodes.some((e) => e.op === 'mul' && e.args.some(isSumFactor))) return root;
  const done = new Map<number, Expr>();
  for (const e of nodes) {
    let out = withArgs(e, e.args.map((a) => done.get(a.id) as Expr));
    if (out !== e && (out.op === 'mul' || out.op === 'add')) out = out.op === 'mul' ? mul(...out.args) : add(...out.args);
    if (out.op === 'mul') out = tryMul(out);
    else if (out.op === 'add') out = trySum(out);
    done.set(e.id, out);
  }
  return done.get(root.id) as Expr;
}
