/**
 * Differentials in LaTeX, which are no part of an expression: the upright d (`\mathrm{d}x`,
 * `\text{d}`, `\operatorname{d}`, `\frac{\mathrm{d}}{\mathrm{d}x}`) wherever it is, and — unless d is
 * declared — a trailing `dx` set apart from the function, as after an integrand, by a spacing command
 * (`x^\top A x \, dx`), a space (`x^\top A x dx`, `\sin(t) dt`), `*` or a product command (`c \cdot dx`). Read as letters they would be
 * the product d·x; they are refused at the differential, saying what it is. A d that nothing marks
 * as a differential (`d\mathbf{x}`, `\mathbf{x}^\top\mathbf{x}\,d`) is a variable, and so is the d of
 * what the LaTeX writer prints for a product with a variable d: juxtaposed without a space
 * (`2dx`, `(a + b)dx`), or after the space that ends a control word (`\alpha dx`).
 */
import { fail } from '../diagnostics';
import { BOLD_COMMANDS, GREEK_COMMANDS } from './commands';
import type { LatexToken } from './scanner';

/** The spacing commands (skipped when read): `\,` before `dx` sets it apart from the integrand. */
export const SPACING_COMMANDS: ReadonlySet<string> = new Set([
  ',', ';', ':', '!', ' ', '>', 'quad', 'qquad', 'thinspace', 'medspace', 'thickspace', 'enspace',
]);

/** The commands that set a d upright: \mathrm{d}, \text{d}, \operatorname{d}. */
const UPRIGHT = new Set(['mathrm', 'text', 'textrm', 'operatorname', 'mathup', 'textup']);

export const WHY = 'a differential is not part of an expression: select the function alone (what it is differentiated by is chosen separately, as --wrt)';

const isChar = (t: LatexToken | undefined, c: string): boolean => t !== undefined && t.kind === 'char' && t.text === c;
const isD = (t: LatexToken | undefined): boolean => t !== undefined && t.kind === 'letter' && t.text === 'd';

/** The end (exclusive) of an upright d starting at i (\mathrm{d}, \mathrm d), or -1. */
function uprightD(tokens: readonly LatexToken[], i: number): number {
  const t = tokens[i];
  if (t.kind !== 'command' || !UPRIGHT.has(t.text)) return -1;
  if (isChar(tokens[i + 1], '{') && isD(tokens[i + 2]) && isChar(tokens[i + 3], '}')) return i + 4;
  return isD(tokens[i + 1]) ? i + 2 : -1;
}

/** The end (exclusive) of a variable starting at i: a letter, a Greek letter, a bold letter \mathbf{x}; or -1. */
export function variableEnd(tokens: readonly LatexToken[], i: number): number {
  const t = tokens[i] as LatexToken | undefined;
  if (t === undefined) return -1;
  if (t.kind === 'letter') return i + 1;
  if (t.kind === 'command' && GREEK_COMMANDS.has(t.text)) return i + 1;
  if (t.kind === 'command' && BOLD_COMMANDS.has(t.text)) {
    if (isChar(tokens[i + 1], '{')) {
      const close = tokens.findIndex((x, k) => k > i + 1 && isChar(x, '}'));
      return close < 0 ? -1 : close + 1;
    }
    return variableEnd(tokens, i + 1);
  }
  return -1;
}

/** Refuse the upright d of `tokens` (the prepared tokens, ending with the end of input). */
export function refuseUprightD(tokens: readonly LatexToken[]): void {
  const n = tokens.length - 1;
  for (let i = 0; i < n; i++) {
    const end = uprightD(tokens, i);
    if (end < 0) continue;
    const v = variableEnd(tokens, end);
    const last = tokens[(v > 0 ? v : end) - 1];
    fail('latex.unsupported', { start: tokens[i].start, end: last.end }, `the upright d is the differential operator: ${WHY}; for a variable named d write d`);
  }
}

