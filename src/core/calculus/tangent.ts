/**
 * Forward mode for a scalar variable: the tangent ḟ = ∂f/∂x (f's shape) by the differential rules
 * (matrix-derivative-rules.md §2) read with dx = 1. Used when x is a scalar: d/dx of scalars (Parr &
 * Howard's single-variable and total-derivative chain rules), and ∂f/∂x for vector or matrix f.
 */
import { block, Expr } from '../model/expr';
import {
  add, diagm, diagv, entry, hadamard, inner, inv, kron, matpow, mul, neg, num, pow, reduce, softmax, sub,
  transpose, vec, fn, zeros,
} from '../simplify/build';
import { elementwiseDerivative } from './elementwise';
import { dependentNodes } from './dependency';
import { UnsupportedDerivative } from './unsupported';
import { MAX_MATRIX_EXPONENT } from '../limits/exponent';

export interface TangentTrace {
  onTangent?(u: Expr, tangent: Expr): void;
}

export function tangent(f: Expr, x: Expr, trace?: TangentTrace): Expr {
  const { order, depends } = dependentNodes(f, [x]);
  const dot = new Map<number, Expr>();
  const d = (e: Expr): Expr => dot.get(e.id) ?? zeros(e.shape);
  for (const u of order) {
    if (!depends.has(u.id)) continue;
    const t = u === x ? num(1) : tangentRule(u, d);
    dot.set(u.id, t);
    trace?.onTangent?.(u, t);
  }
  return d(f);
}

function tangentRule(u: Expr, d: (e: Expr) => Expr): Expr {
  const a = u.args[0];
  switch (u.op) {
    case 'add':
      return add(...u.args.map(d));
    case 'mul':
      return add(...u.args.map((_, i) => mul(...u.args.map((g, j) => (i === j ? d(g) : g)))));
    case 'hadamard':
      return add(...u.args.map((_, i) => hadamard(...u.args.map((g, j) => (i === j ? d(g) : g)))));
    case 'pow': {
      const [base, k] = u.args;
      return add(
        hadamard(mul(k, pow(base, sub(k, num(1)))), d(base)),
        mul(d(k), hadamard(u, fn('log', base))),
      );
    }
    case 'matpow': {
      const k = u.value as number;
      if (k > MAX_MATRIX_EXPONENT) throw new UnsupportedDerivative(`a matrix power with exponent ${k} (at most ${MAX_MATRIX_EXPONENT})`);
      const terms: Expr[] = [];
      for (let j = 0; j < k; j++) terms.push(mul(matpow(a, j), d(a), matpow(a, k - 1 - j)));
      return terms.length === 0 ? zeros(u.shape) : add(...terms);
    }
    case 'transpose':
      return transpose(d(a));
    case 'fn':
      return hadamard(elementwiseDerivative(u.name as never, a, u), d(a));
    case 'sum':
    case 'mean':
    case 'tr':
      return reduce(u.op, d(a));
    case 'norm1':
      return inner(fn('sign', a), d(a));
    case 'norm2':
      return mul(pow(u, num(-1)), inner(a, d(a)));
    case 'det':
      return mul(u, reduce('tr', mul(inv(a), d(a))));
    case 'logdet':
      return reduce('tr', mul(inv(a), d(a)));
    case 'inv':
      return neg(mul(u, d(a), u));
    case 'diagm':
      return diagm(d(a));
    case 'diagv':
      return diagv(d(a));
    case 'softmax':
      return sub(hadamard(u, d(a)), mul(u, transpose(u), d(a)));
    case 'logsumexp':
      return inner(softmax(a), d(a));
    case 'block':
      return block(u.dims?.[0] as number, u.dims?.[1] as number, u.args.map(d));
    case 'entry':
      return entry(d(a), u.dims?.[0] as number, u.dims?.[1] as number);
    case 'kron':
      return add(kron(d(u.args[0]), u.args[1]), kron(u.args[0], d(u.args[1])));
    case 'vec':
      return vec(d(a));
    default:
      throw new UnsupportedDerivative(u.op);
  }
}
