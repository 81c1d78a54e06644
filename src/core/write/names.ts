/**
 * How variable names and dimensions print: Greek names as Greek letters, trailing digits and the
 * part after an underscore as subscripts (x1 → x₁, w_out → w with subscript "out").
 */
import { GREEK_LETTER_OF } from '../model/greek';
import { memoRecent } from '../model/memo';
import { Dim } from '../model/shape';

/**
 * How many names the writers' name functions remember (memoRecent): each variable is written once
 * per writer, and a large expression (a 256-layer network: W1…W256 and its names u1…u256) has a few
 * hundred; their regular expressions and pieces were a tenth of its writing (issue 17).
 */
const NAMES_REMEMBERED = 4096;

/** The accents a one-letter name may carry (x_hat, G_bar): the combining mark Unicode writes. */
export const ACCENTS: Readonly<Record<string, string>> = { hat: '\u0302', bar: '\u0304' };

export const isGreek = (s: string): boolean => Object.hasOwn(GREEK_LETTER_OF, s);

/** A one-letter name with an accent and maybe a number (x_hat, G_bar, G_bar2): the accent and the number. */
function accented(base: string, sub: string | undefined): { readonly accent: string; readonly index?: string } | undefined {
  if (sub === undefined || (sub[0] !== 'h' && sub[0] !== 'b')) return undefined;
  const m = /^([a-z]+)(\d*)$/.exec(sub);
  if (!m || !Object.hasOwn(ACCENTS, m[1]) || !/^[A-Za-z]$/.test(base)) return undefined;
  return m[2] ? { accent: m[1], index: m[2] } : { accent: m[1] };
}

/** A name split into its base and subscript: "x1" → x, 1; "w_out" → w, out; "alpha" → alpha. */
export interface NameParts {
  readonly base: string;
  readonly sub?: string;
}

export const splitName: (name: string) => NameParts = memoRecent(splitNameOf, NAMES_REMEMBERED);

function splitNameOf(name: string): NameParts {
  const u = name.indexOf('_');
  if (u > 0 && u < name.length - 1) return { base: name.slice(0, u), sub: name.slice(u + 1) };
  const m = /^(.*?[A-Za-z_])(\d+)$/.exec(name);
  if (m) return { base: m[1], sub: m[2] };
  return { base: name };
}

export type Style = 'scalar' | 'vector' | 'matrix';

const latexNames: Readonly<Record<Style, (name: string) => string>> = {
  scalar: memoRecent((name) => latexNameOf(name, 'scalar'), NAMES_REMEMBERED),
  vector: memoRecent((name) => latexNameOf(name, 'vector'), NAMES_REMEMBERED),
  matrix: memoRecent((name) => latexNameOf(name, 'matrix'), NAMES_REMEMBERED),
};

/** The LaTeX of a name in a style: scalars italic, vectors bold, matrices capitals as written. */
export function latexName(name: string, style: Style): string {
  return latexNames[style](name);
}

function latexNameOf(name: string, style: Style): string {
  const { base, sub } = splitName(name);
  // x_hat is x̂, G_bar is Ḡ, G_bar1 is Ḡ₁ (the LaTeX reader reads \hat{x} as x_hat, \bar{G}_{1} as G_bar1).
  const accent = accented(base, sub);
  if (accent) return `\\${accent.accent}{${latexBase(base, style)}}${accent.index ? `_{${accent.index}}` : ''}`;
  return latexBase(base, style) + (sub === undefined ? '' : `_{${latexSub(sub)}}`);
}

function latexBase(base: string, style: Style): string {
  if (isGreek(base)) return style === 'vector' ? `\\boldsymbol{\\${base}}` : `\\${base}`;
  if (style === 'vector') return `\\mathbf{${base}}`;
  return base.length === 1 ? base : `\\mathit{${base}}`;
}

/** A subscript: numbers and single letters as math, Greek names as Greek, words upright. */
function latexSub(sub: string): string {
  return sub
    .split('_')
    .map((part) => {
      if (/^\d+$/.test(part) || /^[A-Za-z]$/.test(part)) return part;
      if (isGreek(part)) return `\\${part}`;
      return `\\text{${part}}`;
    })
    .join(',');
}

