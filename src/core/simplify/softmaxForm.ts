/**
 * A softmax written out, in a product: exp(u)·sum(exp(u))⁻¹ = softmax(u) for a column u (its definition), and so
 * exp(u)ᵀ/sum(exp(u)) = softmax(u)ᵀ and diag(exp(u))/sum(exp(u)) = diag(softmax(u)). Each such factor of the
 * product's chain takes one power of sum(exp(u))⁻¹ from its scalars: ∂ log(sum(exp(z)))/∂z printed
 * exp(z)ᵀ/sum(exp(z)) and is softmax(z)ᵀ; ∂(exp(z)/sum(exp(z)))/∂z printed (I/sum(exp(z)) −
 * exp(z)𝟏ᵀ/sum(exp(z))²)diag(exp(z)) and is diag(softmax(z)) − softmax(z)softmax(z)ᵀ — as `np.exp(z) /
 * np.sum(np.exp(z))` is written. Only integer powers are taken (exp(u)/√sum(exp(u)) stays), and only as many as
 * there are factors (exp(u)/sum(exp(u))² is softmax(u)/sum(exp(u))).
 *
 * The exponential may also be written of the row uᵀ (exp(z') as read: exp(uᵀ) = exp(u)ᵀ, its sum sum(exp(u)), so
 * exp(z')/sum(exp(z)) is softmax(z)ᵀ), stand in a Hadamard product of the chain (a ⊙ exp(u), over sum(exp(u)), is
 * a ⊙ softmax(u); also transposed or as a diagonal, diag(a ⊙ exp(u))) or in a 1×1 product or a sum of a Hadamard product among the scalars (yᵀexp(u)/sum(exp(u)) = yᵀsoftmax(u),
 * sum(y ⊙ exp(u))/sum(exp(u)) = sum(y ⊙ softmax(u))): the gradient of
 * yᵀexp(z)/sum(exp(z)) is p ⊙ y − (yᵀp)p, p = softmax(z).
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { type Expr, rawSoftmax } from '../model/expr';
import * as Q from '../model/rational';
import { isColumn, isRow, isScalar } from '../model/shape';
import { fn } from './elementwise';
import { hadamard } from './hadamard';
import { asColumn, diagm, transpose } from './matrix';
import { mul } from './product';
import { reduce } from './reductions';

/** The column u of a base sum(exp(u)) or sum(exp(uᵀ)); undefined for any other base. */
function exponentOf(base: Expr): Expr | undefined {
  const e = base.op === 'sum' ? base.args[0] : undefined;
  if (e === undefined || e.op !== 'fn' || e.name !== 'exp') return undefined;
  return isColumn(e.shape) || isRow(e.shape) ? asColumn(e.args[0]) : undefined;
}

/** Each written-out exponential of u and the softmax form it takes with one sum(exp(u))⁻¹. */
function formsOf(u: Expr): Map<Expr, Expr> {
  const e = fn('exp', u);
  const p = rawSoftmax(u);
  return new Map<Expr, Expr>([[e, p], [transpose(e), transpose(p)], [fn('exp', transpose(u)), transpose(p)], [diagm(e), diagm(p)]]);
}

/** f with a written-out exponential made a softmax: a factor of its Hadamard product, or of its 1×1 product. */
function softmaxIn(f: Expr, forms: Map<Expr, Expr>, inside: 'hadamard' | 'mul'): Expr | undefined {
  if (f.op !== inside) return undefined;
  const i = f.args.findIndex((a) => forms.has(a));
  if (i < 0) return undefined;
  const args = f.args.map((a, j) => (j === i ? (forms.get(a) as Expr) : a));
  return inside === 'hadamard' ? hadamard(...args) : mul(...args);
}

/** A Hadamard product of the chain holding a written-out exponential, itself, transposed or as a diagonal: (a ⊙ exp(u))ᵀ, diag(a ⊙ exp(u)). */
function softmaxInHadamard(f: Expr, forms: Map<Expr, Expr>): Expr | undefined {
  if (f.op === 'hadamard') return softmaxIn(f, forms, 'hadamard');
  if (f.op !== 'transpose' && f.op !== 'diagm') return undefined;
  const inner = softmaxIn(f.args[0], forms, 'hadamard');
  return inner === undefined ? undefined : f.op === 'transpose' ? transpose(inner) : diagm(inner);
}

/** sum(a ⊙ exp(u)) as sum(a ⊙ softmax(u)), with one sum(exp(u))⁻¹. */
function summedSoftmax(b: Expr, forms: Map<Expr, Expr>): Expr | undefined {
  const inner = softmaxIn(b.args[0], forms, 'hadamard');
  return inner === undefined ? undefined : reduce('sum', inner);
}

/**
 * The chain with its written-out softmaxes, the powers of the sums it took out of `exps` (the product's scalar
 * exponents by base id); undefined (and `exps` as it was) when the product has none. A 1×1 product among the
 * scalars made a softmax is replaced in `order` (its exponent moved to the new base).
 */
export function softmaxesInChain(order: Expr[], exps: Map<number, Q.Rational>, chain: readonly Expr[]): Expr[] | undefined {
  let out: Expr[] | undefined;
  for (const base of [...order]) {
    const u = exponentOf(base);
    if (u === undefined) continue;
    let k = exps.get(base.id) as Q.Rational;
    if (!Q.isInteger(k) || k.n >= 0n) continue;
    const forms = formsOf(u);
    const cur = out ?? [...chain];
    // The chain's factors, then the Hadamard products among them (as they are, transposed or as diagonals).
    for (const made of [(f: Expr) => forms.get(f), (f: Expr) => softmaxInHadamard(f, forms)]) {
      for (let i = 0; i < cur.length && k.n < 0n; i++) {
        const s = made(cur[i]);
        if (s === undefined) continue;
        cur[i] = s;
        k = Q.add(k, Q.ONE);
        out = cur;
      }
    }
    // The 1×1 products and sums of Hadamard products among the scalars, each of exponent 1:
    // (yᵀexp(u))·sum(exp(u))⁻¹ = yᵀsoftmax(u), sum(y ⊙ exp(u))·sum(exp(u))⁻¹ = sum(y ⊙ softmax(u)).
    for (let i = 0; i < order.length && k.n < 0n; i++) {
      const b = order[i];
      if (b === base || !isScalar(b.shape) || !Q.equals(exps.get(b.id) as Q.Rational, Q.ONE)) continue;
      const s = b.op === 'sum' ? summedSoftmax(b, forms) : softmaxIn(b, forms, 'mul');
      if (s === undefined) continue;
      exps.delete(b.id);
      const before = exps.get(s.id);
      if (before === undefined) order[i] = s;
      else order.splice(i--, 1);
      exps.set(s.id, before === undefined ? Q.ONE : Q.add(before, Q.ONE));
      k = Q.add(k, Q.ONE);
      out ??= cur;
    }
    exps.set(base.id, k);
  }
  return out;
}
