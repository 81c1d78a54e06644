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
  return `\\begin{gathered}f = ${result.input.latex}\\\\[4pt]${result.equationLatex}\\end{gathered}`;
}

/** One derivative's section: the image (or text), shape line, command links. */
export function resultSection(result: DeriveResult, image: string | undefined, links: HoverLinkArgs, labels: { steps: string; copy: string; layout: string }): string {
  const what = `∂f/∂${result.wrt.join(', ')}${result.order === 2 ? ' (2nd order)' : ''}`;
  const body = image
    ? `![${escapeMarkdown(`${what} = ${result.result.text}`.slice(0, 200))}](${image})`
    : codeBlock(`f = ${result.input.text}\n${what} = ${result.result.text}`);
  const meta = `*${escapeMarkdown(`${what}: ${result.result.shape} (${result.layout} ${labels.layout}) · ${result.wrt.join(', ')}: ${result.wrtShape}`)}*`;
  const actions = `${commandLink(labels.steps, 'matrixCalculus.differentiate', links)} · ${commandLink(labels.copy, 'matrixCalculus.copyLatex', links)}`;
  return `${body}\n\n${meta}\n\n${actions}`;
}

/** The hover for a failure: what and where. */
export function errorSection(message: string, expr: string, column: number | undefined): string {
  const shown = expr.length > 200 ? `${expr.slice(0, 200)}…` : expr;
  const where = column !== undefined && !shown.includes('\n') && column - 1 <= shown.length ? `\n${' '.repeat(column - 1)}^` : '';
  return `**Matrix Calculus:** ${escapeMarkdown(message)}${column !== undefined ? escapeMarkdown(` (column ${column})`) : ''}\n\n${codeBlock(shown + where)}`;
}