/** One factor of a dimension in LaTeX: 3, n, \alpha, \mathit{batch}. */
const latexDimPart = (p: string): string => (/^\d+$/.test(p) || /^[A-Za-z]$/.test(p) ? p : isGreek(p) ? `\\${p}` : `\\mathit{${p}}`);

/**
 * A dimension in LaTeX: n, 3, mn (a product "m·n"). In a subscript (`subscript`: I_{m \\cdot n}) the
 * factors are always joined by \\cdot, since a run of letters there is one name (I_{mn} is of size mn).
 */
export function latexDim(d: Dim, subscript = false): string {
  if (typeof d === 'number') return latexDimPart(String(d));
  if (!d.includes('·')) return latexDimPart(d);
  const parts = d.split('·').map(latexDimPart);
  // Juxtapose single letters (mn); separate numbers and words with a dot.
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1];
    const safe = !subscript && /^[A-Za-z]$/.test(parts[i]) && (/^[A-Za-z]$/.test(prev) || /^\d+$/.test(prev));
    out += safe ? parts[i] : ` \\cdot ${parts[i]}`;
  }
  return out;
}

const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Digits as Unicode subscripts, or undefined when some character has none. */
export function unicodeSubscript(s: string): string | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  return [...s].map((c) => SUB_DIGITS[Number(c)]).join('');
}

/** An integer as Unicode superscripts (⁻¹, ²), or undefined. */
export function unicodeSuperscript(k: number): string | undefined {
  if (Number.isInteger(k) && k >= -SMALL_SUPERSCRIPT && k <= SMALL_SUPERSCRIPT) return SMALL_SUPERSCRIPTS[k + SMALL_SUPERSCRIPT];
  return superscriptOf(k);
}

function superscriptOf(k: number): string | undefined {
  if (!Number.isInteger(k) || Math.abs(k) > 1e6) return undefined;
  const digits = [...String(Math.abs(k))].map((c) => SUP_DIGITS[Number(c)]).join('');
  return (k < 0 ? '⁻' : '') + digits;
}

/** The exponents most written (², ⁻¹, ⁻²), made once: −SMALL_SUPERSCRIPT … SMALL_SUPERSCRIPT. */
const SMALL_SUPERSCRIPT = 99;
const SMALL_SUPERSCRIPTS: readonly string[] = Array.from({ length: 2 * SMALL_SUPERSCRIPT + 1 }, (_, i) => superscriptOf(i - SMALL_SUPERSCRIPT) as string);

/** The Unicode of a name: α for alpha, x₁ for x1, w_out as written. */
export const unicodeName: (name: string) => string = memoRecent(unicodeNameOf, NAMES_REMEMBERED);

function unicodeNameOf(name: string): string {
  const { base, sub } = splitName(name);
  // x_hat is x̂, G_bar is Ḡ, G_bar1 is Ḡ₁ (a combining circumflex U+0302, macron U+0304; the Unicode reader reads them back).
  const accent = accented(base, sub);
  if (accent) return `${base}${ACCENTS[accent.accent]}${accent.index ? (unicodeSubscript(accent.index) ?? '') : ''}`;
  const b = GREEK_LETTER_OF[base] ?? base;
  if (sub === undefined) return b;
  const digits = unicodeSubscript(sub);
  if (digits !== undefined) return b + digits;
  return `${b}_${sub
    .split('_')
    .map((p) => GREEK_LETTER_OF[p] ?? p)
    .join(',')}`;
}

/**
 * A dimension in Unicode: n, 3, mn. In a subscript (`subscript`: I_(m·n)) a product is bracketed and
 * its factors joined by ·: a run of letters there is one name (I_mn is of size mn), and 𝟏_m·n reads
 * to a person as 𝟏_m times n.
 */
export function unicodeDim(d: Dim, subscript = false): string {
  if (typeof d === 'number') return String(d);
  if (!d.includes('·')) return GREEK_LETTER_OF[d] ?? d;
  const parts = String(d).split('·').map((p) => GREEK_LETTER_OF[p] ?? p);
  if (subscript) return `(${parts.join('·')})`;
  return parts.every((p) => p.length === 1) ? parts.join('') : parts.join('·');
}
