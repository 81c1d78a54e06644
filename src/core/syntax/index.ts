/**
 * The plain-syntax reader: text → surface syntax tree → shape-checked `Expr`.
 *
 * - `parsePlain(text)`: one expression → `Ast` (spans on every node).
 * - `parseDeclarations(text)`: `x: vector(n); A is a symmetric matrix; …` → `Declaration[]`.
 * - `checkShapes(ast, decls)`: infer and unify shapes, then build the `Expr` (any reader's `Ast`).
 * - `readPlain(text, where?)`: all of the above; `text` may contain declarations too.
 *
 * Errors are `Diagnostic` values (codes in `diagnostics.ts`); an error inside a separate `where`
 * string carries `source: 'where'` and spans relative to that string (`diagnosticSource`).
 */
export type { Ast, AddOp, MulOp, PowOp, ChainLink } from './ast';
export { children, depthOf } from './ast';
export { astText } from './print';
export { parseDeclarations, type Declaration } from './declarations';
export { checkShapes, type CheckedExpression } from './check';
export { parsePlain, readPlain } from './plain/index';
export { diagnosticSource, type DiagnosticSource, type SourcedDiagnostic } from './diagnostics';
export { MAX_DEPTH, MAX_INPUT_LENGTH } from './limits';
export { conventionalKind, type VariableKind } from './names';
export { isFunctionName } from './functions';
