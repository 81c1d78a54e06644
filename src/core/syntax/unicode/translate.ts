/**
 * The Unicode reader's first step: the Unicode math the product writes (`write/unicode.ts`) →
 * LaTeX source with the same meaning, keeping for every output character the offset of the input
 * character it came from, so errors from the LaTeX reader point into the Unicode text.
 *
 * Vocabulary: ᵀ ⁻¹ ⁻ᵀ and superscript digits (⁻², ³), ∘² (element-wise power), `^` and `^∘` with an
 * operand, ⊙ ⊘ ⊗, · − , 𝟏 𝟎 (ones, zeros), 𝐞₁ (unit vectors), 𝟙[u > 0] (step), ‖·‖₁ ‖·‖₂ ‖·‖_F, √ with an operand,
 * subscript digits (x₁) and `_word` subscripts, Greek letters (σ(z) is the sigmoid unless σ is
 * declared), π, function names (exp, log, max(0, z), tr, log det, …), and juxtaposition (2x, Ax,
 * xᵀ(A + Aᵀ)x), which the LaTeX reader reads as products; `where u₁ = …, u₂ = …` (the binding form).
 */
import type { Span } from '../../api';
import { fail } from '../diagnostics';
import { GREEK_LETTER_NAMES as GREEK } from '../../model/greek';
import { SUB_DIGITS, SUP_DIGITS } from './digits';
import { table } from '../table';
import { isFunctionName } from '../functions';
import { NUMBERED_NAME } from '../names';
import { CALCULUS_CHARACTERS, DASH_HINTS, calculusNotation } from '../characters';
import { FLOOR_DIVISION } from '../pythonOperators';
import { MATH_LETTER_CLASS, mathLetter } from './mathLetters';
import { refuseDifferentials } from './differentials';
import { declaredReadings, type WordPiece } from './declaredWords';
import { FUNCTIONS as ELEMENTWISE, INVERSE_FUNCTIONS, isElementwiseFunction } from '../../functions/index';

export interface Translated {
  readonly latex: string;
  /** For every LaTeX offset (and its end), the Unicode offset it came from. */
  readonly toSource: (offset: number) => number;
}

/** The fractions with a character of their own (½ is \\frac{1}{2}): numerator and denominator. */
const VULGAR: Readonly<Record<string, readonly [number, number]>> = {
  '½': [1, 2], '⅓': [1, 3], '⅔': [2, 3], '¼': [1, 4], '¾': [3, 4], '⅕': [1, 5], '⅖': [2, 5], '⅗': [3, 5], '⅘': [4, 5],
  '⅙': [1, 6], '⅚': [5, 6], '⅐': [1, 7], '⅛': [1, 8], '⅜': [3, 8], '⅝': [5, 8], '⅞': [7, 8], '⅑': [1, 9], '⅒': [1, 10],
};

/** Function names the Unicode writer prints, and their LaTeX. */
const FUNCTIONS: Readonly<Record<string, string>> = table({
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tan: '\\tan', tanh: '\\tanh', max: '\\max', min: '\\min',
  sign: '\\operatorname{sign}', sum: '\\operatorname{sum}', mean: '\\operatorname{mean}', tr: '\\operatorname{tr}',
  det: '\\det', softmax: '\\operatorname{softmax}', logsumexp: '\\operatorname{logsumexp}', logsoftmax: '\\operatorname{logsoftmax}', vec: '\\operatorname{vec}',
  diag: '\\operatorname{diag}', sigmoid: '\\operatorname{sigmoid}', relu: '\\operatorname{relu}', sqrt: '\\operatorname{sqrt}',
  einsum: '\\operatorname{einsum}', abs: '\\operatorname{abs}', inv: '\\operatorname{inv}', step: '\\operatorname{step}', logdet: '\\operatorname{logdet}',
  // Written by the Unicode writer as in the plain syntax; letters then digits would otherwise be a numbered name.
  log1p: '\\operatorname{log1p}', expm1: '\\operatorname{expm1}',
});

/** The characters only the Unicode math notation uses (not LaTeX, NumPy or the plain syntax). */
export const UNICODE_MARKERS = new RegExp(`[ᵀ⊤⊺⋅∙⁻⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉⊙⊘⊗∘𝟙𝟏𝟎𝐞‖√·−½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒${MATH_LETTER_CLASS}]`, 'u');

/** What may follow a word and a space without being its operand: operators, closing brackets, separators. */
const OPERATOR_AFTER = '+-−*/·⊙⊘⊗=,;)]<>:ᵀ\'';

/** The longest operand a function-call hint quotes (log(|S|)); a longer one is hinted as log(x). */
const MAX_QUOTED_OPERAND = 24;

const isWordChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);

/** A power −1 on a function name, as it may be written: the inverse function or the reciprocal? */
const MINUS_ONE: readonly string[] = ['⁻¹', '^(-1)', '^(−1)'];

/** The longest power a hint quotes as written (sin^(…)(x) longer than this is hinted with ²). */
const MAX_QUOTED_POWER = 12;

/** The LaTeX command of a math alphabet's typeface (𝐱: \\mathbf, 𝒙: \\boldsymbol); undefined for the plain letters. */
const typefaceCommand = (style: 'bold' | 'boldItalic' | undefined): string | undefined =>
  style === undefined ? undefined : style === 'bold' ? '\\mathbf' : '\\boldsymbol';

class Translator {
  private out = '';
  private readonly map: number[] = [];
  private pos = 0;
  /** Closing text to emit after the input offset (√ operands, 𝟙[…] brackets). */
  private readonly closers = new Map<number, string>();
  private readonly skips = new Map<number, number>();
  /** For each kind of opening bracket, the offset of the closing one by the opening one's (`matching`). */
  private readonly pairs = new Map<string, Map<number, number>>();
  /** Characters written differently: the separators of a matrix literal [a, b; c, d] (→ bmatrix). */
  private readonly replaced = new Map<number, string>();
  private readonly chars: string[];
  private readonly offsets: number[];
  /** The bold and bold italic letters (by index in chars), written \\mathbf{…} and \\boldsymbol{…}. */
  private readonly styles = new Map<number, 'bold' | 'boldItalic'>();

  constructor(
    private readonly text: string,
    private readonly declared: ReadonlySet<string>,
  ) {
    this.chars = [];
    this.offsets = [];
    let o = 0;
    for (const c of text) {
      // A math-alphanumeric letter (𝑥, 𝐱, 𝒙, 𝜃) is its letter, its typography kept for the word it is in.
      const math = c.length === 2 || c === 'ℎ' ? mathLetter(c.codePointAt(0) ?? 0) : undefined;
      if (math !== undefined && math.style !== 'plain') this.styles.set(this.chars.length, math.style);
      this.chars.push(math?.letter ?? c);
      this.offsets.push(o);
      o += c.length;
    }
    this.offsets.push(o);
  }

  private emit(s: string, from: number): void {
    this.out += s;
    for (let i = 0; i < s.length; i++) this.map.push(this.offsets[from]);
  }

  /** Whether a character of [from, to) was written in a bold math alphabet (𝐱). */
  private styled(from: number, to: number): boolean {
    if (this.styles.size === 0) return false;
    for (let k = from; k < to; k++) if (this.styles.has(k)) return true;
    return false;
  }

  private span(i: number, j = i + 1): Span {
    return { start: this.offsets[i], end: this.offsets[Math.min(j, this.chars.length)] };
  }

  run(): Translated {
    refuseDifferentials(this.chars, this.offsets, this.declared);
    const c = this.chars;
    while (this.pos < c.length) {
      const i = this.pos;
      const skipTo = this.skips.get(i);
      if (skipTo !== undefined) {
        this.pos = skipTo;
        this.closeAt(skipTo - 1);
        continue;
      }
      this.token();
      for (let k = i; k < this.pos; k++) this.closeAt(k);
    }
    this.map.push(this.text.length);
    const map = this.map;
    return { latex: this.out, toSource: (offset) => map[Math.max(0, Math.min(offset, map.length - 1))] };
  }

  private closeAfter(k: number, s: string): void {
    // A construct opened later is nested in those opened before: it closes first (^{𝟙[u > 0]} → ^{\operatorname{step}(u)}).
    this.closers.set(k, s + (this.closers.get(k) ?? ''));
  }

  private closeAt(k: number): void {
    const closer = this.closers.get(k);
    if (closer !== undefined) {
      this.closers.delete(k);
      this.emit(closer, k);
    }
  }

