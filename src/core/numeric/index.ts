/**
 * Numerics: evaluation on concrete arrays, random points, finite-difference Jacobians and
 * Hessians, and the numeric checks of derivatives and of expression equality.
 */
export { makeRng, DEFAULT_SEED } from './rng';
export type { Rng } from './rng';
export { numericEnv, toMatrix, withValues } from './env';
export type { NumericEnv, NumericValue } from './env';
export { evaluate, evaluateNodes, evaluationOrder } from './evaluate';
export type { Memo } from './evaluate';
export { SCALAR_FUNCTIONS, NON_SMOOTH_FUNCTIONS, POSITIVE_DOMAIN_FUNCTIONS } from './elementwise';
export {
  commutationMatrix, vec, vecEntries, unvec, softmax, logSumExp, frobenius, isAllFinite, maxAbs,
} from './matrices';
export { inverse, det, logAbsDet, matrixPower } from './linalg';
export { dimensionSymbols, randomDims } from './dims';
export type { DimRange } from './dims';
export { randomEnv, positiveDomainVariables } from './randomEnv';
export type { RandomEnvOptions } from './randomEnv';
export { perturbationDirections } from './directions';
export type { SymmetricMode, Direction, DirectionPart } from './directions';
export { numericJacobian, DEFAULT_RELIABILITY_TOLERANCE, DEFAULT_KINK_MARGIN } from './jacobian';
export type { JacobianOptions, NumericDerivative } from './jacobian';
export { numericHessian } from './hessian';
export { canonicalJacobian, canonicalFromValue, expectedJacobianSize } from './canonical';
export { relativeError, entryRelError } from './relativeError';
export type { EntryError } from './relativeError';
export { checkDerivative } from './check';
export type { CheckOptions, DerivativeCheck, WorstEntry } from './check';
export { compareNumerically, exprsEqualNumerically } from './equal';
export type { EqualityOptions, EqualityReport } from './equal';
export { PointEvaluator } from './pointEvaluator';
