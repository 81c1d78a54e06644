/**
 * A function applied to its argument, as notes and papers write it: a lowercase name before a
 * parenthesized name — `f(x)`, `g(\mathbf{x})`, `\phi(z)`, `h_\theta(x)`, and `f'(x)`, its derivative.
 * Read as juxtaposition it would be the product f·x (and `f(x)^2` f·x²). The writers never print
 * a name alone in brackets after a factor but for an entry (`f(\mathbf{x}_{1})_{2}`, the product of f
 * and an entry), which stays a product. The caller refuses the application unless the name is
 * declared, as the plain reader refuses `f(x)`: an unknown function.
 */
import { fail } from '../diagnostics';
import type { Span } from '../../api';
import { variableEnd } from './differentials';
import type { LatexToken } from './scanner';

const isChar = (t: LatexToken | undefined, c: string): boolean => t !== undefined && t.kind === 'char' && t.text === c;

/** The end (exclusive) of a subscript `_i`, `_{…}` at i, or i when there is none. */
function subscriptEnd(tokens: readonly LatexToken[], i: number): number {
  if (!isChar(tokens[i], '_')) return i;
  if (!isChar(tokens[i + 1], '{')) return tokens[i + 1]?.kind === 'eof' ? i : i + 2;
  let depth = 0;
  for (let k = i + 1; k < tokens.length; k++) {
    if (isChar(tokens[k], '{')) depth++;
    else if (isChar(tokens[k], '}') && --depth === 0) return k + 1;
  }
  return i;
}

/**
 * The end (exclusive) of an application's primes and bracketed argument starting at `i`, the token
 * after the function's name: `'`s, `(`, one name (a letter, a Greek letter, a bold name, with a
 * subscript), `)` not followed by a subscript; -1 when it is not one. `primes` counts the `'`s.
 */
export function applicationEnd(tokens: readonly LatexToken[], i: number): { end: number; primes: number } | undefined {
  let k = i;
  while (isChar(tokens[k], "'")) k++;
  if (!isChar(tokens[k], '(')) return undefined;
  const name = variableEnd(tokens, k + 1);
  if (name < 0) return undefined;
  const close = subscriptEnd(tokens, name);
  if (!isChar(tokens[close], ')') || isChar(tokens[close + 1], '_')) return undefined;
  return { end: close + 1, primes: k - i };
}

/** Refuse the application of the function `written` (the variable `name`) spanning `span`. */
export function refuseApplication(written: string, name: string, primes: number, span: Span): never {
  const what = primes > 0 ? `the derivative of a function ${written}` : `a function ${written} applied to its argument`;
  return fail(
    'name.unknown-function',
    span,
    `unknown function '${written}': this is ${what}, which the extension does not know — select the function's expression (of f(x) = …, the right-hand side is read); for a product write it without brackets, or declare ${name} (${name}: scalar)`,
  );
}
