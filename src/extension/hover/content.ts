/**
 * What a hover says, as Markdown: the rendered derivative (an SVG data-URI image, or text when the
 * image is unavailable), its shape, and command links. Pure: no `vscode` import, so the markdown and
 * the escaping are unit-tested.
 */
import type { DeriveResult } from '../../core/api';

/** The commands a hover's links may run (MarkdownString.isTrusted.enabledCommands). */
export const HOVER_COMMANDS = ['matrixCalculus.differentiate', 'matrixCalculus.copyLatex'] as const;

export interface HoverLinkArgs {
  readonly expr: string;
  readonly from: string;
  readonly where?: string;
  readonly wrt: readonly string[];
}

/** Escapes text for Markdown (outside code). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>&~$]/g, (c) => `\\${c}`);
}

/** A fenced code block that the text cannot break out of. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function commandLink(label: string, command: (typeof HOVER_COMMANDS)[number], args: HoverLinkArgs): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${escapeMarkdown(label)}")`;
}

/** The TeX the hover image shows: the expression and its derivative. */
export function hoverTex(result: DeriveResult): string {
  return `\\begin{gathered}${result.input.name.latex} = ${result.input.latex}\\\\[4pt]${result.equationLatex}\\end{gathered}`;
}

/** One derivative's section: the image (or text), shape line, command links. */
export function resultSection(result: DeriveResult, image: string | undefined, links: HoverLinkArgs, labels: { steps: string; copy: string; layout: string }): string {
  // The function by the answer's one name for it (present/functionName.ts), as its steps call it.
  const f = result.input.name.unicode;
  const what = `∂${f}/∂${result.wrt.join(', ')}${result.order === 2 ? ' (2nd order)' : ''}`;
  const body = image
    ? `![${escapeMarkdown(`${what} = ${result.result.text}`.slice(0, 200))}](${image})`
    : codeBlock(`${result.input.name.text} = ${result.input.text}\n${what} = ${result.result.text}`);
  const meta = `*${escapeMarkdown(`${what}: ${result.result.shape} (${result.layout} ${labels.layout}) · ${result.wrt.join(', ')}: ${result.wrtShape}`)}*`;
  const actions = `${commandLink(labels.steps, 'matrixCalculus.differentiate', links)} · ${commandLink(labels.copy, 'matrixCalculus.copyLatex', links)}`;
  return `${body}\n\n${meta}\n\n${actions}`;
}

/** A failure as the hover shows it: the core's message and code, and where (1-based). */
export interface HoverError {
  readonly message: string;
  readonly code: string;
  /** Offset of the error in the expression (0-based), when it points into it. */
  readonly start?: number;
  readonly end?: number;
  /** Where that is in the document, when the expression is the document's text as it stands. */
  readonly at?: { readonly line: number; readonly column: number };
}

/**
 * The hover for a failure: why the text was not read (or not differentiated) — the message, its
 * code and its position — and the expression with the span marked. Never a guess at a reading.
 */
export function errorSection(error: HoverError, expr: string, heading: string): string {
  const shown = expr.length > 200 ? `${expr.slice(0, 200)}…` : expr;
  const { start, end } = error;
  const marked = start !== undefined && start <= shown.length && !shown.slice(0, start).includes('\n');
  const lineEnd = shown.indexOf('\n') < 0 ? shown.length : shown.indexOf('\n');
  const carets = marked ? '^'.repeat(Math.max(1, Math.min((end ?? start + 1) - start, lineEnd - start))) : '';
  const source = marked ? `${shown.slice(0, lineEnd)}\n${' '.repeat(start)}${carets}${shown.slice(lineEnd)}` : shown;
  const where = error.at ? `line ${error.at.line}, column ${error.at.column}` : start !== undefined ? `column ${start + 1}` : undefined;
  const meta = [`\`${error.code}\``, ...(where ? [escapeMarkdown(where)] : [])].join(' · ');
  return `**Matrix Calculus — ${escapeMarkdown(heading)}** · ${meta}\n\n${escapeMarkdown(error.message)}\n\n${codeBlock(source)}`;
}

/**
 * Where offset `offset` of an expression is in the document (1-based line and column), given where
 * the expression starts there — for an expression that is the document's text as it stands.
 */
export function documentPosition(start: { readonly line: number; readonly character: number }, expr: string, offset: number): { line: number; column: number } {
  const lines = expr.slice(0, offset).split('\n');
  const last = lines[lines.length - 1];
  return { line: start.line + lines.length, column: (lines.length === 1 ? start.character : 0) + last.length + 1 };
}
