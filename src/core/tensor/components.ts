/**
 * The index form of a derivative: its component formula, ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ.
 *
 * Method: the differential df = L(dX) (forward mode with a symbolic direction dX, linear in it) is
 * written in components, (AB)ᵢⱼ = Σₚ AᵢₚBₚⱼ, (Aᵀ)ᵢⱼ = Aⱼᵢ, (A ⊙ B)ᵢⱼ = AᵢⱼBᵢⱼ, tr A = Σₚ Aₚₚ,
 * diag(v)ᵢⱼ = vᵢδᵢⱼ, Iᵢⱼ = δᵢⱼ, 𝟏ᵢ = 1, and the direction's entries (dX)ₚₛ are replaced by δₚₖδₛₗ:
 * the coefficient of dXₖₗ is ∂f/∂Xₖₗ. Subexpressions that do not depend on the direction stay
 * whole, (X⁻¹)ᵢₖ. Then every Kronecker delta with a summed index is contracted away (Σₚ Aᵢₚδₚₖ =
 * Aᵢₖ), and equal terms are collected. A second derivative uses two directions (the second
 * differential, bilinear in them).
 */
import { type Expr, postorder, rationalOf, sizeNode } from '../model/expr';
import { add as plus, mul as times, ONE, sign, type Rational } from '../model/rational';
import { isColumn, isScalar, shape, type Dim } from '../model/shape';
import { checkpoint } from '../limits/budget';
import { mul, num, pow, transpose } from '../simplify/build';
import { contractionSpec, isPlainOutput, letterDims } from './contraction';

/** An index letter, or null for an axis of length 1. */
export type Ix = string | null;

export type Factor =
  /** (e)ᵣ꜀: an entry of an expression that does not depend on the direction (a scalar when both are null). */
  | { readonly kind: 'entry'; readonly of: Expr; readonly r: Ix; readonly c: Ix }
  /** δₐᵦ */
  | { readonly kind: 'delta'; readonly a: string; readonly b: string };

export interface IndexTerm {
  /** Exact: ½ stays ½ (a float would print 0.5 or guess a fraction back). */
  readonly coef: Rational;
  readonly factors: readonly Factor[];
  /** The summation indices of the term. */
  readonly sums: readonly string[];
  /** Their ranges, once simplified (1…ranges[k]). */
  readonly ranges?: readonly Dim[];
}

/** The formula is not available in components (the differential uses vec, kron, literals, …). */
export class NoIndexForm extends Error {}

/**
 * The most terms the expanded differential may have, at any stage, before δs are contracted and
 * equal terms collected. Distributing products of sums can multiply terms at every level: the
 * differential of ((S²)²)…² (k squares) has 2ᵏ terms, though its DAG is linear in k — 64 squares
 * took gigabytes before any deadline was read. A formula of thousands of terms is no help to a
 * reader, so past the bound there is no index form (NoIndexForm), and the memory one formula
 * takes stays bounded whatever the input.
 */
export const MAX_INDEX_TERMS = 1_024;

/**
 * The deepest nesting of the differential the index form is written for. The writer below recurses
 * once per level (a few frames each), so a differential thousands of levels deep — the derivative
 * of ((…(S²)²…)²), 2,000 squares — overflowed the stack; nor is a formula nested hundreds of
 * levels deep any help to a reader. Past the bound there is no index form (NoIndexForm).
 */
export const MAX_INDEX_DEPTH = 200;

/** The letters for the summation indices, by preference (all with Unicode subscripts). */
export const SUM_LETTERS = ['p', 'r', 's', 't', 'u', 'v', 'a', 'e', 'h', 'o', 'x'];

export interface Direction {
  /** The variable standing for the direction (dX), of X's shape. */
  readonly v: Expr;
  readonly r: Ix;
  readonly c: Ix;
}

/** The components (r, c) of `e`, linear in the directions: a sum of terms, simplified. */
export function componentsOf(
  e: Expr, r: Ix, c: Ix, directions: readonly Direction[], dims: Map<string, Dim>, sumLetters: readonly string[] = SUM_LETTERS,
): IndexTerm[] {
  const w = new Writer(e, directions, dims);
  const contracted = w.terms(e, r, c).map((t) => contract(t, dims)).filter((t): t is IndexTerm => t !== undefined);
  return collect(contracted.map((t) => named(refold(t), dims, sumLetters)));
}

