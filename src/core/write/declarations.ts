/**
 * Declarations for variables, in the syntax of the `where` clause:
 * "x: vector(n); A: matrix(m, n); S: matrix(n, n) symmetric; s: scalar". A row vector is declared
 * as a 1×n matrix.
 */
import type { Expr } from '../model/expr';
import { isScalar, isColumn, type Dim } from '../model/shape';
import { textDim } from './text';

export function declarationFor(v: Expr): string {
  const name = v.name as string;
  const s = v.shape;
  let type: string;
  if (isScalar(s)) type = 'scalar';
  else if (isColumn(s)) type = `vector(${textDim(s.rows)})`;
  else type = `matrix(${textDim(s.rows)}, ${textDim(s.cols)})`;
  return `${name}: ${type}${v.symmetric ? ' symmetric' : ''}${v.probabilities ? ' probabilities' : ''}`;
}

/** Declarations for the variables (`var` nodes; other nodes are ignored), joined with "; ". */
export function declarationsFor(vars: readonly Expr[]): string {
  return vars
    .filter((v) => v.op === 'var')
    .map(declarationFor)
    .join('; ');
}

/** The dimensions a reader is given (DagWriter.knowing), asked for one name at a time: a set of them, or `declaredDimensionsWhenAsked`. */
export interface KnownDimensions {
  has(name: string): boolean;
  /** Whether `name` is one of the variables the reader is given (declared), when they are known. */
  hasVariable?(name: string): boolean;
}

/**
 * `declaredDimensions` of the variables `vars()` gives, and their names, found at the first question
 * (most answers write no size nor a component, and never ask). `unused`: variables declared beside
 * them that the expression does not use — their names are known to a reader too (a Unicode writer
 * must not juxtapose W and x into a declared Wx), their sizes are not counted.
 */
export function declaredDimensionsWhenAsked(vars: () => readonly Expr[], unused: readonly Expr[] = []): KnownDimensions {
  let names: ReadonlySet<string> | undefined;
  let variables: ReadonlySet<string> | undefined;
  return {
    has: (name) => (names ??= declaredDimensions(vars())).has(name),
    hasVariable: (name) => (variables ??= variableNames(vars(), unused)).has(name),
  };
}

/** The names of both lists' variables (a loop: made once per answer, no lists between). */
function variableNames(vars: readonly Expr[], unused: readonly Expr[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const v of vars) names.add(v.name as string);
  for (const v of unused) names.add(v.name as string);
  return names;
}

/** The dimension names of the variables' shapes (m and n of A: matrix(m, n); m and n of m·n): what their declarations give a reader. */
export function declaredDimensions(vars: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const v of vars) {
    if (v.op !== 'var') continue;
    addNames(out, v.shape.rows);
    addNames(out, v.shape.cols);
  }
  return out;
}

/** The names a dimension is made of (m·n: m and n; none in a number). */
function addNames(names: Set<string>, d: Dim): void {
  if (typeof d !== 'string') return;
  if (!d.includes('·')) names.add(d);
  else for (const part of d.split('·')) names.add(part);
}
