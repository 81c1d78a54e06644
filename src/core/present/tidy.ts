/**
 * Presentation order, applied last (after layout and factoring): values unchanged, only the way a
 * result is written. A transpose of a sum is distributed when that removes transposes
 * ((Aᵀ + A)ᵀ → A + Aᵀ) and kept otherwise ((Ax − b)ᵀ stays); in sums, positive terms come before
 * negative ones and untransposed before transposed ((A + Aᵀ), not (Aᵀ + A)); in products, numbers,
 * then powers of variables in the order of their names, then the rest (6x²cos(x³)/sin(x³); ab sin(ab), never ba).
 */
import { block, Expr, rationalNum, rationalOf, rawAdd, rawDiagm, rawMul, rawTranspose, walkUnvisited } from '../model/expr';
import * as Q from '../model/rational';
import { sign } from '../model/rational';
import { isScalar } from '../model/shape';
import { coefficientOf, splitCoefficient, transpose } from '../simplify/build';
import { rewriteBottomUp } from './bottomUp';
import { flattenSame } from './factor';

/** Counts never go past this: tidy only compares counts below it. */
const COUNT_CAP = 99;
/** Transposes and inverses in the tree of a node, each capped: transposes + INVERSES · inverses. */
const marks = new WeakMap<Expr, number>();
const INVERSES = 128;

/**
 * The transposes and inverses in the tree of `root` (capped), counted in one walk; memoized per node
 * (nodes are hash-consed and immutable), so tidying is linear in the DAG.
 */
function marksOf(root: Expr): number {
  const known = marks.get(root);
  if (known !== undefined) return known;
  walkUnvisited(root, (e) => marks.has(e), (e) => {
    let transposes = e.op === 'transpose' ? 1 : 0;
    let inverses = e.op === 'inv' ? 1 : 0;
    for (const a of e.args) {
      const m = marks.get(a) as number;
      transposes += m % INVERSES;
      inverses += Math.floor(m / INVERSES);
    }
    marks.set(e, Math.min(transposes, COUNT_CAP) + INVERSES * Math.min(inverses, COUNT_CAP));
  });
  return marks.get(root) as number;
}

export const transposesIn = (e: Expr): number => marksOf(e) % INVERSES;
const inversesIn = (e: Expr): number => Math.floor(marksOf(e) / INVERSES);

/**
 * Classes of terms equal up to transposes (A, Aᵀ), made once per tidy(): a node's class is its op,
 * name and value with its arguments' classes (a transpose has its argument's), so equal structures
 * share one and each node is looked at once, not once per sum holding it.
 */
class TransposeFree {
  private readonly classes = new Map<Expr, number>();
  private readonly bySignature = new Map<string, number>();

  /** A term's class (≥ 0); a term over 64 nodes is only equal to itself (−1 − its id). */
  of(t: Expr): number {
    if (t.size > 64) return -1 - t.id;
    walkUnvisited(t, (e) => this.classes.has(e), (e) => {
      if (e.op === 'transpose') {
        this.classes.set(e, this.classes.get(e.args[0]) as number);
        return;
      }
      const signature = `${e.op}:${e.name ?? ''}:${e.value ?? ''}(${e.args.map((a) => this.classes.get(a)).join(',')})`;
      let c = this.bySignature.get(signature);
      if (c === undefined) this.bySignature.set(signature, (c = this.bySignature.size));
      this.classes.set(e, c);
    });
    return this.classes.get(t) as number;
  }
}

/**
 * What terms equal up to transposes have in common, cheaply: the op, name, value and arity below
 * any transposes on top, and the number of nodes that are not transposes. A term whose print is
 * unlike every other's has a class of its own, without its class being made.
 */
function printOf(t: Expr): string {
  let e = t;
  while (e.op === 'transpose') e = e.args[0];
  return `${e.op}:${e.name ?? ''}:${e.value ?? ''}:${e.args.length}:${t.size - transposesIn(t)}`;
}

