/**
 * What an editor needs to know about the plain syntax (completion, hovers, outlines of `.matcalc`
 * files): its functions with a one-line signature and shape rule, the declaration keywords, and the
 * declarations of a `where` text with the span of each declared name. The function list is the
 * reader's own table (syntax/functions.ts) with the words of the function reference (syntax/reference.ts).
 */
import type { Notation, Outcome, Span, VariableInfo } from './api';
import type { Expr } from './model/expr';
import { readExpression } from './read';
import { parseDeclarations } from './syntax/declarations';
import { ARITY } from './syntax/functions';
import { functionReference, UNDOCUMENTED } from './syntax/reference';
import { shapeKind, shapeText } from './model/shape';

export interface FunctionInfo {
  readonly name: string;
  /** e.g. `tr(A)` */
  readonly signature: string;
  /** e.g. `n×n → 1×1` */
  readonly shapeRule: string;
  readonly summary: string;
  /** Written by the differentiator (and read back), rarely typed by hand. */
  readonly internal: boolean;
}

const INTERNAL: ReadonlySet<string> = new Set(['commutation', 'unit', 'entry', 'count', 'vector', 'matrix']);

/**
 * Every function the plain syntax reads, in the reader's order, with the words of the function
 * reference (`matcalc functions`, docs/language.md): one table serves the CLI and the editor. A
 * rule `shape: meaning` is split into the shape rule and the summary.
 */
export function functionCatalogue(): FunctionInfo[] {
  const lines = new Map(functionReference().map((l) => [l.name, l]));
  return Object.keys(ARITY).map((name) => {
    const line = lines.get(name);
    const rule = line?.rule ?? UNDOCUMENTED;
    const colon = rule.indexOf(': ');
    return {
      name,
      signature: line?.call ?? `${name}(…)`,
      shapeRule: colon < 0 ? rule : rule.slice(0, colon),
      summary: colon < 0 ? '' : rule.slice(colon + 2),
      internal: INTERNAL.has(name),
    };
  });
}

/** The functions of the reader's table that the reference has no words for (a test keeps it empty). */
export function undocumentedFunctions(): string[] {
  return functionCatalogue().filter((f) => f.shapeRule === UNDOCUMENTED).map((f) => f.name);
}

/** The words of a declaration: the kinds, the modifier, the sentence forms. */
export const DECLARATION_KEYWORDS: readonly { readonly word: string; readonly snippet: string; readonly detail: string }[] = [
  { word: 'scalar', snippet: 'scalar', detail: '1×1' },
  { word: 'vector', snippet: 'vector(${1:n})', detail: 'n×1 (a column)' },
  { word: 'matrix', snippet: 'matrix(${1:m}, ${2:n})', detail: 'm×n (matrix(n): n×n)' },
  { word: 'symmetric', snippet: 'symmetric', detail: 'after matrix(n, n): a symmetric matrix' },
];

export interface DeclarationInfo {
  readonly name: string;
  readonly kind: 'scalar' | 'vector' | 'matrix';
  /** As declared: `n×1`, `m×n`, or `vector`/`matrix` when the dimensions are left to inference. */
  readonly shape: string;
  readonly symmetric: boolean;
  /** The declared name's span in the text. */
  readonly span: Span;
}

/** The declarations of a `where` text (`x: vector(n); A is a matrix`), each with its name's span. */
export function declarations(where: string): Outcome<DeclarationInfo[]> {
  const parsed = parseDeclarations(where);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: parsed.value.map((d) => ({
      name: d.name,
      kind: d.kind,
      shape: d.kind === 'scalar' ? '1×1' : d.dims.length === 0 ? d.kind : shapeText(d.kind === 'vector' ? { rows: d.dims[0], cols: 1 } : { rows: d.dims[0], cols: d.dims[1] }),
      symmetric: d.symmetric,
      span: d.span,
    })),
  };
}

export interface ShapeInfo {
  /** The expression's shape, e.g. `1×1`. */
  readonly shape: string;
  readonly variables: readonly VariableInfo[];
}

/** A variable as the API describes it. */
export function variableInfo(v: Expr): VariableInfo {
  return { name: v.name as string, kind: shapeKind(v.shape), shape: shapeText(v.shape) };
}

/** The shape of an expression and of its variables, read and shape-checked without differentiating. */
export function shapeOf(expr: string, where: string | undefined, from: Notation | 'auto' = 'auto'): Outcome<ShapeInfo> {
  const read = readExpression(expr, where, from);
  if (!read.ok) return read;
  return {
    ok: true,
    value: {
      shape: shapeText(read.value.expr.shape),
      variables: read.value.variables.map(variableInfo),
    },
  };
}
