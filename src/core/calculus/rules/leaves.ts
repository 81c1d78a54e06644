/**
 * Records of the leaves. A leaf has no arguments: the engines seed the variable itself (1, I or
 * the seed adjoint) and give every other leaf the derivative 0 without consulting a rule, so no
 * mode has a rule to apply; derivations still name the identity and the constant rule.
 */
import { fixedDerivation, OperatorRule, unsupported } from './types';

const leaf = (derivation: OperatorRule['derivation']): OperatorRule => {
  const none = unsupported('a leaf has no arguments: its derivative is the seed (the variable itself) or 0 (a constant)');
  return { tangent: none, adjoint: none, local: none, differential: none, derivation };
};

export const VARIABLE: OperatorRule = leaf(fixedDerivation('identity', 'The derivative of a variable with respect to itself is 1 (the identity I for a vector).', 'each entry passes back its own gradient'));

export const CONSTANT: OperatorRule = leaf(fixedDerivation('constant', 'A constant has derivative 0.', 'each entry passes back its own gradient'));
