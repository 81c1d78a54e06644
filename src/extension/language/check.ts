/**
 * Diagnostics of a `.matcalc` document: the declarations the core cannot read, and for each
 * expression line the core's read and shape errors, with their columns — the same expression and
 * declarations a command on that line would use (selection/extract.ts, shared/document/declarations.ts).
 * Works in slices, yielding between them and stopping as soon as the work is stale. Pure: no
 * `vscode` import.
 */
import type { Outcome, VariableInfo } from '../../core';
import { scanDeclarations } from '../../shared/document/declarations';
import { MAX_HOVER_LINE_CHARS } from '../selection/limits';
import { yieldTurn, type Cancellation } from '../schedule';
import type { LineProblem, MatcalcOutline } from './outline';

/** Expressions checked between two yields. */
const SLICE = 25;

export type ReadVariables = (expr: string, where: string | undefined) => Outcome<readonly VariableInfo[]>;

/**
 * The `where` text for each expression line (the declarations above it, as the commands read them),
 * computed once per run of lines without declarations in between.
 */
export function wheresFor(lines: readonly string[], outline: MatcalcOutline): Map<number, string | undefined> {
  const declLines = [...new Set([...outline.declarations.map((d) => d.line), ...outline.problems.map((p) => p.line)])].sort((a, b) => a - b);
  const out = new Map<number, string | undefined>();
  let next = 0;
  let where: string | undefined;
  let computedAt = -1;
  for (const e of outline.expressions) {
    while (next < declLines.length && declLines[next] < e.line) next++;
    const lastDecl = next > 0 ? declLines[next - 1] : -1;
    if (lastDecl !== computedAt) {
      where = scanDeclarations(lines.slice(0, lastDecl + 1), 'matcalc', MAX_HOVER_LINE_CHARS) || undefined;
      computedAt = lastDecl;
    }
    out.set(e.line, where);
  }
  return out;
}

/** The problems of the document, or undefined when `token` was cancelled before the end. */
export async function checkMatcalc(lines: readonly string[], outline: MatcalcOutline, variables: ReadVariables, token: Cancellation): Promise<LineProblem[] | undefined> {
  const problems: LineProblem[] = [...outline.problems];
  const wheres = wheresFor(lines, outline);
  let done = 0;
  for (const e of outline.expressions) {
    if (done > 0 && done % SLICE === 0 && (await yieldTurn(token))) return undefined;
    if (token.isCancellationRequested) return undefined;
    done++;
    const outcome = variables(e.text, wheres.get(e.line));
    if (outcome.ok) continue;
    const err = outcome.error;
    if (err.source === 'where') {
      problems.push({ line: e.line, start: e.start, end: e.end, message: `in the declarations above: ${err.message}`, code: err.code });
      continue;
    }
    const start = e.start + Math.min(Math.max(err.start, 0), e.text.length);
    const end = e.start + Math.min(Math.max(err.end, err.start), e.text.length);
    problems.push({ line: e.line, start, end: end > start ? end : Math.min(start + 1, e.end), message: err.message, code: err.code });
  }
  return problems;
}
