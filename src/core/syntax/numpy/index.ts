/**
 * The NumPy / PyTorch / JAX reader: Python array code → the plain syntax tree → the plain shape
 * checker → `Expr`. See `read.ts` for statements and shapes, `lower.ts` for NumPy's semantics and
 * `functions.ts` for the functions it knows.
 */
export { readNumpy } from './read';
