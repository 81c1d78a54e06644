/**
 * Shrinking a failing case further than fast-check can (its shrinker keeps the drawn shape): replace
 * f by its smallest subexpression that still depends on the variables and still fails the same way,
 * and repeat. Order 2 needs a scalar subexpression; otherwise order 1 is tried too.
 */
import { postorder } from '../../src/core/model/expr';
import type { DerivativeCase } from './exprs';

/**
 * The smallest case that `failure` still fails (its failure `same` kind as the one before), starting
 * from `c` and its failure `first`.
 */
export function shrinkCase<F>(c: DerivativeCase, first: F, failure: (c: DerivativeCase) => F | undefined, same: (a: F, b: F) => boolean = () => true): { c: DerivativeCase; failure: F } {
  let best = c;
  let found = first;
  for (let improved = true; improved;) {
    improved = false;
    const candidates = postorder(best.f)
      .filter((e) => e !== best.f && e.size < best.f.size && best.wrt.every((v) => postorder(e).includes(v)))
      .sort((a, b) => a.size - b.size);
    for (const e of candidates) {
      const scalar = e.shape.rows === 1 && e.shape.cols === 1;
      const orders: (1 | 2)[] = best.order === 2 && scalar ? [2, 1] : [1];
      for (const order of orders) {
        const next = { f: e, wrt: best.wrt, order };
        const f = failure(next);
        if (f !== undefined && same(f, found)) {
          best = next;
          found = f;
          improved = true;
          break;
        }
      }
      if (improved) break;
    }
  }
  return { c: best, failure: found };
}