/** Sort keys for the terms of a sum: the written order, but negative terms last and A before Aᵀ. */
function termKeys(terms: readonly Expr[], keys: TransposeFree): number[] {
  const groups = termGroups(terms, keys);
  return terms.map((t, i) => {
    const transposes = transposesIn(t) + inversesIn(t);
    return (sign(coefficientOf(t)) < 0 ? 1e6 : 0) + groups[i] * 100 + Math.min(transposes, 99);
  });
}

/** Per term, the index of the first term equal to it up to transposes (its own index when none is). */
function termGroups(terms: readonly Expr[], keys: TransposeFree): number[] {
  // Terms over 64 nodes are only equal to themselves; transposesIn counts them exactly below that.
  const prints = terms.map((t) => (t.size > 64 ? undefined : printOf(t)));
  if (terms.length === 2) {
    // Two terms (most sums): the second is in the first's group when their prints and classes are the same.
    const [a, b] = terms;
    const same = prints[0] === prints[1] && (prints[0] === undefined ? a === b : keys.of(a) === keys.of(b));
    return [0, same ? 0 : 1];
  }
  const seen = new Map<string, number>();
  for (const p of prints) if (p !== undefined) seen.set(p, (seen.get(p) ?? 0) + 1);
  const groupStart = new Map<number, number>();
  return terms.map((t, i) => {
    const p = prints[i];
    if (p !== undefined && (seen.get(p) as number) === 1) return i;
    const k = keys.of(t);
    if (!groupStart.has(k)) groupStart.set(k, i);
    return groupStart.get(k) as number;
  });
}

function factorRank(f: Expr): number {
  if (f.op === 'num' || f.op === 'const') return 0;
  if (f.op === 'var') return 1;
  if (f.op === 'pow' && f.args[0].op === 'var' && f.args[1].op === 'num' && (f.args[1].value as number) > 0) return 1;
  if (f.op === 'pow' && f.args[1].op === 'num' && (f.args[1].value as number) < 0) return 3;
  return 2;
}

/** A power of a variable's name (x for x and x²), for the order of scalar factors: ab, never ba beside it. */
const variableName = (f: Expr): string => (f.op === 'var' ? (f.name as string) : (f.args[0].name as string));
/** Made at the first comparison, not at load: an Intl.Collator costs ~8 ms of CPU to make (ICU's collation data), which every `matcalc` process paid at start (docs/benchmarks.md). */
let names: Intl.Collator | undefined;
const compareNames = (a: string, b: string): number => (names ??= new Intl.Collator('en', { numeric: true })).compare(a, b);

/** Scalar factors: by rank, variables (and their powers) by name (a before b, x2 before x10), the rest as they were. */
function sortScalars(xs: readonly Expr[]): Expr[] {
  return xs
    .map((x, i) => [x, i, factorRank(x)] as const)
    .sort((a, b) => a[2] - b[2] || (a[2] === 1 ? compareNames(variableName(a[0]), variableName(b[0])) : 0) || a[1] - b[1])
    .map((p) => p[0]);
}

function stableSortBy<T>(xs: readonly T[], key: (x: T) => number): T[] {
  return xs.map((x, i) => [x, i, key(x)] as const).sort((a, b) => a[2] - b[2] || a[1] - b[1]).map((p) => p[0]);
}

/**
 * Whether a product's factors are already in the order tidy() writes: no scalar after a matrix, and
 * at most one scalar (nothing to sort) — most products, which it then leaves as they are.
 */
function scalarsInOrder(factors: readonly Expr[]): boolean {
  let scalars = 0;
  let matrices = 0;
  for (const f of factors) {
    if (!isScalar(f.shape)) matrices++;
    else if (matrices > 0 || ++scalars > 1) return false;
  }
  return true;
}

