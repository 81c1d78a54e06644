/**
 * The `.matcalc` language features in the extension host (no language server): diagnostics (the
 * checker), completion, hover on a variable or function, go to declaration/definition, document
 * symbols (outline, breadcrumbs) and a CodeLens over each expression ("∂/∂x · ∂/∂A · Hessian w.r.t. x · Hessian w.r.t. A";
 * with several scalars also their full Hessian, "Hessian w.r.t. a, b").
 * Every provider reads the document through one cached outline per version (outline.ts); the core
 * is used for declarations and shapes only (no differentiation while typing).
 */
import * as vscode from 'vscode';
import type { FunctionInfo } from '../../core';
import { escapeMarkdown } from '../hover/content';
import { loadCore } from '../lazy';
import { runDeclarations, runShapeOf, runVariables } from '../derivation';
import { byDeclaration } from '../../shared/document/declarations';
import type { Settings } from '../settings';
import type { Cancellation } from '../schedule';
import { checkMatcalc, wheresFor } from './check';
import { DIAGNOSTIC_SOURCE, type DocumentChecker } from './diagnostics';
import { declarationOf, declaredAbove, matcalcOutline, MAX_OUTLINE_LINES, wordAt, type LineProblem, type MatcalcOutline } from './outline';

export const MATCALC = 'matcalc';

/** CodeLenses per document at most (a lens derives nothing until clicked, but each reads its line). */
const MAX_LENSES = 300;

/** The lines the features read (the outline's bound: a huge file costs no more than its start). */
function lines(document: vscode.TextDocument): string[] {
  const out: string[] = [];
  const count = Math.min(document.lineCount, MAX_OUTLINE_LINES);
  for (let i = 0; i < count; i++) out.push(document.lineAt(i).text);
  return out;
}

const range = (p: { line: number; start: number; end: number }): vscode.Range => new vscode.Range(p.line, p.start, p.line, p.end);

export class MatcalcLanguage implements DocumentChecker {
  readonly id = 'matrixCalculus';
  private readonly outlines = new Map<string, { version: number; outline: MatcalcOutline }>();
  private catalogue: readonly FunctionInfo[] | undefined;

  constructor(private readonly settings: () => Settings) {}

  /** The document's outline, read once per version. */
  outline(document: vscode.TextDocument): MatcalcOutline {
    const key = document.uri.toString();
    const hit = this.outlines.get(key);
    if (hit && hit.version === document.version) return hit.outline;
    const outline = matcalcOutline(lines(document), runDeclarations);
    this.outlines.delete(key);
    this.outlines.set(key, { version: document.version, outline });
    if (this.outlines.size > 20) this.outlines.delete(this.outlines.keys().next().value as string);
    return outline;
  }

  forget(document: vscode.TextDocument): void {
    this.outlines.delete(document.uri.toString());
  }

  private functions(): readonly FunctionInfo[] {
    this.catalogue ??= loadCore().functionCatalogue();
    return this.catalogue;
  }

  // --------------------------------------------------------------------------- diagnostics

  appliesTo(document: vscode.TextDocument): boolean {
    return document.languageId === MATCALC;
  }

  async check(document: vscode.TextDocument, token: Cancellation): Promise<vscode.Diagnostic[] | undefined> {
    const convention = this.settings().defaultShapeConvention;
    const problems = await checkMatcalc(lines(document), this.outline(document), (expr, where) => runVariables(expr, where, 'plain', convention), token);
    return problems?.map(toDiagnostic);
  }

  // --------------------------------------------------------------------------- completion

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const items: vscode.CompletionItem[] = [];
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (before.includes('#')) return items; // in a comment
    const declaring = /^\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*:\s*[\w( ,]*$/.test(before);
    for (const k of loadCore().DECLARATION_KEYWORDS) {
      const item = new vscode.CompletionItem(k.word, vscode.CompletionItemKind.Keyword);
      item.insertText = new vscode.SnippetString(k.snippet);
      item.detail = k.detail;
      item.sortText = (declaring ? '0' : '3') + k.word;
      items.push(item);
    }
    if (declaring) return items;
    for (const d of declaredAbove(this.outline(document), position.line)) {
      const item = new vscode.CompletionItem({ label: d.name, description: d.shape }, vscode.CompletionItemKind.Variable);
      item.detail = `${d.kind} ${d.shape}${d.symmetric ? ' symmetric' : ''}`;
      item.documentation = new vscode.MarkdownString(escapeMarkdown(vscode.l10n.t('Declared on line {0}:', d.line + 1))).appendCodeblock(d.text, MATCALC);
      item.sortText = '1' + d.name;
      items.push(item);
    }
    for (const f of this.functions()) {
      const item = new vscode.CompletionItem({ label: f.name, detail: f.signature.slice(f.name.length), description: f.shapeRule }, vscode.CompletionItemKind.Function);
      item.insertText = new vscode.SnippetString(`${f.name}($1)`);
      item.detail = `${f.signature}   ${f.shapeRule}`;
      item.documentation = f.summary;
      item.sortText = (f.internal ? '4' : '2') + f.name;
      items.push(item);
    }
    return items;
  }

