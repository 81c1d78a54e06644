/**
 * Records of the non-linear operators other than products: element-wise functions (whose
 * derivatives are in the function records, elementwise.ts), norms, the determinant and its log,
 * the inverse, softmax and log-sum-exp (matrix-derivative-rules.md §2–§3; Matrix Cookbook).
 */
import type { Expr } from '../../model/expr';
import { isScalar } from '../../model/shape';
import {
  diagm, fn, hadamard, inner, inv, kron, mul, neg, num, pow, reduce, softmax, sub, transpose,
} from '../../simplify/build';
import { elementwiseDerivative } from '../elementwise';
import type { ElementwiseFunction } from '../../model/expr';
import { functionRecord } from '../../functions/index';
import { diagOf } from './products';
import { rowOf } from './linear';
import { hadamardMultiplier, scalarMultiplier } from '../deferred';
import { fixedDerivation, notLinkedForArrays, OperatorRule, TangentRule } from './types';

/** f′(a) for u = f(a), reusing the value u. */
const slope = (u: Expr): Expr => elementwiseDerivative(u.name as ElementwiseFunction, u.args[0], u);

const fnTangent: TangentRule = (u, d) => hadamard(slope(u), d(u.args[0]));

export const FN: OperatorRule = {
  tangent: fnTangent,
  adjoint: (u, ubar) => hadamard(ubar, slope(u)),
  // ū ⊙ f′(a): for a 1×1 u, the product ū·f′(a).
  adjointMultiplier: (u) => (isScalar(u.shape) ? scalarMultiplier([], [slope(u)]) : hadamardMultiplier([slope(u)])),
  // f′(a)·ȧ for a 1×1 u.
  tangentMultiplier: (u) => (isScalar(u.shape) ? scalarMultiplier([slope(u)], []) : undefined),
  local: (u) => diagOf(slope(u)),
  differential: { formula: 'd f(a) = f′(a) ⊙ da', of: fnTangent },
  derivation: {
    local: (e) => {
      const { display, text } = functionRecord(e.name).rule;
      if (isScalar(e.shape)) return { id: 'function-rule', sentence: `Use the known derivative of ${display}: ${text}.`, name: `Derivative of ${display}` };
      return { id: 'elementwise-diagonal', sentence: `${display} acts on each entry separately (${text}), so its Jacobian is the diagonal matrix of the entry-wise derivatives.` };
    },
    adjoint: (e) => `an element-wise function passes back Ḡ ⊙ its derivative (${functionRecord(e.name).rule.text})`,
  },
};

const norm1Tangent: TangentRule = (u, d) => inner(fn('sign', u.args[0]), d(u.args[0]));

export const NORM1: OperatorRule = {
  tangent: norm1Tangent,
  adjoint: (u, ubar) => mul(ubar, fn('sign', u.args[0])),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => rowOf(fn('sign', u.args[0])),
  differential: { formula: 'd‖a‖₁ = ⟨sign(a), da⟩', of: norm1Tangent },
  derivation: fixedDerivation('l1-norm-rule', 'The derivative of ‖a‖₁ = Σ|aᵢ| is sign(a)ᵀ, since each |aᵢ| changes at the rate sign(aᵢ).', '‖a‖₁ passes back Ḡ·sign(a)'),
};

const norm2Tangent: TangentRule = (u, d) => mul(pow(u, num(-1)), inner(u.args[0], d(u.args[0])));

export const NORM2: OperatorRule = {
  tangent: norm2Tangent,
  adjoint: (u, ubar) => mul(ubar, pow(u, num(-1)), u.args[0]),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => mul(pow(u, num(-1)), rowOf(u.args[0])),
  differential: { formula: 'd‖a‖₂ = ⟨a, da⟩/‖a‖₂', of: norm2Tangent },
  derivation: fixedDerivation('norm-rule', 'The derivative of the Euclidean norm ‖a‖₂ is aᵀ/‖a‖₂ (a unit vector in a’s direction).', '‖a‖₂ passes back Ḡ·a/‖a‖₂'),
};

const detTangent: TangentRule = (u, d) => mul(u, reduce('tr', mul(inv(u.args[0]), d(u.args[0]))));

export const DET: OperatorRule = {
  tangent: detTangent,
  adjoint: (u, ubar) => mul(ubar, u, transpose(inv(u.args[0]))),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => mul(u, rowOf(transpose(inv(u.args[0])))),
  differential: { formula: 'd det(A) = det(A) tr(A⁻¹ dA)', of: detTangent },
  derivation: fixedDerivation('det-rule', "Jacobi's formula: the derivative of det(A) with respect to A is det(A)·A⁻ᵀ.", "det(A) passes back Ḡ·det(A)·A⁻ᵀ (Jacobi's formula)"),
};

const logdetTangent: TangentRule = (u, d) => reduce('tr', mul(inv(u.args[0]), d(u.args[0])));

export const LOGDET: OperatorRule = {
  tangent: logdetTangent,
  adjoint: (u, ubar) => mul(ubar, transpose(inv(u.args[0]))),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => rowOf(transpose(inv(u.args[0]))),
  differential: { formula: 'd log|det A| = tr(A⁻¹ dA)', of: logdetTangent },
  derivation: fixedDerivation('logdet-rule', 'The derivative of log|det(A)| with respect to A is A⁻ᵀ.', 'log|det(A)| passes back Ḡ·A⁻ᵀ'),
};

const invTangent: TangentRule = (u, d) => neg(mul(u, d(u.args[0]), u));

export const INV: OperatorRule = {
  tangent: invTangent,
  adjoint: (u, ubar) => neg(mul(transpose(u), ubar, transpose(u))),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => neg(kron(transpose(u), u)),
  differential: { formula: 'd(A⁻¹) = −A⁻¹ dA A⁻¹', of: invTangent },
  derivation: fixedDerivation('inverse-rule', 'Differentiating A·A⁻¹ = I gives d(A⁻¹) = −A⁻¹·dA·A⁻¹.', 'C = A⁻¹ passes back −Cᵀ·Ḡ·Cᵀ'),
};

const softmaxTangent: TangentRule = (u, d) => sub(hadamard(u, d(u.args[0])), mul(u, transpose(u), d(u.args[0])));

export const SOFTMAX: OperatorRule = {
  tangent: softmaxTangent,
  adjoint: (u, ubar) => sub(hadamard(u, ubar), mul(u, transpose(u), ubar)),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => sub(diagm(u), mul(u, transpose(u))),
  differential: { formula: 'dp = p ⊙ dz − p pᵀ dz for p = softmax(z)', of: softmaxTangent },
  derivation: fixedDerivation('softmax-rule', 'The Jacobian of p = softmax(z) is diag(p) − p·pᵀ.', 'p = softmax(z) passes back p ⊙ Ḡ − p·pᵀḠ'),
};

const logsumexpTangent: TangentRule = (u, d) => inner(softmax(u.args[0]), d(u.args[0]));

export const LOGSUMEXP: OperatorRule = {
  tangent: logsumexpTangent,
  adjoint: (u, ubar) => mul(ubar, softmax(u.args[0])),
  adjointMultiplier: notLinkedForArrays,
  local: (u) => transpose(softmax(u.args[0])),
  differential: { formula: 'd logsumexp(z) = softmax(z)ᵀ dz', of: logsumexpTangent },
  derivation: fixedDerivation('logsumexp-rule', 'The derivative of logsumexp(z) is softmax(z)ᵀ.', 'logsumexp(z) passes back Ḡ·softmax(z)'),
};
