/**
 * Differentials in Unicode math (and in plain text read as it): a trailing `dx` set apart after
 * the function (`xᵀAx dx`, `sin(t) dt`, as after an integrand) and Leibniz's `d/dx`, `dy/dx`,
 * `d²y/dx²`. Read as letters they would be products with a variable d (x'*A*x*d*x, d/(d*x)); unless
 * d, or the name of the differential (dx), is declared, they are refused at the differential, as
 * the LaTeX reader refuses `\, dx` and `\frac{d}{dx}` (latex/differentials.ts). A d the writer prints
 * in a product of an undeclared d (`(a + b)dx`, `2dx`, `dab/d`, `d/(dx)`) is not set apart by a
 * space nor followed by `/d`, and the space it prints after a name of several characters (`loss dx`,
 * `W_out dx`) is not one that sets a differential apart: they read as before.
 */
import { fail } from '../diagnostics';
import { GREEK_LETTER_NAMES as GREEK } from '../../model/greek';
import { SUB_DIGITS, SUP_DIGITS } from './digits';
import { LEIBNIZ, WHY } from '../latex/differentials';

/** What may come right before a trailing differential's space: not an operator or an opening bracket. */
const NOT_AN_OPERAND = '+-−/·⋅∙⊙⊘⊗=,;([{<>:';

/**
 * The product's dots, which set a trailing differential apart as `*` does (`c·dx`, `𝐅·d𝐫`): the writer
 * prints `·` before a digit or a bracket, and before a letter only after a factor d (`d·x`), never before a d.
 */
const PRODUCT_DOTS = '·⋅∙';

const isLetter = (ch: string | undefined): boolean => ch !== undefined && (/^[A-Za-z]$/.test(ch) || (GREEK[ch] !== undefined && ch !== 'π'));
const isWordChar = (ch: string | undefined): boolean =>
  ch !== undefined && (/^[A-Za-z0-9_]$/.test(ch) || GREEK[ch] !== undefined || SUB_DIGITS.includes(ch) || SUP_DIGITS.includes(ch));

/**
 * Refuse the differentials in `chars` (one letter per entry, math letters as their letter;
 * `offsets[i]` is the text offset of `chars[i]`, with the text's end last) unless d is declared.
 */
export function refuseDifferentials(chars: readonly string[], offsets: readonly number[], declared: ReadonlySet<string>): void {
  if (declared.has('d') || !chars.includes('d')) return;
  const span = (i: number, j: number) => ({ start: offsets[i], end: offsets[j] });
  trailing(chars, declared, span);
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] !== 'd' || isWordChar(chars[k - 1])) continue;
    const end = leibnizEnd(chars, k, declared);
    if (end > 0) fail('unicode.differential', span(k, end), LEIBNIZ);
  }
}

/** `… dx` at the end: a d, at most one space, a letter (and subscript digits), after a space (or *) that follows an operand. */
function trailing(c: readonly string[], declared: ReadonlySet<string>, span: (i: number, j: number) => { start: number; end: number }): void {
  let end = c.length;
  while (end > 0 && /\s/.test(c[end - 1])) end--;
  if (c[end - 1] === '.') end--;
  while (end > 0 && /\s/.test(c[end - 1])) end--;
  let v = end;
  while (v > 0 && SUB_DIGITS.includes(c[v - 1])) v--;
  v--;
  if (!isLetter(c[v])) return;
  let d = v - 1;
  if (c[d] === ' ' && c[d - 1] === 'd') d--;
  if (c[d] !== 'd' || declared.has(`d${c[v]}`)) return;
  let before = d - 1;
  const spaced = before >= 0 && /\s/.test(c[before]);
  while (before >= 0 && /\s/.test(c[before])) before--;
  if (before < 0) return;
  const setApart = c[before] === '*' || PRODUCT_DOTS.includes(c[before]) || (spaced && !NOT_AN_OPERAND.includes(c[before]) && !writersSpace(c, before, declared));
  if (!setApart) return;
  fail('unicode.differential', span(d, end), `a trailing differential, as after an integrand: ${WHY}; for a product with a variable d, declare d (d: scalar) or write d·${c[v]}`);
}

/**
 * Whether the space after the word ending at `last` is the one the Unicode writer prints after a
 * name of several characters, to set it apart from the next factor (`loss dx`, `W_out dx`, `I_n dx`:
 * the product with a variable d): the word has a subscript (`_`) or is a declared name.
 */
function writersSpace(c: readonly string[], last: number, declared: ReadonlySet<string>): boolean {
  let first = last;
  while (first > 0 && isWordChar(c[first - 1])) first--;
  if (!isWordChar(c[last])) return false;
  const word = c.slice(first, last + 1).join('');
  return word.includes('_') || (last > first && declared.has(word));
}

/** The end (exclusive) of Leibniz's d/dx, dy/dx, d²y/dx² starting at the d at k, or -1. */
function leibnizEnd(c: readonly string[], k: number, declared: ReadonlySet<string>): number {
  let i = k + 1;
  while (SUP_DIGITS.includes(c[i])) i++;
  if (isLetter(c[i])) {
    if (declared.has(`d${c[i]}`)) return -1;
    i++;
  }
  if (isWordChar(c[i])) return -1;
  while (c[i] === ' ') i++;
  if (c[i] !== '/') return -1;
  i++;
  while (c[i] === ' ') i++;
  if (c[i] !== 'd' || !isLetter(c[i + 1]) || declared.has(`d${c[i + 1]}`)) return -1;
  i += 2;
  while (SUP_DIGITS.includes(c[i])) i++;
  return isWordChar(c[i]) ? -1 : i;
}
