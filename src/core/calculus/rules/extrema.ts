/**
 * Records of the element-wise binary max and min (Parr & Howard's element-wise binary operators):
 * max(a, b) picks a where a > b and b elsewhere, so its derivative is an indicator per entry,
 *   d max(a, b) = 𝟙[a > b] ⊙ da + (1 − 𝟙[a > b]) ⊙ db,
 * and min(a, b) likewise with 𝟙[a < b]. At a tie (a = b, where max is not differentiable) the
 * derivative goes to the second argument, as in max(a, b) = b + max(0, a − b) — the convention of
 * relu's 𝟙[u > 0] at 0. Both arguments have the shape of the result (a broadcast operand is
 * written expanded, 𝟏bᵀ, by the reader), so the Jacobians are diagonal.
 */
import type { Expr } from '../../model/expr';
import { add, fn, hadamard, ones, sub } from '../../simplify/build';
import { diagOf } from './products';
import type { OperatorRule, TangentRule } from './types';

/** 𝟙[the first argument is taken] and its complement 1 − 𝟙[…] (the second argument's share). */
export function extremumIndicators(u: Expr): readonly [Expr, Expr] {
  const [a, b] = u.args;
  const first = fn('step', u.op === 'maximum' ? sub(a, b) : sub(b, a));
  return [first, sub(ones(u.shape), first)];
}

const tangent: TangentRule = (u, d) => {
  const [first, second] = extremumIndicators(u);
  return add(hadamard(first, d(u.args[0])), hadamard(second, d(u.args[1])));
};

function record(op: 'max' | 'min'): OperatorRule {
  const cmp = op === 'max' ? '>' : '<';
  return {
    tangent,
    adjoint: (u, ubar, i) => hadamard(ubar, extremumIndicators(u)[i]),
    local: (u, i) => diagOf(extremumIndicators(u)[i]),
    differential: { formula: `d ${op}(a, b) = 𝟙[a ${cmp} b] ⊙ da + (1 − 𝟙[a ${cmp} b]) ⊙ db`, of: tangent },
    derivation: {
      local: () => ({
        id: 'elementwise-extremum',
        sentence: `Entry by entry, ${op}(a, b) is a where a ${cmp} b and b elsewhere, so its derivative is the indicator 𝟙[a ${cmp} b] for a and 1 − 𝟙[a ${cmp} b] for b (at a tie, b's): a diagonal Jacobian.`,
      }),
      adjoint: () => `The gradient flows to the argument ${op} picked, entry by entry: Ḡ ⊙ 𝟙[a ${cmp} b] to a, Ḡ ⊙ (1 − 𝟙[a ${cmp} b]) to b.`,
    },
  };
}

export const MAXIMUM = record('max');
export const MINIMUM = record('min');
