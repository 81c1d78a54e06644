/**
 * An answer as one JSON line. JSON.stringify leaves U+2028, U+2029 (line terminators in JavaScript
 * source before ES2019 and in many line splitters) and U+0085 (NEL, a line break to Unicode-aware
 * readers) raw; they are escaped here so that an answer is one line to every reader. They can only
 * occur inside strings, where the \u escape means the same character.
 */
const LINE_BREAKERS = /[\u0085\u2028\u2029]/g;

const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A value as JSON text, the line breakers escaped. */
export const jsonText = (value: unknown): string => JSON.stringify(value).replace(LINE_BREAKERS, escape);

export function jsonLine(value: unknown): string {
  return `${jsonText(value)}\n`;
}
