/**
 * Declarations: the shapes of variables, in two styles (mixable), separated by `;`, line breaks or
 * `,` after a complete declaration; `#` starts a comment; a line `where` is skipped.
 *
 *   x: vector(n); A: matrix(m, n); S: matrix(n, n) symmetric; s: scalar; y: vector(3)
 *   x, y: vector(n)          B: matrix(n)  (square n×n)      v: vector   (length inferred)
 *   x is a vector            A is a symmetric matrix          c is a scalar
 *   x and y are vectors      W is a matrix(m, n)
 *
 * Dimensions are names, positive integers or products of them (m*n). Declared names are rigid: n and m are different
 * dimensions, and neither is 3. Omitted dimensions (`x is a vector`, `A: matrix`) are inferred
 * from use like those of undeclared variables.
 */
import type { Span } from '../api';
import { mulDim, type Dim } from '../model/shape';
import { attempt, fail, positionText } from './diagnostics';
import { isFunctionName } from './functions';
import { checkSize } from './limits';
import type { VariableKind } from './names';
import { memoByText } from './memo';
import { table } from './table';
import { sameLetters } from './characters';
import type { Token } from './plain/scanner';
import { statementsOf } from './plain/statements';
import type { Outcome } from '../api';

export interface Declaration {
  readonly name: string;
  readonly kind: VariableKind;
  /**
   * scalar: []; vector: [n] or [] (inferred); matrix: [rows, cols] or [] (inferred; square when
   * symmetric). `matrix(n)` is stored as [n, n].
   */
  readonly dims: readonly Dim[];
  readonly symmetric: boolean;
  /**
   * `Y: matrix(N, k) probabilities`: each row sums to 1 (a vector: its entries do) — class
   * probabilities or one-hot rows, as the targets of a cross-entropy are. Results may use Y𝟏 = 𝟏.
   */
  readonly probabilities?: boolean;
  /** The span of the declared name. */
  readonly span: Span;
  /** Set when a reader implied the declaration (it was not written): why the name has this shape. */
  readonly assumed?: Assumption;
}

/**
 * Why an undeclared name has its shape: a requirement of its use (`x^2`), the letter conventions
 * (`names.ts`), or the notation's typography (LaTeX bold). `reason` says it in a few words.
 */
export interface Assumption {
  readonly by: 'usage' | 'letter' | 'notation';
  readonly reason: string;
}

/** Words that cannot be declared as variables (besides the function names). */
const RESERVED = new Set(['where', 'is', 'are', 'and', 'symmetric', 'probabilities']);

const KIND_WORDS: Readonly<Record<string, VariableKind>> = table({
  scalar: 'scalar',
  scalars: 'scalar',
  vector: 'vector',
  vectors: 'vector',
  matrix: 'matrix',
  matrices: 'matrix',
});

/**
 * Parse declarations. Spans are relative to `text`; every code starts with `decl.` (or `limit.`).
 * Remembered for recent texts (memo.ts): the same `where` comes with request after request.
 */
export const parseDeclarations: (text: string) => Outcome<readonly Declaration[]> = memoByText(parseDeclarationsOf);

function parseDeclarationsOf(written: string): Outcome<readonly Declaration[]> {
  const text = sameLetters(written);
  const tooLong = checkSize(text);
  if (tooLong) return { ok: false, error: tooLong };
  return attempt(() => {
    const out: Declaration[] = [];
    for (const statement of statementsOf(text)) {
      if (!statement.declaration) {
        const first = statement.tokens[0];
        fail('decl.syntax', { start: first.start, end: statement.tokens[statement.tokens.length - 1].end }, `expected a declaration such as x: vector(n) or A is a matrix`);
      }
      declarationsOf(text, statement.tokens, out);
    }
    checkDuplicates(text, out);
    return out;
  });
}