/** Whether a token ends an operand the writer sets apart by no space: a letter, a number, a closing bracket, a prime. */
const endsOperand = (t: LatexToken | undefined): boolean =>
  t !== undefined && (t.kind === 'letter' || t.kind === 'number' || (t.kind === 'char' && ')]}|\''.includes(t.text)) || (t.kind === 'command' && (t.text === '|' || t.text === '}')));

/**
 * The product commands that set a trailing differential apart as `*` does (`c \cdot dx`,
 * `\mathbf{F} \cdot d\mathbf{r}`, a line integral's): the LaTeX writer never prints one before a d
 * and a variable (its `\cdot` comes before a digit or a bracket, and after the d of `d \cdot b`).
 */
const PRODUCT_BEFORE_DIFFERENTIAL = new Set(['cdot', 'times', 'ast', 'bullet']);

/**
 * Refuse a trailing differential of `tokens` (one expression's tokens, ending with the end of input;
 * the caller skips this where d is declared): a d and a variable at the end, set apart from what
 * comes before by a spacing command (`\, dx`: the d is in `afterSpacing`), by a product operator
 * (`c * dx`, `c \cdot dx`, `\mathbf{F} \cdot d\mathbf{r}`), or by a space after an operand
 * (`x^\top A x dx`, `\sin(t) dt`). The LaTeX writer prints no space there (`2dx`, `\exp(a)db`) but
 * after a control word (`\alpha dx`): that space sets nothing apart.
 */
export function refuseTrailingDifferential(tokens: readonly LatexToken[], afterSpacing: ReadonlySet<LatexToken>): void {
  const n = tokens.length - 1;
  for (let start = Math.max(0, n - 1); start >= Math.max(1, n - 12); start--) {
    if (variableEnd(tokens, start) !== n) continue;
    const d = tokens[start - 1];
    if (!isD(d)) continue;
    const before = tokens[start - 2] as LatexToken | undefined;
    const starred = isChar(before, '*') && endsOperand(tokens[start - 3]);
    const dotted = before !== undefined && before.kind === 'command' && PRODUCT_BEFORE_DIFFERENTIAL.has(before.text);
    if (afterSpacing.has(d) || starred || dotted || (d.space && endsOperand(before))) {
      fail('latex.unsupported', { start: d.start, end: tokens[n - 1].end }, `a trailing differential, as after an integrand: ${WHY}; for a product with a variable d, declare d (d: scalar) or write d \\cdot x`);
    }
  }
}

/**
 * The end (exclusive) of Leibniz's derivative notation at `open`, the `{` after \frac: a numerator
 * that starts with the letter d (`\frac{d}{…}`, `\frac{dy}{…}`, `\frac{d^2 f}{…}`) over a denominator
 * that is d and a variable, perhaps squared (`{dx}`, `{d\mathbf{x}}`, `{dx^2}`); -1 when it is not.
 * Read as letters it would be the quotient (d·y)/(d·x): the caller refuses it unless d is declared.
 */
export function leibnizEnd(tokens: readonly LatexToken[], open: number): number {
  if (!isChar(tokens[open], '{') || !isD(tokens[open + 1])) return -1;
  let depth = 0;
  let close = open;
  for (; close < tokens.length; close++) {
    if (isChar(tokens[close], '{')) depth++;
    else if (isChar(tokens[close], '}') && --depth === 0) break;
  }
  const below = close + 1;
  if (!isChar(tokens[below], '{') || !isD(tokens[below + 1])) return -1;
  let end = variableEnd(tokens, below + 2);
  if (end < 0) return -1;
  if (isChar(tokens[end], '^') && tokens[end + 1]?.kind === 'number') end += 2;
  return isChar(tokens[end], '}') ? end + 1 : -1;
}

