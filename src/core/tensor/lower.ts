/**
 * Lowering a contraction of scalars, vectors and matrices (einsum, index notation) to the core's
 * matrix operations, so that it differentiates like any other expression and reads as a textbook:
 * 'ij,jk->ik' is AB, 'ij,j->i' is Ax, 'i,ij,j->' is xᵀAy, 'ii->' is tr(A), 'ii->i' is diag(A),
 * 'ij->ji' is Aᵀ, 'ij->i' is A𝟏, 'ij->' is sum(A), 'ij,ij->ij' is A ⊙ B, 'i,j->ij' is xyᵀ.
 *
 * Method (variable elimination on the index graph): every term carries 0, 1 or 2 index letters
 * (a scalar, a column vector, a matrix with rows ix[0] and columns ix[1]). Summed letters are
 * eliminated one at a time:
 * - a letter in one term only is summed out: sum(a), A𝟏, Aᵀ𝟏 (tr(A) for A_vv);
 * - a letter in exactly two terms is a matrix product of the two (oriented with transposes),
 *   xᵀy, Ax, AB, ABᵀ, AᵀB; a product whose two remaining letters coincide is a diagonal, or a
 *   trace when that letter is summed too (tr(AB), tr(AᵀB)); two matrices over the same two
 *   letters, one kept, are a row-wise dot product (A ⊙ B)𝟏;
 * - a letter in three or more terms first merges them: terms over the same letters by ⊙, a
 *   vector into a matrix by diag (A diag(x) B).
 * The remaining terms carry output letters only and combine by ⊙, diag(u) M diag(w) and outer
 * products. A contraction that needs a three-index intermediate (possible only from five matrices
 * on, e.g. Σ A_ij B_ik C_il D_jk E_jl F_kl) has no such form (`NoMatrixForm`): the callers keep it
 * as a general contraction node (contraction.ts).
 */
import {
  type Expr, ones, rawDiagm, rawDiagv, rawHadamard, rawMul, rawReduce, rawTranspose,
} from '../model/expr';
import { isScalar, shape, type Dim } from '../model/shape';

export interface IndexedOperand {
  readonly expr: Expr;
  /** One letter per axis: none for a scalar, one for a vector (column or row), two for a matrix. */
  readonly letters: string;
}

/** The contraction has no form in the core's matrix operations. */
export class NoMatrixForm extends Error {}

interface Term {
  readonly e: Expr;
  /** [] scalar, [i] column vector, [i, j] matrix (rows i, columns j). */
  readonly ix: readonly string[];
}

/** The matrix-operation form of Σ over the letters not in `output` of the product of the operands. */
export function lowerContraction(operands: readonly IndexedOperand[], output: string): Expr {
  const e = matrixForm(operands, output);
  if (e === undefined) throw new NoMatrixForm();
  return e;
}

/**
 * The same, or undefined when there is none: the differential of a contraction that has none asks
 * once per operand holding the variable, and an exception per answer (its stack captured) cost more
 * than the elimination that finds it.
 */
export function matrixForm(operands: readonly IndexedOperand[], output: string): Expr | undefined {
  const dims = new Map<string, Dim>();
  const terms: Term[] = operands.map((o) => toTerm(o, dims));
  const kept = new Set(output);
  const summed = new Set<string>();
  for (const t of terms) for (const c of t.ix) if (!kept.has(c)) summed.add(c);
  const oneVector = (c: string): Expr => ones(shape(dims.get(c) as Dim, 1));

  for (;;) {
    // Which terms hold each letter: read afresh after every change to the terms (normalizing a
    // diagonal keeps every term's letters but the summed-out lone one).
    normalizeDiagonals(terms, summed, holdersIn(terms));
    const holders = holdersIn(terms);
    if (sumOutLoneLetters(terms, summed, holders, oneVector)) continue;
    const letters = [...summed].filter((c) => holders(c).length > 0);
    if (letters.length === 0) break;
    const pairs = letters.filter((c) => holders(c).length === 2);
    // Two matrices over the same letters, one of them kept: a row-wise (or column-wise) dot
    // product, (A ⊙ B)𝟏, rather than the diagonal of a product.
    const rowwise = pairs.find((c) => {
      const [a, b] = holders(c).map((k) => terms[k]);
      return a.ix.length === 2 && sameLetters(a, b) && !a.ix.every((x) => summed.has(x));
    });
    if (rowwise !== undefined) {
      const [a, b] = holders(rowwise);
      terms[a] = { e: rawHadamard([terms[a].e, oriented(terms[b], terms[a].ix)]), ix: terms[a].ix };
      terms.splice(b, 1);
      continue;
    }
    if (pairs.length > 0) {
      const v = pairs.find((c) => inOrder(terms, holders(c), c)) ?? pairs[0];
      const [a, b] = holders(v);
      terms[a] = contract(terms[a], terms[b], v);
      terms.splice(b, 1);
      continue;
    }
    if (!letters.some((c) => mergeAround(terms, holders(c), c))) return undefined;
  }
  return finish(terms, [...output], oneVector);
}

