/**
 * Forward mode for a scalar variable: the tangent ḟ = ∂f/∂x (f's shape) by the differential rules
 * (matrix-derivative-rules.md §2, the operator records in rules/) read with dx = 1. Used when x is a scalar: d/dx of scalars (Parr &
 * Howard's single-variable and total-derivative chain rules), and ∂f/∂x for vector or matrix f.
 *
 * Linear in deep compositions (issue 17): the tangent of a scalar node whose one dependent argument
 * is a scalar is a multiplier times that argument's tangent (sin(a)˙ = cos(a)·ȧ). Built eagerly,
 * each level would be a new flattened product of all the multipliers below it — sin(sin(…x…))
 * 10,000 deep made products of 1, 2, …, 10,000 factors, quadratic. Such tangents are kept as a
 * multiplier and a link to the argument (`Scaled`), and the product is built once, when a rule
 * or the result needs it (`materialize`), from the nearest tangent already built.
 */
import { variable, type Expr } from '../model/expr';
import { isScalar, SCALAR } from '../model/shape';
import { mul, num, zeros } from '../simplify/build';
import { dependentNodes } from './dependency';
import { tangentOf } from './rules/index';

export interface TangentTrace {
  onTangent?(u: Expr, tangent: Expr): void;
}

/** A tangent kept unbuilt: the product of `before`, the tangent of the node `inner`, and `after`. */
interface Scaled {
  readonly before: readonly Expr[];
  readonly after: readonly Expr[];
  readonly inner: Expr;
}

/** A fresh name for the stand-in tangent of each `tangent` call (not a name any reader accepts). */
let stand = 0;

/** `seed` is ẋ (1 by default); a symbolic direction dX of x's shape gives the differential df, linear in dX. */
export function tangent(f: Expr, x: Expr, trace?: TangentTrace, seed: Expr = num(1)): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const dot = new Map<number, Expr>();
  const scaled = new Map<number, Scaled>();
  const d = (e: Expr): Expr => dot.get(e.id) ?? (scaled.has(e.id) ? materialize(e, dot, scaled) : zeros(e.shape));
  // A stand-in for the dependent argument's tangent, newer than every node of f (see `multiplier`).
  const tau = trace === undefined ? variable(`#tangent${++stand}`, SCALAR) : undefined;
  for (const u of order) {
    if (!depends.has(u.id)) continue;
    if (u !== x && tau !== undefined) {
      const link = chainLink(u, depends, tau);
      if (link !== undefined) {
        scaled.set(u.id, link);
        continue;
      }
    }
    const t = u === x ? seed : tangentOf(u, d);
    dot.set(u.id, t);
    trace?.onTangent?.(u, t);
  }
  return d(f);
}

/** u̇ = m·ȧ for a scalar u whose one dependent argument a is a scalar, when the rule gives that form. */
function chainLink(u: Expr, depends: ReadonlySet<number>, tau: Expr): Scaled | undefined {
  if (!isScalar(u.shape)) return undefined;
  const dependent = u.args.filter((a) => depends.has(a.id));
  if (dependent.length !== 1 || !isScalar(dependent[0].shape)) return undefined;
  const a = dependent[0];
  const t = tangentOf(u, (e) => (e === a ? tau : zeros(e.shape)));
  const sides = multiplier(t, tau);
  return sides === undefined ? undefined : { ...sides, inner: a };
}

/** The factors before and after τ in t = b·τ·c, when τ is one factor of t and in none of the others; else undefined. */
function multiplier(t: Expr, tau: Expr): { before: Expr[]; after: Expr[] } | undefined {
  if (t === tau) return { before: [], after: [] };
  if (t.op !== 'mul' || t.args.filter((g) => g === tau).length !== 1) return undefined;
  const others = t.args.filter((g) => g !== tau);
  // Nodes older than τ cannot contain it (ids grow), so only the rule's new nodes are searched.
  const stack = others.filter((g) => g.id > tau.id);
  while (stack.length > 0) {
    const g = stack.pop() as Expr;
    if (g === tau) return undefined;
    for (const c of g.args) if (c.id >= tau.id) stack.push(c);
  }
  const at = t.args.indexOf(tau);
  return { before: t.args.slice(0, at), after: t.args.slice(at + 1) };
}

/** The tangent of e built: the nearest built tangent inside its multipliers, each on its side, in order. */
function materialize(e: Expr, dot: Map<number, Expr>, scaled: ReadonlyMap<number, Scaled>): Expr {
  const before: Expr[] = [];
  const after: (readonly Expr[])[] = [];
  let at = e;
  let link = scaled.get(at.id);
  while (link !== undefined && !dot.has(at.id)) {
    before.push(...link.before);
    after.push(link.after);
    at = link.inner;
    link = scaled.get(at.id);
  }
  const base = dot.get(at.id) ?? zeros(at.shape);
  const t = mul(...before, base, ...after.reverse().flat());
  dot.set(e.id, t);
  return t;
}
