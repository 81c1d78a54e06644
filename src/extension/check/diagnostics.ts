/**
 * Proofreading diagnostics: in Markdown, LaTeX and .matcalc documents every wrong step of a
 * derivation gets a squiggle on its right-hand side, with the diagnosis as the message (source
 * "matrix calculus"), and a Quick Fix when it is a wrong derivative claim. Runs on open and as the
 * user types: debounced, then off the typing path — one equality at a time, yielding to the event
 * loop in between — and abandoned as soon as the document changes again (stale) or closes. The
 * debounce and the cancellation are schedule.ts's LatestOnly, keyed by document, as for the
 * .matcalc diagnostics.
 * Setting `matrixCalculus.proofread.enabled` (language-overridable).
 */
import * as vscode from 'vscode';
import type { CachedStep, ProofreadFinding, ProofreadOptions } from '../../core';
import { loadCore } from '../lazy';
import { documentKind } from '../../shared/document/kind';
import { MAX_PROOFREAD_CHARS } from '../names';
import { LatestOnly, yieldTurn, type Cancellation } from '../schedule';

export const DIAGNOSTIC_SOURCE = 'matrix calculus';
export const PROOFREAD_DELAY_MS = 400;

/** The document kinds that are proofread, by language id. */
export function proofreadKind(languageId: string): ProofreadOptions['kind'] | undefined {
  const kind = documentKind(languageId);
  return kind === 'markdown' || kind === 'latex' || kind === 'matcalc' ? kind : undefined;
}

/** The document's length in characters, without copying its text. */
export const documentLength = (d: vscode.TextDocument): number => d.offsetAt(d.lineAt(d.lineCount - 1).range.end);

/** Proofreading applies: a proofread language, the setting on, not larger than MAX_PROOFREAD_CHARS. */
export function proofreadEnabled(document: vscode.TextDocument): boolean {
  if (!proofreadKind(document.languageId) || documentLength(document) > MAX_PROOFREAD_CHARS) return false;
  return vscode.workspace.getConfiguration('matrixCalculus', document).get<boolean>('proofread.enabled', true) !== false;
}

interface Fix {
  readonly range: vscode.Range;
  readonly text: string;
}

export interface ProofreadSummary {
  readonly ok: number;
  readonly wrong: number;
  readonly skipped: number;
  /** False when a newer edit made this run stale. */
  readonly complete: boolean;
}

export class Proofreader implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Per document: at most one run pending or running; a newer one cancels it. */
  private readonly latest = new LatestOnly<string>(PROOFREAD_DELAY_MS);
  private readonly fixes = new WeakMap<vscode.Diagnostic, Fix>();
  /** Per document: the steps of its last complete run (unchanged steps are not checked again). */
  private readonly caches = new Map<string, Map<string, CachedStep>>();

  /** Proofread `document` after the debounce delay (0: at once). */
  schedule(document: vscode.TextDocument, delayMs = PROOFREAD_DELAY_MS): void {
    const key = document.uri.toString();
    if (!proofreadEnabled(document)) {
      this.latest.cancel(key);
      this.collection.delete(document.uri);
      return;
    }
    this.latest.schedule(key, (token) => this.proofread(document, token), delayMs);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.latest.cancel(key);
    this.caches.delete(key);
    this.collection.delete(document.uri);
  }

  /** Proofread now; the diagnostics are replaced when the run completes (not when it is stale). */
  run(document: vscode.TextDocument): Promise<ProofreadSummary> {
    return this.latest.runNow(document.uri.toString(), (token) => this.proofread(document, token));
  }

  private async proofread(document: vscode.TextDocument, token: Cancellation): Promise<ProofreadSummary> {
    const key = document.uri.toString();
    const kind = proofreadKind(document.languageId);
    if (!kind || !proofreadEnabled(document)) return { ok: 0, wrong: 0, skipped: 0, complete: true };
    const version = document.version;
    const stale = (): boolean => token.isCancellationRequested || document.isClosed || document.version !== version;
    const text = document.getText();
    const findings: ProofreadFinding[] = [];
    const previous = this.caches.get(key) ?? new Map<string, CachedStep>();
    const next = new Map<string, CachedStep>();
    const cache = { get: (k: string) => previous.get(k), set: (k: string, v: CachedStep) => void next.set(k, v) };
    if ((await yieldTurn(token)) || stale()) return { ...count(findings), complete: false };
    for (const f of loadCore().proofreadSteps(text, { kind, cancelled: stale, cache })) {
      findings.push(f);
      if ((await yieldTurn(token)) || stale()) return { ...count(findings), complete: false };
    }
    if (stale()) return { ...count(findings), complete: false };
    this.caches.set(key, next);
    this.collection.set(document.uri, findings.filter((f) => f.status === 'wrong').map((f) => this.diagnostic(document, f)));
    return { ...count(findings), complete: true };
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const fix = d.source === DIAGNOSTIC_SOURCE ? this.fixes.get(d) ?? this.fixFor(document, d) : undefined;
      if (!fix) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Replace with the correct derivative: {0}', fix.text), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, fix.range, fix.text);
      action.diagnostics = [d];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    this.latest.dispose();
    this.collection.dispose();
  }

  private diagnostic(document: vscode.TextDocument, f: ProofreadFinding): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(f.start), document.positionAt(f.end));
    const d = new vscode.Diagnostic(range, f.diagnosis ? `${f.diagnosis.kind}: ${f.diagnosis.detail}` : f.message, vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    if (f.diagnosis) d.code = f.diagnosis.kind;
    if (f.fix) this.fixes.set(d, { range: new vscode.Range(document.positionAt(f.fix.start), document.positionAt(f.fix.end)), text: f.fix.text });
    return d;
  }

  /** The fix of a diagnostic VS Code handed back as a copy: found by range and message in the collection. */
  private fixFor(document: vscode.TextDocument, d: vscode.Diagnostic): Fix | undefined {
    const mine = this.collection.get(document.uri) ?? [];
    const same = mine.find((x) => x.range.isEqual(d.range) && x.message === d.message);
    return same ? this.fixes.get(same) : undefined;
  }
}

function count(findings: readonly ProofreadFinding[]): Omit<ProofreadSummary, 'complete'> {
  return {
    ok: findings.filter((f) => f.status === 'ok').length,
    wrong: findings.filter((f) => f.status === 'wrong').length,
    skipped: findings.filter((f) => f.status === 'skipped').length,
  };
}
