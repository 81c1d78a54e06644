/**
 * Preparing LaTeX tokens for the parser: math delimiters (`$…$`, `$$…$$`, `\[…\]`, `\(…\)`,
 * `\begin{equation}…\end{equation}`) and a sentence's final `.` or `,` are stripped; spacing and
 * style commands (`\,`, `\quad`, `\displaystyle`, `\limits`) are dropped, as are `\label{…}` and
 * `\tag{…}`; delimiter sizes (`\left`, `\right`, `\bigl` …) are dropped but remembered, so that
 * `\left|` opens and `\right|` closes.
 */
import { fail } from '../diagnostics';
import { DROPPED_WITH_ARGUMENT, MATH_ENVIRONMENTS, SIZE_COMMANDS, SKIPPED_COMMANDS } from './commands';
import type { LatexToken } from './scanner';
import { refuseUprightD, SPACING_COMMANDS } from './differentials';

export interface PreparedTokens {
  readonly tokens: LatexToken[];
  /** Tokens written after `\left` (or `\bigl` …): opening delimiters. */
  readonly opens: ReadonlySet<LatexToken>;
  /** Tokens written after `\right` (or `\bigr` …): closing delimiters. */
  readonly closes: ReadonlySet<LatexToken>;
  /** Tokens written right after a spacing command (`\, dx`: a differential, differentials.ts). */
  readonly afterSpacing: ReadonlySet<LatexToken>;
}

const isChar = (t: LatexToken | undefined, c: string): boolean => t !== undefined && t.kind === 'char' && t.text === c;
const isCommand = (t: LatexToken | undefined, name: string): boolean => t !== undefined && t.kind === 'command' && t.text === name;

/**
 * Prepare the scanner's tokens (`all`, ending with its end-of-input token). The array is taken
 * over: the kept tokens are moved to its front, and it becomes the prepared tokens (a copy of a
 * 90,000-token array, grown by push, was seven large allocations: issue 13).
 */
export function prepareTokens(all: LatexToken[]): PreparedTokens {
  const eof = all[all.length - 1];
  let kept = 0;
  const opens = new Set<LatexToken>();
  const closes = new Set<LatexToken>();
  let pending: 'open' | 'close' | undefined;
  // The tokens right after a spacing command (`\, dx`: a differential, differentials.ts).
  const afterSpacing = new Set<LatexToken>();
  let spaced = false;
  for (let i = 0; i < all.length - 1; i++) {
    const t = all[i];
    if (t.kind === 'command' && SKIPPED_COMMANDS.has(t.text)) {
      spaced ||= SPACING_COMMANDS.has(t.text);
      continue;
    }
    if (spaced) afterSpacing.add(t);
    spaced = false;
    if (t.kind === 'command' && SIZE_COMMANDS.has(t.text)) {
      pending = t.text === 'left' || t.text.endsWith('l') ? 'open' : t.text === 'right' || t.text.endsWith('r') ? 'close' : undefined;
      // `\left.` and `\right.` are invisible delimiters.
      if (isChar(all[i + 1], '.')) {
        i++;
        pending = undefined;
      }
      continue;
    }
    if (t.kind === 'command' && DROPPED_WITH_ARGUMENT.has(t.text) && isChar(all[i + 1], '{')) {
      let depth = 0;
      let j = i + 1;
      for (; j < all.length - 1; j++) {
        if (isChar(all[j], '{')) depth++;
        else if (isChar(all[j], '}') && --depth === 0) break;
      }
      i = j;
      continue;
    }
    if (pending === 'open') opens.add(t);
    if (pending === 'close') closes.add(t);
    pending = undefined;
    // (only tokens already read are overwritten: kept ≤ i)
    all[kept++] = t;
  }
  // (shortened, never lengthened: no new backing store)
  all[kept] = eof;
  all.length = kept + 1;
  const [start, end] = innerRange(all, kept);
  // The tokens [start, end) moved to the front, and the end of input after them.
  if (start > 0) for (let i = start; i < end; i++) all[i - start] = all[i];
  const n = end - start;
  all[n] = n === 0 ? eof : eofAfterToken(all[n - 1]);
  all.length = n + 1;
  refuseUprightD(all);
  return { tokens: all, opens, closes, afterSpacing };
}

