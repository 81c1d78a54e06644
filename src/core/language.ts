/**
 * What an editor needs to know about the plain syntax (completion, hovers, outlines of `.matcalc`
 * files): its functions with a one-line signature and shape rule, the declaration keywords, and the
 * declarations of a `where` text with the span of each declared name. The function list is the
 * reader's own table (syntax/functions.ts); this file adds only the words a user reads.
 */
import type { Notation, Outcome, Span, VariableInfo } from './api';
import type { Expr } from './model/expr';
import { readExpression } from './read';
import { parseDeclarations } from './syntax/declarations';
import { ARITY, ELEMENTWISE, REDUCTIONS } from './syntax/functions';
import { shapeKind, shapeText } from './model/shape';

export interface FunctionInfo {
  readonly name: string;
  /** e.g. `tr(A)` */
  readonly signature: string;
  /** e.g. `n×n → 1×1` */
  readonly shapeRule: string;
  readonly summary: string;
  /** Written by the differentiator (and read back), rarely typed by hand. */
  readonly internal: boolean;
}

type Doc = readonly [signature: string, shapeRule: string, summary: string];

const ELEMENTWISE_DOC: Readonly<Record<string, string>> = {
  exp: 'eˣ', log: 'natural logarithm', sin: 'sine', cos: 'cosine', tan: 'tangent', tanh: 'hyperbolic tangent',
  sigmoid: 'logistic 1/(1+e⁻ˣ)', relu: 'max(x, 0)', abs: '|x|', sqrt: '√x', sign: 'sign of x (−1, 0, 1)', step: 'the indicator [x > 0]',
};

/** The words for the functions that are not element-wise or reductions. */
const OTHER_DOC: Readonly<Record<string, Doc>> = {
  tr: ['tr(A)', 'n×n → 1×1', 'trace: the sum of the diagonal'],
  det: ['det(A)', 'n×n → 1×1', 'determinant'],
  logdet: ['logdet(A)', 'n×n → 1×1', 'log of the determinant'],
  inv: ['inv(A)', 'n×n → n×n', 'matrix inverse'],
  diag: ['diag(x)', 'n×1 → n×n', 'the diagonal matrix with x on its diagonal'],
  softmax: ['softmax(x)', 'n×1 → n×1', 'exp(x)/sum(exp(x))'],
  logsumexp: ['logsumexp(x)', 'n×1 → 1×1', 'log(sum(exp(x)))'],
  logsoftmax: ['logsoftmax(x)', 'n×1 → n×1', 'log(softmax(x)) = x − logsumexp(x)'],
  dot: ['dot(x, y)', 'n×1, n×1 → 1×1', "inner product x'y"],
  max: ['max(a, b)', 'same shapes → same shape', 'entry-wise maximum'],
  min: ['min(a, b)', 'same shapes → same shape', 'entry-wise minimum'],
  eye: ['eye(n)', 'dimension → n×n', 'the identity matrix'],
  vector: ['vector(n)', 'dimension → n×1', 'a vector (in declarations)'],
  matrix: ['matrix(m, n)', 'dimensions → m×n', 'a matrix (in declarations)'],
  ones: ['ones(m, n)', 'dimensions → m×n (ones(n): n×1)', 'all ones'],
  zeros: ['zeros(m, n)', 'dimensions → m×n (zeros(n): n×1)', 'all zeros'],
  kron: ['kron(A, B)', 'm×n, p×q → mp×nq', 'Kronecker product'],
  vec: ['vec(X)', 'm×n → mn×1', 'the columns of X stacked'],
  commutation: ['commutation(m, n)', 'dimensions → mn×mn', "the commutation matrix: vec(X') = K vec(X)"],
  unit: ['unit(n, i)', 'dimension, index → n×1', 'the i-th basis column'],
  entry: ['entry(A, i, j)', 'm×n, index, index → 1×1', 'the entry Aᵢⱼ (1-based)'],
  count: ['count(m, n)', 'dimensions → 1×1', 'the number m·n'],
};

