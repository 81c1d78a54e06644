/**
 * The binding form in LaTeX — what the product prints for a result with named parts (the named
 * form, and the binding form of a result whose tree is much larger than its DAG, present/bindings.ts):
 *
 *   f \quad \text{where } u_{1} = …,\; \mathbf{u}_{2} = …
 *
 * `\text{where}` (or `\mathrm`, `\textrm`, `\mbox`, `\textnormal`) outside brackets ends the
 * expression; definitions `name = body` follow, separated by commas or semicolons (spacing such as
 * `\;` and `\quad` is dropped before). Each body may use the names defined before it (checked with
 * the plain reader's rules, syntax/check.ts: `name.binding`). A name's kind — scalar, vector,
 * matrix — is its body's, whatever its typography (the writers print a matrix u₁ as `u_{1}`), so the
 * shape-dependent readings (`\cdot`, `^{-1}`, `|…|`) of later uses follow the definition.
 */
import type { Span } from '../../api';
import type { Binding } from '../check';
import { fail } from '../diagnostics';
import { placeholderEstimate, placeholderKind } from '../finish';
import { KindEstimator, type Kind } from '../kinds';
import { spanOf } from '../nodes';
import { spanOfToken } from './cursor';
import { parseLatexTokens } from './parser';
import type { LatexToken } from './scanner';
import { eofAfter, type PreparedTokens } from './tokens';
import type { LatexParse, LatexParserOptions, NameStyle } from './types';

interface Definition {
  readonly name: PreparedTokens;
  readonly eq: LatexToken;
  readonly body: PreparedTokens;
}

export interface Segments {
  readonly main: PreparedTokens;
  readonly definitions: readonly Definition[];
}

const WHERE_COMMANDS = new Set(['text', 'textrm', 'mathrm', 'mbox', 'textnormal']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/** The nesting change of a token: brackets, braces, `\{ \}`, `\begin`/`\end`. */
function nesting(t: LatexToken): number {
  if (t.kind === 'char') return OPENERS.has(t.text) ? 1 : CLOSERS.has(t.text) ? -1 : 0;
  if (t.kind === 'command') return t.text === '{' || t.text === 'begin' ? 1 : t.text === '}' || t.text === 'end' ? -1 : 0;
  return 0;
}

/** The index after `\text{where}` starting at i, or undefined. */
function whereEnd(tokens: readonly LatexToken[], i: number): number | undefined {
  const t = tokens[i];
  if (t.kind !== 'command' || !WHERE_COMMANDS.has(t.text) || tokens[i + 1]?.kind !== 'char' || tokens[i + 1].text !== '{') return undefined;
  let word = '';
  let j = i + 2;
  for (; j < tokens.length && tokens[j].kind === 'letter'; j++) word += tokens[j].text;
  return word === 'where' && tokens[j]?.kind === 'char' && tokens[j].text === '}' ? j + 1 : undefined;
}

const isChar = (t: LatexToken, c: string): boolean => t.kind === 'char' && t.text === c;

function part(prepared: PreparedTokens, tokens: LatexToken[], eof: LatexToken): PreparedTokens {
  return { tokens: [...tokens, eofAfter(tokens, eof)], opens: prepared.opens, closes: prepared.closes, afterSpacing: prepared.afterSpacing };
}

/** Split the tokens at a top-level `\text{where}` into the expression and its definitions. */
export function splitWhere(prepared: PreparedTokens): Segments {
  const tokens = prepared.tokens;
  const eof = tokens[tokens.length - 1];
  let depth = 0;
  let at = -1;
  let after = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const end = depth === 0 ? whereEnd(tokens, i) : undefined;
    if (end !== undefined) {
      at = i;
      after = end;
      break;
    }
    depth = Math.max(0, depth + nesting(tokens[i]));
  }
  if (at < 0) return { main: prepared, definitions: [] };
  const whereSpan = spanOf(tokens[at].start, tokens[after - 1].end);
  if (at === 0) fail('parse.empty', whereSpan, "there is no expression before 'where'");
  const rest = tokens.slice(after, tokens.length - 1);
  if (rest.length === 0) fail('parse.expected-expression', whereSpan, "expected definitions after 'where', such as u = …");
  // Top-level '=' and separators after `where`.
  const equals: number[] = [];
  const separators: number[] = [];
  depth = 0;
  rest.forEach((t, k) => {
    if (depth === 0 && isChar(t, '=')) equals.push(k);
    if (depth === 0 && (isChar(t, ',') || isChar(t, ';'))) separators.push(k);
    depth = Math.max(0, depth + nesting(t));
  });
  if (equals.length === 0) {
    fail('name.binding', spanOf(rest[0].start, rest[rest.length - 1].end), "after 'where' come definitions such as u = … (declarations go in --where or a % comment)");
  }
  const definitions: Definition[] = [];
  let start = 0;
  equals.forEach((eq, j) => {
    const next = equals[j + 1];
    // The body ends at the last separator before the next definition's '='.
    const sep = next === undefined ? undefined : [...separators].reverse().find((s) => s > eq && s < next);
    if (next !== undefined && sep === undefined) {
      fail('name.binding', spanOfToken(rest[next]), "another '=' in a definition: separate definitions with commas (u = …, v = …)");
    }
    const end = sep ?? rest.length;
    const name = rest.slice(start, eq);
    if (name.length === 0) fail('name.binding', spanOfToken(rest[eq]), "expected the name being defined before '='");
    const body = rest.slice(eq + 1, end);
    if (body.length === 0) fail('parse.expected-expression', spanOfToken(rest[eq]), "expected the definition after '='");
    definitions.push({ name: part(prepared, name, eof), eq: rest[eq], body: part(prepared, body, eof) });
    start = end + 1;
  });
  return { main: part(prepared, tokens.slice(0, at), eof), definitions };
}

