/**
 * Characters that look like the notation's own or cannot be seen, as text pasted from papers,
 * word processors and rendered math brings them: what every reader says about them.
 *
 * - Invisible formatting characters (Unicode category Cf: zero-width spaces and joiners, the
 *   byte-order mark, the soft hyphen, bidirectional marks and overrides, which can make a text
 *   display in another order than it reads) are refused before any reader runs, named by code point:
 *   a caret under nothing says nothing.
 * - Dashes are not minus signs: their errors say so.
 */
import type { Diagnostic } from '../api';
import { table } from './table';

const INVISIBLE = /\p{Cf}/u;

const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'a soft hyphen',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x2060: 'a word joiner',
  0xfeff: 'a byte-order mark (zero-width no-break space)',
};

const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first invisible formatting character of `text`, as an error at it; undefined when there is none. */
export function invisibleCharacter(text: string): Diagnostic | undefined {
  const m = INVISIBLE.exec(text);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0) ?? 0;
  const name = NAMES[cp] ?? ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ? 'a bidirectional control' : 'a formatting character');
  return {
    code: 'parse.unknown-character',
    start: m.index,
    end: m.index + m[0].length,
    message: `an invisible character, ${codePoint(cp)} (${name}), is in the text here: delete it`,
  };
}

/** What to write instead of a dash, which is not a minus sign. */
export const DASH_HINTS: Readonly<Record<string, string>> = table({
  '–': 'an en dash is not a minus sign: write - or −',
  '—': 'an em dash is not a minus sign: write - or −',
  '‐': 'a hyphen (U+2010) is not a minus sign: write - or −',
  '‑': 'a non-breaking hyphen is not a minus sign: write - or −',
});

/** The calculus characters refused with what they are (`calculusNotation`). */
export const CALCULUS_CHARACTERS = '∂∇×';

const select = (what: string): string =>
  `the extension computes the ${what} itself — select the function only (its expression: of f(x) = …, the right-hand side is read), and choose the variable with --wrt`;

/**
 * Calculus notation at the start of `text` (a Unicode math or plain text from a ∂, ∇ or ×): Leibniz's
 * partial derivative `∂f/∂x`, `∂²f/∂x²`, `∂/∂x` (its whole length), a ∂ alone, the gradient ∇, the
 * cross product × — what it is and what to write instead, and how many characters (UTF-16 units) it
 * spans; undefined for another character.
 */
export function calculusNotation(text: string): { readonly length: number; readonly message: string } | undefined {
  const ch = text[0];
  if (ch === '∂') {
    const leibniz = /^∂[²³⁴⁵⁶⁷⁸⁹]?([\p{L}][\p{L}\p{N}_₀-₉]*)?\s*\/\s*∂[\p{L}][₀-₉]*[²³⁴⁵⁶⁷⁸⁹]?/u.exec(text)?.[0];
    if (leibniz !== undefined) return { length: leibniz.length, message: `${leibniz.replace(/\s+/g, '')} is a partial derivative in Leibniz's notation: ${select('derivative')}` };
    return { length: 1, message: `∂ is the partial derivative: ${select('derivative')}` };
  }
  if (ch === '∇') return { length: 1, message: `∇ is the gradient operator: ${select('gradient')}` };
  if (ch === '×') {
    return { length: 1, message: "× is not read: between two vectors it is the cross product, which is not supported; for the dot product write dot(x, y) (xᵀy, x'*y), for a product a*b (a·b)" };
  }
  return undefined;
}

/**
 * Letters with a twin in another block that looks the same: the micro sign µ (U+00B5, what a
 * keyboard's AltGr+m types) is the Greek letter μ (U+03BC, what the writers print), and the ohm,
 * kelvin and ångström signs are Ω, K and Å (Unicode's compatibility and canonical mappings). Read
 * as one letter, so that µ and μ in one text are one variable, never two that print alike. Each
 * twin is one UTF-16 unit, as its letter is: spans stay where they were.
 */
const TWINS: Readonly<Record<string, string>> = table({ '\u00b5': '\u03bc', '\u2126': '\u03a9', '\u212a': 'K', '\u212b': '\u00c5' });
const TWIN = /[\u00b5\u2126\u212a\u212b]/g;

/** `text` with each letter's twin replaced by the letter (the text itself when it has none). */
export function sameLetters(text: string): string {
  TWIN.lastIndex = 0;
  return TWIN.test(text) ? text.replace(TWIN, (c) => TWINS[c]) : text;
}
