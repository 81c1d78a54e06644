/**
 * The LaTeX reader: the subset of LaTeX people write for matrix calculus → the plain syntax tree →
 * the plain shape checker → `Expr`. See `read.ts` for shapes, `parser.ts` for the grammar and
 * `sums.ts` for sums over samples.
 */
export { readLatex, parseLatex, type LatexReadOptions } from './read';