class Writer {
  /** The ids of the nodes of the root that depend on a direction: the directions and every node above one. */
  private readonly dependent = new Set<number>();
  private counter = 0;
  /** How deep terms() has recursed (at most MAX_INDEX_DEPTH). */
  private depth = 0;

  constructor(
    root: Expr,
    private readonly directions: readonly Direction[],
    private readonly dims: Map<string, Dim>,
  ) {
    // One walk of the root, children before parents (not a walk below every node asked about).
    for (const d of directions) this.dependent.add(d.v.id);
    for (const n of postorder(root)) {
      if (this.dependent.has(n.id)) continue;
      for (const a of n.args) {
        if (this.dependent.has(a.id)) {
          this.dependent.add(n.id);
          break;
        }
      }
    }
  }

  /** Whether e (a node of the root) depends on a direction. */
  private depends(e: Expr): boolean {
    return this.dependent.has(e.id);
  }

  private fresh(dim: Dim): Ix {
    if (dim === 1) return null;
    const name = `#${this.counter++}`;
    this.dims.set(name, dim);
    return name;
  }

  terms(top: Expr, row: Ix, col: Ix): IndexTerm[] {
    if (this.depth >= MAX_INDEX_DEPTH) throw new NoIndexForm(`the differential is nested more than ${MAX_INDEX_DEPTH} levels deep`);
    this.depth++;
    try {
      return this.termsOf(top, row, col);
    } finally {
      this.depth--;
    }
  }

  private termsOf(top: Expr, row: Ix, col: Ix): IndexTerm[] {
    // (Aᵀ)ᵢⱼ = Aⱼᵢ, through a chain of transposes by a loop (x'''… thousands deep must not overflow the stack).
    const [e, r, c] = untransposed(top, row, col);
    if (!this.depends(e)) return leaf(e, r, c);
    const direction = this.directions.find((d) => d.v === e);
    if (direction) return [{ coef: ONE, factors: [...delta(r, direction.r), ...delta(c, direction.c)], sums: [] }];
    const a = e.args[0];
    switch (e.op) {
      case 'add':
        return bounded(concatenated(e.args.map((t) => this.terms(t, r, c))));
      case 'mul':
        return this.product(e.args, r, c);
      case 'hadamard':
        return productOf(this.hadamardFactors(e).map((t) => (isScalar(t.shape) ? this.terms(t, null, null) : this.terms(t, r, c))));
      case 'diagm': {
        const v = a.shape.cols === 1 ? this.terms(a, r, null) : this.terms(a, null, r);
        return productOf([v, [{ coef: ONE, factors: delta(r, c), sums: [] }]]);
      }
      case 'diagv':
        return this.terms(a, r, r);
      case 'tr': {
        const p = this.fresh(a.shape.rows);
        return withSums(this.terms(a, p, p), [p]);
      }
      case 'sum':
      case 'mean': {
        const p = this.fresh(a.shape.rows);
        const q = this.fresh(a.shape.cols);
        const summed = withSums(this.terms(a, p, q), [p, q]);
        if (e.op === 'sum') return summed;
        return productOf([summed, leaf(pow(sizeNode(a.shape), num(-1)), null, null)]);
      }
      case 'contract':
        return this.contraction(e, r, c);
      default:
        throw new NoIndexForm(`the index form of ${e.op} is not available`);
    }
  }

  /**
   * The factors of a Hadamard product, through the Hadamard products among them that depend on a
   * direction ((a ⊙ (b ⊙ c))ᵢⱼ = aᵢⱼbᵢⱼcᵢⱼ), by a loop: hadamard() keeps a product of three factors or
   * more whole inside a larger one (simplify/hadamard.ts), so the forward differential of exp(…exp(x)…)
   * nests one level every other exp, which recursing into would count as depth (MAX_INDEX_DEPTH).
   */
  private hadamardFactors(e: Expr): Expr[] {
    const out: Expr[] = [];
    const pending = [...e.args].reverse();
    while (pending.length > 0) {
      const t = pending.pop() as Expr;
      if (t.op === 'hadamard' && this.depends(t) && !this.directions.some((d) => d.v === t)) for (let k = t.args.length - 1; k >= 0; k--) pending.push(t.args[k]);
      else out.push(t);
    }
    return out;
  }

