/**
 * An expression as a sum of terms with its products multiplied out — xᵀ(A + Aᵀ) → xᵀA + xᵀAᵀ,
 * (Ax − b)ᵀA → xᵀAᵀA − bᵀA — the reference for the missing-term / extra-term diagnoses. Products,
 * element-wise products, transposes and diag are distributed over sums; anything else (a function of a
 * sum, an inverse) is one term. Like terms are collected by the smart constructors (`add`), so
 * x + x is the single term 2x. The number of terms is bounded: past MAX_TERMS the expression is
 * not multiplied out further.
 */
import type { Expr } from '../model/expr';
import { add, diagm, hadamard, mul, transpose } from '../simplify/build';

const MAX_TERMS = 32;

function product(parts: readonly (readonly Expr[])[], combine: (fs: Expr[]) => Expr): Expr[] | undefined {
  let combos: Expr[][] = [[]];
  for (const p of parts) {
    if (combos.length * p.length > MAX_TERMS) return undefined;
    combos = combos.flatMap((c) => p.map((t) => [...c, t]));
  }
  return combos.map(combine);
}

function termList(e: Expr): Expr[] {
  switch (e.op) {
    case 'add': {
      const out = e.args.flatMap(termList);
      return out.length > MAX_TERMS ? [...e.args] : out;
    }
    case 'mul':
      return product(e.args.map(termList), (fs) => mul(...fs)) ?? [e];
    case 'hadamard':
      return product(e.args.map(termList), (fs) => hadamard(...fs)) ?? [e];
    case 'transpose':
      return termList(e.args[0]).map(transpose);
    case 'diagm':
      // Linear: diag(sin(x) + x ⊙ cos(x)), as results write a sum of diagonals, has the terms diag(sin(x)), diag(x ⊙ cos(x)).
      return termList(e.args[0]).map(diagm);
    default:
      return [e];
  }
}

/**
 * The terms a missing-term / extra-term diagnosis may name: those of the sum as written (a whole
 * product-rule term such as DᵀCᵀ(Bx + b)), then those of the sum multiplied out.
 */
export function candidateTerms(e: Expr): Expr[] {
  const written = e.op === 'add' ? [...e.args] : [];
  const out = [...written];
  for (const t of termsOf(e)) if (!out.includes(t)) out.push(t);
  return out;
}

/** The terms of `e` multiplied out, like terms collected (a zero expression has no terms). */
export function termsOf(e: Expr): Expr[] {
  const sum = add(...termList(e));
  if (sum.op === 'zeros' || (sum.op === 'num' && sum.value === 0)) return [];
  return sum.op === 'add' ? [...sum.args] : [sum];
}
