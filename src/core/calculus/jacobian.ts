/**
 * The Jacobian engine for non-scalar functions: J = ∂vec f/∂(vec x)ᵀ by chaining local Jacobians
 * from f back to x (the vector chain rule, Parr & Howard §4.5.3): J_a = Σ over parents u of J_u·D_u,a
 * — the total-derivative rule summing over paths. Each DAG node is visited once.
 *
 * Linear in deep element-wise compositions (issue 17): along sin(sin(…x…)) every J is diagonal and
 * diag(h)·diag(d) = diag(h ⊙ d). Built at each level, the Hadamard product would be rebuilt from
 * all the factors below it — 10,000 levels made products of 1, 2, …, 10,000 factors, quadratic in
 * time and in the nodes kept. A node reached by one path whose Jacobian is diagonal, and whose local
 * Jacobian is diagonal too, passes on the diagonal's factors unbuilt (`Diagonal`); the product is
 * built once, from all of them, where a sum, a non-diagonal rule, a trace or x needs it.
 */
import type { Expr } from '../model/expr';
import { isScalar, sizeOf, type Dim } from '../model/shape';
import { asColumn, diagm, eye, mul, sumOfBuilt, zeros } from '../simplify/build';
import { shape } from '../model/shape';
import { built, type Link } from './deferred';
import { contribute, dependentArgs, dependentNodes } from './dependency';
import { localJacobianOf } from './rules/index';
import { builtLinked, isLinked, isLong, linked, linkedSum, type Linked } from './jacobianLinks';

export interface JacobianTrace {
  onLocal?(u: Expr, argIndex: number, local: Expr): void;
  onTotal?(u: Expr, total: Expr): void;
}

/** diag(v₁) diag(v₂) … diag(vₖ) kept unbuilt: a list of the vectors, from the newest (vₖ) back. */
interface Diagonal {
  readonly vector: Expr;
  readonly before: Diagonal | undefined;
}

/** A Jacobian: built, a product of diagonals, or a link to its parent's (./jacobianLinks). */
type Part = Expr | Diagonal | Linked<Expr | Diagonal>;

const isDiagonal = (p: Part): p is Diagonal => 'before' in p && 'vector' in p;

/** Each diagonal over the ones before it, as ./deferred's link of a Hadamard product: v₁ ⊙ … ⊙ vₖ₋₁ ⊙ vₖ. */
const diagonalLink = (d: Diagonal): Link<Diagonal> | undefined =>
  d.before === undefined ? undefined : { before: [], after: [asColumn(d.vector)], inner: d.before, op: 'hadamard' };

/** The product diag(v₁) … diag(vₖ) = diag(v₁ ⊙ … ⊙ vₖ), built once (diag(v₁) itself for one vector). */
function builtBase(p: Expr | Diagonal): Expr {
  if (!isDiagonal(p)) return p;
  if (p.before === undefined) return diagm(p.vector);
  return diagm(built(p, diagonalLink, (first) => asColumn(first.vector)));
}

/** A Jacobian built: its base times its links' factors, one product. */
const builtPart = (p: Part): Expr => builtLinked(p, builtBase);

export function jacobian(f: Expr, x: Expr, trace?: JacobianTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const m = sizeOf(f.shape);
  if (!depends.has(f.id)) return zeros(shape(m, sizeOf(x.shape)));
  const pending = new Map<number, Part[]>();
  pending.set(f.id, [eye(m)]);
  for (let k = order.length - 1; k >= 0; k--) {
    const u = order[k];
    const parts = pending.get(u.id);
    if (parts === undefined) continue;
    pending.delete(u.id);
    const dependent = dependentArgs(u, depends);
    // One path in, one dependent argument, a diagonal local Jacobian: pass the diagonal on unbuilt.
    let known: Expr | undefined;
    if (trace === undefined && u !== x && parts.length === 1 && isDiagonal(parts[0]) && dependent.length === 1) {
      known = localJacobianOf(u, dependent[0]);
      if (known.op === 'diagm') {
        contribute(pending, u.args[dependent[0]], { vector: known.args[0], before: parts[0] });
        continue;
      }
    }
    if (trace !== undefined) {
      tracedStep(u, parts, dependent, pending, trace);
      if (u === x) return sumOfBuilt(parts.map(builtPart));
      continue;
    }
    const Ju = totalOf(parts, sizeOf(u.shape));
    if (u === x) return builtPart(Ju);
    for (const i of dependent) {
      // The local Jacobian found above is not asked for again.
      const D = known ?? localJacobianOf(u, i);
      contribute(pending, u.args[i], step(Ju, D, dependent.length));
    }
  }
  return zeros(shape(m, sizeOf(x.shape)));
}

/**
 * J_u from its contributions: built ones are summed (a product of diagonals built); one link is kept
 * as it is; with links among several, ./jacobianLinks linkedSum sums them from their common ancestor.
 */
function totalOf(parts: readonly Part[], columns: Dim): Expr | Linked<Expr | Diagonal> {
  if (!parts.some(isLinked)) return sumOfBuilt(parts.map(builtPart));
  if (parts.length === 1) return parts[0] as Linked<Expr | Diagonal>;
  return linkedSum(parts, columns, builtBase, productFactors);
}

/**
 * A built Jacobian's matrix factors (a matrix that is no product: itself), then the product of its
 * scalar factors if it has any (mul() writes them first: c·P·R is P·R·c, keyed so that P is shared);
 * none for a product of diagonals or a 1×1 one.
 */
function productFactors(p: Expr | Diagonal): readonly Expr[] | undefined {
  if (isDiagonal(p) || isScalar(p.shape)) return undefined;
  if (p.op !== 'mul') return [p];
  const scalars = p.args.filter((f) => isScalar(f.shape));
  const chain = p.args.filter((f) => !isScalar(f.shape));
  return scalars.length === 0 ? chain : [...chain, mul(...scalars)];
}

/**
 * J_u·D for an argument. A link goes on linked, and so does a long product or a large sum (isLong) —
 * times the identity, J_u itself goes on, shared; J_u·D is built from a short one (a diagonal goes on
 * unbuilt where only one argument depends).
 */
function step(Ju: Expr | Linked<Expr | Diagonal>, D: Expr, dependents: number): Part {
  if (isLinked(Ju) || isLong(Ju)) return D.op === 'eye' ? Ju : linked(Ju, D);
  const c = mul(Ju, D);
  return dependents === 1 && c.op === 'diagm' && D.op === 'diagm' ? { vector: c.args[0], before: undefined } : c;
}

/** One node's step with every total and local Jacobian built and reported (the derivation's trace). */
function tracedStep(u: Expr, parts: readonly Part[], dependent: readonly number[], pending: Map<number, Part[]>, trace: JacobianTrace): void {
  const Ju = sumOfBuilt(parts.map(builtPart));
  trace.onTotal?.(u, Ju);
  for (const i of dependent) {
    const D = localJacobianOf(u, i);
    trace.onLocal?.(u, i, D);
    contribute(pending, u.args[i], mul(Ju, D));
  }
}
