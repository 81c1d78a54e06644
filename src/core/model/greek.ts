/**
 * The Greek letters of names: which letter spells which name (α is alpha), for the readers (α in
 * Unicode input is the name alpha) and the writers (the name alpha prints as α).
 */

/** The Greek letters a name may be written with, and the name each spells. */
export const GREEK_LETTER_NAMES: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota',
  κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi',
  ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi',
  Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/** The letter each Greek name prints as: the first that spells it (ε for epsilon, not ϵ; φ for phi, not ϕ). */
export const GREEK_LETTER_OF: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const [letter, name] of Object.entries(GREEK_LETTER_NAMES)) out[name] ??= letter;
  return out;
})();
