/**
 * Forward mode for a scalar variable: the tangent ḟ = ∂f/∂x (f's shape) by the differential rules
 * (matrix-derivative-rules.md §2, the operator records in rules/) read with dx = 1. Used when x is a scalar: d/dx of scalars (Parr &
 * Howard's single-variable and total-derivative chain rules), and ∂f/∂x for vector or matrix f.
 *
 * Linear in deep compositions (issue 17): the tangent of a scalar node whose one dependent argument
 * is a scalar is a multiplier times that argument's tangent (sin(a)˙ = cos(a)·ȧ), kept unbuilt as a
 * link to the argument (deferred.ts) and built once, when a rule or the result needs it.
 */
import type { Expr } from '../model/expr';
import { isScalar, SCALAR } from '../model/shape';
import { num, zeros } from '../simplify/build';
import { built, memberOf, multiplier, rememberedMultiplier, standIn, type Link, type Multiplier } from './deferred';
import { dependentArgs, dependentNodes } from './dependency';
import { statedTangentMultiplier, tangentOf } from './rules/index';

export interface TangentTrace {
  onTangent?(u: Expr, tangent: Expr): void;
}

/** `seed` is ẋ (1 by default); a symbolic direction dX of x's shape gives the differential df, linear in dX. */
export function tangent(f: Expr, x: Expr, trace?: TangentTrace, seed: Expr = num(1)): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const dot = new Map<number, Expr>();
  const scaled = new Map<number, Link<Expr>>();
  const linkOf = (e: Expr): Link<Expr> | undefined => (dot.has(e.id) ? undefined : scaled.get(e.id));
  const d = (e: Expr): Expr => {
    const known = dot.get(e.id);
    if (known !== undefined) return known;
    if (!scaled.has(e.id)) return zeros(e.shape);
    const t = built(e, linkOf, (a) => dot.get(a.id) ?? zeros(a.shape), 'mul');
    dot.set(e.id, t);
    return t;
  };
  const given = memberOf(order);
  for (const u of order) {
    if (!depends.has(u.id)) continue;
    if (u !== x && trace === undefined) {
      const link = chainLink(u, x, depends, given);
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

/**
 * u̇ = m·ȧ for a scalar u whose one dependent argument a is a scalar, when the rule gives that form;
 * not for a = x, whose tangent is the seed itself, a value already built: the rule applies to it at once.
 */
function chainLink(u: Expr, x: Expr, depends: ReadonlySet<number>, given: (e: Expr) => boolean): Link<Expr> | undefined {
  if (!isScalar(u.shape)) return undefined;
  const dependent = dependentArgs(u, depends);
  if (dependent.length !== 1) return undefined;
  const a = u.args[dependent[0]];
  if (!isScalar(a.shape) || a === x) return undefined;
  const sides = tangentMultiplier(u, dependent[0], given);
  return sides === null || sides.op === 'hadamard' ? undefined : { before: sides.before, after: sides.after, op: sides.op, inner: a };
}

/** The multiplier m of u̇ = m·τ: as u's record states it, or else found with τ. */
const tangentMultiplier = rememberedMultiplier((u, i, given) => statedTangentMultiplier(u, i) ?? tangentMultiplierWithStandIn(u, i, given));

/** The multiplier m of u̇ = m·τ found with τ: u's rule with τ for the tangent of its i-th argument and 0 for the others'. */
export function tangentMultiplierWithStandIn(u: Expr, i: number, given: (e: Expr) => boolean): Multiplier | undefined {
  const a = u.args[i];
  const tau = standIn(SCALAR);
  return multiplier(tangentOf(u, (e) => (e === a ? tau : zeros(e.shape))), tau, given);
}