/** `settled`: nodes tidy() left as they were before (present/bottomUp.ts). */
export function tidy(root: Expr, settled?: Set<Expr>): Expr {
  // The classes are a cache: whether two terms share one does not depend on what else was classed.
  const keys = new TransposeFree();
  const tidied = rewriteBottomUp(root, (e) => {
    let out = literalTransposed(scalarsOutOfTranspose(scalarsOutOfDiag(flattenSame(e))));
    if (out.op === 'transpose' && out.args[0].op === 'add') {
      const pushed = out.args[0].args.map(transpose);
      if (pushed.reduce((n, t) => n + transposesIn(t), 0) < transposesIn(out)) {
        out = mergeRepeated(rawAdd(pushed), false);
        if (out.op === 'add') out = tidyAdd(out, keys);
      }
    } else if (out.op === 'add') {
      out = mergeRepeated(out, false);
      if (out.op === 'add') out = tidyAdd(out, keys);
    }
    if (out.op === 'mul') out = numberOutOfDiag(out);
    if (out.op === 'mul' && !scalarsInOrder(out.args)) {
      const scalars = out.args.filter((f) => isScalar(f.shape));
      const chain = out.args.filter((f) => !isScalar(f.shape));
      const sorted = [...sortScalars(scalars), ...chain];
      if (sorted.some((f, i) => f !== out.args[i])) out = rawMul(sorted);
    }
    return out;
  }, undefined, settled);
  // A result that is a sum: its terms equal through a transpose (Mx and (xᵀM)ᵀ of a symmetric M) written once.
  if (tidied.op !== 'add') return tidied;
  const merged = mergeRepeated(tidied, true);
  return merged.op === 'add' && merged !== tidied ? tidyAdd(merged, keys) : merged;
}

/**
 * The transpose of a matrix literal written as the literal transposed, as the textbooks print a
 * denominator-layout Jacobian: [6xy, 2; 3x², 8y⁷], not [6xy, 3x²; 2, 8y⁷]ᵀ (Parr & Howard §4). A
 * vector literal keeps its transpose: [6xy, 3x²]ᵀ is how a row is written.
 */
function literalTransposed(e: Expr): Expr {
  if (e.op !== 'transpose' || e.args[0].op !== 'block') return e;
  const [rows, cols] = e.args[0].dims as readonly [number, number];
  if (rows === 1 || cols === 1) return e;
  const entries = e.args[0].args;
  return block(cols, rows, Array.from({ length: rows * cols }, (_, k) => entries[(k % rows) * cols + Math.floor(k / rows)]));
}

/**
 * One number in front of a product: c·diag(k·v) = (ck)·diag(v) when the product has a number c of
 * its own — the Hessian of sum(x∘³) is 6 diag(x), not 3 diag(2x). A diag with no number beside it
 * keeps its own (diag(2x), Parr & Howard's diag(−w ⊘ x∘²)). Sound: diag is linear.
 */
function numberOutOfDiag(m: Expr): Expr {
  const at = m.args.findIndex((f) => f.op === 'num' && isScalar(f.shape));
  if (at < 0) return m;
  let c = rationalOf(m.args[at]);
  let changed = false;
  const args = m.args.map((f) => {
    if (f.op !== 'diagm') return f;
    const [k, v] = splitCoefficient(f.args[0]);
    if (Q.equals(k, Q.ONE)) return f;
    c = Q.mul(c, k);
    changed = true;
    return rawDiagm(v);
  });
  if (!changed) return m;
  const rest = args.filter((_, i) => i !== at);
  const factors = Q.equals(c, Q.ONE) ? rest : [rationalNum(c), ...rest];
  return factors.length === 1 ? factors[0] : rawMul(factors);
}

/**
 * diag(c·v) = c·diag(v) for the symbolic scalars c of a product with one vector v (its numbers stay
 * inside: numberOutOfDiag decides them): the Hessian of the logistic loss is written
 * Xᵀ diag(σ ⊙ (𝟏 − σ))X/N, the 1/N beside the product as the textbooks print it, not
 * Xᵀ diag((σ ⊙ (𝟏 − σ))/N)X. Sound: diag is linear.
 */
