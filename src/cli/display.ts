/**
 * Showing user text safely in a terminal: control characters escaped (`\x1b`, `\t` kept only in
 * the caret line's alignment), and carets placed by display column — tabs, wide (CJK, emoji) and
 * combining characters included — so the ^ sits under the offending characters.
 */

/** A control character (C0, DEL, C1) or a bidi/line separator as a visible escape; others as they are. */
function escapeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return c;
}

/** The text with every control character shown as an escape (a tab as `\t`, ESC as `\x1b`). */
export function escapeControls(text: string): string {
  let out = '';
  for (const c of text) out += c === '\t' ? '\\t' : escapeChar(c);
  return out;
}

/** Columns a character takes in a terminal: 0 for combining marks and zero-width, 2 for wide. */
function width(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  if (/\p{M}/u.test(c) || code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** How a character is displayed on the input line: escaped controls (a tab as `\t`). */
const shown = (c: string): string => (c === '\t' ? '\\t' : escapeChar(c));
const columns = (c: string): number => {
  const s = shown(c);
  return s === c ? width(c) : s.length;
};

/** The input line of a span, escaped, and a caret line under the span by display column. */
export function caretLines(text: string, start: number, end: number): string {
  const s = Math.max(0, Math.min(start, text.length));
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  const lineEndRaw = text.indexOf('\n', s);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  let line = '';
  let pad = 0;
  let marks = 0;
  let offset = lineStart;
  for (const c of text.slice(lineStart, lineEnd)) {
    line += shown(c);
    const w = columns(c);
    if (offset < s) pad += w;
    else if (offset < Math.min(end, lineEnd)) marks += w;
    offset += c.length;
  }
  return `${line}\n${' '.repeat(pad)}${'^'.repeat(Math.max(1, marks))}`;
}

/** The display column (1-based) of an offset in its line. */
export function displayColumn(text: string, offset: number): number {
  const s = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  let col = 1;
  for (const c of text.slice(lineStart, s)) col += columns(c);
  return col;
}

/** An error for the terminal: `error[code]: message (label column N)`, the input line and the caret. */
export function errorReport(text: string, error: { readonly code: string; readonly message: string; readonly start: number; readonly end: number }, label = ''): string {
  return `error[${error.code}]: ${escapeControls(error.message)} (${label}column ${displayColumn(text, error.start)})\n${caretLines(text, error.start, error.end)}\n`;
}