  /** A contraction: its output letters are (r, c), each summed letter a new summation index. */
  private contraction(e: Expr, r: Ix, c: Ix): IndexTerm[] {
    const s = contractionSpec(e);
    if (!isPlainOutput(s.rows, s.cols)) throw new NoIndexForm('the index form of a contraction with grouped rows or columns is not available');
    const dims = letterDims(e.args, s.inputs);
    const ix = new Map<string, Ix>();
    if (s.rows !== '') ix.set(s.rows, r);
    if (s.cols !== '') ix.set(s.cols, c);
    const sums: Ix[] = [];
    for (const letter of dims.keys()) {
      if (ix.has(letter)) continue;
      const p = this.fresh(dims.get(letter) as Dim);
      ix.set(letter, p);
      sums.push(p);
    }
    const parts = e.args.map((a, k) => {
      const [first, second] = [...s.inputs[k]].map((letter) => ix.get(letter) as Ix);
      if (s.inputs[k].length === 2) return this.terms(a, first, second);
      if (s.inputs[k].length === 1) return a.shape.cols === 1 ? this.terms(a, first, null) : this.terms(a, null, first);
      return this.terms(a, null, null);
    });
    return withSums(productOf(parts), sums);
  }

  /** A product chain: scalars scale; consecutive matrix factors share a summation index. */
  private product(factors: readonly Expr[], r: Ix, c: Ix): IndexTerm[] {
    const scalars = factors.filter((f) => isScalar(f.shape));
    const chain = factors.filter((f) => !isScalar(f.shape));
    const parts = scalars.map((s) => this.terms(s, null, null));
    const sums: Ix[] = [];
    let left = r;
    chain.forEach((m, k) => {
      const right = k === chain.length - 1 ? c : this.fresh(m.shape.cols);
      if (k < chain.length - 1) sums.push(right);
      parts.push(this.terms(m, left, right));
      left = right;
    });
    return withSums(productOf(parts), sums);
  }
}

function delta(a: Ix, b: Ix): Factor[] {
  if (a === null || b === null) return [];
  return [{ kind: 'delta', a, b }];
}

/** e stripped of its transposes, with the index letters swapped once per transpose. */
function untransposed(e: Expr, r: Ix, c: Ix): [Expr, Ix, Ix] {
  let [x, a, b] = [e, r, c];
  while (x.op === 'transpose') [x, a, b] = [x.args[0], b, a];
  return [x, a, b];
}

/** An expression that does not depend on the directions, as one factor (or a number, δ, 1). */
function leaf(top: Expr, row: Ix, col: Ix): IndexTerm[] {
  const [e, r, c] = untransposed(top, row, col);
  switch (e.op) {
    case 'num':
      return [{ coef: rationalOf(e), factors: [], sums: [] }];
    case 'zeros':
      return [];
    case 'ones':
      return [{ coef: ONE, factors: [], sums: [] }];
    case 'eye':
      return [{ coef: ONE, factors: delta(r, c), sums: [] }];
    case 'var':
      if (e.symmetric && r !== null && c !== null && r > c) return leaf(e, c, r);
      break;
    case 'mul': {
      // Numbers in front come out: (−2A)ᵢⱼ = −2Aᵢⱼ.
      const numbers = e.args.filter((a) => a.op === 'num');
      const rest = e.args.filter((a) => a.op !== 'num');
      if (numbers.length > 0 && rest.length === 1) {
        const k = numbers.reduce((p, a) => times(p, rationalOf(a)), ONE);
        return leaf(rest[0], r, c).map((t) => ({ ...t, coef: times(t.coef, k) }));
      }
      break;
    }
  }
  return [{ coef: ONE, factors: [{ kind: 'entry', of: e, r, c }], sums: [] }];
}