  private token(): void {
    const c = this.chars;
    const i = this.pos;
    const ch = c[i];
    const replacement = this.replaced.get(i);
    if (replacement !== undefined) return this.copy(replacement);
    if (ch === '[') return this.bracket();
    if (/\s/.test(ch)) return this.copy(' ');
    if (ch === '\\' || ch === '$' || ch === '{' || ch === '}' || ch === '%' || ch === '&' || ch === '#') {
      fail('unicode.character', this.span(i), `'${ch}' is not part of the Unicode math notation (for LaTeX, use --from latex)`);
    }
    if (ch === '−') return this.copy('-');
    if (ch === '·' || ch === '⋅' || ch === '∙') return this.copy(' \\cdot ');
    if (ch === '′' || ch === 'ʹ' || ch === '’') return this.copy("'");
    if (ch === '⊤' || ch === '⊺') return this.copy('^{\\top}');
    if (ch === '⊙') return this.copy(' \\odot ');
    if (ch === '⊘') return this.copy(' \\oslash ');
    if (ch === '⊗') return this.copy(' \\otimes ');
    if (ch === '𝟏') return this.copy('\\mathbf{1}');
    if (ch === '𝟎') return this.copy('\\mathbf{0}');
    if (ch === '𝐞') return this.copy('\\mathbf{e}');
    if (ch === '‖') return this.copy('\\|');
    if (ch === 'ᵀ') return this.copy('^{\\top}');
    if (ch === '⁻' || SUP_DIGITS.includes(ch)) return this.superscript();
    if (ch === '∘') return this.circ();
    if (SUB_DIGITS.includes(ch)) return this.subscriptDigits();
    if (ch === '_') return this.underscore();
    if (ch === '^') return this.caret();
    if (ch === '√') return this.sqrt();
    if (ch === '𝟙') return this.indicator();
    // A Greek letter declared as itself (μ: scalar) stays itself: as \\mu it would be the name mu, another variable.
    if (GREEK[ch] !== undefined) return this.copy(this.declared.has(ch) ? ch : `\\${GREEK[ch]} `);
    if (VULGAR[ch] !== undefined) return this.copy(`{\\frac{${VULGAR[ch][0]}}{${VULGAR[ch][1]}}}`);
    if (/[0-9.]/.test(ch)) return this.number();
    // x̂, Ḡ (a letter and a combining circumflex or macron, as the writer prints the names x_hat, G_bar).
    if (/[A-Za-z]/.test(ch) && (c[i + 1] === '\u0302' || c[i + 1] === '\u0304')) {
      this.emit(`\\${c[i + 1] === '\u0302' ? 'hat' : 'bar'}{${ch}}`, i);
      this.pos = i + 2;
      return;
    }
    // ŷ, ā typed as one character (U+0177, U+0101): the letter and its accent, as x̂ above.
    const accented = ch.charCodeAt(0) > 0x7f ? ch.normalize('NFD') : ch;
    if (accented.length === 2 && /[A-Za-z]/.test(accented[0]) && (accented[1] === '\u0302' || accented[1] === '\u0304')) {
      return this.copy(`\\${accented[1] === '\u0302' ? 'hat' : 'bar'}{${accented[0]}}`);
    }
    if (/[A-Za-z]/.test(ch)) return this.word();
    if (ch === '"') return this.quoted();
    if (ch === '/' && c[i + 1] === '/') fail('parse.numpy-syntax', this.span(i, i + 2), FLOOR_DIVISION);
    if ('()[],;+-*/|\'=<>:!'.includes(ch)) return this.copy(ch);
    if (CALCULUS_CHARACTERS.includes(ch)) {
      const notation = calculusNotation(c.slice(i, i + 40).join('')) as { length: number; message: string };
      let j = i;
      for (let n = 0; n < notation.length; j++) n += c[j].length;
      fail('unicode.character', this.span(i, j), notation.message);
    }
    fail('unicode.character', this.span(i), `unexpected character '${ch}'${DASH_HINTS[ch] ? `: ${DASH_HINTS[ch]}` : ''}`);
  }

  /** An einsum spec "ij,jk->ik" → \\texttt{ij,jk->ik}, each character mapped to its own. */
  private quoted(): void {
    const c = this.chars;
    const start = this.pos;
    let j = start + 1;
    while (j < c.length && c[j] !== '"') {
      if (!/[A-Za-z ,\->|.]/.test(c[j])) fail('unicode.character', this.span(j), `unexpected character '${c[j]}' in an einsum spec: subscripts are letters, operands separated by ','`);
      j++;
    }
    if (j === c.length) fail('parse.unclosed', this.span(start), 'expected \'"\' to close the einsum spec');
    this.emit('\\texttt{', start);
    for (let k = start + 1; k < j; k++) this.emit(c[k], k);
    this.emit('}', j);
    this.pos = j + 1;
  }

  private copy(s: string): void {
    this.emit(s, this.pos);
    this.pos++;
  }

  /** A run of superscript characters: ⁻¹, ⁻ᵀ, ², ⁻¹². */
  private superscript(): void {
    const c = this.chars;
    const start = this.pos;
    let s = '';
    if (c[this.pos] === '⁻') {
      s = '-';
      this.pos++;
      if (c[this.pos] === 'ᵀ') {
        this.pos++;
        return this.emit('^{-\\top}', start);
      }
    }
    let digits = '';
    while (this.pos < c.length && SUP_DIGITS.includes(c[this.pos])) digits += String(SUP_DIGITS.indexOf(c[this.pos++]));
    if (digits === '') fail('unicode.superscript', this.span(start, this.pos), "'⁻' must be followed by superscript digits or ᵀ");
    this.emit(`^{${s}${digits}}`, start);
  }

