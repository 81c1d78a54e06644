/**
 * Reverse-mode rules (adjoints) for a SCALAR function f: given a node u = op(a₁, …) and its adjoint
 * ū = ∂f/∂u (same shape as u), the contribution to āᵢ = ∂f/∂aᵢ (same shape as aᵢ). These are the
 * rules of Giles (2008) / matrix-derivative-rules.md §3, written with the smart constructors so the
 * results come out in textbook form. One rule per operator; see docs/design.md.
 */
import type { Expr } from '../model/expr';
import { isScalar, isRow } from '../model/shape';
import {
  add, diagm, diagv, entry, eye, hadamard, inner, inv, matpow, mul, neg, num, ones, pow, reduce, softmax, sub, transpose, fn,
  zeros,
} from '../simplify/build';
import { unit } from '../model/expr';
import { elementwiseDerivative } from './elementwise';
import { UnsupportedDerivative } from './unsupported';
import { MAX_MATRIX_EXPONENT } from '../limits/exponent';

/** The product of a list of factors, or undefined when empty. */
const productOf = (fs: readonly Expr[]): Expr | undefined => (fs.length === 0 ? undefined : mul(...fs));

export function adjointContribution(u: Expr, ubar: Expr, i: number): Expr {
  const a = u.args[i];
  switch (u.op) {
    case 'add':
      return ubar;
    case 'mul': {
      if (isScalar(a.shape)) {
        const rest = productOf(u.args.filter((_, j) => j !== i)) ?? num(1);
        return inner(ubar, rest);
      }
      const scalars = u.args.filter((f) => isScalar(f.shape));
      const chain = u.args.filter((f) => !isScalar(f.shape));
      const k = chainIndexOf(u, i);
      const left = productOf(chain.slice(0, k));
      const right = productOf(chain.slice(k + 1));
      const parts: Expr[] = [...scalars];
      if (left) parts.push(transpose(left));
      parts.push(ubar);
      if (right) parts.push(transpose(right));
      return mul(...parts);
    }
    case 'hadamard':
      return hadamard(ubar, ...u.args.filter((_, j) => j !== i));
    case 'pow': {
      const [base, k] = u.args;
      if (i === 0) {
        return hadamard(ubar, mul(k, pow(base, sub(k, num(1)))));
      }
      return inner(ubar, hadamard(u, fn('log', base)));
    }
    case 'matpow': {
      const k = u.value as number;
      if (k > MAX_MATRIX_EXPONENT) throw new UnsupportedDerivative(`a matrix power with exponent ${k} (at most ${MAX_MATRIX_EXPONENT})`);
      const terms: Expr[] = [];
      for (let j = 0; j < k; j++) terms.push(mul(transpose(matpow(a, j)), ubar, transpose(matpow(a, k - 1 - j))));
      return terms.length === 0 ? zeros(a.shape) : add(...terms);
    }
    case 'transpose':
      return transpose(ubar);
    case 'fn':
      return hadamard(ubar, elementwiseDerivative(u.name as never, a, u));
    case 'sum':
      return mul(ubar, ones(a.shape));
    case 'mean':
      return mul(ubar, pow(reduce('sum', ones(a.shape)), num(-1)), ones(a.shape));
    case 'norm1':
      return mul(ubar, fn('sign', a));
    case 'norm2':
      return mul(ubar, pow(u, num(-1)), a);
    case 'tr':
      return mul(ubar, eye(a.shape.rows));
    case 'det':
      return mul(ubar, u, transpose(inv(a)));
    case 'logdet':
      return mul(ubar, transpose(inv(a)));
    case 'inv':
      return neg(mul(transpose(u), ubar, transpose(u)));
    case 'diagm':
      return isRow(a.shape) ? transpose(diagv(ubar)) : diagv(ubar);
    case 'diagv':
      return diagm(ubar);
    case 'softmax':
      return sub(hadamard(u, ubar), mul(u, transpose(u), ubar));
    case 'logsumexp':
      return mul(ubar, softmax(a));
    case 'block': {
      const cols = u.dims?.[1] as number;
      return entry(ubar, Math.floor(i / cols) + 1, (i % cols) + 1);
    }
    case 'entry': {
      const [r, c] = u.dims as number[];
      const ei = unit(a.shape.rows, r);
      const ej = unit(a.shape.cols, c);
      if (a.shape.cols === 1) return mul(ubar, ei);
      if (a.shape.rows === 1) return mul(ubar, transpose(ej));
      return mul(ubar, ei, transpose(ej));
    }
    default:
      throw new UnsupportedDerivative(u.op);
  }
}

/** Position among the chain factors of the i-th argument of a product (factors may repeat: x x). */
function chainIndexOf(u: Expr, i: number): number {
  let k = 0;
  for (let j = 0; j < i; j++) if (!isScalar(u.args[j].shape)) k++;
  return k;
}
