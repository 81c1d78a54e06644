/**
 * The product rule, shown term by term. When a variable a occurs more than once in a definition
 * u = def (xᵀAx: in the factor xᵀ and in the factor x), ∂u/∂a is the sum over the occurrences of
 * the derivative through that occurrence with every other occurrence held fixed:
 *   ∂(xᵀAx)/∂x = (Ax)ᵀ ∂x/∂x + xᵀA ∂x/∂x = xᵀAᵀ + xᵀA.
 * An occurrence is an edge from a node of `def` to a; replacing that one edge by a fresh variable t
 * and differentiating with respect to t holds the others fixed. The terms are built with raw
 * constructors, so the sum is shown as it is, before it is simplified (a later step collects it).
 * Linear in the size of `def` per occurrence; a definition with many occurrences is not split.
 */
import { Expr, postorder, rawAdd, rawDiagm, rawHadamard, rawMul, rawTranspose, variable, withArgs } from '../model/expr';
import { isColumn, isRow, isScalar } from '../model/shape';
import { eye, num } from '../simplify/build';
import { localJacobian, pullback, textbook } from './partials';
import { replaceNode } from './substitute';

/** Beyond this many occurrences, the terms are not listed one by one. */
const MAX_OCCURRENCES = 6;

export interface Occurrence {
  /** The node that uses a, and the argument position. */
  readonly parent: Expr;
  readonly index: number;
  /** The factor of a product through which a enters (a itself, or aᵀ), when there is one. */
  readonly factor?: Expr;
}

export interface Term {
  readonly occurrence: Occurrence;
  /** The derivative through this occurrence with the rest held fixed, as shown (raw where a pattern applies). */
  readonly held: Expr;
  /** The same, simplified. */
  readonly value: Expr;
}

/** The edges from nodes of `def` to `a` (a node's argument equal to a), in reading order (left to right). */
export function occurrencesOf(def: Expr, a: Expr): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<Expr>([def]);
  const stack: { p: Expr; i: number }[] = [{ p: def, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i >= top.p.args.length) {
      stack.pop();
      continue;
    }
    const index = top.i++;
    const g = top.p.args[index];
    if (g === a) out.push({ parent: top.p, index });
    else if (!seen.has(g)) {
      seen.add(g);
      stack.push({ p: g, i: 0 });
    }
  }
  return out.map((o) => ({ ...o, ...factorOf(def, a, o) }));
}

/** The factor of a top-level product that holds the occurrence: a itself, or the transpose aᵀ of a vector. */
function factorOf(def: Expr, a: Expr, o: Occurrence): { factor?: Expr } {
  if (def.op !== 'mul' && def.op !== 'hadamard') return {};
  if (o.parent === def) return { factor: a };
  const p = o.parent;
  if (p.op === 'transpose' && !isScalar(a.shape) && (isColumn(a.shape) || isRow(a.shape)) && def.args.filter((g) => g === p).length === 1) return { factor: p };
  return {};
}

/** `def` with the one edge of an occurrence replaced by `t` (every use of that parent node sees t). */
function replaceEdge(def: Expr, o: Occurrence, t: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const n of postorder(def)) {
    const args = n === o.parent
      ? n.args.map((g, j) => (j === o.index ? t : g))
      : n.args.map((g) => done.get(g) as Expr);
    done.set(n, withArgs(n, args));
  }
  return done.get(def) as Expr;
}

/** A stand-in for one occurrence of a (internal: replaced by a again before anything is shown). */
const fresh = (a: Expr): Expr => variable(`__occurrence_of_${a.name ?? 'a'}`, a.shape);

/** Several occurrences, but not too many to list. */
function splittable(occurrences: readonly Occurrence[]): boolean {
  return occurrences.length >= 2 && occurrences.length <= MAX_OCCURRENCES;
}

/**
 * The Jacobian-form terms (numerator layout, |u|×|a|) of ∂u/∂a, one per occurrence of a in `def`,
 * or undefined when a occurs once (or too often to list).
 */
export function jacobianTerms(def: Expr, a: Expr): Term[] | undefined {
  const occurrences = occurrencesOf(def, a);
  if (!splittable(occurrences)) return undefined;
  const t = fresh(a);
  return occurrences.map((o) => {
    const value = textbook(replaceNode(localJacobian(replaceEdge(def, o, t), t), t, a));
    return { occurrence: o, held: heldFixed(def, o) ?? value, value };
  });
}

/**
 * The gradient-form contributions (a's shape) of ∂y/∂a through u = def, given ∂y/∂u = `seed`:
 * one per occurrence of a in `def`, or undefined when a occurs once (or too often to list).
 */
export function gradientTerms(def: Expr, seed: Expr, a: Expr): Expr[] | undefined {
  const occurrences = occurrencesOf(def, a);
  if (!splittable(occurrences)) return undefined;
  const t = fresh(a);
  return occurrences.map((o) => textbook(replaceNode(pullback(replaceEdge(def, o, t), seed, t), t, a)));
}

/**
 * The derivative of a product through one factor, the other factors held fixed, written as the
 * textbook does (numerator layout): L for L·a, Rᵀ for aᵀ·R, diag(b) for a ⊙ b, the other factors
 * for a product of scalars. Undefined where no such simple form applies (the simplified Jacobian is shown).
 */
function heldFixed(def: Expr, o: Occurrence): Expr | undefined {
  const f = o.factor;
  if (f === undefined) return undefined;
  const k = o.parent === def ? o.index : def.args.indexOf(f);
  const others = def.args.filter((_, j) => j !== k);
  if (def.op === 'hadamard') {
    if (isScalar(def.shape)) return product(others);
    return others.every((g) => isColumn(g.shape) && g.shape.rows === f.shape.rows) ? rawDiagm(others.length === 1 ? others[0] : rawHadamard(others)) : undefined;
  }
  const scalars = others.filter((g) => isScalar(g.shape));
  if (isScalar(f.shape)) return isScalar(def.shape) || isColumn(def.shape) ? product(others) : undefined;
  const left = def.args.slice(0, k).filter((g) => !isScalar(g.shape));
  const right = def.args.slice(k + 1).filter((g) => !isScalar(g.shape));
  if (isColumn(f.shape) && right.length === 0) {
    return left.length > 0 ? product([...scalars, ...left]) : product([...scalars, eye(f.shape.rows)]);
  }
  if (isRow(f.shape) && left.length === 0 && right.length > 0 && def.shape.rows === 1) {
    return product([...scalars, rawTranspose(right.length === 1 ? right[0] : rawMul(right))]);
  }
  return undefined;
}

const product = (fs: readonly Expr[]): Expr => (fs.length === 0 ? num(1) : fs.length === 1 ? fs[0] : rawMul(fs));

/** The terms' shown forms times ∂a/∂a, summed (what the product-rule display asserts), and their simplified sum. */
export function termSums(terms: readonly Term[], a: Expr): { readonly shown: Expr; readonly simplified: Expr } {
  const identity = isScalar(a.shape) ? num(1) : eye(isColumn(a.shape) ? a.shape.rows : a.shape.cols);
  const jacobianOfA = isColumn(a.shape) || isScalar(a.shape) || isRow(a.shape) ? identity : localJacobian(a, a);
  return {
    shown: rawAdd(terms.map((t) => rawMul([t.held, jacobianOfA]))),
    simplified: rawAdd(terms.map((t) => t.value)),
  };
}