  /** ∘² (element-wise power); ∘ elsewhere is not part of the notation. */
  private circ(): void {
    const c = this.chars;
    const start = this.pos++;
    let s = '';
    if (c[this.pos] === '⁻') {
      s = '-';
      this.pos++;
    }
    let digits = '';
    while (this.pos < c.length && SUP_DIGITS.includes(c[this.pos])) digits += String(SUP_DIGITS.indexOf(c[this.pos++]));
    if (digits === '') fail('unicode.superscript', this.span(start, this.pos), "'∘' must be followed by a superscript exponent, as in x∘²");
    this.emit(`^{\\circ ${s}${digits}}`, start);
  }

  private subscriptDigits(): void {
    const c = this.chars;
    const start = this.pos;
    let digits = '';
    while (this.pos < c.length && SUB_DIGITS.includes(c[this.pos])) digits += String(SUB_DIGITS.indexOf(c[this.pos++]));
    this.emit(`_{${digits}}`, start);
  }

  /** `_word` or `_F`: a subscript written with an underscore (W_out, ‖A‖_F). */
  private underscore(): void {
    const c = this.chars;
    const start = this.pos++;
    let word = '';
    // Word characters, Greek letters, and ',' or '×' between them (A_i,j; 𝟎_m×n, a size); after
    // a constant with a size (I, 𝟏, 𝟎), a product of dimensions in brackets, as the writer prints
    // it (I_(m·n), 𝟎_(m·n)×k), or joined by '·' without them (I_m·n): the identity of size m·n.
    const sized = c[start - 1] === '𝟏' || c[start - 1] === '𝟎' || (c[start - 1] === 'I' && !isWordChar(c[start - 2]));
    const startsPart = (k: number): boolean => isWordChar(c[k]) || GREEK[c[k]] !== undefined || (sized && c[k] === '(');
    const joins = (k: number): boolean =>
      (c[k] === ',' || c[k] === '×' || (sized && c[k] === '·')) && (c[k] === '×' ? startsPart(k + 1) : isWordChar(c[k + 1]) || GREEK[c[k + 1]] !== undefined);
    const letter = (ch: string): string => (GREEK[ch] !== undefined ? `\\${GREEK[ch]} ` : ch === '×' ? ' \\times ' : ch === '·' ? ' \\cdot ' : ch);
    while (this.pos < c.length && (isWordChar(c[this.pos]) || joins(this.pos) || GREEK[c[this.pos]] !== undefined || (sized && c[this.pos] === '(' && (word === '' || word.endsWith(' \\times '))))) {
      if (c[this.pos] === '(') {
        const close = this.sizeProductEnd(this.pos);
        for (let k = this.pos + 1; k < close; k++) word += letter(c[k]);
        this.pos = close + 1;
        // The bracket ends the size, or its rows (𝟎_(m·n)×k): a letter after it is a factor, 𝟏_(m·n)zᵀ.
        if (c[this.pos] !== '×') break;
        continue;
      }
      word += letter(c[this.pos++]);
    }
    if (word === '') fail('unicode.subscript', this.span(start), "'_' must be followed by a subscript");
    this.emit(`_{${word.split(',').map((w) => (/^[A-Za-z]{2,}$/.test(w) ? `\\text{${w}}` : w)).join(',')}}`, start);
  }

  /**
   * The closing bracket of a size that is a product of dimensions, (m·n) in 𝟏_(m·n): names or numbers
   * joined by '·'; anything else there is refused at the bracket.
   */
  private sizeProductEnd(open: number): number {
    const c = this.chars;
    let k = open + 1;
    for (;;) {
      const from = k;
      while (k < c.length && (isWordChar(c[k]) || GREEK[c[k]] !== undefined)) k++;
      if (k === from) break;
      if (c[k] === ')' && k > open + 1) return k;
      if (c[k] !== '·') break;
      k++;
    }
    return fail('unicode.subscript', this.span(open), "a size in brackets after '_' is a product of dimensions, as in 𝟏_(m·n)");
  }

