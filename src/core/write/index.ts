/** The writers: LaTeX (KaTeX), the plain syntax, pretty Unicode, declarations, NumPy, PyTorch and JAX source, Markdown. */
export { toLatex, latexWriting, latexWriter } from './latex';
export type { LatexOptions } from './latex';
export { piecewiseLatex } from './piecewise';
export { toText, textLengths, textMeasure, textWriting } from './text';
export { toUnicode, unicodeWriting, unicodeWriter } from './unicode';
export { declarationsFor, declarationFor, declaredDimensions, declaredDimensionsWhenAsked } from './declarations';
export type { KnownDimensions } from './declarations';
export { toNumpy } from './numpy';
export { PREC, OPERAND, needsParens } from './precedence';
export type { Prec } from './precedence';
export { toTorch } from './torch';
export { toJax } from './jax';
export { toMarkdown } from './markdown';
export type { MarkdownOptions } from './markdown';
export { whereForm, namedForms } from './where';
export type { WhereNotation, WrittenDefinition } from './where';