/**
 * The end (exclusive) of Leibniz's notation written with a slash starting at the d at `i`: `d/dx`,
 * `dy/dx`, `d^2 y/dx^2`, `d/d\mathbf{x}` (a d that does not continue a run of letters, perhaps a
 * power and a variable, `/`, then d and a variable, perhaps squared); -1 when it is not. Read as
 * letters it would be (d·y/d)·x: the caller refuses it unless d is declared. The writers never print
 * a slash.
 */
export function slashLeibnizEnd(tokens: readonly LatexToken[], i: number): number {
  const d = tokens[i];
  if (!isD(d)) return -1;
  const before = tokens[i - 1] as LatexToken | undefined;
  if (before !== undefined && before.end === d.start && (before.kind === 'letter' || before.kind === 'number')) return -1;
  let k = i + 1;
  if (isChar(tokens[k], '^') && tokens[k + 1]?.kind === 'number') k += 2;
  if (!isChar(tokens[k], '/')) k = variableEnd(tokens, k);
  if (k < 0 || !isChar(tokens[k], '/') || !isD(tokens[k + 1])) return -1;
  let end = variableEnd(tokens, k + 2);
  if (end < 0) return -1;
  if (isChar(tokens[end], '^') && tokens[end + 1]?.kind === 'number') end += 2;
  return end;
}

/** The message for Leibniz's notation (\frac{d}{dx}). */
export const LEIBNIZ = `Leibniz's notation for a derivative: select the function only — the derivative is what the extension computes (for a quotient of products with a variable d, declare d)`;

/** The tokens of the brace group at `open` (`{`), without the braces, and the index after its `}`; undefined when none. */
function braceGroup(tokens: readonly LatexToken[], open: number): { readonly inside: readonly LatexToken[]; readonly end: number } | undefined {
  if (!isChar(tokens[open], '{')) return undefined;
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isChar(tokens[k], '{')) depth++;
    else if (isChar(tokens[k], '}') && --depth === 0) return { inside: tokens.slice(open + 1, k), end: k + 1 };
  }
  return undefined;
}

const isPartial = (t: LatexToken | undefined): boolean => t !== undefined && t.kind === 'command' && t.text === 'partial';

/**
 * Leibniz's partial derivative at `open`, the `{` after \frac: `\frac{\partial f}{\partial x}`,
 * `\frac{\partial^2 f}{\partial x^2}`, `\frac{\partial}{\partial x}` (numerator and denominator
 * starting with \partial): its end (exclusive) and the message saying what it is — f is not given
 * (the extension computes the derivative of a function's expression) — or undefined.
 */
export function partialFraction(tokens: readonly LatexToken[], open: number, source: string): { readonly end: number; readonly message: string } | undefined {
  const top = braceGroup(tokens, open);
  if (top === undefined || !isPartial(top.inside[0])) return undefined;
  const below = braceGroup(tokens, top.end);
  if (below === undefined || !isPartial(below.inside[0])) return undefined;
  // What is differentiated: the numerator after \partial (and a power), as written.
  let k = 1;
  if (isChar(top.inside[k], '^')) k += isChar(top.inside[k + 1], '{') ? (braceGroup(top.inside, k + 1)?.end ?? k + 2) - k : 2;
  const rest = top.inside.slice(k);
  const f = rest.length === 0 ? undefined : source.slice(rest[0].start, rest[rest.length - 1].end).trim();
  const x = below.inside.length > 1 ? source.slice(below.inside[1].start, below.inside[below.inside.length - 1].end).trim() : 'x';
  const message =
    f === undefined
      ? `the partial derivative operator ∂/∂${x} (Leibniz's notation), inside an expression: select the operator with the function after it alone (the derivative it states is computed), or the function after it only and choose the variable with --wrt`
      : `the partial derivative of ${f} (Leibniz's notation), and ${f} is not given here: the extension computes the derivative itself — select the function only (${f}'s expression: of ${f}(x) = …, the right-hand side is read), and choose the variable with --wrt`;
  return { end: below.end, message };
}
