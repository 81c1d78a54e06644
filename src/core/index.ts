/**
 * The math core's one public entry point. Pure TypeScript: no `vscode`, no DOM, no Node-only APIs.
 */
export * from './api';
export { derive, deriveForm, deriveIndexLatex, deriveReadable, variables, emitCode, separateVariables } from './service';
/** The named form of a result (`result.named`) as one line per notation: `f where p = …`, as every reader reads it back. */
export { namedForms } from './write/where';
export { checkClaim } from './check/index';
export { checkEquality, type EqualityRequest } from './check/equality';
export { proofread, proofreadSteps, type StepCache, type CachedStep, type ProofreadFinding, type ProofreadResult, type ProofreadOptions } from './proofread/index';
export { claimInEquation, type EquationClaim } from './proofread/equation';
/** For hosts that bound memory over many requests: the hash-consing table's estimated bytes, and emptying it. */
export { internTableBytes, resetInternTable } from './model/expr';
export { functionReference, type FunctionLine } from './syntax/reference';
export { functionCatalogue, declarations, shapeOf, DECLARATION_KEYWORDS, type FunctionInfo, type DeclarationInfo, type ShapeInfo } from './language';
/** What a diagnostic code means: its category (parse, shape, derivative, …) and a default message. */
export { diagnosticInfo } from './diagnostics';
