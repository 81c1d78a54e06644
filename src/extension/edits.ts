/**
 * Writes a result into the document the expression came from (Insert Result, the panel's Insert
 * button), in the document's notation (commands/insertion.ts).
 */
import * as vscode from 'vscode';
import type { DeriveResult } from '../core/api';
import { insertionText } from './commands/insertion';

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
  const text = insertionText({ result, languageId: doc.languageId, numpy, indent, eol });
  const line = doc.lineAt(endLine);
  const at = line.range.end;
  const ok = await editor.edit((b) => b.insert(at, eol + text.slice(0, text.length - eol.length)));
  return ok ? text : undefined;
}