/** Parse one declaration statement (tokens of a statement classified as a declaration) into `out`. Throws SyntaxFailure. */
export function declarationsOf(text: string, all: readonly Token[], out: Declaration[]): void {
  const tokens = hasNewline(all) ? all.filter((t) => t.kind !== 'newline') : all;
  const end = tokens[tokens.length - 1].end;
  const eof: Token = { kind: 'eof', text: '', start: end, end };
  let pos = 0;
  const peek = (): Token => tokens[pos] ?? eof;
  const next = (): Token => tokens[pos++] ?? eof;
  const word = (t: Token, a: string, b?: string): boolean => t.kind === 'name' && (t.text === a || t.text === b);
  const found = (t: Token): string => (t.kind === 'eof' ? 'the end of the declaration' : `'${t.text}'`);

  const dimensionAtom = (d: Token): Dim => {
    if (d.kind === 'number' && Number.isInteger(d.value) && (d.value as number) >= 1) return d.value as number;
    if (d.kind === 'name') return d.text;
    return fail('decl.dims', span(d), `a dimension is a name or a positive integer, found ${found(d)}`);
  };

  while (pos < tokens.length) {
    // names
    const names: Token[] = [];
    for (;;) {
      const t = next();
      if (t.kind !== 'name') fail('decl.syntax', span(t), `expected a variable name, found ${found(t)}`);
      names.push(t);
      if (peek().kind === ',' || word(peek(), 'and')) {
        next();
        continue;
      }
      break;
    }
    const colon = next();
    let styled: 'colon' | 'words';
    if (colon.kind === ':') styled = 'colon';
    else if (word(colon, 'is', 'are')) styled = 'words';
    else fail('decl.syntax', span(colon), `expected ':' or 'is' after '${names[names.length - 1].text}', found ${found(colon)}`);
    if (styled === 'words' && word(peek(), 'a', 'an')) next();

    // [symmetric] [real] kind [(dims)] [symmetric]
    let symmetric = false;
    while (word(peek(), 'symmetric', 'real')) if (next().text === 'symmetric') symmetric = true;
    const kindToken = next();
    const kind = kindToken.kind === 'name' ? KIND_WORDS[kindToken.text] : undefined;
    if (kind === undefined) {
      fail('decl.kind', span(kindToken), `expected scalar, vector or matrix, found ${found(kindToken)}`);
    }
    const dims: Dim[] = [];
    let dimsSpan: Span = span(kindToken);
    if (peek().kind === '(') {
      const open = next();
      if (peek().kind !== ')') {
        for (;;) {
          let dim = dimensionAtom(next());
          while (peek().kind === 'op' && peek().text === '*') {
            next();
            dim = mulDim(dim, dimensionAtom(next()));
          }
          dims.push(dim);
          if (peek().kind === ',') {
            next();
            continue;
          }
          break;
        }
      }
      const close = next();
      if (close.kind !== ')') fail('decl.syntax', span(close), `expected ')' to close '(' at ${positionText(text, open.start)}, found ${found(close)}`);
      dimsSpan = { start: kindToken.start, end: close.end };
    }
    while (word(peek(), 'symmetric')) {
      next();
      symmetric = true;
    }
    let probabilities = false;
    if (word(peek(), 'probabilities')) {
      const p = next();
      if (kind === 'scalar') fail('decl.kind', span(p), 'a scalar cannot be probabilities: declare a vector or a matrix whose rows sum to 1');
      probabilities = true;
    }

    const count = dims.length;
    if (kind === 'scalar' && count > 0) fail('decl.dims', dimsSpan, 'a scalar has no dimensions: write s: scalar');
    if (kind === 'vector' && count > 1) fail('decl.dims', dimsSpan, `a vector has one dimension, found ${count}: write x: vector(n)`);
    if (kind === 'matrix' && count > 2) fail('decl.dims', dimsSpan, `a matrix has two dimensions, found ${count}: write A: matrix(m, n)`);
    if (symmetric && kind !== 'matrix') fail('decl.symmetric', dimsSpan, `only a matrix can be symmetric, not a ${kind}`);
    const shapeDims: Dim[] = kind === 'matrix' && count === 1 ? [dims[0], dims[0]] : dims;
    if (symmetric && shapeDims.length === 2 && shapeDims[0] !== shapeDims[1]) {
      fail('decl.symmetric', dimsSpan, `a symmetric matrix is square, but ${shapeDims[0]} and ${shapeDims[1]} differ: write matrix(n, n) symmetric`);
    }

    for (const name of names) {
      if (isFunctionName(name.text) || RESERVED.has(name.text)) {
        fail('decl.reserved', span(name), `'${name.text}' is a reserved word and cannot be a variable name`);
      }
      // Two literals rather than a conditional spread, which V8 copies slowly.
      out.push(
        probabilities
          ? { name: name.text, kind, dims: shapeDims, symmetric, probabilities, span: span(name) }
          : { name: name.text, kind, dims: shapeDims, symmetric, span: span(name) },
      );
    }

    // Another declaration may follow after ','.
    const after = peek();
    if (after.kind === 'eof') break;
    if (after.kind === ',') {
      next();
      continue;
    }
    fail('decl.syntax', span(after), `unexpected ${found(after)} after the declaration of '${names[names.length - 1].text}'`);
  }
}

function hasNewline(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokens[i].kind === 'newline') return true;
  return false;
}

/**
 * Fails on a name declared twice (the span is the second declaration's name). `earlier` are
 * declarations from another text (the `where` string); `text` (when known) locates the first one.
 */
export function checkDuplicates(text: string | undefined, decls: readonly Declaration[], earlier: readonly Declaration[] = []): void {
  if (decls.length === 0 || (decls.length === 1 && earlier.length === 0)) return; // nothing declared twice
  if (decls.length + earlier.length <= FEW) {
    // A few (most requests): compared pairwise, without a table.
    for (let i = 0; i < decls.length; i++) {
      const d = decls[i];
      let first: Declaration | undefined;
      for (let j = 0; j < i && first === undefined; j++) if (decls[j].name === d.name) first = decls[j];
      for (let j = earlier.length - 1; j >= 0 && first === undefined; j--) if (earlier[j].name === d.name) first = earlier[j];
      if (first) duplicate(text, d, first, earlier);
    }
    return;
  }
  const seen = new Map<string, Declaration>();
  for (const d of earlier) seen.set(d.name, d);
  for (const d of decls) {
    const first = seen.get(d.name);
    if (first) duplicate(text, d, first, earlier);
    seen.set(d.name, d);
  }
}

/** How many declarations checkDuplicates compares pairwise. */
const FEW = 16;

function duplicate(text: string | undefined, d: Declaration, first: Declaration, earlier: readonly Declaration[]): never {
  const where = earlier.includes(first)
    ? ' (first in the declarations given separately)'
    : text === undefined
      ? ''
      : ` (first at ${positionText(text, first.span.start)})`;
  return fail('decl.duplicate', d.span, `'${d.name}' is declared twice${where}`);
}

const span = (t: Token): Span => ({ start: t.start, end: t.end });
