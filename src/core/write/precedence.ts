/**
 * The one precedence table every writer (LaTeX, plain text, Unicode) uses to decide parentheses.
 * Larger binds tighter. A child is parenthesized when its level is below the level its position
 * requires (`needsParens`, `OPERAND`). (The NumPy writer follows Python's own operator levels.)
 *
 *   sum        a + b, a − b
 *   product    matrix product and scaling (juxtaposition, *), ⊙ .*, ⊘ ./, ⊗, / by a scalar
 *   negation   unary minus
 *   power      ^, .^, ∘k, transpose ', ᵀ, ⁻¹ (postfix forms)
 *   atom       names, numbers, function applications, brackets, fractions
 */
export const PREC = {
  sum: 1,
  product: 2,
  negation: 3,
  power: 4,
  atom: 5,
} as const;

export type Prec = (typeof PREC)[keyof typeof PREC];

export const needsParens = (child: Prec, required: Prec): boolean => child < required;

/**
 * The level an operand position requires.
 * - `term`: a term of a sum (anything but a sum; LaTeX flattens nested sums itself).
 * - `factor`: a factor of a product (⊙, ⊗, juxtaposition): powers and atoms; LaTeX flattens
 *   products of the same kind itself.
 * - `negated`: the operand of unary minus in mathematics (−Ax is −(Ax) = (−A)x: products need no
 *   parentheses).
 * - `negatedExact`: the operand of unary minus where the grouping must read back as written (the
 *   plain syntax reads -A*x as (−A)*x, so −(Ax) is written -(A*x)).
 * - `base`: the base of a power or a postfix operator: atoms only.
 */
export const OPERAND = {
  term: PREC.product,
  factor: PREC.power,
  negated: PREC.product,
  negatedExact: PREC.power,
  base: PREC.atom,
} as const satisfies Record<string, Prec>;