function withSums(terms: readonly IndexTerm[], sums: readonly Ix[]): IndexTerm[] {
  const letters = sums.filter((s): s is string => s !== null);
  return terms.map((t) => ({ ...t, sums: [...t.sums, ...letters] }));
}

/** Terms within MAX_INDEX_TERMS, or NoIndexForm. */
function bounded(terms: IndexTerm[]): IndexTerm[] {
  if (terms.length > MAX_INDEX_TERMS) throw tooManyTerms();
  return terms;
}

const tooManyTerms = (): NoIndexForm => new NoIndexForm(`the formula in components would have more than ${MAX_INDEX_TERMS.toLocaleString('en-US')} terms`);

/** The product of sums of terms, distributed (refused before it is built when it would have more than MAX_INDEX_TERMS terms). */
function productOf(parts: readonly (readonly IndexTerm[])[]): IndexTerm[] {
  let acc: IndexTerm[] = [{ coef: ONE, factors: [], sums: [] }];
  for (const part of parts) {
    if (acc.length * part.length > MAX_INDEX_TERMS) throw tooManyTerms();
    const next: IndexTerm[] = [];
    for (const a of acc) {
      for (const b of part) {
        checkpoint();
        next.push({ coef: times(a.coef, b.coef), factors: [...a.factors, ...b.factors], sums: [...a.sums, ...b.sums] });
      }
    }
    acc = next;
  }
  return acc;
}

const rename = (f: Factor, from: string, to: string): Factor => {
  const s = (x: Ix): Ix => (x === from ? to : x);
  return f.kind === 'delta' ? { kind: 'delta', a: s(f.a) as string, b: s(f.b) as string } : { ...f, r: s(f.r), c: s(f.c) };
};

/**
 * Contracts every δ with a summed index (Σₚ Aᵢₚδₚₖ = Aᵢₖ), drops δₐₐ, and turns a sum over an
 * index no factor uses into its range (Σₚ 1 = n).
 */
function contract(term: IndexTerm, dims: Map<string, Dim>): IndexTerm | undefined {
  if (sign(term.coef) === 0) return undefined;
  let factors = [...term.factors];
  let sums = [...term.sums];
  const extra: Factor[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < factors.length; k++) {
      const f = factors[k];
      if (f.kind !== 'delta') continue;
      if (f.a === f.b) {
        factors.splice(k, 1);
        if (sums.includes(f.a)) {
          sums = sums.filter((s) => s !== f.a);
          extra.push(countFactor(dims.get(f.a) as Dim));
        }
      } else if (sums.includes(f.a) || sums.includes(f.b)) {
        const [from, to] = sums.includes(f.a) ? [f.a, f.b] : [f.b, f.a];
        factors.splice(k, 1);
        factors = factors.map((g) => rename(g, from, to));
        sums = sums.filter((s) => s !== from);
      } else continue;
      changed = true;
      break;
    }
  }
  for (const s of sums) {
    const at = usersOf(factors, s);
    // Σᵣ Yₚᵣ = 1 for Y declared probabilities (each row sums to 1), Σᵣ yᵣ = 1 for such a vector y.
    if (at.length === 1 && isProbabilitySum(factors[at[0]], s)) factors.splice(at[0], 1);
    else if (at.length === 0) extra.push(countFactor(dims.get(s) as Dim));
  }
  sums = sums.filter((s) => factors.some((f) => uses(f, s)));
  return { coef: term.coef, factors: [...extra, ...factors], sums };
}

/** Whether f summed over s is a row sum of a variable declared probabilities (Yₚₛ, or yₛ of a vector). */
function isProbabilitySum(f: Factor, s: string): boolean {
  if (f.kind !== 'entry' || f.of.op !== 'var' || f.of.probabilities !== true) return false;
  return isColumn(f.of.shape) ? f.r === s && f.c === null : f.c === s && f.r !== s;
}

