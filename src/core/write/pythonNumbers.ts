/**
 * Numbers in emitted Python (./arrayCode, ./einsumCode), as a person writes them: floats (2.0, not
 * 2, so no integer arithmetic happens), a fraction with a short decimal expansion as that decimal
 * (x ** 0.5: the same double as 1.0/2.0, both the value correctly rounded), any other fraction as a
 * float division 1.0/3.0, exact to the last bit; in a product a fraction's denominator goes after the
 * last `/`, (A + A.T) / 2.0, 2.0 * x / 3.0, as the plain syntax writes x/2.
 */
import { decimalText, numberParts, rational, type Rational } from '../model/rational';

/** A Python float literal: 3.0, 0.5, 1e-300. */
export const pyFloat = (digits: string): string => (/^\d+$/.test(digits) ? `${digits}.0` : digits);

/** The longest decimal a fraction is written as (0.5, 0.25, 0.125; 1/1024 stays 1.0/1024.0). */
const SHORT_DECIMAL = 6;

/** A number's magnitude in Python: `atom` when it is one literal (3.0, 0.5), else a division (1.0/3.0). */
export function pythonMagnitude(r: Rational): { readonly code: string; readonly atom: boolean } {
  const parts = numberParts(r);
  if ('digits' in parts) return { code: pyFloat(parts.digits), atom: true };
  const decimal = decimalText(r);
  if (decimal !== undefined && decimal.length <= SHORT_DECIMAL) return { code: pyFloat(decimal), atom: true };
  return { code: `${pyFloat(parts.numerator)}/${pyFloat(parts.denominator)}`, atom: false };
}

/**
 * A coefficient of a product split as a person writes it: a number (2.0; 0.5 when written so) before
 * the rest, or a fraction p/q as p before the rest (none for p = ±1: the sign is the caller's) and
 * q after the last `/`.
 */
export function pythonCoefficient(c: Rational): { readonly numerator?: Rational; readonly denominator?: string } {
  const parts = numberParts(c);
  if ('digits' in parts) return { numerator: c };
  const p = rational(c.n);
  return { numerator: p.n === 1n || p.n === -1n ? undefined : p, denominator: pyFloat(parts.denominator) };
}
