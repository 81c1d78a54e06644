/**
 * One record per operator (`Op`) holding everything about its derivative: tangent, adjoint, local
 * Jacobian, differential and the textbook rule of derivations. The table is a `Record<Op, …>`, so
 * an operator without a record does not compile. The engines (tangent.ts, gradient.ts,
 * jacobian.ts) and derivation/rules.ts read the records only through the functions below.
 */
import type { Expr, Op } from '../../model/expr';
import { UnsupportedDerivative } from '../unsupported';
import { FN, DET, INV, LOGDET, LOGSUMEXP, NORM1, NORM2, SOFTMAX } from './functions';
import { CONSTANT, VARIABLE } from './leaves';
import { CONTRACT } from './contraction';
import { LOGSUMEXP_ALONG, SOFTMAX_ALONG } from './axes';
import { MAXIMUM, MINIMUM } from './extrema';
import { ADD, BLOCK, DIAGM, DIAGV, ENTRY, KRON, MEAN, SUM, TR, TRANSPOSE, VEC } from './linear';
import { OPERATOR_RULE_INFO } from './names';
import { HADAMARD, MATPOW, MUL, POW } from './products';
import type { Multiplier } from '../deferred';
import { isUnsupported, OperatorRule } from './types';

export const OPERATOR_RULES: Readonly<Record<Op, OperatorRule>> = {
  var: VARIABLE,
  num: CONSTANT,
  const: CONSTANT,
  zeros: CONSTANT,
  ones: CONSTANT,
  eye: CONSTANT,
  commutation: CONSTANT,
  unit: CONSTANT,
  size: CONSTANT,
  add: ADD,
  mul: MUL,
  hadamard: HADAMARD,
  pow: POW,
  maximum: MAXIMUM,
  minimum: MINIMUM,
  matpow: MATPOW,
  transpose: TRANSPOSE,
  fn: FN,
  sum: SUM,
  mean: MEAN,
  norm1: NORM1,
  norm2: NORM2,
  tr: TR,
  det: DET,
  logdet: LOGDET,
  inv: INV,
  diagm: DIAGM,
  diagv: DIAGV,
  softmax: SOFTMAX,
  logsumexp: LOGSUMEXP,
  softmaxAlong: SOFTMAX_ALONG,
  logsumexpAlong: LOGSUMEXP_ALONG,
  block: BLOCK,
  entry: ENTRY,
  kron: KRON,
  vec: VEC,
  contract: CONTRACT,
};

/** A mode's rule of u's operator, or the UnsupportedDerivative its record states. */
function ruleFor<K extends 'tangent' | 'adjoint' | 'local'>(u: Expr, mode: K, context = ''): Exclude<OperatorRule[K], { unsupported: string }> {
  const r = OPERATOR_RULES[u.op][mode];
  // The message is made only when thrown (`context` after the operator's name): the Jacobian engine asks for every node.
  if (isUnsupported(r)) throw new UnsupportedDerivative(`${u.op}${context} (${r.unsupported})`, u);
  return r as Exclude<OperatorRule[K], { unsupported: string }>;
}

/** Forward mode: u̇ from the tangents of u's arguments. */
export const tangentOf = (u: Expr, d: (a: Expr) => Expr): Expr => ruleFor(u, 'tangent')(u, d);

/** Reverse mode: the contribution of u to the adjoint of its i-th argument. */
export const adjointOf = (u: Expr, ubar: Expr, i: number): Expr => ruleFor(u, 'adjoint')(u, ubar, i);

/** Reverse mode: the multiplier of u's adjoint rule for its i-th argument as its record states it (AdjointMultiplierRule), or undefined. */
export const statedAdjointMultiplier = (u: Expr, i: number): Multiplier | null | undefined => OPERATOR_RULES[u.op].adjointMultiplier?.(u, i);

/** Forward mode: the multiplier of u's tangent rule for its i-th argument as its record states it (TangentMultiplierRule), or undefined. */
export const statedTangentMultiplier = (u: Expr, i: number): Multiplier | undefined => OPERATOR_RULES[u.op].tangentMultiplier?.(u, i);

/** The Jacobian engine: ∂vec(u)/∂vec(aᵢ)ᵀ. */
export const localJacobianOf = (u: Expr, i: number): Expr => ruleFor(u, 'local', ' in a Jacobian')(u, i);

export { OPERATOR_RULE_INFO };
export type { OperatorRuleId, RuleInfo } from './names';
export type { OperatorRule, RuleChoice } from './types';
