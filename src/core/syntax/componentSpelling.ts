/**
 * An undeclared name spelled as a component of a declared array: x_1 beside a declared vector x,
 * A_12 beside a declared matrix A. The plain syntax and Python read x_1 as a name of its own (by
 * the letter convention, a fresh vector), but every math notation writes it x₁, x_{1} — the
 * component of x, as the LaTeX and Unicode readers read it where x is declared and as a reader of
 * the text takes it. No written form of the name reads back as that name (x1 is another), so it is
 * refused; declared, x_1 is that variable in every notation (latex/variables.ts numberedComponent).
 */
import type { Diagnostic, Span } from '../api';
import type { Expr } from '../model/expr';
import { declarationText, isScalar, shapeKind } from '../model/shape';

/** The name's stem and its numbered subscript: x_1 → x, 1. */
const SUBSCRIPTED = /^(.+)_(\d+)$/;

/** The entry the subscript makes in LaTeX and Unicode math (latex/variables.ts numberedEntry), if it makes one. */
function componentText(base: string, digits: string, kind: 'vector' | 'matrix'): string | undefined {
  if (/^0/.test(digits)) return undefined;
  if (kind === 'vector') return `entry(${base}, ${Number(digits)}, 1)`;
  return digits.length === 2 ? `entry(${base}, ${digits[0]}, ${digits[1]})` : undefined;
}

/**
 * The first variable not declared by the user (its shape `assumed`) whose name is a numbered
 * subscript of a declared vector or matrix, refused as name.undeclared at its span.
 */
export function componentSpelling(
  variables: readonly Expr[],
  assumed: ReadonlyMap<string, unknown> | undefined,
  spans: ReadonlyMap<number, Span> | undefined,
): Diagnostic | undefined {
  if (assumed === undefined || assumed.size === 0) return undefined;
  let arrays: Map<string, Expr> | undefined;
  for (const v of variables) {
    const name = v.name ?? '';
    const m = assumed.has(name) ? SUBSCRIPTED.exec(name) : null;
    if (m === null) continue;
    arrays ??= new Map(variables.filter((w) => !assumed.has(w.name ?? '') && !isScalar(w.shape)).map((w) => [w.name ?? '', w]));
    const base = arrays.get(m[1]);
    if (base === undefined) continue;
    const kind = shapeKind(base.shape) === 'matrix' ? 'matrix' : 'vector';
    const component = componentText(m[1], m[2], kind);
    const span = spans?.get(v.id);
    return {
      code: 'name.undeclared',
      start: span?.start ?? 0,
      end: span?.end ?? 0,
      message:
        `undeclared variable '${name}' beside the ${kind} ${m[1]}: math writes it ${m[1]}_{${m[2]}}, which reads as ${component === undefined ? 'a subscript' : 'a component'} of ${m[1]}, ` +
        `not as a name — declare it to use it as a variable of its own, e.g. ${name}: ${declarationText(v.shape)}` +
        (component === undefined ? '' : `, or write ${component} for the component`),
    };
  }
  return undefined;
}
