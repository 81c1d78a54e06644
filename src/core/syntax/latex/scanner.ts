/**
 * The LaTeX scanner: math-mode text → tokens, in one linear pass over [from, to). It never fails;
 * the parser reports what it cannot use.
 *
 * - `command`: a control word `\mathbf` (text "mathbf") or a control symbol `\|`, `\,`, `\{`
 *   (text "|", ",", "{").
 * - `letter`: one letter (math mode: `xy` is x times y); Unicode letters such as α are letters too.
 * - `number`: digits with an optional decimal part (`12`, `0.5`, `.5`). After `^` or `_` the
 *   parser takes only the first digit, as TeX does (`x^23` is x²·3).
 * - `char`: any other single character (`^ _ { } ( ) [ ] | + - * / = , ' < > & :` …); the Unicode
 *   minus `−` is "-".
 * Whitespace is skipped, but a token remembers whether space preceded it (`space`), so `max(` can be
 * told from `m a x (`. `%` starts a comment to the end of the line; comments are collected (they may
 * hold declarations such as `% x: vector(n)`).
 */
import type { Span } from '../../api';

export type LatexTokenKind = 'command' | 'letter' | 'number' | 'char' | 'eof';

export interface LatexToken extends Span {
  readonly kind: LatexTokenKind;
  readonly text: string;
  /** Whitespace (or a comment) came right before this token. */
  readonly space: boolean;
}

export interface LatexComment extends Span {
  /** The comment's text after `%`. */
  readonly text: string;
}

export interface Scanned {
  readonly tokens: LatexToken[];
  readonly comments: LatexComment[];
}

const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
// Letters, but not modifier letters (Lm): ᵀ, ʰ, ⁱ are the Unicode notation's superscripts, never
// variables (`xᵀx` in LaTeX is refused, not read as x·ᵀ·x).
const LETTER = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;

export function scanLatex(text: string, from = 0, to = text.length): Scanned {
  // Room for the most tokens the text can hold (one per character, and the end), trimmed at the
  // end: grown by push, the array of a 90,000-character text was reallocated seven times, each a
  // large object (fresh pages, a tenth of the reading's time: issue 13).
  const tokens: LatexToken[] = new Array<LatexToken>(Math.max(0, to - from) + 1);
  let count = 0;
  const comments: LatexComment[] = [];
  let space = false;
  let i = from;
  // One token per step: `kind` over [i, end), its text `tokenText` (the slice unless given).
  let kind: LatexTokenKind;
  let end: number;
  let tokenText: string | undefined;
  while (i < to) {
    const c = text[i];
    tokenText = undefined;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u00a0' || c === '~') {
      space = true;
      i++;
      continue;
    } else if (c === '%') {
      const start = i;
      while (i < to && text[i] !== '\n') i++;
      comments.push({ text: text.slice(start + 1, i), start: start + 1, end: i });
      space = true;
      continue;
    } else if (c === '\\') {
      if (i + 1 < to && isAsciiLetter(text[i + 1])) {
        end = i + 2;
        while (end < to && isAsciiLetter(text[end])) end++;
        kind = 'command';
        tokenText = text.slice(i + 1, end);
      } else if (i + 1 < to) {
        kind = 'command';
        end = i + 2;
        tokenText = text[i + 1];
      } else {
        kind = 'char';
        end = i + 1;
      }
    } else if (isDigit(c) || (c === '.' && i + 1 < to && isDigit(text[i + 1]))) {
      end = i;
      while (end < to && isDigit(text[end])) end++;
      if (end < to && text[end] === '.' && end + 1 < to && isDigit(text[end + 1])) {
        end++;
        while (end < to && isDigit(text[end])) end++;
      }
      kind = 'number';
    } else if (c === '\u2212') {
      kind = 'char';
      end = i + 1;
      tokenText = '-';
    } else if (isAsciiLetter(c) || (c > '\u007f' && LETTER.test(c))) {
      kind = 'letter';
      end = i + 1;
      tokenText = c;
    } else {
      kind = 'char';
      // a character outside the Basic Multilingual Plane is one token of two code units
      end = i + (c >= '\ud800' && c <= '\udbff' && (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
      tokenText = end === i + 1 ? c : undefined;
    }
    tokens[count++] = { kind, text: tokenText ?? text.slice(i, end), start: i, end, space };
    space = false;
    i = end;
  }
  tokens[count++] = { kind: 'eof', text: '', start: to, end: to, space };
  tokens.length = count;
  return { tokens, comments };
}