function scalarsOutOfDiag(e: Expr): Expr {
  if (e.op !== 'diagm' || e.args[0].op !== 'mul') return e;
  const inner = e.args[0].args;
  const vector = inner.filter((f) => !isScalar(f.shape));
  const symbols = inner.filter((f) => isScalar(f.shape) && f.op !== 'num');
  if (vector.length !== 1 || symbols.length === 0) return e;
  const numbers = inner.filter((f) => f.op === 'num');
  return rawMul([...symbols, rawDiagm(numbers.length > 0 ? rawMul([...numbers, vector[0]]) : vector[0])]);
}

/**
 * (cA)ᵀ = c·Aᵀ for scalars c and one matrix A: ((P − Y)/N)ᵀ𝟏 is written (P − Y)ᵀ𝟏/N, the scalar
 * beside the product as the textbooks print it. A product of several matrices keeps its transpose.
 */
function scalarsOutOfTranspose(e: Expr): Expr {
  if (e.op !== 'transpose' || e.args[0].op !== 'mul') return e;
  const inner = e.args[0].args;
  const chain = inner.filter((f) => !isScalar(f.shape));
  if (chain.length !== 1 || chain.length === inner.length) return e;
  return rawMul([...inner.filter((f) => isScalar(f.shape)), rawTranspose(chain[0])]);
}

/** The largest term whose transpose mergeRepeated pushes in to compare it with the others (as TransposeFree's bound). */
const MERGED_TERM_SIZE = 64;

/**
 * A term that occurs more than once in a sum, as the same node or (viaTransposes, for the sum a result is)
 * as the transpose of one whose transpose pushed in (simplify/matrix.ts) is another term, written once with
 * its count: the product rule's terms Mx and (xᵀM)ᵀ of a symmetric M (the Rayleigh quotient xᵀSx/(xᵀx))
 * printed xᵀ(…) + xᵀ(…), and Mx + (xᵀM)ᵀ in denominator layout; they are 2xᵀ(…) and 2(…)x. The form
 * kept is the one with fewer transposes. Inner sums compare nodes only, so that a sum the layout
 * transposes merges after its transpose is pushed in (2xᵀM, not (2Mx)ᵀ). Sound: t + t = 2t, and the
 * transpose pushed in is the same value.
 */
function mergeRepeated(e: Expr, viaTransposes: boolean): Expr {
  const at = new Map<Expr, number>();
  const kept: Expr[] = [];
  const counts: number[] = [];
  let merged = false;
  const fewer = (a: Expr, b: Expr): Expr => (transposesIn(b) < transposesIn(a) ? b : a);
  for (const t of e.args) {
    const pushed = viaTransposes && t.op === 'transpose' && t.size <= MERGED_TERM_SIZE ? transpose(t.args[0]) : undefined;
    const i = at.get(t) ?? (pushed === undefined ? undefined : at.get(pushed));
    if (i !== undefined) {
      counts[i]++;
      merged = true;
      kept[i] = fewer(kept[i], pushed === undefined ? t : fewer(t, pushed));
      continue;
    }
    at.set(t, kept.length);
    if (pushed !== undefined) at.set(pushed, kept.length);
    kept.push(t);
    counts.push(1);
  }
  if (!merged) return e;
  const terms = kept.map((t, i) => {
    if (counts[i] === 1) return t;
    if (viaTransposes && t.op === 'transpose') t = fewer(t, transpose(t.args[0]));
    const [c, rest] = splitCoefficient(t);
    const factors = rest.op === 'mul' ? rest.args : [rest];
    return rawMul([rationalNum(Q.mul(c, Q.fromNumber(counts[i]))), ...factors]);
  });
  return terms.length === 1 ? terms[0] : rawAdd(terms);
}

function tidyAdd(e: Expr, keys: TransposeFree): Expr {
  const order = termKeys(e.args, keys);
  // Already in order (most sums): the stable sort would keep every term where it is.
  if (order.every((k, i) => i === 0 || order[i - 1] <= k)) return e;
  const sorted = stableSortBy(e.args.map((t, i) => [t, order[i]] as const), (p) => p[1]).map((p) => p[0]);
  return sorted.every((t, i) => t === e.args[i]) ? e : rawAdd(sorted);
}
