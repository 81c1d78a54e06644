/**
 * Writes a result into the document the expression came from (Insert Result, the panel's Insert
 * button), in the document's notation (commands/insertion.ts).
 */
import * as vscode from 'vscode';
import type { DeriveResult } from '../core/api';
import { insertionText } from './commands/insertion';
import { hasImport, importPosition, takeImports } from './commands/pythonImports';
import { notebookCellOf } from './selection/notebook';

/** Inserts the result below the line where `range` ends; returns the inserted text, or undefined. */
export async function insertBelow(editor: vscode.TextEditor, range: vscode.Range, result: DeriveResult, numpy: string | undefined): Promise<string | undefined> {
  const doc = editor.document;
  const startLine = doc.lineAt(range.start.line);
  const indent = startLine.text.slice(0, startLine.firstNonWhitespaceCharacterIndex);
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  let endLine = range.end.line;
  // past the closing delimiter of a display block ($$ / \] / \end{…}) that ends on the next line
  const next = endLine + 1 < doc.lineCount ? doc.lineAt(endLine + 1).text.trim() : '';
  if (/^(\$\$|\\\]|\\end\{[^}]*\})/.test(next)) endLine++;
  // The code's imports, if the module lacks them (pythonImports.ts): in a file, at its top; in a
  // notebook, in the inserted block. A notebook's cells run one by one, and those above have run: an
  // import added to one of them (an "imports" cell, or the top of this cell, above code that ran)
  // would not be in the kernel when the new code runs with its cell. In the block it runs with it,
  // and the edit stays where the user looks: no other cell, and no line above, changes.
  const code = numpy !== undefined ? takeImports(numpy) : undefined;
  const lines = documentLines(doc);
  const missing = code ? code.imports.filter((s) => !hasImport([...importsBefore(doc), ...lines], s)) : [];
  const inBlock = notebookCellOf(doc) !== undefined;
  const text = insertionText({ result, languageId: doc.languageId, numpy: code?.rest, imports: inBlock ? missing : [], indent, eol });
  const line = doc.lineAt(endLine);
  const at = line.range.end;
  const top = importPosition(lines);
  const ok = await editor.edit((b) => {
    if (!inBlock && missing.length > 0 && top.line < doc.lineCount) b.insert(new vscode.Position(top.line, 0), missing.join(eol) + eol + (top.blankAfter ? eol : ''));
    else if (!inBlock && missing.length > 0) b.insert(doc.lineAt(doc.lineCount - 1).range.end, eol + missing.join(eol));
    b.insert(at, eol + text.slice(0, text.length - eol.length));
  });
  return ok ? text : undefined;
}

function documentLines(doc: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
  return lines;
}

/** In a notebook, the lines of the code cells before this one (their imports are this cell's too). */
function importsBefore(doc: vscode.TextDocument): string[] {
  const cell = notebookCellOf(doc);
  if (!cell) return [];
  return cell.notebook
    .getCells(new vscode.NotebookRange(0, cell.index))
    .filter((c) => c.kind === vscode.NotebookCellKind.Code)
    .flatMap((c) => documentLines(c.document));
}