  /** `^k`, `^(…)`, `^∘k`, `^∘(…)`: a superscript without a Unicode form. */
  private caret(): void {
    const start = this.pos++;
    let circ = '';
    if (this.chars[this.pos] === '∘') {
      this.pos++;
      circ = '\\circ ';
    }
    const sign = this.chars[this.pos];
    if (sign === '-' || sign === '−') {
      // x^−1, e^-x: the exponent's extent is not written (e^−x² is e^(−x²) or (e^(−x))²); brackets say it.
      let to = this.operandEnd(this.pos + 1);
      while (to < this.chars.length && SUP_DIGITS.includes(this.chars[to])) to++;
      const written = this.text.slice(this.offsets[this.pos], this.offsets[to]);
      fail('parse.expected-expression', this.span(start, Math.max(to, this.pos + 1)), `a signed exponent goes in brackets: ^(${written.length > 1 ? written : `${sign}k`})`);
    }
    const end = this.operandEnd(this.pos);
    if (end === this.pos) fail('parse.expected-expression', this.span(start), "expected an exponent after '^'");
    // x^2y: the power 2y, or x² times y (as LaTeX reads it)? A number run into letters reads two ways (1e3 is a number).
    const exponent = this.wordAt(this.pos, end);
    const number = /^[0-9]+(?:\.[0-9]+)?(?=[A-Za-z])/.exec(exponent);
    if (number && !/^[0-9]+(?:\.[0-9]+)?e[+-]?[0-9]+$/.test(exponent)) {
      const rest = exponent.slice(number[0].length);
      const caret = `^${circ === '' ? '' : '∘'}`;
      fail('parse.ambiguous-power', this.span(start, end), `'${caret}${exponent}' reads two ways: write ${caret}(${exponent}) for the power ${exponent}, or ${caret}${number[0]} ${rest} for the power ${number[0]} times ${rest}`);
    }
    // A bracketed exponent, u^(a), in a group of its own: LaTeX's ^{(a)} is an index, not a power.
    const bracketed = this.chars[this.pos] === '(';
    this.emit(`^{${circ}${bracketed ? '{' : ''}`, start);
    this.closeAfter(end - 1, bracketed ? '}}' : '}');
  }

  private sqrt(): void {
    const start = this.pos++;
    const end = this.operandEnd(this.pos);
    if (end === this.pos) fail('parse.expected-expression', this.span(start), "expected an operand after '√'");
    this.emit('\\sqrt{', start);
    this.closeAfter(end - 1, '}');
  }

  /** 𝟙[u > 0]: the step function of u. */
  private indicator(): void {
    const c = this.chars;
    const start = this.pos;
    if (c[start + 1] !== '[') fail('unicode.indicator', this.span(start), "'𝟙' must be followed by [u > 0]");
    const close = this.matching(start + 1, '[', ']');
    let k = close - 1;
    while (k > start && c[k] === ' ') k--;
    if (c[k] !== '0' || c[k - 1] === undefined) fail('unicode.indicator', this.span(start, close + 1), "'𝟙[…]' must read 𝟙[u > 0]");
    let g = k - 1;
    while (g > start && c[g] === ' ') g--;
    if (c[g] !== '>') fail('unicode.indicator', this.span(start, close + 1), "'𝟙[…]' must read 𝟙[u > 0]");
    let from = g;
    while (from - 1 > start && c[from - 1] === ' ') from--;
    this.emit('\\operatorname{step}(', start);
    this.pos = start + 2;
    this.skips.set(from, close + 1);
    this.closeAfter(close, ')');
  }

  /** `[a, b]` stays a column; `[a, b; c, d]` (a `;` at its level) becomes a bmatrix. */
  private bracket(): void {
    const c = this.chars;
    const open = this.pos;
    let before = open - 1;
    while (before >= 0 && c[before] === ' ') before--;
    if (c[before] === ')') {
      // (a + 1)[1, a] and f(x)[1] read as indexing in Python: no guess, the product is written (a + 1)·[1, a].
      fail('parse.missing-operator', this.span(before, open + 1), "missing operator between ')' and '[': (…)[…] could be a product or an index; write (…)·[…] for the product, (…)₁ for an entry");
    }
    const close = this.matching(open, '[', ']');
    const separators: number[] = [];
    let rows = false;
    let depth = 0;
    for (let k = open + 1; k < close; k++) {
      if (c[k] === '(' || c[k] === '[') depth++;
      else if (c[k] === ')' || c[k] === ']') depth--;
      else if (depth === 0 && (c[k] === ',' || c[k] === ';')) {
        separators.push(k);
        if (c[k] === ';') rows = true;
      }
    }
    if (!rows) return this.copy('[');
    for (const k of separators) this.replaced.set(k, c[k] === ',' ? ' & ' : ' \\\\ ');
    this.replaced.set(close, '\\end{bmatrix}');
    this.copy('\\begin{bmatrix}');
  }

