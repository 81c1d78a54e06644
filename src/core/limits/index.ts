/**
 * Shared limits of the core, each answered with a Diagnostic (never a hang, a crash or a thrown
 * string): the time budget of a request (budget.ts), the size of a numerical check (numeric.ts),
 * the exponent of a matrix power (exponent.ts). The input's length and nesting depth are limited by
 * the readers (syntax/limits.ts: MAX_INPUT_LENGTH, MAX_DEPTH). docs/reliability.md lists them all.
 */
export {
  DEFAULT_TIME_LIMIT_MS, DEFAULT_OUTPUT_LIMIT, CHECK_EVERY, LimitExceeded, withBudget, checkpoint, checkOutput, budgetActive, limitDiagnostic,
} from './budget';
export type { BudgetOptions, LimitCode } from './budget';
export {
  MAX_CHECK_VARIABLE_ENTRIES, MAX_CHECK_HESSIAN_VARIABLE_ENTRIES, MAX_CHECK_VALUE_ENTRIES, MAX_CHECK_DERIVATIVE_ENTRIES,
  CHECK_SYMBOL_SIZE, checkSizeProblem,
} from './numeric';
export type { CheckSizeOptions } from './numeric';
export { MAX_MATRIX_EXPONENT, matrixExponentProblem } from './exponent';
