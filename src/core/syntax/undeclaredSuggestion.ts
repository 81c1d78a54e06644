/**
 * The declaration name.undeclared suggests, fitted to the name's use: each kind (scalar, vector,
 * matrix, in that order) is tried as a declaration of the name, and those with which the expression
 * reads — or fails only later, at another name — are suggested, with the sizes the use gives them
 * (lam*x with x: vector(n): lam: scalar or lam: matrix(m, n); A*foo with A: matrix(m, n): foo:
 * vector(n)). Only on the error path: the expression is checked again once per kind. A word whose
 * letters' product would be a guess (dW, Net with N and e declared: guessedProduct.ts) is also named
 * as that product (d*W), which auto detection did not read it as. Where no kind fits, a row of each
 * size of the declarations is tried ((foo*x)^2 with x: vector(n): foo: matrix(1, n)). A name that
 * declared names spell (W12x with W12 and x declared) is named as their product too (W12*x).
 */
import type { Diagnostic, Outcome } from '../api';
import { declarationText, shape, type Dim } from '../model/shape';
import type { Declaration } from './declarations';
import type { VariableKind } from './names';
import type { CheckedExpression } from './check';

const PREFIX = 'undeclared variable ';
const KINDS: readonly VariableKind[] = ['scalar', 'vector', 'matrix'];
/** The sizes of the declarations tried as a row's length, at most (each is one more check, on the error path only). */
const MAX_ROW_SIZES = 8;
const DEFAULT: Record<VariableKind, string> = { scalar: 'scalar', vector: 'vector(n)', matrix: 'matrix(m, n)' };

/** The message of name.undeclared for `name`, before a suggestion is fitted (infer.ts). */
export const undeclaredMessage = (name: string): string => `${PREFIX}'${name}': declare it, e.g. ${name}: ${DEFAULT.vector}`;

/**
 * `d` with the declarations that fit its name's use, when it is undeclaredMessage's error: `check`
 * checks the expression with one more declaration.
 */
export function fittedSuggestion(
  d: Diagnostic,
  check: (extra: Declaration) => Outcome<CheckedExpression>,
  productOf: (name: string) => string | undefined = () => undefined,
  sizes: readonly Dim[] = [],
): Diagnostic {
  const name = d.code === 'name.undeclared' && d.message === undeclaredMessage(nameIn(d.message)) ? nameIn(d.message) : undefined;
  if (name === undefined) return d;
  const fits: string[] = [];
  for (const kind of KINDS) {
    const r = check({ name, kind, dims: [], symmetric: false, span: { start: d.start, end: d.end } });
    if (r.ok) {
      const v = r.value.variables.find((w) => w.name === name) ?? r.value.unused.find((w) => w.name === name);
      fits.push(`${name}: ${v === undefined ? DEFAULT[kind] : declarationText(v.shape)}`);
    } else if (r.error.code === 'name.undeclared' && r.error.start !== d.start) {
      fits.push(`${name}: ${DEFAULT[kind]}`);
    }
  }
  // None fits: a row, a size 1 by a size of the declarations ((foo*x)^2 with x: vector(n): foo: matrix(1, n)).
  if (fits.length === 0) {
    for (const size of sizes.slice(0, MAX_ROW_SIZES)) {
      const r = check({ name, kind: 'matrix', dims: [1, size], symmetric: false, span: { start: d.start, end: d.end } });
      if (r.ok) fits.push(`${name}: ${declarationText(shape(1, size))}`);
    }
  }
  const suggestion = fits.length > 0 ? `declare it, e.g. ${fits.join(' or ')}` : `declare it with the shape its use needs (no scalar, and no vector or matrix of free sizes, fits)`;
  // A word auto detection took for a name rather than guess its letters' product (guessedProduct.ts): dW, Net.
  const product = productOf(name);
  return { ...d, message: `${PREFIX}'${name}': ${suggestion}${product === undefined ? '' : `, or write ${product} for the product${/^[A-Za-z](\*[A-Za-z])+$/.test(product) ? ' of its letters' : ''}`}` };
}

function nameIn(message: string): string {
  if (!message.startsWith(PREFIX)) return '';
  const end = message.indexOf("': ", PREFIX.length + 1);
  return end < 0 ? '' : message.slice(PREFIX.length + 1, end);
}
