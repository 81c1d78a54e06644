/**
 * Python's integer operators, which no notation of the product reads: what every reader says when
 * it meets one (the NumPy reader at `//` and `%`, the plain syntax at `//`, which Python users type).
 */

/** `a // b`: the quotient rounded down, piecewise constant. */
export const FLOOR_DIVISION =
  "'//' is floor division (the quotient rounded down to a whole number), which is not supported: it is piecewise constant, so its derivative is 0 wherever it has one; write / to divide";

/** `a % b`: the remainder after floor division. */
export const REMAINDER = "'%' is the remainder (modulo), which is not supported: write the expression without it";
