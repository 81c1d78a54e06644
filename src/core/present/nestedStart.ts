/**
 * Factoring a deep chain in linear work: products that hold the product below them as their first factor.
 *
 * The Jacobian of a gated state h_k = tanh(W h_(k−1)) ⊙ h_(k−1) reaches presentation as S_k = S_(k−1)·D_k +
 * S_(k−1)·D′_k·W at every level, and factorize() works bottom-up: S_(k−1) factored is a product F of k − 1
 * factors, so each term written flat had k factors and the common start taken out (factor.ts, commonStart)
 * made a flat product of k again — n²/2 factors over n levels, for an answer of n factors (issue 17).
 *
 * Here, within one factorize() walk, a product whose first factor is a product the walk made stays nested,
 * F·D (not F₁…F_(k−1)·D), and a sum of such terms that all start with the same F is F·factorSum(their rests),
 * nested again: O(1) a level. What the walk answers is written flat at the end (flatNested), and a nested
 * product met anywhere else is written flat first, so no other rule ever sees one. Only where the steps of
 * factorSum on the flat terms give the same product (sharedStart's conditions, each argued there): the
 * answer is the same expression.
 */
import { type Expr, rawMul, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { checkpoint } from '../limits/budget';
import { flattensInto, mul } from '../simplify/build';

/** What sharedStart needs to know of a product without reading all its factors: kept for each product met. */
interface ChainFacts {
  /** Every factor (written flat) is a matrix that is not 1×1: no number, no scalar. */
  readonly pure: boolean;
  /** How many factors, written flat. */
  readonly length: number;
  /** The last two factors written flat (the last last). */
  readonly ends: readonly Expr[];
  /** Some factor (written flat) is a sum each of whose terms is a product (one factor.ts mayCollect might take). */
  readonly collectable: boolean;
}

const FACTS = new WeakMap<Expr, ChainFacts>();

/** A product with a product (one written flat into it) as an argument. */
export const isNested = (e: Expr): boolean => e.op === 'mul' && e.args.some(flattensInto);

const collectableSum = (f: Expr): boolean => f.op === 'add' && f.args.every((a) => a.op === 'mul');

/** The facts of a product, from its arguments' (the first a product whose facts are known, for a nested one). */
function factsOf(p: Expr): ChainFacts {
  const known = FACTS.get(p);
  if (known !== undefined) return known;
  let pure = true;
  let length = 0;
  let collectable = false;
  let ends: Expr[] = [];
  for (const a of p.args) {
    checkpoint();
    if (flattensInto(a)) {
      const f = factsOf(a);
      pure &&= f.pure;
      length += f.length;
      collectable ||= f.collectable;
      ends = [...ends, ...f.ends].slice(-2);
    } else {
      pure &&= !isScalar(a.shape);
      length++;
      collectable ||= collectableSum(a);
      ends = [...ends, a].slice(-2);
    }
  }
  const facts = { pure, length, ends, collectable };
  FACTS.set(p, facts);
  return facts;
}

/** What flatNested made of each nested product: one written flat where several read it (a Hessian's sums). */
const FLAT = new WeakMap<Expr, Expr>();

/** A product written flat (associativity only), through products nested at any depth; without recursion. */
export function flatNested(e: Expr): Expr {
  if (!isNested(e)) return e;
  const known = FLAT.get(e);
  if (known !== undefined) return known;
  const out: Expr[] = [];
  const pending: Expr[] = [e];
  while (pending.length > 0) {
    const f = pending.pop() as Expr;
    const flat = f === e ? undefined : FLAT.get(f);
    if (f !== e && !flattensInto(f)) out.push(f);
    else if (flat !== undefined) {
      checkpoint();
      for (const g of flat.args) out.push(g);
    } else {
      // A checkpoint a product opened (as flattenSame, which copies a product's factors at once).
      checkpoint();
      for (let i = f.args.length - 1; i >= 0; i--) pending.push(f.args[i]);
    }
  }
  const flat = rawMul(out);
  FLAT.set(e, flat);
  return flat;
}

/**
 * A product F·R₁…R_j the walk may keep nested (not written flat): F a product of three factors or more,
 * all matrices not 1×1 (nested itself or flat), each R a matrix that is no product. Written flat it is
 * F₁…F_k·R₁…R_j (flattenSame: no number to fold), as flatNested writes it.
 */
export function keepsNested(e: Expr): boolean {
  if (e.op !== 'mul' || e.args.length < 2 || !flattensInto(e.args[0])) return false;
  for (let i = 1; i < e.args.length; i++) if (e.args[i].op === 'mul' || isScalar(e.args[i].shape)) return false;
  const f = factsOf(e.args[0]);
  return f.pure && f.length >= 3;
}

/**
 * F·factorSum([R₁, R₂, …]) for terms F·R₁, F·R₂, … (each kept nested, keepsNested) that start with the
 * same product F, nested; undefined where factorSum on the terms written flat might take another way
 * (then the caller writes them flat). With F = F₁…F_k (k ≥ 3, matrices not 1×1), each R_i matrices that
 * are no products, n terms whose last factors are not all the same, the product not n×1 or 1×1 (no factor's
 * row and the last column make a 1×1 rest), and, with three terms or more, no factor of F and no last
 * factor a sum of products (mayCollect): commonEnd does not apply (two terms end differently), commonStart
 * takes m ≥ k − 1 factors out (every rest up to F_k is a chain of two factors or more, and nothing
 * collects), m ≥ 2. If m ≥ k, what it makes is F·R[…m−k)·factorSum(rests), and factorSum([R_i]) makes
 * R[…m−k)·factorSum(rests): the same steps on the same rests (commonStart's loop past F, or, for m − k =
 * 1, the greedy step taking the shared first factor, the only one offered by all). If m = k − 1 (a rest
 * R_i of one factor), its rests F_k·R_i give the greedy step F_k (offered by every term, no last is; no
 * sum collects: F_k cannot hold a term that holds it, and no first or last R is a sum of products), the
 * cofactors R_i: F₁…F_(k−1)·F_k·factorSum([R_i]). Products equal written flat only where mul() applies
 * no rule where F meets the rest (checked: F_(k−1)·F_k·G and F_k·R_i are products as they stand).
 */
export function sharedStart(terms: readonly Expr[], factorSum: (terms: readonly Expr[]) => Expr): Expr | undefined {
  const n = terms.length;
  if (n < 2 || !terms.every(keepsNested)) return undefined;
  const F = terms[0].args[0];
  if (!terms.every((t) => t.args[0] === F)) return undefined;
  const facts = factsOf(F);
  const cols = terms[0].shape.cols;
  if (cols === 1) return undefined;
  const last = (t: Expr): Expr => t.args[t.args.length - 1];
  if (terms.every((t) => last(t) === last(terms[0]))) return undefined;
  const rests = terms.map((t) => t.args.slice(1));
  if (rests.some((r) => collectableSum(r[0]) || collectableSum(r[r.length - 1]))) return undefined;
  if (n >= 3 && facts.collectable) return undefined;
  const [before, end] = facts.ends;
  // F_k·R_i as mul() makes it is that product as it stands (what commonStart's rest is, for m = k − 1).
  if (!rests.every((r) => isProductOf(mul(end, ...r), [end, ...r]))) return undefined;
  const g = factorSum(rests.map((r) => mul(...r)));
  if (isScalar(g.shape) || (g.op === 'mul' && g.args.some((a) => isScalar(a.shape)))) return undefined;
  const gs = g.op === 'mul' ? g.args : [g];
  if (gs.some(flattensInto) || !isProductOf(mul(before, end, ...gs), [before, end, ...gs])) return undefined;
  return rawMul([F, ...gs]);
}

/** Whether p is the product of these factors as they stand (mul() applied no rule to them). */
const isProductOf = (p: Expr, factors: readonly Expr[]): boolean =>
  p.op === 'mul' && p.args.length === factors.length && p.args.every((a, i) => a === factors[i]);

/** A node with every nested product among its arguments written flat (the node itself when there is none). */
export function withFlatArgs(e: Expr): Expr {
  if (!e.args.some(isNested)) return e;
  return withArgs(e, e.args.map(flatNested));
}
