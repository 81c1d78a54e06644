/**
 * The shape checker: a syntax tree (from any reader) and declarations → a shape-correct `Expr`.
 * Two passes: inference (`infer.ts`) unifies every dimension, then the builder (`build.ts`)
 * creates the nodes with fully resolved shapes.
 */
import type { Outcome, Span } from '../api';
import type { Expr } from '../model/expr';
import { nodeDeeperThan, type Ast } from './ast';
import { ExprBuilder } from './build';
import { checkDuplicates, type Declaration } from './declarations';
import { attempt, failure } from './diagnostics';
import { ShapeInference } from './infer';
import { conventionalKind } from './names';
import { scalarsByUsage } from './usage';
import { MAX_DEPTH, depthDiagnostic } from './limits';

export interface CheckedExpression {
  readonly expr: Expr;
  /** The variables the expression uses, in order of first appearance. */
  readonly variables: Expr[];
  /** Variables declared but not used (so a derivative by them can be answered), in declaration order. */
  readonly unused: Expr[];
  /** Where each node (by id) was read, so an error about a node points at it. */
  readonly spans: ReadonlyMap<number, Span>;
}

export function checkShapes(ast: Ast, decls: readonly Declaration[]): Outcome<CheckedExpression> {
  const deep = nodeDeeperThan(ast, MAX_DEPTH);
  if (deep) return failure(depthDiagnostic(deep.span.start, deep.span.end));
  return attempt(() => {
    checkDuplicates(undefined, decls);
    const declared = new Set(decls.map((d) => d.name));
    const assumed: Declaration[] = [];
    for (const [name, node] of scalarsByUsage(ast, declared)) {
      if (conventionalKind(name) !== undefined) assumed.push({ name, kind: 'scalar', dims: [], symmetric: false, span: node.span });
    }
    const inference = new ShapeInference([...decls, ...assumed]);
    inference.visit(ast);
    const unusedInfo = inference.unused();
    const builder = new ExprBuilder(inference);
    const expr = builder.build(ast);
    return {
      expr,
      variables: [...inference.used.values()].map((v) => builder.variable(v)),
      unused: unusedInfo.map((v) => builder.variable(v)),
      spans: builder.spans,
    };
  });
}
