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
const LETTER = /\p{L}/u;

export function scanLatex(text: string, from = 0, to = text.length): Scanned {
  const tokens: LatexToken[] = [];
  const comments: LatexComment[] = [];
  let space = false;
  let i = from;
  const push = (kind: LatexTokenKind, start: number, end: number, tokenText = text.slice(start, end)): void => {
    tokens.push({ kind, text: tokenText, start, end, space });
    space = false;
  };
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u00a0' || c === '~') {
      space = true;
      i++;
    } else if (c === '%') {
      const start = i;
      while (i < to && text[i] !== '\n') i++;
      comments.push({ text: text.slice(start + 1, i), start: start + 1, end: i });
      space = true;
    } else if (c === '\\') {
      if (i + 1 < to && isAsciiLetter(text[i + 1])) {
        let end = i + 2;
        while (end < to && isAsciiLetter(text[end])) end++;
        push('command', i, end, text.slice(i + 1, end));
        i = end;
      } else if (i + 1 < to) {
        push('command', i, i + 2, text[i + 1]);
        i += 2;
      } else {
        push('char', i, i + 1);
        i++;
      }
    } else if (isDigit(c) || (c === '.' && i + 1 < to && isDigit(text[i + 1]))) {
      let end = i;
      while (end < to && isDigit(text[end])) end++;
      if (end < to && text[end] === '.' && end + 1 < to && isDigit(text[end + 1])) {
        end++;
        while (end < to && isDigit(text[end])) end++;
      }
      push('number', i, end);
      i = end;
    } else if (c === '\u2212') {
      push('char', i, i + 1, '-');
      i++;
    } else if (isAsciiLetter(c) || (c > '\u007f' && LETTER.test(c))) {
      push('letter', i, i + 1);
      i++;
    } else {
      const cp = text.codePointAt(i) ?? 0;
      const width = cp > 0xffff ? 2 : 1;
      push('char', i, i + width);
      i += width;
    }
  }
  tokens.push({ kind: 'eof', text: '', start: to, end: to, space });
  return { tokens, comments };
}
