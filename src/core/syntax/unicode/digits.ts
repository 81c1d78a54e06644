/** The superscript and subscript digits of the Unicode math notation, each at its value's index. */
export const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