/** The indices of the terms holding each letter, in order (none: []). */
function holdersIn(terms: readonly Term[]): (c: string) => readonly number[] {
  const at = new Map<string, number[]>();
  terms.forEach((t, k) => {
    for (const c of t.ix) {
      const ks = at.get(c);
      if (ks === undefined) at.set(c, [k]);
      else if (ks[ks.length - 1] !== k) ks.push(k);
    }
  });
  return (c) => at.get(c) ?? [];
}

function toTerm(o: IndexedOperand, dims: Map<string, Dim>): Term {
  const s = o.expr.shape;
  const ix = [...o.letters];
  if (ix.length === 0) return { e: o.expr, ix };
  if (ix.length === 1) {
    const column = s.cols === 1;
    dims.set(ix[0], column ? s.rows : s.cols);
    return { e: column ? o.expr : transposed(o.expr), ix };
  }
  dims.set(ix[0], s.rows);
  dims.set(ix[1], s.cols);
  return { e: o.expr, ix };
}

/** A_vv: tr(A) when v is summed and nowhere else, otherwise the vector diag(A) over v. */
function normalizeDiagonals(terms: Term[], summed: ReadonlySet<string>, holders: (c: string) => readonly number[]): void {
  terms.forEach((t, k) => {
    if (t.ix.length !== 2 || t.ix[0] !== t.ix[1]) return;
    const v = t.ix[0];
    terms[k] = summed.has(v) && holders(v).length === 1 ? { e: rawReduce('tr', t.e), ix: [] } : { e: rawDiagv(t.e), ix: [v] };
  });
}

/** Sums out letters held by one term only; true when it did. */
function sumOutLoneLetters(terms: Term[], summed: ReadonlySet<string>, holders: (c: string) => readonly number[], oneVector: (c: string) => Expr): boolean {
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k];
    const lone = t.ix.filter((c) => summed.has(c) && holders(c).length === 1);
    if (lone.length === 0) continue;
    if (lone.length === t.ix.length) {
      terms[k] = { e: rawReduce('sum', t.e), ix: [] };
    } else if (t.ix[1] === lone[0]) {
      terms[k] = { e: product(t.e, oneVector(lone[0])), ix: [t.ix[0]] };
    } else {
      terms[k] = { e: product(transposed(t.e), oneVector(lone[0])), ix: [t.ix[1]] };
    }
    return true;
  }
  return false;
}

/** Whether the two holders of v meet as written: the earlier has v last, the later has v first (AB). */
function inOrder(terms: readonly Term[], [a, b]: readonly number[], v: string): boolean {
  const ta = terms[a].ix;
  const tb = terms[b].ix;
  return ta.length === 2 && tb.length === 2 && ta[1] === v && tb[0] === v;
}

/** Σ_v of the product of two terms holding v (t1 written before t2). */
function contract(t1: Term, t2: Term, v: string): Term {
  const other = (t: Term): string | undefined => t.ix.find((c) => c !== v);
  if (t1.ix.length === 1 && t2.ix.length === 1) return { e: product(transposed(t1.e), t2.e), ix: [] };
  if (t1.ix.length === 1) return { e: product(t2.ix[1] === v ? t2.e : transposed(t2.e), t1.e), ix: [other(t2) as string] };
  if (t2.ix.length === 1) return { e: product(t1.ix[1] === v ? t1.e : transposed(t1.e), t2.e), ix: [other(t1) as string] };
  const a = other(t1) as string;
  const b = other(t2) as string;
  if (t1.ix[1] === v && t2.ix[0] === v) return { e: product(t1.e, t2.e), ix: [a, b] };
  if (t1.ix[1] === v) return { e: product(t1.e, transposed(t2.e)), ix: [a, b] };
  if (t2.ix[0] === v) return { e: product(transposed(t1.e), t2.e), ix: [a, b] };
  return { e: product(t2.e, t1.e), ix: [b, a] };
}

