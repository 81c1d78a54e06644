/**
 * Whether a large sum holds a term with a given rest (add()'s like-term key), in itself or down the
 * large sums it keeps whole (simplify/build.ts largeSumKept). A walk down the kept sums took k steps
 * for the k-th sum of a chain — a residual network's hₖ = hₖ₋₁ + uₖ, each keeping the one before —
 * and add() asks at every layer: quadratic (issue 17). The rests of a chain are one table shared
 * along it instead: each rest with the depth of the first sum of the chain that holds it, so that the
 * sum at depth d holds those of depth ≤ d. A sum kept by a second one (a fork) gets its own copy.
 */
import type { Expr } from '../model/expr';

/** A sum's own rests (through its small nested sums) and the large sums it keeps. */
export interface OwnTerms {
  readonly rests: ReadonlySet<number>;
  readonly kept: readonly Expr[];
}

interface Chain {
  readonly depthOf: Map<number, number>;
  /** The last sum added to the chain: only a sum that keeps it may share the table. */
  tip: Expr;
}

interface Reach {
  readonly chain: Chain;
  readonly depth: number;
}

/** hasRest(sum, id), from each sum's own terms (`termsOf`); `checkpoint` at every step (the budget's). */
export function keptRests(termsOf: (sum: Expr) => OwnTerms, checkpoint: () => void): (sum: Expr, id: number) => boolean {
  const known = new WeakMap<Expr, Reach>();

  const held = (r: Reach, id: number): boolean => {
    const d = r.chain.depthOf.get(id);
    return d !== undefined && d <= r.depth;
  };

  function reachOf(sum: Expr): Reach {
    // Down the sums that keep one large sum each, to one whose table is known or to the chain's first.
    const path: Expr[] = [];
    let at: Expr | undefined = sum;
    while (at !== undefined && !known.has(at)) {
      checkpoint();
      path.push(at);
      const { kept } = termsOf(at);
      at = kept.length === 1 ? kept[0] : undefined;
    }
    let below = at === undefined ? undefined : known.get(at);
    for (let i = path.length - 1; i >= 0; i--) {
      const s = path[i];
      const { rests, kept } = termsOf(s);
      let r: Reach;
      if (below !== undefined) {
        const chain = below.chain.tip === kept[0] ? below.chain : copied(below);
        r = { chain, depth: below.depth + 1 };
        for (const id of rests) {
          checkpoint();
          if (!chain.depthOf.has(id)) chain.depthOf.set(id, r.depth);
        }
        chain.tip = s;
      } else {
        // The first of a chain: its own rests and those of every large sum it keeps (none, or several).
        const depthOf = new Map<number, number>();
        for (const id of rests) depthOf.set(id, 0);
        for (const k of kept) {
          const rk = reachOf(k);
          for (const [id, d] of rk.chain.depthOf) {
            checkpoint();
            if (d <= rk.depth) depthOf.set(id, 0);
          }
        }
        r = { chain: { depthOf, tip: s }, depth: 0 };
      }
      known.set(s, r);
      below = r;
    }
    return known.get(sum) as Reach;
  }

  /** The rests a sum of a chain holds, apart from those added after it. */
  function copied(r: Reach): Chain {
    const depthOf = new Map<number, number>();
    for (const [id, d] of r.chain.depthOf) {
      checkpoint();
      if (d <= r.depth) depthOf.set(id, d);
    }
    return { depthOf, tip: r.chain.tip };
  }

  return (sum, id) => held(reachOf(sum), id);
}
