/**
 * A `.matcalc` document read line by line: its declarations (each declared name with its position
 * and shape) and its expression lines, as the commands see them (selection/extract.ts picks the
 * same expression on each line). Declarations are read by the core (its `declarations()`, passed
 * in), so what counts as a declaration and its errors are the core's. Pure: no `vscode` import.
 */
import type { DeclarationInfo, Outcome } from '../../core';
import { DECLARATION_LINE, expressionAtCursor } from '../selection/extract';
import { MAX_HOVER_LINE_CHARS } from '../selection/limits';

/** Lines of a `.matcalc` document the language features read (beyond: no diagnostics, lenses or symbols). */
export const MAX_OUTLINE_LINES = 5_000;

export interface OutlineDeclaration {
  readonly name: string;
  readonly line: number;
  /** The declared name's columns. */
  readonly start: number;
  readonly end: number;
  readonly kind: DeclarationInfo['kind'];
  readonly shape: string;
  readonly symmetric: boolean;
  /** The declaration as written (without its comment). */
  readonly text: string;
}

export interface OutlineExpression {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A problem on one line (columns), with the core's diagnostic code. */
export interface LineProblem {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly code: string;
}

export interface MatcalcOutline {
  readonly declarations: readonly OutlineDeclaration[];
  readonly expressions: readonly OutlineExpression[];
  /** Declarations the core could not read. */
  readonly problems: readonly LineProblem[];
}

export type ReadDeclarations = (text: string) => Outcome<readonly DeclarationInfo[]>;

/** The text of a line before its `#` comment. */
function code(line: string): string {
  const at = line.indexOf('#');
  return at < 0 ? line : line.slice(0, at);
}

export function matcalcOutline(lines: readonly string[], readDeclarations: ReadDeclarations, maxLines = MAX_OUTLINE_LINES): MatcalcOutline {
  const declarations: OutlineDeclaration[] = [];
  const expressions: OutlineExpression[] = [];
  const problems: LineProblem[] = [];
  const count = Math.min(lines.length, maxLines);
  for (let line = 0; line < count; line++) {
    const raw = lines[line];
    if (raw.length > MAX_HOVER_LINE_CHARS) continue;
    const text = code(raw);
    if (text.trim() === '') continue;
    if (DECLARATION_LINE.test(text)) {
      const read = readDeclarations(text);
      if (!read.ok) {
        const { start, end, message, code: c } = read.error;
        problems.push({ line, start, end: Math.max(end, start + 1), message, code: c });
        continue;
      }
      for (const d of read.value) {
        declarations.push({ name: d.name, line, start: d.span.start, end: d.span.end, kind: d.kind, shape: d.shape, symmetric: d.symmetric, text: text.trim() });
      }
      continue;
    }
    const found = expressionAtCursor({ text: raw, offset: 0, cursor: 0 }, 'matcalc');
    if (found.ok) expressions.push({ line, start: found.found.start, end: found.found.end, text: found.found.text });
  }
  return { declarations, expressions, problems };
}

/** The declaration of `name` in force at `line`: the latest one above it (or, failing that, the first one below). */
export function declarationOf(outline: MatcalcOutline, name: string, line: number): OutlineDeclaration | undefined {
  const all = outline.declarations.filter((d) => d.name === name);
  return all.filter((d) => d.line <= line).pop() ?? all[0];
}

/** The names declared above `line`, each with its latest declaration. */
export function declaredAbove(outline: MatcalcOutline, line: number): OutlineDeclaration[] {
  const byName = new Map<string, OutlineDeclaration>();
  for (const d of outline.declarations) if (d.line < line) byName.set(d.name, d);
  return [...byName.values()];
}

/** The identifier at `column` of `text`, with its columns. */
export function wordAt(text: string, column: number): { readonly word: string; readonly start: number; readonly end: number } | undefined {
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    const start = m.index ?? 0;
    if (start <= column && column <= start + m[0].length) return { word: m[0], start, end: start + m[0].length };
    if (start > column) break;
  }
  return undefined;
}