const INTERNAL: ReadonlySet<string> = new Set(['commutation', 'unit', 'entry', 'count', 'vector', 'matrix']);

function docOf(name: string): Doc | undefined {
  if (ELEMENTWISE.has(name)) return [`${name}(x)`, 'any shape → same shape, entry by entry', ELEMENTWISE_DOC[name] ?? name];
  if (REDUCTIONS.has(name)) {
    const what: Record<string, string> = { sum: 'sum of the entries', mean: 'mean of the entries', norm1: 'ℓ₁ norm Σ|xᵢ|', norm2: 'Euclidean norm ‖x‖₂' };
    return [`${name}(x)`, 'any shape → 1×1', what[name] ?? name];
  }
  return OTHER_DOC[name];
}

/** Every function the plain syntax reads, in the reader's order. */
export function functionCatalogue(): FunctionInfo[] {
  return Object.keys(ARITY).map((name) => {
    const doc = docOf(name);
    const [signature, shapeRule, summary] = doc ?? [`${name}(…)`, '', ''];
    return { name, signature, shapeRule, summary, internal: INTERNAL.has(name) };
  });
}

/** Whether every function of the reader's table has its words here (a test keeps them in step). */
export function undocumentedFunctions(): string[] {
  return Object.keys(ARITY).filter((name) => docOf(name) === undefined);
}

/** The words of a declaration: the kinds, the modifier, the sentence forms. */
export const DECLARATION_KEYWORDS: readonly { readonly word: string; readonly snippet: string; readonly detail: string }[] = [
  { word: 'scalar', snippet: 'scalar', detail: '1×1' },
  { word: 'vector', snippet: 'vector(${1:n})', detail: 'n×1 (a column)' },
  { word: 'matrix', snippet: 'matrix(${1:m}, ${2:n})', detail: 'm×n (matrix(n): n×n)' },
  { word: 'symmetric', snippet: 'symmetric', detail: 'after matrix(n, n): a symmetric matrix' },
];

export interface DeclarationInfo {
  readonly name: string;
  readonly kind: 'scalar' | 'vector' | 'matrix';
  /** As declared: `n×1`, `m×n`, or `vector`/`matrix` when the dimensions are left to inference. */
  readonly shape: string;
  readonly symmetric: boolean;
  /** The declared name's span in the text. */
  readonly span: Span;
}

/** The declarations of a `where` text (`x: vector(n); A is a matrix`), each with its name's span. */
export function declarations(where: string): Outcome<DeclarationInfo[]> {
  const parsed = parseDeclarations(where);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: parsed.value.map((d) => ({
      name: d.name,
      kind: d.kind,
      shape: d.kind === 'scalar' ? '1×1' : d.dims.length === 0 ? d.kind : shapeText(d.kind === 'vector' ? { rows: d.dims[0], cols: 1 } : { rows: d.dims[0], cols: d.dims[1] }),
      symmetric: d.symmetric,
      span: d.span,
    })),
  };
}

export interface ShapeInfo {
  /** The expression's shape, e.g. `1×1`. */
  readonly shape: string;
  readonly variables: readonly VariableInfo[];
}

/** A variable as the API describes it. */
export function variableInfo(v: Expr): VariableInfo {
  return { name: v.name as string, kind: shapeKind(v.shape), shape: shapeText(v.shape) };
}

/** The shape of an expression and of its variables, read and shape-checked without differentiating. */
export function shapeOf(expr: string, where: string | undefined, from: Notation | 'auto' = 'auto'): Outcome<ShapeInfo> {
  const read = readExpression(expr, where, from);
  if (!read.ok) return read;
  return {
    ok: true,
    value: {
      shape: shapeText(read.value.expr.shape),
      variables: read.value.variables.map(variableInfo),
    },
  };
}
