/**
 * The Python scanner (the subset array code uses): names, numbers, strings, operators, brackets and
 * logical line breaks, in one linear pass. Line breaks inside brackets and after a backslash are
 * whitespace; `#` comments are collected (they may declare shapes: `# x: vector(n)`). It never
 * fails: an unknown character is an `invalid` token the parser reports.
 */
import type { Span } from '../../api';

export type PyTokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'invalid' | 'eof';

export interface PyToken extends Span {
  readonly kind: PyTokenKind;
  readonly text: string;
  /** Numbers: the value; strings: undefined (the content is in `value`). */
  readonly number?: number;
  /** Strings: the content without quotes. */
  readonly value?: string;
  /** For a token starting a logical line: the column of its first character. */
  readonly indent?: number;
}

export interface PyComment extends Span {
  readonly text: string;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '**', '//', '->', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '@=', '%=', ':=',
  '+', '-', '*', '/', '@', '%', '=', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '~', '&', '|', '^',
];

/** The operators by their first character, longest first (as OPERATORS lists them): one look-up per operator token. */
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const o of OPERATORS) OPERATORS_BY_FIRST.set(o[0], [...(OPERATORS_BY_FIRST.get(o[0]) ?? []), o]);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const LETTER = /\p{L}/u;
const isNameStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\u007f' && LETTER.test(c));
const isNamePart = (c: string): boolean => isNameStart(c) || isDigit(c);

export function scanPython(text: string): { tokens: PyToken[]; comments: PyComment[] } {
  const tokens: PyToken[] = [];
  const comments: PyComment[] = [];
  let depth = 0;
  let i = 0;
  let lineStart = true;
  let column = 0;
  // `t` is a new literal: a line's first token gets its indent added, not copied with { ...t, indent }
  // (in V8 11, Node 20, a spread followed by a new property gives each object a hidden class of its own).
  const push = (t: { -readonly [K in keyof PyToken]: PyToken[K] }): void => {
    if (lineStart) t.indent = column;
    tokens.push(t);
    lineStart = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      if (depth === 0 && tokens.length > 0 && tokens[tokens.length - 1].kind !== 'newline') {
        tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      }
      i++;
      if (depth === 0) {
        lineStart = true;
        column = 0;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      if (lineStart) column++;
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      const start = i;
      while (i < text.length && text[i] !== '\n') i++;
      comments.push({ text: text.slice(start + 1, i), start: start + 1, end: i });
      continue;
    }
    if (c === ';' && depth === 0) {
      tokens.push({ kind: 'newline', text: ';', start: i, end: i + 1 });
      i++;
      lineStart = true;
      column = 0;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      let end = i;
      while (end < text.length && (isDigit(text[end]) || text[end] === '_')) end++;
      if (text[end] === '.' && !(text[end + 1] !== undefined && isNameStart(text[end + 1]))) {
        end++;
        while (end < text.length && (isDigit(text[end]) || text[end] === '_')) end++;
      }
      if (text[end] === 'e' || text[end] === 'E') {
        let j = end + 1;
        if (text[j] === '+' || text[j] === '-') j++;
        if (isDigit(text[j] ?? '')) {
          while (j < text.length && isDigit(text[j])) j++;
          end = j;
        }
      }
      let kind: PyTokenKind = 'number';
      if (text[end] === 'j' || text[end] === 'J') {
        end++;
        kind = 'invalid';
      }
      const numText = text.slice(i, end);
      push({ kind, text: numText, start: i, end, number: Number(numText.replace(/_/g, '')) });
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j) && (triple || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      j = Math.min(j, text.length); // a final backslash escapes nothing past the end
      const closed = text.startsWith(quote, j);
      const end = closed ? j + quote.length : j;
      push({ kind: closed ? 'string' : 'invalid', text: text.slice(i, end), start: i, end, value: text.slice(i + quote.length, j) });
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let end = i + 1;
      while (end < text.length && isNamePart(text[end])) end++;
      push({ kind: 'name', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const op = OPERATORS_BY_FIRST.get(c)?.find((o) => o.length === 1 || text.startsWith(o, i));
    if (op !== undefined) {
      if (op === '(' || op === '[' || op === '{') depth++;
      if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
      push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    push({ kind: 'invalid', text: text.slice(i, i + width), start: i, end: i + width });
    i += width;
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return { tokens, comments };
}
