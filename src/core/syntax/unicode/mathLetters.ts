/**
 * The mathematical alphanumeric letters that equation editors put in copied text (Word writes
 * every variable in math italic, 𝑥ᵀ𝐴𝑥; rendered bold vectors come out as 𝐱): the letter each
 * stands for and its typography. Italic is the plain letter, bold a vector or matrix (LaTeX's
 * \mathbf), bold italic \boldsymbol. Only these three styles of Latin letters and the italic small
 * Greek letters; script, fraktur, sans-serif and the rest stay unknown characters. 𝐞 (bold e) is
 * not here: the Unicode notation prints the unit vector 𝐞₁ with it.
 */
export interface MathLetter {
  readonly letter: string;
  readonly style: 'plain' | 'bold' | 'boldItalic';
}

const BLOCKS: readonly { readonly from: number; readonly base: number; readonly style: MathLetter['style'] }[] = [
  { from: 0x1d400, base: 0x41, style: 'bold' }, // 𝐀–𝐙
  { from: 0x1d41a, base: 0x61, style: 'bold' }, // 𝐚–𝐳
  { from: 0x1d434, base: 0x41, style: 'plain' }, // 𝐴–𝑍
  { from: 0x1d44e, base: 0x61, style: 'plain' }, // 𝑎–𝑧 (ℎ is U+210E)
  { from: 0x1d468, base: 0x41, style: 'boldItalic' }, // 𝑨–𝒁
  { from: 0x1d482, base: 0x61, style: 'boldItalic' }, // 𝒂–𝒛
];

/** The italic small Greek letters 𝛼–𝜔, in the order of α–ω (U+03B1–U+03C9). */
const ITALIC_GREEK = 0x1d6fc;

export function mathLetter(cp: number): MathLetter | undefined {
  if (cp === 0x210e) return { letter: 'h', style: 'plain' };
  if (cp === 0x1d41e) return undefined; // 𝐞, the unit vector
  for (const b of BLOCKS) {
    if (cp >= b.from && cp < b.from + 26) return { letter: String.fromCharCode(b.base + cp - b.from), style: b.style };
  }
  if (cp >= ITALIC_GREEK && cp <= ITALIC_GREEK + 0x18) return { letter: String.fromCharCode(0x3b1 + cp - ITALIC_GREEK), style: 'plain' };
  return undefined;
}

/** A regular-expression class of the characters mathLetter knows (for notation detection). */
export const MATH_LETTER_CLASS = '\\u{1D400}-\\u{1D41D}\\u{1D41F}-\\u{1D49B}\\u{210E}\\u{1D6FC}-\\u{1D714}';
