/**
 * A derivation is an ordered list of steps. Internally every step carries what makes it checkable
 * (its claims, over expressions) and what it shows (before/after displays built from expressions
 * and notation); `render.ts` turns it into the public `DerivationStep` (LaTeX strings).
 *
 * Intermediate variables are ordinary `var` nodes (u, u_1, 𝐯, …); a claim names the definitions
 * that expand them back to the original variables, and which of them stay free (a local
 * derivative ∂u₂/∂u₁ treats u₁ as a variable of its own).
 */
import type { DerivativeForm } from '../calculus/form';
import type { Expr } from '../model/expr';
import type { Shape } from '../model/shape';
import type { SymmetricMode } from '../numeric/index';
import type { RuleId } from './rules';

/** Intermediate variable → its definition (over x, constants and earlier intermediates). */
export type Definitions = ReadonlyMap<Expr, Expr>;

interface ClaimBase {
  readonly defs: Definitions;
  /** Intermediates that stay free variables when the claim is checked (the others are expanded). */
  readonly keep?: readonly Expr[];
  /**
   * One intermediate of `keep` expanded after all (a local derivative keeps every other intermediate
   * free): one list shared by all of a derivation's local claims, not a copy per claim without it —
   * 10,000 intermediates would make 10,000 lists of 10,000 (issue 17).
   */
  readonly except?: Expr;
}

/**
 * What a step asserts, checkable at random points:
 * - equal: lhs = rhs (a rewrite);
 * - derivative: `value` is the derivative of `of` with respect to `wrt` in the canonical form `form`
 *   (calculus/form.ts; order 2: the Hessian, `gradient` being the first derivative);
 * - differs: lhs ≠ rhs (a pitfall: the naive chain rule gives the wrong answer);
 * - differential: `value` (linear in the direction variables) is the differential of `of`: checked as
 *   d/dt of(w + t·dw) = value(w + t·dw, dw) by finite differences in t, at random w, dw and t.
 */
export type Claim =
  | (ClaimBase & { readonly kind: 'equal'; readonly lhs: Expr; readonly rhs: Expr })
  | (ClaimBase & {
    readonly kind: 'derivative';
    readonly of: Expr;
    readonly wrt: readonly Expr[];
    readonly form: DerivativeForm;
    readonly order: 1 | 2;
    readonly value: Expr;
    readonly gradient?: Expr;
    readonly symmetric?: SymmetricMode;
  })
  | (ClaimBase & { readonly kind: 'differs'; readonly lhs: Expr; readonly rhs: Expr })
  | (ClaimBase & {
    readonly kind: 'differential';
    /** `value` = d(of) when each wrt[i] moves along directions[i] (variables standing for dwrt[i]). */
    readonly of: Expr;
    readonly wrt: readonly Expr[];
    readonly directions: readonly Expr[];
    readonly value: Expr;
  });

/** The shapes of a product the step forms, for a picture of it: (1×n)·(n×n)·(n×m) = 1×m. */
export interface ProductShapes {
  readonly factors: readonly (readonly [string, Shape])[];
  readonly result: readonly [string, Shape];
}

/** Notation shown as is, in LaTeX and in Unicode text. */
export interface Notation {
  readonly tex: string;
  readonly text: string;
}

/** A piece of a display: notation, an expression, or an expression also shown as cases when it has a kink. */
export type Part = Notation | Expr | { readonly cases: Expr; readonly only?: boolean };

export type Display = readonly Part[];

export type StepKind = 'definition' | 'derivative' | 'rewrite' | 'pitfall' | 'note';

export interface Step {
  readonly rule: RuleId;
  readonly name: string;
  readonly reference?: string;
  readonly explanation: string;
  readonly kind: StepKind;
  readonly before: Display;
  readonly after: Display;
  /** The sub-expression the step acts on. */
  readonly focus?: Expr;
  /** Shapes of what the step introduces, by name (Unicode). */
  readonly shapes?: readonly (readonly [string, Shape])[];
  /** A product of Jacobians the step forms: its factors in order (name, shape) and what they give. */
  readonly product?: ProductShapes;
  readonly claims: readonly Claim[];
  /**
   * The derivative (or expression) the derivation has reached after this step, when the step
   * produces one; the last step's value is the result derive() returns.
   */
  readonly value?: Expr;
}