/** The name a definition defines: its left side must read as one name (u_{1}, \mathbf{p}). */
function nameOf(text: string, d: Definition, options: LatexParserOptions): { name: string; span: Span } {
  const parsed = parseLatexTokens(text, d.name, { ...options, names: new Map(), leftSide: false });
  const ast = parsed.ast;
  if (ast.kind !== 'name' || parsed.placeholders.size > 0) fail('name.binding', ast.span, "the left side of a definition after 'where' must be a name, such as u or u_{1}");
  return { name: ast.name, span: ast.span };
}

export interface BoundParse extends LatexParse {
  readonly bindings: readonly Binding[];
}

/**
 * Parse the expression and its definitions: each body sees the names defined before it, with their
 * bodies' kinds. `options.names` (when given) and the result's `names` hold only the free variables.
 */
export function parseBound(text: string, segments: Segments, options: LatexParserOptions): BoundParse {
  const names = options.names ?? new Map<string, { styles: Set<NameStyle>; span: Span }>();
  if (segments.definitions.length === 0) {
    // Field by field, not { ...parsed, bindings: [] }: in V8 11 (Node 20) a spread followed by a new
    // property gives every object a hidden class of its own (service.ts withNotation).
    const parsed = parseLatexTokens(text, segments.main, { ...options, names });
    return { ast: parsed.ast, names: parsed.names, placeholders: parsed.placeholders, bindings: [], name: parsed.name };
  }
  const defined = segments.definitions.map((d) => nameOf(text, d, options));
  const kinds = new Map<string, Kind>();
  // A body's kind is estimated afresh (KindEstimator below), so its placeholders (𝟏ᵀz: a row times a
  // column, a scalar) are told their kinds here as the parser knows them.
  const placeholder = (name: string): Kind | undefined => {
    const k = placeholderKind(name);
    return k === undefined ? undefined : placeholderEstimate(k);
  };
  const oracle = (name: string): Kind => kinds.get(name) ?? placeholder(name) ?? options.oracle(name);
  const own = { ...options, oracle, declared: new Set([...options.declared, ...defined.map((d) => d.name)]), names };
  const placeholders = new Set<string>();
  const bindings: Binding[] = [];
  try {
    segments.definitions.forEach((d, i) => {
      // A body is checked whole even in a names-only pass: its kind is read from its tree below.
      const parsed = parseLatexTokens(text, d.body, { ...own, leftSide: false, namesOnly: false });
      for (const p of parsed.placeholders) placeholders.add(p);
      bindings.push({ ...defined[i], ast: parsed.ast });
      if (!kinds.has(defined[i].name)) kinds.set(defined[i].name, new KindEstimator(oracle).of(parsed.ast));
    });
    const main = parseLatexTokens(text, segments.main, own);
    for (const p of main.placeholders) placeholders.add(p);
    return { ast: main.ast, names, placeholders, bindings, name: main.name };
  } finally {
    for (const d of defined) names.delete(d.name);
  }
}
