/**
 * Smart constructors: build an expression and apply the local algebraic identities that are always
 * sound (flattening, constant folding, neutral and absorbing elements, like terms, transposes pushed
 * through products, diag/ones identities). Every rule here is an identity of real matrices and is
 * exercised numerically in test/unit/simplify. They never loop: each rule makes the node smaller or
 * moves a transpose strictly towards the leaves.
 *
 * This module gathers them; each lives in the module of its concept: sums (./add), products and
 * their matrix chains (./product, ./chain), Hadamard products (./hadamard), the rules among a
 * product's factors (./factorRules), powers (./power, ./powerForm), matrix constructors (./matrix),
 * element-wise functions (./elementwise), reductions (./reductions), numbers (./numbers).
 */
import { PI, num, zeros, ones, eye, node, type ElementwiseFunction } from '../model/expr';
import type { Shape } from '../model/shape';
import type { Builders } from '../functions/index';
import { add, sub, neg } from './add';
import { mul } from './product';
import { hadamard } from './hadamard';
import { pow } from './power';
import { fn } from './elementwise';

export { isZero, splitCoefficient, coefficientOf } from './numbers';
export { likeKey, add, LARGE_SUM, isLargeSum, sumOfBuilt, neg, sub } from './add';
export { flattensInto, chainLength, firstMatrix, lastMatrix, withoutFactor, mul, scalarProductAround } from './product';
export { plainHadamardFactors, hadamard } from './hadamard';
export { expBesideOne } from './factorRules';
export { pow } from './power';
export { asColumn, matpow, isSymmetric, transpose, inv, diagm, diagv, kron, vec, entry, inner } from './matrix';
export { extremum, fn } from './elementwise';
export { reduce, softmax, softmaxAlong, logsumexpAlong } from './reductions';
export { num, zeros, ones, eye, node };

/** The constructors the function records write their derivatives with. */
export const BUILDERS: Builders = {
  add, sub, neg, mul, hadamard, pow, num, ones, zeros, fn: (name, a) => fn(name as ElementwiseFunction, a), pi: PI,
};
export type { Shape };