/** The end-of-input token right after the last kept token (so "expected … after" errors point there). */
export function eofAfter(tokens: readonly LatexToken[], eof: LatexToken): LatexToken {
  return tokens.length === 0 ? eof : eofAfterToken(tokens[tokens.length - 1]);
}

/** The end-of-input token right after the token `last`. */
function eofAfterToken(last: LatexToken): LatexToken {
  const end = last.end;
  return { kind: 'eof', text: '', start: end, end, space: false };
}

/** An environment name at `\begin` / `\end` index i: the letters between the braces, or undefined. */
export function environmentAt(tokens: readonly LatexToken[], i: number): { name: string; next: number } | undefined {
  if (!isChar(tokens[i + 1], '{')) return undefined;
  let name = '';
  let j = i + 2;
  for (; j < tokens.length && !isChar(tokens[j], '}'); j++) {
    const t = tokens[j];
    if (t.kind !== 'letter' && !isChar(t, '*')) return undefined;
    name += t.text;
  }
  if (j >= tokens.length) return undefined;
  return { name, next: j + 1 };
}

/** The range [start, end) of the first `length` tokens (the end of input after them) inside the math delimiters, checked. */
function innerRange(tokens: readonly LatexToken[], length: number): [number, number] {
  let start = 0;
  let end = length;
  let opened: string | undefined;
  // Opening delimiters.
  if (isChar(tokens[0], '$')) {
    start = isChar(tokens[1], '$') ? 2 : 1;
    opened = start === 2 ? '$$' : '$';
  } else if (isCommand(tokens[0], '[') || isCommand(tokens[0], '(')) {
    start = 1;
    opened = tokens[0].text === '[' ? '\\]' : '\\)';
  } else if (isCommand(tokens[0], 'begin')) {
    const env = environmentAt(tokens, 0);
    if (env && MATH_ENVIRONMENTS.has(env.name)) {
      start = env.next;
      opened = `\\end{${env.name}}`;
    }
  }
  // Closing delimiters, then a sentence's final punctuation (possibly before the delimiter).
  const dropPunctuation = (): void => {
    while (end > start && (isChar(tokens[end - 1], '.') || isChar(tokens[end - 1], ','))) end--;
  };
  dropPunctuation();
  if (opened === '$' || opened === '$$') {
    const n = opened.length;
    const closing = tokens.slice(Math.max(start, end - n), end);
    if (closing.length !== n || !closing.every((t) => isChar(t, '$'))) {
      const first = tokens[0];
      fail('parse.unclosed', { start: first.start, end: first.end }, `the math delimiter ${opened} is not closed`);
    }
    end -= n;
  } else if (opened === '\\]' || opened === '\\)') {
    if (!isCommand(tokens[end - 1], opened.slice(1))) {
      fail('parse.unclosed', { start: tokens[0].start, end: tokens[0].end }, `the math delimiter \\${tokens[0].text} is not closed by ${opened}`);
    }
    end--;
  } else if (opened !== undefined) {
    let j = end - 1;
    while (j > start && !isCommand(tokens[j], 'end')) j--;
    const env = j > start ? environmentAt(tokens, j) : undefined;
    if (!env || `\\end{${env.name}}` !== opened || env.next !== end) {
      fail('parse.unclosed', { start: tokens[0].start, end: tokens[start - 1].end }, `the environment is not closed by ${opened}`);
    }
    end = j;
  }
  dropPunctuation();
  // (An index loop: `for … of` over 60,000 tokens allocated an iterator result per token.)
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (isChar(t, '$')) fail('parse.unexpected-token', { start: t.start, end: t.end }, "unexpected '$': select one formula");
  }
  return [start, end];
}
