/**
 * The index formula of a derivative ∂f/∂X (order 1) or ∂²f/∂X∂X (order 2): free index letters
 * i, j, k, l, … for the axes of f and of X (axes of length 1 take none), and the component
 * formula from `components.ts`. A derivative with respect to a symmetric matrix is taken along
 * symmetric directions, as in the matrix form: the average of the formula and its kₗ-swap.
 */
import { type Expr, postorder, variable } from '../model/expr';
import { dimFactors, isScalar, type Dim } from '../model/shape';
import { tangent } from '../calculus/tangent';
import { mul as times, ONE, rational } from '../model/rational';

const HALF = rational(1n, 2n);
import { collect, componentsOf, NoIndexForm, SUM_LETTERS, type Direction, type Factor, type IndexTerm, type Ix } from './components';

export interface IndexFormula {
  readonly f: Expr;
  readonly x: Expr;
  readonly order: 1 | 2;
  /** The letters of f's rows and columns. */
  readonly fIx: readonly [Ix, Ix];
  /** The letters of x's rows and columns, once per differentiation. */
  readonly xIx: readonly (readonly [Ix, Ix])[];
  readonly terms: readonly IndexTerm[];
  /** The range of every free letter: 1…ranges.get(letter). */
  readonly ranges: ReadonlyMap<string, Dim>;
}

const FREE_LETTERS = ['i', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'u', 'v'];

/** The names of the symbolic dimensions (n, m, p, …): no index letter may be one of them. */
function dimensionNames(f: Expr): Set<string> {
  const names = new Set<string>();
  // Each distinct dimension is split once (the nodes of f share a few dimensions): m·n names m and n.
  const texts = new Set<string>();
  for (const e of postorder(f)) {
    if (typeof e.shape.rows === 'string') texts.add(e.shape.rows);
    if (typeof e.shape.cols === 'string') texts.add(e.shape.cols);
  }
  for (const d of texts) for (const [symbol] of dimFactors(d).symbols) names.add(symbol);
  return names;
}

export function indexFormula(f: Expr, x: Expr, order: 1 | 2 = 1): IndexFormula {
  const ranges = new Map<string, Dim>();
  const avoid = dimensionNames(f);
  const free = FREE_LETTERS.filter((c) => !avoid.has(c));
  let next = 0;
  const letter = (d: Dim): Ix => {
    if (d === 1) return null;
    const name = free[next++];
    ranges.set(name, d);
    return name;
  };
  const axes = (e: Expr): [Ix, Ix] => [letter(e.shape.rows), letter(e.shape.cols)];
  const fIx = axes(f);
  const xIx: [Ix, Ix][] = [];
  for (let k = 0; k < order; k++) xIx.push(axes(x));
  const directions: Direction[] = xIx.map(([r, c], k) => ({ v: variable(`#d${k}`, x.shape), r, c }));
  let df = tangent(f, x, undefined, directions[0].v);
  if (order === 2) df = tangent(df, x, undefined, directions[1].v);
  const dims = new Map<string, Dim>(ranges);
  const sumLetters = SUM_LETTERS.filter((c) => !avoid.has(c) && !ranges.has(c));
  let terms: IndexTerm[];
  try {
    terms = componentsOf(df, fIx[0], fIx[1], directions, dims, sumLetters);
  } catch (e) {
    // For a scalar x the derivative is one array (ḟ, f̈): its entries, whatever f is made of.
    if (!(e instanceof NoIndexForm) || !isScalar(x.shape)) throw e;
    const t = order === 2 ? tangent(tangent(f, x), x) : tangent(f, x);
    terms = [{ coef: ONE, factors: [{ kind: 'entry', of: t, r: fIx[0], c: fIx[1] }], sums: [] }];
  }
  terms = oneRangePerLetter(terms, sumLetters);
  if (x.symmetric) for (const [r, c] of xIx) terms = symmetrized(terms, r as string, c as string);
  return { f, x, order, fIx, xIx, terms, ranges };
}

/** ½(T + T with the letters a and b swapped). */
function symmetrized(terms: readonly IndexTerm[], a: string, b: string): IndexTerm[] {
  const swap = (s: Ix): Ix => (s === a ? b : s === b ? a : s);
  const swapped = terms.map((t) => ({
    ...t,
    factors: t.factors.map((f) => (f.kind === 'delta' ? { ...f, a: swap(f.a) as string, b: swap(f.b) as string } : { ...f, r: swap(f.r), c: swap(f.c) })),
  }));
  return collect([...terms, ...swapped].map((t) => ({ ...t, coef: times(t.coef, HALF) })));
}

/**
 * The terms with each summation letter summed over one range in all of them: a letter another term
 * sums over another range is renamed, to a letter summed over that range elsewhere or a fresh one
 * (Σₚ Yⱼₚ + Σᵣ Zⱼᵣ with p = 1…k, r = 1…q; not Σₚ Yⱼₚ + Σₚ Zⱼₚ), so the written form can give every
 * letter's range once, after the formula, as it does the free letters'.
 */
function oneRangePerLetter(terms: readonly IndexTerm[], sumLetters: readonly string[]): IndexTerm[] {
  const rangeOf = new Map<string, string>();
  const taken = new Set<string>();
  for (const t of terms) for (const s of t.sums) taken.add(s);
  let fresh = 0;
  const freshLetter = (): string => {
    let l = sumLetters.find((c) => !taken.has(c)) ?? `p${fresh++}`;
    while (taken.has(l)) l = `p${fresh++}`;
    taken.add(l);
    return l;
  };
  return terms.map((t) => {
    const ranges = t.ranges;
    if (ranges === undefined) return t;
    const to = new Map<string, string>();
    const sums = t.sums.map((s, k) => {
      const range = String(ranges[k]);
      const known = rangeOf.get(s);
      if (known === undefined || known === range) {
        rangeOf.set(s, range);
        return s;
      }
      const inTerm = new Set([...t.sums, ...to.values()]);
      const renamed = [...rangeOf].find(([l, r]) => r === range && !inTerm.has(l))?.[0] ?? freshLetter();
      rangeOf.set(renamed, range);
      to.set(s, renamed);
      return renamed;
    });
    if (to.size === 0) return t;
    const r = (x: Ix): Ix => (x === null ? null : (to.get(x) ?? x));
    const factors = t.factors.map((f): Factor => (f.kind === 'delta' ? { kind: 'delta', a: r(f.a) as string, b: r(f.b) as string } : { ...f, r: r(f.r), c: r(f.c) }));
    return { ...t, factors, sums };
  });
}
