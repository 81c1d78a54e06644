/**
 * The links of homogeneous chains, sin(sin(…sin(q)…)), tanh(tanh(…)): a node of one argument that
 * is not a leaf, whose argument or one of whose parents is the same function of one argument. The
 * result's named and binding forms name each such link that is written twice however short it is
 * (./cse.ts, ./bindings.ts), so a chain reads link by link — u₁ = sin(q), u₂ = sin(u₁), … — as the
 * steps name it (derivation/structure.ts continues the family: u₆ = sin(u₅)). Repeating the short
 * links named every other one (u₁ = sin(sin(q)), u₂ = sin(sin(u₁))), and the steps then called the
 * links between by another letter (v₁ = sin(q), u₁ = sin(v₁), v₂ = sin(u₁), …). Linear in the DAG.
 */
import type { Expr } from '../model/expr';

const sameFunction = (a: Expr, b: Expr): boolean => a.args.length === 1 && b.args.length === 1 && a.op === b.op && a.name === b.name && a.value === b.value;

/** The ids of the chain links among `order` (a DAG's nodes, children first). */
export function chainLinks(order: readonly Expr[]): Set<number> {
  const links = new Set<number>();
  for (const e of order) {
    if (e.args.length !== 1) continue;
    const a = e.args[0];
    if (sameFunction(e, a)) {
      links.add(e.id);
      links.add(a.id);
    }
  }
  return links;
}