  // --------------------------------------------------------------------------- hover

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const text = document.lineAt(position.line).text;
    const hash = text.indexOf('#');
    if (hash >= 0 && hash < position.character) return undefined;
    const w = wordAt(text, position.character);
    if (!w || token.isCancellationRequested) return undefined;
    const at = new vscode.Range(position.line, w.start, position.line, w.end);
    const fn = this.functions().find((f) => f.name === w.word && /^\s*\(/.test(text.slice(w.end)));
    if (fn) return new vscode.Hover(new vscode.MarkdownString().appendCodeblock(`${fn.signature}    ${fn.shapeRule}`, MATCALC).appendText(fn.summary), at);
    const outline = this.outline(document);
    const decl = declarationOf(outline, w.word, position.line);
    if (decl) {
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${escapeMarkdown(w.word)}** · ${decl.kind} · \`${decl.shape}\`${decl.symmetric ? ' · symmetric' : ''}\n\n`);
      md.appendMarkdown(escapeMarkdown(vscode.l10n.t('Declared on line {0}:', decl.line + 1))).appendCodeblock(decl.text, MATCALC);
      return new vscode.Hover(md, at);
    }
    // An undeclared variable of an expression line: its shape as the core infers it.
    const expr = outline.expressions.find((e) => e.line === position.line && e.start <= w.start && w.end <= e.end);
    if (!expr) return undefined;
    const shapes = runShapeOf(expr.text, wheresFor(lines(document), outline).get(expr.line), 'plain', this.settings().defaultShapeConvention);
    const v = shapes.ok ? shapes.value.variables.find((x) => x.name === w.word) : undefined;
    if (!v) return undefined;
    const md = new vscode.MarkdownString(`**${escapeMarkdown(v.name)}** · ${v.kind} · \`${v.shape}\`\n\n`);
    md.appendText(vscode.l10n.t('Not declared: its shape is inferred (declare it with {0}).', `${v.name}: ${v.kind === 'scalar' ? 'scalar' : v.kind === 'vector' ? 'vector(n)' : 'matrix(m, n)'}`));
    return new vscode.Hover(md, at);
  }

  // --------------------------------------------------------------------------- declarations

  provideDeclaration(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const w = wordAt(document.lineAt(position.line).text, position.character);
    const decl = w && declarationOf(this.outline(document), w.word, position.line);
    return decl ? new vscode.Location(document.uri, range(decl)) : undefined;
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    return this.provideDeclaration(document, position);
  }

  // --------------------------------------------------------------------------- symbols

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const outline = this.outline(document);
    const symbols: { line: number; symbol: vscode.DocumentSymbol }[] = [];
    for (const d of outline.declarations) {
      const s = new vscode.DocumentSymbol(d.name, `${d.kind} ${d.shape}`, vscode.SymbolKind.Variable, document.lineAt(d.line).range, range(d));
      symbols.push({ line: d.line, symbol: s });
    }
    for (const e of outline.expressions) {
      const name = e.text.length > 60 ? `${e.text.slice(0, 57)}…` : e.text;
      symbols.push({ line: e.line, symbol: new vscode.DocumentSymbol(name, vscode.l10n.t('expression'), vscode.SymbolKind.Function, document.lineAt(e.line).range, range(e)) });
    }
    return symbols.sort((a, b) => a.line - b.line).map((s) => s.symbol);
  }

  // --------------------------------------------------------------------------- CodeLens

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const outline = this.outline(document);
    const wheres = wheresFor(lines(document), outline);
    const convention = this.settings().defaultShapeConvention;
    const lenses: vscode.CodeLens[] = [];
    for (const e of outline.expressions) {
      if (token.isCancellationRequested || lenses.length >= MAX_LENSES) break;
      const where = wheres.get(e.line);
      const shapes = runShapeOf(e.text, where, 'plain', convention);
      if (!shapes.ok || shapes.value.variables.length === 0) continue;
      const at = range(e);
      const args = (wrt: string) => ({ expr: e.text, from: 'plain', where, wrt: [wrt] });
      // Declared variables first, in their order: as the variable pick and the panel list them.
      const variables = byDeclaration(shapes.value.variables, where);
      for (const v of variables) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: `∂/∂${v.name}`,
            tooltip: vscode.l10n.t('Differentiate with respect to {0} ({1}) and show the steps', v.name, v.shape),
            command: 'matrixCalculus.differentiate',
            arguments: [args(v.name)],
          }),
        );
      }
      if (shapes.value.shape === '1×1') {
        for (const wrt of hessianTargets(variables)) {
          const names = wrt.join(', ');
          lenses.push(
            new vscode.CodeLens(at, {
              title: vscode.l10n.t('Hessian w.r.t. {0}', names),
              tooltip:
                wrt.length === 1
                  ? vscode.l10n.t('The Hessian with respect to {0}', names)
                  : vscode.l10n.t('The Hessian with respect to {0} together: every second partial derivative, mixed ones included', names),
              command: 'matrixCalculus.hessian',
              arguments: [{ ...args(wrt[0]), wrt }],
            }),
          );
        }
      }
    }
    return lenses;
  }
}

/**
 * The Hessians a scalar expression's lenses offer: one per variable and, with two or more scalar
 * variables, all the scalars stacked (f(a, b): the 2×2 matrix of every second partial derivative).
 * Vectors and matrices are not stacked (the core differentiates with respect to one at a time).
 */
function hessianTargets(variables: readonly { readonly name: string; readonly kind: string }[]): string[][] {
  const each = variables.map((v) => [v.name]);
  const scalars = variables.filter((v) => v.kind === 'scalar').map((v) => v.name);
  return scalars.length >= 2 ? [...each, scalars] : each;
}

function toDiagnostic(p: LineProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range(p), p.message, vscode.DiagnosticSeverity.Error);
  d.code = p.code;
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}
