/**
 * A softmax written out, in a product: exp(u)·sum(exp(u))⁻¹ = softmax(u) for a column u (its definition), and so
 * exp(u)ᵀ/sum(exp(u)) = softmax(u)ᵀ and diag(exp(u))/sum(exp(u)) = diag(softmax(u)). Each such factor of the
 * product's chain takes one power of sum(exp(u))⁻¹ from its scalars: ∂ log(sum(exp(z)))/∂z printed
 * exp(z)ᵀ/sum(exp(z)) and is softmax(z)ᵀ; ∂(exp(z)/sum(exp(z)))/∂z printed (I/sum(exp(z)) −
 * exp(z)𝟏ᵀ/sum(exp(z))²)diag(exp(z)) and is diag(softmax(z)) − softmax(z)softmax(z)ᵀ — as `np.exp(z) /
 * np.sum(np.exp(z))` is written. Only integer powers are taken (exp(u)/√sum(exp(u)) stays), and only as many as
 * there are factors (exp(u)/sum(exp(u))² is softmax(u)/sum(exp(u))).
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { type Expr, rawSoftmax } from '../model/expr';
import * as Q from '../model/rational';
import { isColumn } from '../model/shape';
import { diagm, transpose } from './matrix';

/**
 * The chain with its written-out softmaxes, the powers of the sums it took out of `exps` (the product's scalar
 * exponents by base id); undefined (and `exps` as it was) when the product has none.
 */
export function softmaxesInChain(order: readonly Expr[], exps: Map<number, Q.Rational>, chain: readonly Expr[]): Expr[] | undefined {
  let out: Expr[] | undefined;
  for (const base of order) {
    const e = base.op === 'sum' ? base.args[0] : undefined;
    if (e === undefined || e.op !== 'fn' || e.name !== 'exp' || !isColumn(e.shape)) continue;
    let k = exps.get(base.id) as Q.Rational;
    if (!Q.isInteger(k) || k.n >= 0n) continue;
    const p = rawSoftmax(e.args[0]);
    const forms = new Map<Expr, Expr>([[e, p], [transpose(e), transpose(p)], [diagm(e), diagm(p)]]);
    const cur = out ?? [...chain];
    for (let i = 0; i < cur.length && k.n < 0n; i++) {
      const s = forms.get(cur[i]);
      if (s === undefined) continue;
      cur[i] = s;
      k = Q.add(k, Q.ONE);
      out = cur;
    }
    exps.set(base.id, k);
  }
  return out;
}
