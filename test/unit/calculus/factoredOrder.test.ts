/**
 * calculus/jacobianLinks.ts `factoredOrder`: the terms of one node of the links' tree in the order
 * present/factor.ts's greedy factoring gives the flat sum they stand for. It took the largest term
 * (two contributions or more) to the front, again until none was left, each time scanning all of them:
 * quadratic in a node's terms — where 2,000 branches over one shared state meet (each reaching x twice),
 * 4,006,070 steps, 408 ms of a 4.2 s request's profile. Now one sort. The order must not change: checked
 * against that greedy loop, kept here as the definition, on random term lists with many ties.
 */
import * as assert from 'node:assert/strict';
import { factoredOrder, type Term } from '../../../src/core/calculus/jacobianLinks';
import { num } from '../../../src/core/model/expr';
import { generator } from '../seeded';

/** The greedy loop factoredOrder was: the largest untaken term of size ≥ 2 (the first of equals) to the front, until none is left. */
function greedy(terms: Term[]): Term[] {
  terms.sort((a, b) => a.first - b.first);
  let order = terms;
  const taken = new Set<Term>();
  for (;;) {
    let best: Term | undefined;
    for (const t of order) if (!taken.has(t) && t.size >= 2 && (best === undefined || t.size > best.size)) best = t;
    if (best === undefined) return order;
    taken.add(best);
    const chosen = best;
    order = [chosen, ...order.filter((t) => t !== chosen)];
  }
}

describe('calculus: the order of a links node\'s terms (factoredOrder)', () => {
  it('is the greedy factoring\'s order on 2,000 random term lists', () => {
    for (let seed = 1; seed <= 2_000; seed++) {
      const pick = generator(seed);
      const count = pick(40);
      const sizes = 1 + pick(6);
      // `first`s (a contribution's index) in a random order, some equal; sizes from a few values, so many tie.
      const terms: Term[] = Array.from({ length: count }, (_, i) => ({ expr: num(i), first: pick(2 * count), size: 1 + pick(sizes) }));
      assert.deepEqual(factoredOrder(terms.slice()).map((t) => t.expr.value), greedy(terms.slice()).map((t) => t.expr.value), `seed ${seed}`);
    }
  });

  it('puts the terms standing for several contributions first, the last taken in front, then the others as they came', () => {
    const t = (first: number, size: number): Term => ({ expr: num(first), first, size });
    const order = factoredOrder([t(5, 1), t(1, 3), t(2, 1), t(4, 3), t(3, 2), t(0, 7)]);
    assert.deepEqual(order.map((x) => x.first), [3, 4, 1, 0, 2, 5]);
  });
});
