/**
 * Every diagnostic code the core reports, in one typed catalogue: its category and a default
 * message (the sites give a specific message with the names and shapes involved; the default says
 * what the code means, for documentation and for clients that show codes). `Diagnostic.code` is a
 * `DiagnosticCode`, so a code that is not listed here does not compile.
 */
export type DiagnosticCategory = 'input' | 'parse' | 'declaration' | 'name' | 'shape' | 'notation' | 'variable' | 'derivative' | 'numeric' | 'limit' | 'request' | 'internal';

export interface CatalogueEntry {
  readonly category: DiagnosticCategory;
  readonly message: string;
}

export const DIAGNOSTICS = {
  'input.empty': { category: 'input', message: 'there is no expression' },
  'parse.empty': { category: 'parse', message: 'the expression is empty' },
  'parse.ambiguous-power': { category: 'parse', message: "a number run into letters after '^' (x^2y), which reads two ways: brackets or a space say which" },
  'parse.ambiguous-product': { category: 'parse', message: 'juxtaposition after ⊙ or ⊘ (A ⊙ BC), which reads two ways: brackets say which' },
  'parse.empty-vector': { category: 'parse', message: 'a vector or matrix literal has no entries' },
  'parse.expected-expression': { category: 'parse', message: 'an expression was expected here' },
  'parse.extra-expression': { category: 'parse', message: 'the text goes on after a complete expression' },
  'parse.left-side': { category: 'parse', message: 'the left side of a definition is not a name' },
  'parse.missing-operator': { category: 'parse', message: 'two operands follow each other without an operator' },
  'parse.number': { category: 'parse', message: 'a number is malformed' },
  'parse.numpy-syntax': { category: 'parse', message: 'Python syntax the NumPy reader does not accept' },
  'parse.ragged-matrix': { category: 'parse', message: 'the rows of a matrix literal have different lengths' },
  'parse.string': { category: 'parse', message: 'a string where an expression was expected' },
  'parse.unclosed': { category: 'parse', message: 'a bracket is not closed' },
  'parse.unexpected-token': { category: 'parse', message: 'a token that cannot stand here' },
  'parse.unknown-character': { category: 'parse', message: 'a character the syntax does not use' },
  'parse.unmatched': { category: 'parse', message: 'a closing bracket without an opening one' },
  'decl.dims': { category: 'declaration', message: 'the dimensions of a declaration are malformed' },
  'decl.duplicate': { category: 'declaration', message: 'a name is declared twice' },
  'decl.kind': { category: 'declaration', message: 'an unknown kind in a declaration (scalar, vector, matrix)' },
  'decl.reserved': { category: 'declaration', message: 'a declared name is a function name' },
  'decl.symmetric': { category: 'declaration', message: 'only square matrices can be symmetric' },
  'decl.syntax': { category: 'declaration', message: 'a declaration does not follow the syntax' },
  'name.binding': { category: 'name', message: 'a `where` definition that repeats a name, uses a name defined after it, or a numbered name used but not defined' },
  'name.euler': { category: 'name', message: 'e raised to a power in the plain syntax, e not declared: exp(u) is the exponential, a declared e the variable' },
  'name.function-as-variable': { category: 'name', message: 'a function name is used as a variable' },
  'name.same-print': { category: 'name', message: 'two names that print as the same symbol (α and alpha): use one spelling' },
  'name.ambiguous-word': { category: 'name', message: 'a word of juxtaposed letters that declared names split two ways (abc with a, b, c and ab declared): write the product with ·' },
  'name.undeclared': { category: 'name', message: 'a name that is neither declared nor a convention' },
  'name.unknown-function': { category: 'name', message: 'a function the reader does not know' },
  'call.arity': { category: 'name', message: 'a function called with the wrong number of arguments' },
  'call.argument': { category: 'name', message: 'an argument a function does not accept (a dimension, an index, a kind)' },
  'call.needs-dimension': { category: 'name', message: 'softmax, logsoftmax or logsumexp of a matrix needs a dimension (1 or 2)' },
  'shape.ambiguous': { category: 'shape', message: 'an undeclared name is a scalar only by its letter where an array of the other shape reads as well (W*x + b): declare it' },
  'shape.divide': { category: 'shape', message: 'division by an array that is not a scalar' },
  'shape.exponent': { category: 'shape', message: 'an exponent that is not a scalar' },
  'shape.inner': { category: 'shape', message: 'the inner dimensions of a product differ' },
  'shape.matrix-power': { category: 'shape', message: 'a matrix power needs a square matrix and an integer exponent' },
  'shape.mismatch': { category: 'shape', message: 'the shapes of the operands differ' },
  'shape.not-scalar': { category: 'shape', message: 'a scalar was expected' },
  'shape.power': { category: 'shape', message: '^ needs a scalar or a square matrix (element-wise powers are .^)' },
  'shape.square': { category: 'shape', message: 'a square matrix was expected' },
  'shape.unknown-size': { category: 'shape', message: 'a size must be known (declared) for this operation' },
  'shape.vector-argument': { category: 'shape', message: 'a vector was expected' },
  'shape.vector-entry': { category: 'shape', message: 'an entry of a vector literal is not a scalar' },
  'latex.convention': { category: 'notation', message: 'an unknown notation convention' },
  'latex.index': { category: 'notation', message: 'index notation the reader cannot read' },
  'latex.subscript': { category: 'notation', message: 'a LaTeX subscript the reader cannot read' },
  'latex.sum': { category: 'notation', message: 'a LaTeX sum the reader cannot read' },
  'latex.unknown-command': { category: 'notation', message: 'a LaTeX command the reader does not know' },
  'latex.unsupported': { category: 'notation', message: 'LaTeX the reader does not support' },
  'latex.vector-power': { category: 'notation', message: 'a power of a vector in LaTeX' },
  'numpy.argument': { category: 'notation', message: 'an argument a NumPy function does not take here' },
  'numpy.ambiguous-library': { category: 'notation', message: 'a call NumPy and PyTorch compute differently, in code that does not say which' },
  'numpy.matmul-scalar': { category: 'notation', message: '@ with a scalar operand' },
  'numpy.unsupported': { category: 'notation', message: 'NumPy code the reader does not support' },
  'read.ambiguous-notation': { category: 'notation', message: 'the text mixes markers of two notations; say which one to read (from)' },
  'unicode.character': { category: 'notation', message: 'a character that is not part of the Unicode math notation' },
  'unicode.differential': { category: 'notation', message: "a differential (a trailing dx, Leibniz's d/dx) where d is not a declared variable" },
  'unicode.function-call': { category: 'notation', message: 'a function name without its argument in parentheses (det A, sin²x)' },
  'unicode.indicator': { category: 'notation', message: "an indicator that does not read 𝟙[u > 0]" },
  'unicode.subscript': { category: 'notation', message: "'_' not followed by a subscript" },
  'unicode.superscript': { category: 'notation', message: 'a superscript sign without superscript digits' },
  'einsum.dimension': { category: 'notation', message: 'an einsum index with two different sizes' },
  'einsum.operands': { category: 'notation', message: 'an einsum spec and its operands do not match' },
  'einsum.output': { category: 'notation', message: 'an einsum output the reader cannot form' },
  'einsum.rank': { category: 'notation', message: 'an einsum operand of the wrong rank' },
  'einsum.spec': { category: 'notation', message: 'an einsum spec is malformed' },
  'request.conflict': { category: 'variable', message: 'the request asks for another variable or order than the derivative its text states' },
  'wrt.duplicate': { category: 'variable', message: 'a variable is listed twice' },
  'wrt.none': { category: 'variable', message: 'the expression has no variable to differentiate by' },
  'wrt.stack': { category: 'variable', message: 'several variables can be stacked only when they are scalars' },
  'wrt.unknown': { category: 'variable', message: 'the variable does not occur in the expression' },
  'derive.unsupported': { category: 'derivative', message: 'the derivative of this construct is not supported' },
  'form.index-unavailable': { category: 'derivative', message: 'the derivative has no index form (order above 4 or an operator without components)' },
  'numeric.evaluation-failed': { category: 'numeric', message: 'the expression could not be evaluated' },
  'numeric.no-valid-point': { category: 'numeric', message: 'no random point where the expression is defined was found' },
  'numeric.shape-mismatch': { category: 'numeric', message: 'the derivative does not have the shape it should' },
  'numeric.unreliable': { category: 'numeric', message: 'finite differences were unreliable at every point tried' },
  'limit.cancelled': { category: 'limit', message: 'the request was cancelled' },
  'limit.check-size': { category: 'limit', message: 'too large for a numerical check' },
  'limit.depth': { category: 'limit', message: 'the expression is nested too deeply' },
  'limit.exponent': { category: 'limit', message: 'a matrix power with too large an exponent' },
  'limit.selection': { category: 'limit', message: 'the selection is too long' },
  'limit.size': { category: 'limit', message: 'the input or the result is too large' },
  'limit.output': { category: 'limit', message: 'the written result would be longer than the output limit' },
  'limit.time': { category: 'limit', message: 'the request took longer than its time limit' },
  'request.invalid-field': { category: 'request', message: 'a field of a batch request has the wrong type or value (the field is named)' },
  'request.json': { category: 'request', message: 'a batch request line is not valid JSON' },
  'request.not-object': { category: 'request', message: 'a batch request is not a JSON object' },
  'request.too-long': { category: 'request', message: 'a batch request line is longer than the longest line read' },
  internal: { category: 'internal', message: 'an internal error (a bug: please report it)' },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export const isDiagnosticCode = (code: string): code is DiagnosticCode => Object.prototype.hasOwnProperty.call(DIAGNOSTICS, code);

/** The category and default message of a code, or undefined for a string that is not one. */
export function diagnosticInfo(code: string): CatalogueEntry | undefined {
  return isDiagnosticCode(code) ? DIAGNOSTICS[code] : undefined;
}