/**
 * Makes progress on a letter held by three or more terms: merges two terms over the same letters
 * (⊙), or a vector over v into a matrix holding v (diag). False when only distinct matrices hold v.
 */
function mergeAround(terms: Term[], at: readonly number[], v: string): boolean {
  for (let x = 0; x < at.length; x++) {
    for (let y = x + 1; y < at.length; y++) {
      const t1 = terms[at[x]];
      const t2 = terms[at[y]];
      if (sameLetters(t1, t2)) {
        terms[at[x]] = { e: rawHadamard([t1.e, oriented(t2, t1.ix)]), ix: t1.ix };
        terms.splice(at[y], 1);
        return true;
      }
    }
  }
  const vector = at.find((k) => terms[k].ix.length === 1);
  const matrix = at.find((k) => terms[k].ix.length === 2);
  if (vector === undefined || matrix === undefined) return false;
  const m = terms[matrix];
  const d = rawDiagm(terms[vector].e);
  terms[matrix] = { e: m.ix[1] === v ? product(m.e, d) : product(d, m.e), ix: m.ix };
  terms.splice(vector, 1);
  return true;
}

const sameLetters = (t1: Term, t2: Term): boolean =>
  t1.ix.length === t2.ix.length && t1.ix.every((c) => t2.ix.includes(c));

/** The term's expression with its axes in the order `ix` (a transpose when reversed). */
const oriented = (t: Term, ix: readonly string[]): Expr => (t.ix.length === 2 && t.ix[0] !== ix[0] ? transposed(t.e) : t.e);

/** Only output letters remain: combine into the output's shape. */
function finish(terms: readonly Term[], output: readonly string[], oneVector: (c: string) => Expr): Expr {
  const scalars = terms.filter((t) => t.ix.length === 0).map((t) => t.e);
  const over = (letters: readonly string[]): Expr | undefined => {
    const group = terms.filter((t) => t.ix.length === letters.length && letters.every((c) => t.ix.includes(c)));
    if (group.length === 0) return undefined;
    return group.length === 1 ? oriented(group[0], letters) : rawHadamard(group.map((t) => oriented(t, letters)));
  };
  let body: Expr | undefined;
  if (output.length === 1) body = over(output);
  else if (output.length === 2) {
    const [i, j] = output;
    const m = over([i, j]);
    const u = over([i]);
    const w = over([j]);
    if (m) body = product(product(u ? rawDiagm(u) : undefined, m), w ? rawDiagm(w) : undefined);
    else body = product(u ?? oneVector(i), transposed(w ?? oneVector(j)));
  }
  const factors = body ? [...scalars, body] : scalars;
  return factors.length === 1 ? factors[0] : rawMul(factors.flatMap(flat));
}

/** The factors a product may take in its chain without changing its meaning. */
function flat(e: Expr): readonly Expr[] {
  // A 1×1 product of vectors (xᵀy) scales as a whole: its factors would break a matrix chain.
  if (e.op === 'mul' && (!isScalar(e.shape) || e.args.every((a) => isScalar(a.shape)))) return e.args;
  return [e];
}

/** a·b as one flat product (either side may be absent). */
function product(a: Expr | undefined, b: Expr | undefined): Expr {
  if (!a) return b as Expr;
  if (!b) return a;
  return rawMul([...flat(a), ...flat(b)]);
}

/** eᵀ with the transpose pushed to the leaves: (AB)ᵀ = BᵀAᵀ, (Aᵀ)ᵀ = A, diag(x)ᵀ = diag(x). */
export function transposed(e: Expr): Expr {
  if (isScalar(e.shape) || e.op === 'diagm' || e.symmetric) return e;
  if (e.op === 'transpose') return e.args[0];
  if (e.op === 'mul') {
    const scalars = e.args.filter((a) => isScalar(a.shape));
    const chain = e.args.filter((a) => !isScalar(a.shape)).reverse().map(transposed);
    return rawMul([...scalars, ...chain]);
  }
  if (e.op === 'hadamard') return rawHadamard(e.args.map(transposed));
  return rawTranspose(e);
}
