/**
 * The bridge from a VS Code document to the pure selection functions: builds a bounded window of
 * text around a position, scans declarations above it, and maps found ranges back to the document.
 */
import * as vscode from 'vscode';
import type { Notation } from '../../core/api';
import { mergeWhere, scanDeclarations } from '../../shared/document/declarations';
import { expressionAtCursor, expressionInSelection, type TextWindow } from './extract';
import { MAX_CONTEXT_LINES, MAX_DECLARATION_LINES, MAX_EXPRESSION_CHARS, MAX_HOVER_LINE_CHARS, MAX_MARKDOWN_LINES } from './limits';
import { declarationsInEarlierCells } from './notebook';
import { detectNotation, documentKind } from './notation';

/** An expression found in a document, ready for the core. */
export interface DocumentExpression {
  readonly expr: string;
  readonly from: Notation;
  /** Declarations found above the expression (`where` for the core), if any. */
  readonly where?: string;
  readonly range: vscode.Range;
  readonly document: vscode.TextDocument;
}

export type Found = { readonly ok: true; readonly value: DocumentExpression } | { readonly ok: false; readonly message: string };

/**
 * The lines around `line` (at most `maxLines` each way), stopping at a line longer than
 * `maxLineChars` (such a line is never read: a minified file or a data blob).
 */
export function windowAround(document: vscode.TextDocument, position: vscode.Position, maxLines = MAX_CONTEXT_LINES, maxLineChars = MAX_HOVER_LINE_CHARS): TextWindow | undefined {
  const at = document.lineAt(position.line);
  if (at.text.length > maxLineChars) return undefined;
  let first = position.line;
  while (first > 0 && position.line - first < maxLines && document.lineAt(first - 1).text.length <= maxLineChars) first--;
  let last = position.line;
  while (last < document.lineCount - 1 && last - position.line < maxLines && document.lineAt(last + 1).text.length <= maxLineChars) last++;
  const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const text = document.getText(range).replace(/\r\n/g, '\n');
  const offset = document.offsetAt(range.start);
  // cursor offset within the normalised window
  const before = document.getText(new vscode.Range(range.start, position)).replace(/\r\n/g, '\n');
  return { text, offset, cursor: before.length };
}

/**
 * The declarations in the lines above `line` (at most MAX_DECLARATION_LINES); in a notebook cell,
 * after those of the cells before it (notebook.ts).
 */
export function declarationsAbove(document: vscode.TextDocument, line: number): string | undefined {
  const lines: string[] = [];
  for (let i = Math.max(0, line - MAX_DECLARATION_LINES); i < line; i++) lines.push(document.lineAt(i).text);
  const where = scanDeclarations(lines, document.languageId, MAX_HOVER_LINE_CHARS);
  return mergeWhere(declarationsInEarlierCells(document), where === '' ? undefined : where);
}

/** Maps an offset in a (CRLF-normalised) window back to a document position. */
function positionIn(document: vscode.TextDocument, window: TextWindow, rel: number): vscode.Position {
  const start = document.positionAt(window.offset);
  const lines = window.text.slice(0, rel).split('\n');
  const line = start.line + lines.length - 1;
  const character = lines.length === 1 ? start.character + lines[0].length : lines[lines.length - 1].length;
  return new vscode.Position(line, character);
}

/** The expression under `position`, or why there is none. */
export function expressionAt(document: vscode.TextDocument, position: vscode.Position, maxLines = MAX_CONTEXT_LINES): Found {
  // Markdown is parsed as a whole (a window could start inside a code fence); the parse of the last
  // text is cached (markdownMath.ts), so a whole-document window is the same text for every position.
  const lines = documentKind(document.languageId) === 'markdown' && document.lineCount <= MAX_MARKDOWN_LINES ? document.lineCount : maxLines;
  const window = windowAround(document, position, lines);
  if (!window) return { ok: false, message: `The line is longer than ${MAX_HOVER_LINE_CHARS.toLocaleString('en-US')} characters; select the expression instead.` };
  const r = expressionAtCursor(window, document.languageId);
  if (!r.ok) return { ok: false, message: r.reason };
  const range = new vscode.Range(positionIn(document, window, r.found.start), positionIn(document, window, r.found.end));
  return {
    ok: true,
    value: {
      expr: r.found.text,
      from: detectNotation(r.found.text, document.languageId, r.found.notation),
      where: declarationsAbove(document, range.start.line),
      range,
      document,
    },
  };
}

/** The selection's expression (or the one under the cursor when nothing is selected). */
export function expressionInEditor(editor: vscode.TextEditor): Found {
  const { document, selection } = editor;
  if (selection.isEmpty) return expressionAt(document, selection.active);
  const startOffset = document.offsetAt(selection.start);
  const endOffset = document.offsetAt(selection.end);
  if (endOffset - startOffset > MAX_EXPRESSION_CHARS) {
    return {
      ok: false,
      message: `The selection is ${(endOffset - startOffset).toLocaleString('en-US')} characters long; the limit is ${MAX_EXPRESSION_CHARS.toLocaleString('en-US')}. Select a single expression.`,
    };
  }
  const text = document.getText(selection);
  const found = expressionInSelection(text, document.languageId);
  if (!found) return { ok: false, message: 'The selection is empty.' };
  const range = new vscode.Range(document.positionAt(startOffset + found.start), document.positionAt(startOffset + found.end));
  return {
    ok: true,
    value: {
      expr: found.text,
      from: detectNotation(found.text, document.languageId, found.notation),
      where: declarationsAbove(document, selection.start.line),
      range,
      document,
    },
  };
}