/**
 * Σₚ AₐₚBₚᵦ = (AB)ₐᵦ: a summation index shared by exactly two entries is folded back into the
 * entry of a matrix product (with transposes as needed), so the formula reads (AX)ₗⱼ, not Σₚ AₗₚXₚⱼ.
 */
function refold(term: IndexTerm): IndexTerm {
  let factors = [...term.factors];
  let sums = [...term.sums];
  for (const p of term.sums) {
    const at = usersOf(factors, p);
    if (at.length !== 2) continue;
    const [f1, f2] = at.map((k) => factors[k]);
    if (f1.kind !== 'entry' || f2.kind !== 'entry' || (f1.r === p && f1.c === p) || (f2.r === p && f2.c === p)) continue;
    const [left, a] = f1.c === p ? [f1.of, f1.r] : [transpose(f1.of), f1.c];
    const [right, b] = f2.r === p ? [f2.of, f2.c] : [transpose(f2.of), f2.r];
    const m = mul(left, right);
    const folded: Factor = a === null && b !== null ? { kind: 'entry', of: transpose(m), r: b, c: null } : { kind: 'entry', of: m, r: a, c: b };
    const next: Factor[] = [];
    for (let k = 0; k < factors.length; k++) {
      if (k === at[0]) next.push(folded);
      else if (k !== at[1]) next.push(factors[k]);
    }
    factors = next;
    sums = sums.filter((s) => s !== p);
  }
  return { ...term, factors, sums };
}

/** Names the summation indices p, r, s, … in order of first use. */
function named(term: IndexTerm, dims: ReadonlyMap<string, Dim>, sumLetters: readonly string[]): IndexTerm {
  const order: string[] = [];
  for (const f of term.factors) {
    for (const x of f.kind === 'delta' ? [f.a, f.b] : [f.r, f.c]) if (x !== null && term.sums.includes(x)) order.push(x);
  }
  const firsts = [...new Set(order)];
  const names = firsts.map((_, n) => sumLetters[n] ?? `p${n}`);
  // All at once, so that no renaming captures another.
  const to = new Map(firsts.map((s, n) => [s, names[n]]));
  const r = (x: Ix): Ix => (x === null ? null : (to.get(x) ?? x));
  const factors = term.factors.map((f): Factor => (f.kind === 'delta' ? { kind: 'delta', a: r(f.a) as string, b: r(f.b) as string } : { ...f, r: r(f.r), c: r(f.c) }));
  return { coef: term.coef, factors, sums: names, ranges: firsts.map((s) => dims.get(s) as Dim) };
}

const uses = (f: Factor, s: string): boolean => (f.kind === 'delta' ? f.a === s || f.b === s : f.r === s || f.c === s);

/**
 * The indices of the factors that use s. Loops here rather than flatMap, which costs ~0.35 µs an
 * element in V8 11 (Node 20) against ~0.01 µs for a loop (docs/reliability.md §3.3).
 */
function usersOf(factors: readonly Factor[], s: string): number[] {
  const at: number[] = [];
  for (let k = 0; k < factors.length; k++) if (uses(factors[k], s)) at.push(k);
  return at;
}

/** The lists one after another. */
function concatenated<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const l of lists) for (const x of l) out.push(x);
  return out;
}

const countFactor = (d: Dim): Factor => ({ kind: 'entry', of: sizeNode(shape(d, 1)), r: null, c: null });

/** Adds the coefficients of equal terms (the same factors in any order) and drops zeros. */
export function collect(terms: readonly IndexTerm[]): IndexTerm[] {
  const byKey = new Map<string, IndexTerm>();
  for (const t of terms) {
    const key = termKey(t);
    const known = byKey.get(key);
    byKey.set(key, known ? { ...known, coef: plus(known.coef, t.coef) } : t);
  }
  return [...byKey.values()].filter((t) => sign(t.coef) !== 0);
}

function termKey(t: IndexTerm): string {
  const parts = t.factors.map((f) => (f.kind === 'delta' ? `d${[f.a, f.b].sort().join('')}` : `e${f.of.id}:${f.r ?? '-'}:${f.c ?? '-'}`));
  return `${[...t.sums].sort().join('')}|${parts.sort().join(' ')}`;
}
