/**
 * What one operator contributes to every kind of derivative, in one record (see `index.ts` for the
 * table of all operators): its tangent (forward mode), its adjoint (reverse mode), its local
 * Jacobian (the Jacobian engine), its differential (the differential method of a derivation), and
 * the textbook rule a derivation names for it. A mode in which an operator has no rule says so
 * with `unsupported(reason)`, never by omission.
 */
import type { Expr } from '../../model/expr';
import { isScalar } from '../../model/shape';
import type { Multiplier } from '../deferred';
import type { OperatorRuleId } from './names';

/** An explicit "no rule in this mode", with the reason shown to the user. */
export interface Unsupported {
  readonly unsupported: string;
}
export const unsupported = (reason: string): Unsupported => ({ unsupported: reason });
export const isUnsupported = (r: object): r is Unsupported => 'unsupported' in r;

/** u̇ = ∂u/∂x for a scalar x, given the tangents ȧ of the arguments (`d(a)`, a's shape). */
export type TangentRule = (u: Expr, d: (a: Expr) => Expr) => Expr;

/** The contribution to āᵢ = ∂f/∂aᵢ (aᵢ's shape) of the node u, given ū = ∂f/∂u for a scalar f. */
export type AdjointRule = (u: Expr, ubar: Expr, i: number) => Expr;

/**
 * The factors b, c of u's adjoint rule for its i-th argument when the rule gives b·ū·c (or b ⊙ ū ⊙ c)
 * — exactly what `multiplier` (../deferred.ts) finds in the rule applied to the stand-in τ, stated
 * without building it — or null when reverse mode does not link through it (the rule does not give
 * that form, or gives a matrix product with a matrix factor beside ū: gradient.ts `commutes`).
 * Undefined where the record does not say: then the multiplier is found with τ.
 */
export type AdjointMultiplierRule = (u: Expr, i: number) => Multiplier | null | undefined;

/**
 * Forward mode's counterpart (tangent.ts chainLink), for a 1×1 u and its 1×1 i-th argument: the
 * factors of u's tangent rule with τ for that argument's tangent and 0 for the others', exactly as
 * `multiplier` finds them there; undefined where the record does not say (then found with τ).
 */
export type TangentMultiplierRule = (u: Expr, i: number) => Multiplier | undefined;

/**
 * The statement of the records whose adjoint, for an array argument, is no scaled ū (a transpose, a
 * sum of terms) or a matrix product with an array factor beside ū (ū·𝟏, ū·I, ū·sign(a), −A⁻ᵀ·ū·A⁻ᵀ):
 * not linked (null). For a 1×1 argument it may be a product of scalars: found with τ (undefined).
 */
export const notLinkedForArrays: AdjointMultiplierRule = (u, i) => (isScalar(u.args[i].shape) ? undefined : null);

/** D = ∂vec(u)/∂vec(aᵢ)ᵀ (|u|×|aᵢ|, numerator layout, column-major vec). */
export type LocalJacobianRule = (u: Expr, i: number) => Expr;

/**
 * The differential du in terms of the differentials of the arguments (d(AXB) = A dX B): the same
 * algebra as the tangent with dx in place of ẋ. `formula` states it for a learner: one text, or
 * the text for the node u at hand (the broadcast 𝟏bᵀ, a row-wise softmax of dimension 1 or 2).
 */
export interface DifferentialRule {
  readonly formula: string | ((u: Expr) => string);
  readonly of: TangentRule;
}

/** The differential rule's formula as stated for the node u. */
export const formulaFor = (r: DifferentialRule, u: Expr): string => (typeof r.formula === 'string' ? r.formula : r.formula(u));

/** The textbook rule a derivation names for an operator, and the sentence that explains it here. */
export interface RuleChoice {
  readonly id: OperatorRuleId;
  readonly sentence: string;
  /** A name more specific than the rule's catalogue name ("Derivative of sin"). */
  readonly name?: string;
}

export interface DerivationRule {
  /**
   * The local rule for `e` differentiated with respect to what `depends` holds (one operator, one
   * argument); an expression its sentence writes is written by `write` (the derivation's Unicode
   * writer, for the reader of the answer: derivation/writer.ts).
   */
  readonly local: (e: Expr, depends: (a: Expr) => boolean, write: (e: Expr) => string) => RuleChoice;
  /** How the gradient Ḡ = ∂y/∂e passes back to the argument `a` (reverse mode, for a learner). */
  readonly adjoint: (e: Expr, a: Expr) => string;
}

export interface OperatorRule {
  readonly tangent: TangentRule | Unsupported;
  readonly adjoint: AdjointRule | Unsupported;
  /** The adjoint rule's multiplier, stated (see AdjointMultiplierRule); only records whose adjoint rule is supported have one. */
  readonly adjointMultiplier?: AdjointMultiplierRule;
  /** The tangent rule's multiplier, stated (see TangentMultiplierRule). */
  readonly tangentMultiplier?: TangentMultiplierRule;
  readonly local: LocalJacobianRule | Unsupported;
  readonly differential: DifferentialRule | Unsupported;
  readonly derivation: DerivationRule;
}

/** A derivation rule that does not depend on shapes: one id, one sentence, one adjoint sentence. */
export function fixedDerivation(id: OperatorRuleId, sentence: string, adjoint: string): DerivationRule {
  return { local: () => ({ id, sentence }), adjoint: () => adjoint };
}
