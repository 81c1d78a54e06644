/**
 * Substitution of intermediate variables by their definitions. The rebuild is raw (`withArgs`):
 * nodes keep exactly the structure asked for, so expanding a definition gives back the very
 * sub-expression of f it was made from (hash-consing), and "substitute back" shows the substitution
 * itself, not a simplification of it. Shared sub-expressions are expanded once (memo by node).
 */
import { Expr, postorder, withArgs } from '../model/expr';
import type { Definitions } from './step';

export class Expander {
  private readonly memo = new Map<Expr, Expr>();

  constructor(private readonly defs: Definitions, private readonly keep: ReadonlySet<Expr> = new Set()) {}

  expand(e: Expr): Expr {
    const known = this.memo.get(e);
    if (known) return known;
    // Definitions refer only to earlier intermediates, so expanding them first (iteratively, in
    // order of dependence) keeps the recursion shallow.
    for (const n of postorder(e)) {
      if (this.memo.has(n)) continue;
      let out: Expr;
      const def = n.op === 'var' && !this.keep.has(n) ? this.defs.get(n) : undefined;
      if (def !== undefined) out = this.expandDefinition(def);
      else out = withArgs(n, n.args.map((a) => this.memo.get(a) as Expr));
      this.memo.set(n, out);
    }
    return this.memo.get(e) as Expr;
  }

  private expandDefinition(def: Expr): Expr {
    // Collect the chain of definitions this one needs, deepest first, and expand them in that order.
    const pending: Expr[] = [def];
    const order: Expr[] = [];
    const visited = new Set<Expr>();
    while (pending.length > 0) {
      const d = pending.pop() as Expr;
      if (visited.has(d)) continue;
      visited.add(d);
      order.push(d);
      for (const n of postorder(d)) {
        const inner = n.op === 'var' && !this.keep.has(n) && !this.memo.has(n) ? this.defs.get(n) : undefined;
        if (inner !== undefined) pending.push(inner);
      }
    }
    for (let k = order.length - 1; k >= 1; k--) this.expand(order[k]);
    return this.expand(def);
  }
}

/** `e` with every intermediate variable (except those in `keep`) replaced by its definition, recursively. */
export function expand(e: Expr, defs: Definitions, keep: readonly Expr[] = []): Expr {
  return new Expander(defs, new Set(keep)).expand(e);
}

/** `e` with every occurrence of the node `from` replaced by `to` (raw rebuild). */
export function replaceNode(e: Expr, from: Expr, to: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const n of postorder(e)) done.set(n, n === from ? to : withArgs(n, n.args.map((a) => done.get(a) as Expr)));
  return done.get(e) as Expr;
}

/**
 * `e` with every occurrence of each key of `to` replaced by its value, all at once (raw rebuild): the
 * values are not walked. replaceNode one key after another walks each value put in by the ones before.
 */
export function replaceNodes(e: Expr, to: ReadonlyMap<Expr, Expr>): Expr {
  const done = new Map<Expr, Expr>();
  for (const n of postorder(e)) done.set(n, to.get(n) ?? withArgs(n, n.args.map((a) => done.get(a) as Expr)));
  return done.get(e) as Expr;
}

/** Does `e` use any of the intermediate variables? */
export function usesIntermediates(e: Expr, defs: Definitions): boolean {
  return postorder(e).some((n) => n.op === 'var' && defs.has(n));
}
