/**
 * The shape an undeclared name gets, after matrixcalculus.org:
 * - a single Latin letter: a–g scalars, h–z vectors, A–Z matrices;
 * - a Greek letter (α…ω, ϵ ϑ ϕ …) or a spelled-out Greek name (alpha, lambda, sigma, …): a scalar;
 *   an upper-case Greek letter (Σ, Λ, …) or a capitalized Greek name (Sigma, Lambda): a matrix;
 * - any of these followed by digits and/or an `_` suffix (x1, x_1, W_out, σ2, lambda_reg) follows
 *   its first letter or Greek name, so MLP-style names W1, b1, x0 need no declarations.
 * Any other name must be declared (`undefined` here).
 */
import { GREEK_LETTER_NAMES } from '../model/greek';
export type VariableKind = 'scalar' | 'vector' | 'matrix';

const GREEK_NAMES = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega',
];
const CAPITAL_GREEK_NAMES = ['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'];

/** A stem (letter or Greek name) then an optional numeric and/or `_` suffix. */
const SUFFIX = '(?:[0-9]+)?(?:_[\\p{L}\\p{N}_]*)?';
const LATIN = new RegExp(`^([A-Za-z])${SUFFIX}$`, 'u');
const GREEK_LETTER = new RegExp(`^([\\u0391-\\u03A9\\u03B1-\\u03C9\\u03D1\\u03D5\\u03D6\\u03F0\\u03F1\\u03F5])${SUFFIX}$`, 'u');
const GREEK_WORD = new RegExp(`^(${[...GREEK_NAMES, ...CAPITAL_GREEK_NAMES].join('|')})${SUFFIX}$`, 'u');

export function conventionalKind(name: string): VariableKind | undefined {
  const latin = LATIN.exec(name);
  if (latin) {
    const c = latin[1];
    if (c >= 'A' && c <= 'Z') return 'matrix';
    return c <= 'g' ? 'scalar' : 'vector';
  }
  const greek = GREEK_LETTER.exec(name);
  if (greek) {
    const code = greek[1].charCodeAt(0);
    return code >= 0x391 && code <= 0x3a9 ? 'matrix' : 'scalar';
  }
  const word = GREEK_WORD.exec(name);
  if (word) return /^[A-Z]/.test(word[1]) ? 'matrix' : 'scalar';
  return undefined;
}

/**
 * A numbered name, Latin letters then digits (x1, W12): its letters and its number. One name in every
 * notation (the Unicode reader too), so the writers print it whole beside a vector of its letters,
 * whose x₁ is a component.
 */
export const NUMBERED_NAME = /^([A-Za-z]+)(\d+)$/;

/** The names of the constant π (when not declared as variables). */
export const isPi = (name: string): boolean => name === 'pi' || name === 'π';

/**
 * A name with each Greek letter spelled out (α1 → alpha1): two variables whose names spell the
 * same print as the same symbol (α) in Unicode and LaTeX, so one text must not use both.
 */
export const spelledName = (name: string): string => {
  if (isAscii(name)) return name; // no Greek letter to spell (most names)
  let out = '';
  for (const c of name) out += GREEK_LETTER_NAMES[c] ?? c;
  return out;
};

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
