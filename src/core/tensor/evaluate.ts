/**
 * Evaluating an index formula at a numeric point, entry by entry: for given values of the free
 * letters, the sum over the summation indices of the product of the factors. Used to check the
 * index form against the matrix (vec/Kronecker) form of the same derivative.
 */
import { toNumber } from '../model/rational';
import type { Matrix } from 'ml-matrix';
import type { Expr } from '../model/expr';
import { dimValue } from '../model/shape';
import { evaluate, type NumericEnv } from '../numeric/index';
import type { Factor, IndexTerm } from './components';
import type { IndexFormula } from './formula';

/** The formula's value at the free letters' 0-based values `at`. */
export type IndexFunction = (at: ReadonlyMap<string, number>) => number;

export function indexFunction(formula: IndexFormula, env: NumericEnv): IndexFunction {
  const values = new Map<number, Matrix>();
  const valueOf = (e: Expr): Matrix => {
    let v = values.get(e.id);
    if (!v) {
      v = evaluate(e, env);
      values.set(e.id, v);
    }
    return v;
  };
  const factor = (f: Factor, at: ReadonlyMap<string, number>): number => {
    const ix = (x: string | null): number => (x === null ? 0 : (at.get(x) as number));
    if (f.kind === 'delta') return ix(f.a) === ix(f.b) ? 1 : 0;
    return valueOf(f.of).get(ix(f.r), ix(f.c));
  };
  const term = (t: IndexTerm, at: Map<string, number>): number => {
    const visit = (k: number): number => {
      if (k === t.sums.length) return t.factors.reduce((p, f) => p * factor(f, at), toNumber(t.coef));
      let total = 0;
      const n = dimValue(t.ranges?.[k] ?? 1, env.dims);
      for (let v = 0; v < n; v++) {
        at.set(t.sums[k], v);
        total += visit(k + 1);
      }
      at.delete(t.sums[k]);
      return total;
    };
    return visit(0);
  };
  return (at) => formula.terms.reduce((s, t) => s + term(t, new Map(at)), 0);
}
