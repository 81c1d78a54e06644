/**
 * The scanner of the plain syntax: text → tokens, in one linear pass. It never fails: a character
 * it does not know becomes an `invalid` token that the parser reports when it reaches it, so the
 * same tokens serve expressions and declarations.
 *
 * - Names: a letter (any Unicode letter, so Greek α β σ λ too) or `_`, then letters, decimal
 *   digits and `_`.
 * - Numbers: `12`, `1.5`, `.5`, `1.`, `1e-3`, `2.5E+10`. A `.` directly followed by `*`, `/`, `^`
 *   or `'` is not part of the number, so `2.^x` is 2 .^ x (as in MATLAB).
 * - Operators `+ - * / ^ .* ./ .^ '`; MATLAB's `.'`, the Unicode `ᵀ`, the primes `′ ʹ`, `’` and `⊤ ⊺` are read as `'`, the Unicode
 *   minus `−` as `-`. A lone `.` is an operator token that no rule accepts (the parser explains `.T`).
 * - Strings (the einsum spec): `"ij,jk->ik"`, or `'ij,jk->ik'` where a transpose cannot stand
 *   (right after `(` or `,`); the token's text is the content, its span the whole literal.
 * - `#` starts a comment to the end of the line; newlines are tokens (statement separators in
 *   declarations and files; whitespace inside an expression).
 */
import type { Span } from '../../api';

export type TokenKind =
  | 'number'
  | 'name'
  | 'op'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | ';'
  | ':'
  | '='
  | 'newline'
  | 'string'
  | 'invalid'
  | 'eof';

export type Operator = '+' | '-' | '*' | '/' | '^' | '.*' | './' | '.^' | "'" | '.';

export interface Token extends Span {
  readonly kind: TokenKind;
  /** The token as written (operators normalized: `−` is "-", `ᵀ` is "'"). */
  readonly text: string;
  /** For numbers. */
  readonly value?: number;
}

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': '(',
  ')': ')',
  '[': '[',
  ']': ']',
  ',': ',',
  ';': ';',
  ':': ':',
  '=': '=',
};

/** ᵀ, the transpose mark. */
const TRANSPOSE_MARK = 0x1d40;

/** Marks read as the transpose ' besides ᵀ: the primes ′ ʹ, the typographic apostrophe ’, and ⊤ ⊺ (\\top, \\intercal rendered). */
const PRIMES: readonly number[] = [0x2032, 0x02b9, 0x2019, 0x22a4, 0x22ba];

const LETTER = /\p{L}/u;
/** Whether the UTF-16 code unit `c` (at `i` of `text`) starts a name: an ASCII letter, `_`, or another letter (not ᵀ). */
const isNameStart = (c: number, text: string, i: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 0x7f && c !== TRANSPOSE_MARK && c !== 0x02b9 && LETTER.test(text[i]));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNamePart = (c: number, text: string, i: number): boolean => isDigit(c) || isNameStart(c, text, i);

/**
 * Scans all of `text` (or [from, to)); the last token is always `eof` (at `to`). By code units
 * (charCodeAt), each token made where it is found: every text read is scanned, the `where`
 * declarations of a request too.
 */
export function scan(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  const unclosedUntil: Record<string, number> = {};
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0) {
      i++;
    } else if (c === 34 || (c === 39 && opensString(tokens))) {
      const q = text[i];
      // A quote whose line was already scanned without a closing quote is not scanned again (linear).
      let end = i < (unclosedUntil[q] ?? -1) ? i : i + 1;
      if (end > i) while (end < to && text[end] !== q && text[end] !== '\n') end++;
      if (end <= i || end >= to || text[end] !== q) unclosedUntil[q] = Math.max(unclosedUntil[q] ?? -1, end);
      if (end > i && end < to && text[end] === q) {
        tokens.push({ kind: 'string', text: text.slice(i + 1, end), start: i, end: end + 1 });
        i = end + 1;
      } else {
        tokens.push({ kind: 'invalid', text: q, start: i, end: i + 1 });
        i++;
      }
    } else if (c === 35) {
      while (i < to && text.charCodeAt(i) !== 10) i++;
    } else if (isDigit(c) || (c === 46 && i + 1 < to && isDigit(text.charCodeAt(i + 1)))) {
      const end = numberEnd(text, i, to);
      const numText = text.slice(i, end);
      tokens.push({ kind: 'number', text: numText, start: i, end, value: Number(numText) });
      i = end;
    } else if (isNameStart(c, text, i)) {
      let end = i + 1;
      while (end < to && isNamePart(text.charCodeAt(end), text, end)) end++;
      tokens.push({ kind: 'name', text: text.slice(i, end), start: i, end });
      i = end;
    } else if (c === 46) {
      const next = i + 1 < to ? text[i + 1] : '';
      if (next === '*' || next === '/' || next === '^') {
        tokens.push({ kind: 'op', text: text.slice(i, i + 2), start: i, end: i + 2 });
        i += 2;
      } else if (next === "'") {
        tokens.push({ kind: 'op', text: "'", start: i, end: i + 2 }); // MATLAB's .' (transpose without conjugation)
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: '.', start: i, end: i + 1 });
        i++;
      }
    } else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 94 || c === 39) {
      tokens.push({ kind: 'op', text: text[i], start: i, end: i + 1 });
      i++;
    } else if (c === 0x2212) {
      tokens.push({ kind: 'op', text: '-', start: i, end: i + 1 });
      i++;
    } else if (c === TRANSPOSE_MARK || PRIMES.includes(c)) {
      tokens.push({ kind: 'op', text: "'", start: i, end: i + 1 });
      i++;
    } else if (PUNCTUATION[text[i]] !== undefined) {
      tokens.push({ kind: PUNCTUATION[text[i]], text: text[i], start: i, end: i + 1 });
      i++;
    } else {
      // One whole code point, so a span never splits a surrogate pair.
      const cp = text.codePointAt(i) ?? 0;
      const width = cp > 0xffff ? 2 : 1;
      tokens.push({ kind: 'invalid', text: text.slice(i, i + width), start: i, end: i + width });
      i += width;
    }
  }
  tokens.push({ kind: 'eof', text: '', start: to, end: to });
  return tokens;
}

/** A quote right after `(` or `,` opens a string: a transpose needs an operand before it. */
function opensString(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === '(' || last.kind === ',');
}

function numberEnd(text: string, start: number, to: number): number {
  let i = start;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i < to && text.charCodeAt(i) === 46) {
    const next = i + 1 < to ? text[i + 1] : '';
    // `1.*x` is 1 .* x and `1.'` is 1 ': the dot belongs to the operator.
    if (next !== '*' && next !== '/' && next !== '^' && next !== "'") {
      i++;
      while (i < to && isDigit(text.charCodeAt(i))) i++;
    }
  }
  if (i < to && (text[i] === 'e' || text[i] === 'E')) {
    let j = i + 1;
    if (j < to && (text[j] === '+' || text[j] === '-')) j++;
    if (j < to && isDigit(text.charCodeAt(j))) {
      while (j < to && isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}
