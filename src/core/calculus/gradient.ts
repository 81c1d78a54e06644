/**
 * Reverse mode for a scalar function: one sweep from f to the variable over the expression DAG,
 * visiting each node once (cost linear in the DAG). The adjoint of a node is the sum of what its
 * parents contribute (the total-derivative rule); each contribution is that parent's local rule
 * (rules/) applied to the parent's adjoint (the chain rule).
 *
 * Linear in deep compositions (issue 17): a node reached by one path, with one dependent argument,
 * whose rule passes back its adjoint times a multiplier (the adjoint of sin(a) is ū ⊙ cos(a)),
 * hands the argument a link to its adjoint instead (deferred.ts); the product is built once, where a
 * sum, another rule, a trace or x needs it.
 */
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { add, num, sumOfBuilt, zeros } from '../simplify/build';
import { adjointOf, statedAdjointMultiplier } from './rules/index';
import { built, memberOf, multiplier, rememberedMultiplier, sameProduct, standIn, type Link, type Multiplier } from './deferred';
import { contribute, dependentArgs, dependentNodes } from './dependency';

export interface AdjointTrace {
  /** Called for every node reached, with its total adjoint, in reverse topological order. */
  onAdjoint?(u: Expr, ubar: Expr, contributions: readonly Expr[]): void;
}

/** ∂f/∂x with x's shape (G_ij = ∂f/∂x_ij) for scalar f. */
export function gradient(f: Expr, x: Expr, trace?: AdjointTrace): Expr {
  if (!isScalar(f.shape)) throw new Error('gradient of a non-scalar');
  return pullback(f, num(1), x, trace);
}

/** A contribution to an adjoint: built, or the multiplier of another node's adjoint (the node's own, `inner`). */
type Part = Expr | Link<Part>;

const isLink = (p: Part): p is Link<Part> => 'inner' in p;

/** A part built: the links' factors around the nearest built adjoint. */
const builtPart = (p: Part): Expr => (isLink(p) ? built<Part>(p, (k) => (isLink(k) ? k : undefined), (k) => k as Expr) : p);

/**
 * Reverse mode from any node: given seed = ∂y/∂f (f's shape) for some scalar y, ∂y/∂x in x's shape.
 * gradient() is the pullback of the seed 1; derivations pull back through one definition at a time.
 */
export function pullback(f: Expr, seed: Expr, x: Expr, trace?: AdjointTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  if (!depends.has(f.id)) return zeros(x.shape);
  const pending = new Map<number, Part[]>([[f.id, [seed]]]);
  const given = memberOf(order);
  for (let k = order.length - 1; k >= 0; k--) {
    const u = order[k];
    const parts = pending.get(u.id);
    if (parts === undefined) continue;
    pending.delete(u.id);
    if (trace === undefined && u !== x && parts.length === 1) {
      const link = linkThrough(u, parts[0], depends, given);
      if (link !== undefined) {
        contribute(pending, u.args[link.index], link.link);
        continue;
      }
    }
    // The seed, f's one part, may be any expression; every other part is the builders' own.
    const ubar = u === f ? add(...parts.map(builtPart)) : sumOfBuilt(parts.map(builtPart));
    trace?.onAdjoint?.(u, ubar, parts.map(builtPart));
    if (u === x) return ubar;
    for (let i = 0; i < u.args.length; i++) {
      const a = u.args[i];
      if (depends.has(a.id)) contribute(pending, a, adjointOf(u, ubar, i));
    }
  }
  return zeros(x.shape);
}

/** ā = b·ū·c (or b ⊙ ū ⊙ c) for u's one dependent argument a, when its rule gives that form: the link, unbuilt. */
function linkThrough(u: Expr, ubar: Part, depends: ReadonlySet<number>, given: (e: Expr) => boolean): { index: number; link: Link<Part> } | undefined {
  const dependent = dependentArgs(u, depends);
  if (dependent.length !== 1) return undefined;
  const sides = adjointMultiplier(u, dependent[0], given);
  if (sides === null || !commutes(sides)) return undefined;
  const below = isLink(ubar) ? ubar.op : undefined;
  if (!sameProduct(sides.op, below)) return undefined;
  // Written out, not spread: an object spread per node was most of this function's own time.
  return { index: dependent[0], link: { before: sides.before, after: sides.after, op: sides.op ?? below, inner: ubar } };
}

/**
 * The factors b, c of u's adjoint rule for its i-th argument when the rule gives b·ū·c (or b ⊙ ū ⊙ c),
 * else null: as its record states them (no product built with τ), or else found with τ.
 */
const adjointMultiplier = rememberedMultiplier((u, i, given) => {
  const stated = statedAdjointMultiplier(u, i);
  return stated === undefined ? adjointMultiplierWithStandIn(u, i, given) : (stated ?? undefined);
});

/** The factors b, c of u's adjoint rule for its i-th argument found by applying the rule to the stand-in τ (see `multiplier`). */
export function adjointMultiplierWithStandIn(u: Expr, i: number, given: (e: Expr) => boolean): Multiplier | undefined {
  const tau = standIn(u.shape);
  return multiplier(adjointOf(u, tau, i), tau, given);
}

/**
 * Element-wise products, and products of scalars, give the same built at once as level by level
 * (their factors commute; the smart constructors collect them the same way). A matrix product is
 * rewritten a pair at a time, where the order of the rewrites can show: it is built at each level.
 */
export const commutes = (m: Multiplier): boolean => m.op !== 'mul' || [...m.before, ...m.after].every((g) => isScalar(g.shape));
