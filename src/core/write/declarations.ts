/**
 * Declarations for variables, in the syntax of the `where` clause:
 * "x: vector(n); A: matrix(m, n); S: matrix(n, n) symmetric; s: scalar". A row vector is declared
 * as a 1×n matrix.
 */
import type { Expr } from '../model/expr';
import { isScalar, isColumn } from '../model/shape';
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
