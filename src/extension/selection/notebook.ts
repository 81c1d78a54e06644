/**
 * Jupyter notebooks (VS Code's built-in notebook editor, `.ipynb`): every cell is a document of its
 * own (scheme `vscode-notebook-cell`, language `markdown` or `python`). The shape declarations that
 * apply to an expression in a cell are those of the cells before it, in notebook order (each cell
 * read in its own comment style: `# x: vector(n)` in a code cell, `<!-- x: vector(n) -->` in a
 * Markdown cell), then those above the expression in its own cell; a later declaration of a name
 * replaces an earlier one.
 */
import * as vscode from 'vscode';
import { mergeWhere, scanDeclarations } from '../../shared/document/declarations';
import { MAX_DECLARATION_LINES, MAX_HOVER_LINE_CHARS } from './limits';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** The notebook cell whose document this is, if it is one. */
export function notebookCellOf(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    // A cell URI is the notebook's URI with the cell scheme and a fragment naming the cell.
    if (notebook.uri.path !== document.uri.path) continue;
    const cell = notebook.getCells().find((c) => c.document === document);
    if (cell) return cell;
  }
  return undefined;
}

/**
 * The declarations of the cells before `document`'s cell (at most MAX_DECLARATION_LINES lines,
 * nearest cells first when the budget runs out), as `where` text; undefined outside a notebook.
 */
export function declarationsInEarlierCells(document: vscode.TextDocument): string | undefined {
  const cell = notebookCellOf(document);
  if (!cell || cell.index === 0) return undefined;
  const earlier = cell.notebook.getCells(new vscode.NotebookRange(0, cell.index));
  let budget = MAX_DECLARATION_LINES;
  const scanned: string[] = [];
  for (let i = earlier.length - 1; i >= 0 && budget > 0; i--) {
    const d = earlier[i].document;
    const first = Math.max(0, d.lineCount - budget);
    budget -= d.lineCount - first;
    const lines: string[] = [];
    for (let l = first; l < d.lineCount; l++) lines.push(d.lineAt(l).text);
    // Raw cells and other languages are not read: only the notebook's Markdown and code.
    const language = earlier[i].kind === vscode.NotebookCellKind.Markup ? 'markdown' : d.languageId;
    scanned.unshift(scanDeclarations(lines, language, MAX_HOVER_LINE_CHARS));
  }
  return scanned.reduce<string | undefined>((acc, w) => mergeWhere(acc, w), undefined);
}