  private matching(open: number, o: string, cl: string): number {
    // Paired once per kind of bracket (a scan per bracket was quadratic in √(√(…))).
    let pairs = this.pairs.get(o);
    if (pairs === undefined) {
      pairs = new Map();
      const opens: number[] = [];
      for (let k = 0; k < this.chars.length; k++) {
        if (this.chars[k] === o) opens.push(k);
        else if (this.chars[k] === cl && opens.length > 0) pairs.set(opens.pop() as number, k);
      }
      this.pairs.set(o, pairs);
    }
    const close = this.chars[open] === o ? pairs.get(open) : undefined;
    return close ?? fail('parse.unclosed', this.span(open), `'${o}' is not closed`);
  }

  /** The end (exclusive) of the operand starting at k: (…), ‖…‖ with a subscript, |…|, a word or number with scripts, a call. */
  private operandEnd(k: number): number {
    const c = this.chars;
    // A root with its operand (a^√exp(2), as the writer prints an exponent √…).
    while (c[k] === '√') k++;
    if (c[k] === '(') return this.matching(k, '(', ')') + 1;
    // The step function 𝟙[u > 0] whole (σ(a)^𝟙[zᵀ𝟏 > 0], as the writer prints an exponent step(…)).
    if (c[k] === '𝟙' && c[k + 1] === '[') return this.matching(k + 1, '[', ']') + 1;
    if (c[k] === '‖' || c[k] === '|') {
      const bar = c[k];
      let j = k + 1;
      let depth = 0;
      for (; j < c.length; j++) {
        if (c[j] === '(' || c[j] === '[') depth++;
        else if (c[j] === ')' || c[j] === ']') depth--;
        else if (c[j] === bar && depth === 0) break;
      }
      if (j >= c.length) fail('parse.unclosed', this.span(k), `'${bar}' is not closed`);
      j++;
      while (j < c.length && (SUB_DIGITS.includes(c[j]) || (c[j] === '_' && c[j + 1] === 'F'))) j += c[j] === '_' ? 2 : 1;
      return j;
    }
    let j = k;
    if (c[j] === '𝟏' || c[j] === '𝟎' || VULGAR[c[j]] !== undefined) return j + 1;
    if (GREEK[c[j]] !== undefined) j++;
    else while (j < c.length && (isWordChar(c[j]) || c[j] === '.')) j++;
    while (j < c.length && SUB_DIGITS.includes(c[j])) j++;
    const word = this.wordAt(k, j);
    // log det(…), as the writer prints logdet: σ(a)^log det(A).
    if (word === 'log' && this.wordAt(j, j + 5) === ' det(') return this.matching(j + 4, '(', ')') + 1;
    // A call: a function name, or σ(…) (the sigmoid unless σ is declared) — as in √σ(z).
    if (j > k && c[j] === '(' && (FUNCTIONS[word] !== undefined || (word === 'σ' && !this.declared.has('sigma') && !this.declared.has('σ')))) return this.matching(j, '(', ')') + 1;
    return j;
  }

  /**
   * The power at k after a function name as written (², ⁻¹, ^2, ^(1/2), ^-1: a short superscript
   * run, or ^ and a bracket or a signed word or number) and as a hint writes it after the call
   * (^(-1) for ^-1, as the reader takes a signed exponent); ² when it is longer than a hint should quote.
   */
  private powerAt(k: number): { readonly written: string; readonly power: string } {
    const c = this.chars;
    let j = k;
    if (c[k] === '^') {
      j = k + 1;
      if (c[j] === '(') {
        let depth = 0;
        for (; j < c.length; j++) {
          if (c[j] === '(') depth++;
          else if (c[j] === ')' && --depth === 0) break;
        }
        j++;
      } else {
        if (c[j] === '-' || c[j] === '−') j++;
        while (j < c.length && (isWordChar(c[j]) || c[j] === '.')) j++;
      }
    } else while (j < c.length && (c[j] === '⁻' || SUP_DIGITS.includes(c[j]))) j++;
    const written = this.wordAt(k, Math.min(j, c.length));
    // A signed exponent is bracketed, as the reader takes it: cos^-1(x) is hinted cos(x)^(-1).
    const power = c[k] === '^' && (c[k + 1] === '-' || c[k + 1] === '−') ? `^(${written.slice(1)})` : written;
    return power !== '^' && power.length <= MAX_QUOTED_POWER ? { written, power } : { written: '²', power: '²' };
  }

