/**
 * The last steps shared by the LaTeX and NumPy readers: collect declarations (a separate `where`
 * string and declaration comments in the text), check shapes with the plain checker, and replace
 * placeholders — constants whose size comes from the context (𝟏, 𝟎, I) — by the model's nodes.
 */
import type { Outcome, Span } from '../api';
import { eye, ones, postorder, unit, withArgs, zeros, type Expr } from '../model/expr';
import { shape } from '../model/shape';
import { checkShapes, type Binding, type CheckedExpression, type ShapeOptions } from './check';
import { checkDuplicates, parseDeclarations, type Assumption, type Declaration } from './declarations';
import { attempt, failure, inWhere } from './diagnostics';
import type { Ast } from './ast';
import type { VariableKind } from './names';
import type { Kind } from './kinds';

/**
 * Placeholders for constants whose size comes from the context; replaced after shape checking.
 * Each occurrence is a variable of its own (named by its kind's symbol and its offset: `𝟏#12`), so
 * two occurrences may have different sizes, as in M + 𝟏𝟏ᵀ (m×1 times 1×n) or 𝟏ᵀx + 𝟏ᵀz. The unit
 * vectors e₁, e₂ (\mathbf{e}_{k}, as the writers print unit(n, k)) are placeholders too.
 */
export const PLACEHOLDER = { ones: '𝟏', zeros: '𝟎', identity: 'I', unit: 'e' } as const;
export type PlaceholderKind = keyof typeof PLACEHOLDER;

/** The placeholder variable of one occurrence, at offset `at` of the text (a unit vector's with its index: e2#7). */
export const placeholderName = (kind: PlaceholderKind, at: number, index = 1): string => `${PLACEHOLDER[kind]}${kind === 'unit' ? index : ''}#${at}`;

/** The kind of a placeholder variable's name, or undefined for any other name. */
export function placeholderKind(name: string): PlaceholderKind | undefined {
  const hash = name.lastIndexOf('#');
  if (hash < 0) return undefined;
  const symbol = name.slice(0, hash);
  if (/^e\d+$/.test(symbol)) return 'unit';
  return (Object.keys(PLACEHOLDER) as PlaceholderKind[]).find((k) => PLACEHOLDER[k] === symbol);
}

/** The kind of a placeholder before its size is known: I a matrix, 𝟏, 𝟎 and 𝐞ₖ columns (𝟏ᵀ is a row). */
export const placeholderEstimate = (kind: PlaceholderKind): Kind => (kind === 'identity' ? 'matrix' : 'column');

/** Declarations from the separate `where` string (errors marked `source: 'where'`). */
export function whereDeclarations(where: string | undefined): Outcome<readonly Declaration[]> {
  if (where === undefined || where.trim() === '') return { ok: true, value: [] };
  const parsed = parseDeclarations(where);
  return parsed.ok ? parsed : failure(inWhere(parsed.error));
}

/**
 * Declarations written in comments of the text (`% x: vector(n)` in LaTeX, `# x: vector(n)` in
 * Python): a comment that reads as declarations declares; any other comment is just a comment.
 * Spans are shifted to the text.
 */
export function commentDeclarations(comments: readonly { readonly text: string; readonly start: number }[]): Declaration[] {
  const out: Declaration[] = [];
  for (const c of comments) {
    if (!/[:]|\b(is|are)\b/.test(c.text)) continue;
    const parsed = parseDeclarations(c.text);
    if (!parsed.ok) continue;
    for (const d of parsed.value) out.push({ ...d, span: { start: d.span.start + c.start, end: d.span.end + c.start } });
  }
  return out;
}

/**
 * Both sets of declarations, failing on a name declared twice differently. A declaration in the
 * text that repeats one of `where` exactly is dropped: an editor may pass the document's
 * declaration comments as `where` while the selection holds some of them too.
 */
export function combineDeclarations(text: string, separate: readonly Declaration[], inline: readonly Declaration[]): Outcome<Declaration[]> {
  const repeated = (d: Declaration): boolean =>
    separate.some((s) => s.name === d.name && s.kind === d.kind && s.symmetric === d.symmetric && s.dims.length === d.dims.length && s.dims.every((x, i) => x === d.dims[i]));
  const own = inline.filter((d) => !repeated(d));
  return attempt(() => {
    checkDuplicates(text, own, separate);
    return [...separate, ...own];
  });
}

export const kindOfDeclaration = (d: Declaration): Kind => (d.kind === 'scalar' ? 'scalar' : d.kind === 'vector' ? 'column' : 'matrix');

/** A declaration for a variable whose kind a notation implies (bold ⇒ vector …), and why; dimensions inferred. */
export function impliedDeclaration(name: string, kind: VariableKind, span: Span, assumed: Assumption): Declaration {
  return { name, kind, dims: [], symmetric: false, span, assumed };
}

function placeholderDeclaration(name: string, span: Span): Declaration {
  const identity = placeholderKind(name) === 'identity';
  return { name, kind: identity ? 'matrix' : 'vector', dims: [], symmetric: identity, span };
}

/** Check shapes of a tree read from another notation; placeholders (by name) become 𝟏, 𝟎 and I. */
export function checkForeign(
  ast: Ast,
  declarations: readonly Declaration[],
  placeholders: ReadonlySet<string>,
  bindings: readonly Binding[] = [],
  options: ShapeOptions = {},
): Outcome<CheckedExpression> {
  const all = [...declarations, ...[...placeholders].map((p) => placeholderDeclaration(p, ast.span))];
  const checked = checkShapes(ast, all, bindings, options);
  if (!checked.ok || placeholders.size === 0) return checked;
  const names = placeholders;
  const expr = replacePlaceholders(checked.value.expr, names);
  const isPlaceholder = (v: Expr): boolean => names.has(v.name as string);
  return {
    ok: true,
    value: {
      expr,
      variables: checked.value.variables.filter((v) => !isPlaceholder(v)),
      unused: checked.value.unused.filter((v) => !isPlaceholder(v)),
      // Nodes rebuilt around a placeholder are not found here: an error about them spans the input.
      spans: checked.value.spans,
      assumed: checked.value.assumed,
      // The values rebuilt around a placeholder are other nodes: their names are reserved, found on no node.
      ...(checked.value.bound !== undefined ? { bound: checked.value.bound } : {}),
    },
  };
}

function replacePlaceholders(root: Expr, names: ReadonlySet<string>): Expr {
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) {
    if (e.op === 'var' && names.has(e.name as string)) {
      done.set(e, constantFor(e));
      continue;
    }
    const args = e.args.map((a) => done.get(a) as Expr);
    const kind = e.op === 'transpose' && e.args[0].op === 'var' && names.has(e.args[0].name as string) ? placeholderKind(e.args[0].name as string) : undefined;
    if (kind === 'ones' || kind === 'zeros') {
      // 𝟏ᵀ is the row of ones (as the LaTeX writer prints it).
      const s = e.shape;
      done.set(e, kind === 'ones' ? ones(shape(s.rows, s.cols)) : zeros(shape(s.rows, s.cols)));
      continue;
    }
    done.set(e, withArgs(e, args));
  }
  return done.get(root) as Expr;
}

function constantFor(v: Expr): Expr {
  switch (placeholderKind(v.name as string)) {
    case 'ones':
      return ones(v.shape);
    case 'unit':
      return unit(v.shape.rows, Number(/^e(\d+)#/.exec(v.name as string)?.[1]));
    case 'zeros':
      return zeros(v.shape);
    default:
      return eye(v.shape.rows);
  }
}
