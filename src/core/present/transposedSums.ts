/**
 * A result that adds terms and the transpose of a sum of terms — the product rule's (xᵀx)Sx + (xᵀSx)x +
 * ((xᵀx)xᵀS + (xᵀSx)xᵀ)ᵀ for (xᵀx)(xᵀSx) — with that transpose pushed into its terms where like terms then
 * combine: 2(xᵀx)Sx + 2(xᵀSx)x, which factoring writes 2((xᵀx)S + (xᵀSx)I)x; it was printed
 * ((…)x + (xᵀS(xxᵀ + (xᵀx)I))ᵀ)ᵀ. Where no terms combine, the pushed terms are kept when they factor
 * smaller than the sum as it was: xᵀAx/(xᵀBx)'s four terms factor into ((A + Aᵀ)/(xᵀBx) − (xᵀAx)(B + Bᵀ)/(xᵀBx)²)x,
 * printed (ux + (xᵀu)ᵀ)ᵀ before; nothing changes when they do not.
 *
 * Terms are compared as a textbook would: a transposed product keeps its scalars in their order (only the
 * matrices reverse: (xᵀAᵀ(xᵀAx)(xᵀx)⁻²)ᵀ is (xᵀAx)(xᵀx)⁻²Ax, like a term written that way), and a 1×1 run
 * inside a chain of matrices is a scalar written in front (Sxxᵀx is (xᵀx)Sx, xxᵀSx is (xᵀSx)x), with the fewer
 * transposes of it and its transpose (BᵀxxᵀAᵀx is (xᵀAx)Bᵀx). Sound: (a + b)ᵀ = aᵀ + bᵀ, (AB)ᵀ = BᵀAᵀ, a 1×1
 * product is its transpose, scalars commute with every factor, and the smart constructors' identities.
 *
 * One of three places a transposed sum is rewritten, each deciding by what it can see where it runs (not
 * merged: each criterion is wrong at the other places; docs/design.md "Transposed sums"):
 * - here, at the root of the canonical result, before the layout and before factoring: pushed when like terms
 *   combine or the factored sum is smaller — factoring decides, so it must run first, and it costs factorize
 *   calls, so only at the root; the numerator layout's own outer transpose is not there yet.
 * - tidy.ts, at every node after the layout and factoring: (Σtᵢ)ᵀ → Σtᵢᵀ when that has fewer transposes in all
 *   ((Aᵀ + A)ᵀ → A + Aᵀ; (Ax − b)ᵀ and a numerator-layout ((xᵀAy)(B + Bᵀ)x + (xᵀBx)Ay)ᵀ stay) — a count,
 *   cheap enough for every node; nothing is refactored after it.
 * - tidy.ts mergeRepeated, at the root after that: terms equal through a transpose (Mx and (xᵀM)ᵀ) written once
 *   with their count — equality only, with no reordering of scalars or 1×1 runs.
 * (The smart transpose itself, simplify/matrix.ts, never distributes: a symmetric sum, A + Aᵀ, is its own.)
 */
import type { Expr } from '../model/expr';
import { isScalar } from '../model/shape';
import { add, mul, transpose } from '../simplify/build';
import { factorize } from './factor';
import { transposesIn } from './tidy';

export function transposedSumsPushed(e: Expr): Expr {
  if (e.op !== 'add' || !e.args.some((t) => t.op === 'transpose' && t.args[0].op === 'add')) return e;
  const terms = e.args.flatMap((t) => (t.op === 'transpose' && t.args[0].op === 'add' ? t.args[0].args.map(transposedTerm) : [t]));
  const sum = add(...terms.map(scalarRunsInFront));
  if (sum.op !== 'add' || sum.args.length < terms.length) return sum;
  return factorize(sum).size < factorize(e).size ? sum : e;
}

/** tᵀ, a product's scalars kept in their order. */
function transposedTerm(t: Expr): Expr {
  if (t.op !== 'mul') return transpose(t);
  const scalars = t.args.filter((f) => isScalar(f.shape));
  const matrices = t.args.filter((f) => !isScalar(f.shape)).reverse().map(transpose);
  return mul(...scalars, ...matrices);
}

/**
 * A product whose chain of matrices holds a 1×1 run — a row, then matrices, then a column — with that run
 * in front as a scalar, the rest of the chain as it was (its ends meet: a column before the run, a row
 * after it, an outer product). The product as it is when the chain holds none or is one such run.
 */
function scalarRunsInFront(t: Expr): Expr {
  if (t.op !== 'mul') return t;
  const scalars = t.args.filter((f) => isScalar(f.shape));
  const chain = t.args.filter((f) => !isScalar(f.shape));
  const rest: Expr[] = [];
  const runs: Expr[] = [];
  for (let i = 0; i < chain.length; i++) {
    const j = chain[i].shape.rows === 1 ? chain.findIndex((f, k) => k > i && f.shape.cols === 1) : -1;
    // The whole chain one run: the product is a scalar already.
    if (j < 0 || (i === 0 && j === chain.length - 1)) {
      rest.push(chain[i]);
      continue;
    }
    runs.push(fewerTransposes(mul(...chain.slice(i, j + 1))));
    i = j;
  }
  return runs.length === 0 ? t : mul(...scalars, ...runs, ...rest);
}

/** A 1×1 product or its transpose (the same value), whichever has fewer transposes: xᵀAᵀx is xᵀAx. */
function fewerTransposes(run: Expr): Expr {
  if (run.op !== 'mul') return run;
  const flipped = mul(...[...run.args].reverse().map(transpose));
  return transposesIn(flipped) < transposesIn(run) ? flipped : run;
}