  /**
   * A function name written without its argument in parentheses — `det A`, `sin x` (a space, then
   * an operand), `sin²x`, `sin^2(x)` (a power on the name) — means a call, which the letters would
   * not be read as: refused at the name.
   */
  private functionCall(name: string, start: number, end: number): void {
    const c = this.chars;
    let k = end;
    while (k < c.length && c[k] === ' ') k++;
    const next = c[k] as string | undefined;
    const call = name === 'log det' ? 'log det(X)' : `${name}(x)`;
    const product = [...name.replace(' ', '')].join('·');
    if (next === '^' || next === '⁻' || (next !== undefined && SUP_DIGITS.includes(next))) {
      // The power as written goes after the call: cos³x is cos(x)³, sin^2(x) is sin(x)^2.
      const { written, power } = this.powerAt(k);
      const inverseOf = MINUS_ONE.includes(power) && isElementwiseFunction(name) ? INVERSE_FUNCTIONS[name] : undefined;
      if (inverseOf !== undefined) {
        fail('unicode.function-call', this.span(start, end), `'${name}${written}' may mean the inverse function or the reciprocal: write ${ELEMENTWISE[inverseOf].unicode}(x) for the inverse function, ${call}${power} for the reciprocal`);
      }
      fail('unicode.function-call', this.span(start, end), `'${name}' is a function: its argument goes in parentheses and a power after them, ${call}${power} (for a product of the letters, write ${product})`);
    }
    if (k > end && next !== undefined && next !== '(' && !OPERATOR_AFTER.includes(next)) {
      fail('unicode.function-call', this.span(start, end), `'${name}' is a function: write its argument in parentheses, ${call} (for a product of the letters, write ${product})`);
    }
    // An operand right after the name (log|S|, sin√x, cosπ, exp𝐱: a word would have gone on with a Latin letter)
    // means the call as much as after a space; its letters times the operand would be a silent misreading.
    if (k === end && next !== undefined && next !== '(' && next !== '_' && !OPERATOR_AFTER.includes(next)) {
      const operand = next === '[' ? '' : this.text.slice(this.offsets[k], this.offsets[this.operandEnd(k)]);
      const written = operand !== '' && [...operand].length <= MAX_QUOTED_OPERAND ? `${name}(${operand})` : call;
      fail('unicode.function-call', this.span(start, end), `'${name}' is a function: write its argument in parentheses, ${written} (for a product of the letters, write ${product})`);
    }
  }

  private wordAt(k: number, j: number): string {
    return this.chars.slice(k, j).join('');
  }

  private number(): void {
    const c = this.chars;
    const start = this.pos;
    let j = start;
    while (j < c.length && /[0-9.]/.test(c[j])) j++;
    let mantissa = this.wordAt(start, j);
    if (c[j] === 'e' && /[0-9]/.test(c[j + (c[j + 1] === '-' || c[j + 1] === '+' ? 2 : 1)] ?? '')) {
      let k = j + 1;
      if (c[k] === '-' || c[k] === '+') k++;
      while (k < c.length && /[0-9]/.test(c[k])) k++;
      const exponent = this.wordAt(j + 1, k).replace('+', '');
      this.pos = k;
      if (mantissa === '') mantissa = '1';
      return this.emit(`{${mantissa} \\times 10^{${exponent}}}`, start);
    }
    this.pos = j;
    this.emit(mantissa, start);
  }

