/**
 * The scanner of the plain syntax: text → tokens, in one linear pass. It never fails: a character
 * it does not know becomes an `invalid` token that the parser reports when it reaches it, so the
 * same tokens serve expressions and declarations.
 *
 * - Names: a letter (any Unicode letter, so Greek α β σ λ too) or `_`, then letters, decimal
 *   digits and `_`.
 * - Numbers: `12`, `1.5`, `.5`, `1.`, `1e-3`, `2.5E+10`. A `.` directly followed by `*`, `/`, `^`
 *   or `'` is not part of the number, so `2.^x` is 2 .^ x (as in MATLAB).
 * - Operators `+ - * / ^ .* ./ .^ '`; MATLAB's `.'` and the Unicode `ᵀ` are read as `'`, the Unicode
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

const TRANSPOSE_MARK = 'ᵀ';

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const LETTER = /\p{L}/u;
const isNameStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\u007f' && c !== TRANSPOSE_MARK && LETTER.test(c));
const isNamePart = (c: string): boolean => isNameStart(c) || isDigit(c);

/** Scans all of `text` (or [from, to)); the last token is always `eof` (at `to`). */
export function scan(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  const unclosedUntil: Record<string, number> = {};
  const push = (kind: TokenKind, start: number, end: number, tokenText = text.slice(start, end), value?: number): void => {
    tokens.push(value === undefined ? { kind, text: tokenText, start, end } : { kind, text: tokenText, start, end, value });
  };
  while (i < to) {
    const c = text[i];
    if (c === '\n') {
      push('newline', i, i + 1);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0') {
      i++;
    } else if (c === '"' || (c === "'" && opensString(tokens))) {
      // A quote whose line was already scanned without a closing quote is not scanned again (linear).
      let end = i < (unclosedUntil[c] ?? -1) ? i : i + 1;
      if (end > i) while (end < to && text[end] !== c && text[end] !== '\n') end++;
      if (end <= i || end >= to || text[end] !== c) unclosedUntil[c] = Math.max(unclosedUntil[c] ?? -1, end);
      if (end > i && end < to && text[end] === c) {
        push('string', i, end + 1, text.slice(i + 1, end));
        i = end + 1;
      } else {
        push('invalid', i, i + 1);
        i++;
      }
    } else if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
    } else if (isDigit(c) || (c === '.' && i + 1 < to && isDigit(text[i + 1]))) {
      const end = numberEnd(text, i, to);
      const numText = text.slice(i, end);
      push('number', i, end, numText, Number(numText));
      i = end;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (end < to && isNamePart(text[end])) end++;
      push('name', i, end);
      i = end;
    } else if (c === '.') {
      const next = i + 1 < to ? text[i + 1] : '';
      if (next === '*' || next === '/' || next === '^') {
        push('op', i, i + 2);
        i += 2;
      } else if (next === "'") {
        push('op', i, i + 2, "'"); // MATLAB's .' (transpose without conjugation)
        i += 2;
      } else {
        push('op', i, i + 1);
        i++;
      }
    } else if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^' || c === "'") {
      push('op', i, i + 1);
      i++;
    } else if (c === '\u2212') {
      push('op', i, i + 1, '-');
      i++;
    } else if (c === TRANSPOSE_MARK) {
      push('op', i, i + 1, "'");
      i++;
    } else if (PUNCTUATION[c] !== undefined) {
      push(PUNCTUATION[c], i, i + 1);
      i++;
    } else {
      // One whole code point, so a span never splits a surrogate pair.
      const cp = text.codePointAt(i) ?? 0;
      const width = cp > 0xffff ? 2 : 1;
      push('invalid', i, i + width);
      i += width;
    }
  }
  push('eof', to, to, '');
  return tokens;
}

/** A quote right after `(` or `,` opens a string: a transpose needs an operand before it. */
function opensString(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === '(' || last.kind === ',');
}

function numberEnd(text: string, start: number, to: number): number {
  let i = start;
  while (i < to && isDigit(text[i])) i++;
  if (i < to && text[i] === '.') {
    const next = i + 1 < to ? text[i + 1] : '';
    // `1.*x` is 1 .* x and `1.'` is 1 ': the dot belongs to the operator.
    if (next !== '*' && next !== '/' && next !== '^' && next !== "'") {
      i++;
      while (i < to && isDigit(text[i])) i++;
    }
  }
  if (i < to && (text[i] === 'e' || text[i] === 'E')) {
    let j = i + 1;
    if (j < to && (text[j] === '+' || text[j] === '-')) j++;
    if (j < to && isDigit(text[j])) {
      while (j < to && isDigit(text[j])) j++;
      i = j;
    }
  }
  return i;
}