  /** A run of Latin letters and digits: a function name, a declared name, or letters juxtaposed. */
  private word(): void {
    const c = this.chars;
    const start = this.pos;
    let j = start;
    while (j < c.length && isWordChar(c[j])) j++;
    const word = this.wordAt(start, j);
    this.pos = j;
    if (this.declaredFactors(start, j)) return;
    // Letters that are all declared variables are their product, as in LaTeX (the writer prints cos(t + 1) for c·o·s·(t + 1)).
    const letters = word.length > 1 && !this.declared.has(word) && [...word].every((l) => this.declared.has(l));
    if (!letters && word === 'log' && this.wordAt(j, j + 4) === ' det') {
      this.pos = j + 4;
      this.functionCall('log det', start, j + 4);
      return this.emit('\\operatorname{logdet}', start);
    }
    const fn = letters || this.declared.has(word) ? undefined : FUNCTIONS[word];
    // exp𝐱, tr𝐀: a function name in plain letters right before a letter of another typeface, which starts its operand.
    if (fn === undefined && !letters && this.styled(start, j)) {
      let p = start;
      while (p < j && !this.styles.has(p)) p++;
      const head = this.wordAt(start, p);
      if (p > start && FUNCTIONS[head] !== undefined && !this.declared.has(head)) this.functionCall(head, start, p);
    }
    if (fn !== undefined) {
      this.functionCall(word, start, j);
      if (c[j] === '(') return this.emit(fn, start);
    }
    if (word.length > 1 && this.declared.has(word)) return this.emit(`\\mathit{${word}}`, start);
    // Letters then digits (x1, W12) are one name, as in the plain syntax and Python (and as the writers print x1
    // beside a vector x, whose x₁ is its component); x·1 is never written so. A plain function's name (norm2) is refused.
    if (!letters && NUMBERED_NAME.test(word)) {
      const from = this.typefaceRun(start, j);
      if (from === start && !this.styled(start, j) && c[j] === '(' && isFunctionName(word)) {
        fail('name.unknown-function', this.span(start, j), `'${word}' is a function of the plain syntax: in Unicode math write ${word === 'norm1' ? '‖x‖₁' : '‖x‖₂'} (or read the text as the plain syntax)`);
      }
      // In a bold typeface too (𝐱1, 𝐖12: \\mathbf{x1}); a change of typeface separates names as it separates letters (A𝐱1 is A·𝐱1).
      for (let k = start; k < from; k++) this.letter(k);
      return this.emit(`${typefaceCommand(this.styles.get(from)) ?? '\\mathit'}{${this.wordAt(from, j)}}`, from);
    }
    if (word === 'pi') return this.emit('\\pi ', start);
    // 𝐊(m,n): the commutation matrix, as the Unicode writer prints it (\mathbf{K}_{m,n} in LaTeX); K(m,n) when K is not declared.
    const bold = this.styles.get(start) === 'bold';
    const dims = word === 'K' && (bold || !this.declared.has('K')) ? /^\(([A-Za-z]|[1-9]\d*),([A-Za-z]|[1-9]\d*)\)/.exec(this.wordAt(j, Math.min(c.length, j + 40))) : null;
    if (dims) {
      this.pos = j + [...dims[0]].length;
      return this.emit(`${bold ? '\\mathbf{K}' : 'K'}_{${dims[1]},${dims[2]}}`, start);
    }
    // The binding form `f where u₁ = …, u₂ = …` (read by the LaTeX reader's latex/bindings.ts).
    if (word === 'where') return this.emit(' \\text{where} ', start);
    // Letters juxtaposed (Ax, xy): the LaTeX reader reads them as a product. Copied as they are, each
    // character from its own offset, so an error about a name in them (foo(x): an unknown function)
    // spans the name in the Unicode text, not its first letter.
    for (let k = start; k < j; k++) this.letter(k);
  }

  /**
   * A word that declared names spell (declaredWords.ts), written as their product where a declared
   * name of several characters is a factor of it (W12x with W12 and x declared: W12·x); refused where
   * they spell it two ways. False (nothing written) where the word is read as before: one name, or
   * letters and a numbered name by the rules below.
   */
  private declaredFactors(start: number, j: number): boolean {
    // A declared name written whole is that name (the writer sets apart the product its letters spell: W·x beside Wx).
    if (this.declared.size === 0 || this.declared.has(this.wordAt(start, j))) return false;
    const readings = declaredReadings(this.chars, start, j, this.declared, (k) => this.styles.get(k));
    const written = (reading: readonly WordPiece[]): string => reading.map((p) => this.text.slice(this.offsets[p.start], this.offsets[p.end])).join('·');
    if (readings.length > 1) {
      fail(
        'name.ambiguous-word',
        this.span(start, j),
        `'${this.text.slice(this.offsets[start], this.offsets[j])}' reads two ways with the declared names, ${written(readings[0])} and ${written(readings[1])}: ` +
          `write the product with '·' between its factors, or declare only the names meant`,
      );
    }
    const reading = readings.length === 1 ? readings[0] : undefined;
    if (reading === undefined || reading.length < 2 || !reading.some((p) => p.declared && p.end - p.start > 1)) return false;
    for (const p of reading) {
      if (p.end - p.start === 1) this.letter(p.start);
      else this.emit(`${typefaceCommand(this.styles.get(p.start)) ?? '\\mathit'}{${this.wordAt(p.start, p.end)}}`, p.start);
    }
    return true;
  }

  /** One letter (or digit) of a word, in its typeface. */
  private letter(k: number): void {
    const command = typefaceCommand(this.styles.get(k));
    this.emit(command === undefined ? this.chars[k] : `${command}{${this.chars[k]}}`, k);
  }

  /** Where the run of letters in the typeface of the last letter before the digits of the numbered name [start, j) begins. */
  private typefaceRun(start: number, j: number): number {
    let last = j - 1;
    while (last > start && /[0-9]/.test(this.chars[last])) last--;
    const style = this.styles.get(last);
    let from = last;
    while (from > start && this.styles.get(from - 1) === style) from--;
    return from;
  }
}

/** Translate Unicode math to LaTeX (declared names are kept whole: `loss` is one variable). */
export function unicodeToLatex(text: string, declared: ReadonlySet<string>): Translated {
  return new Translator(text, declared).run();
}
