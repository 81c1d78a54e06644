/**
 * Diagnostics as you type, for any number of checkers (the `.matcalc` checker here; others add
 * theirs with `add()`): each checker has its own collection; a document is checked a moment after
 * it stops changing (debounced), and a check that a newer edit made stale is cancelled and never
 * published. Opened documents are checked; closed ones forget their diagnostics.
 */
import * as vscode from 'vscode';
import { LatestOnly, type Cancellation } from '../schedule';

export interface DocumentChecker {
  /** The collection's name (shown as the diagnostics' source). */
  readonly id: string;
  appliesTo(document: vscode.TextDocument): boolean;
  /** The document's diagnostics, or undefined when `token` was cancelled. */
  check(document: vscode.TextDocument, token: Cancellation): Promise<readonly vscode.Diagnostic[] | undefined>;
}

/** The source of the extension's diagnostics (VS Code shows it with the code: "Matrix Calculus(shape.inner)"). */
export const DIAGNOSTIC_SOURCE = 'Matrix Calculus';

/**
 * Whether one of the extension's diagnostics with this code is under `position`: VS Code's hover
 * there shows its message already.
 */
export function diagnosticAt(document: vscode.TextDocument, position: vscode.Position, code: string): boolean {
  return vscode.languages.getDiagnostics(document.uri).some((d) => d.source === DIAGNOSTIC_SOURCE && d.code === code && d.range.contains(position));
}

/** How long after the last keystroke a document is checked. */
export const DIAGNOSTICS_DELAY_MS = 300;

export interface DiagnosticsStats {
  /** Checks that ran to the end and published. */
  readonly published: number;
  /** Checks dropped before or while running because the document changed again (or closed). */
  readonly stale: number;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly entries: { readonly checker: DocumentChecker; readonly collection: vscode.DiagnosticCollection }[] = [];
  private readonly scheduler: LatestOnly<string>;
  private published = 0;

  constructor(delayMs = DIAGNOSTICS_DELAY_MS) {
    this.scheduler = new LatestOnly<string>(delayMs);
  }

  add(checker: DocumentChecker): vscode.Disposable {
    const entry = { checker, collection: vscode.languages.createDiagnosticCollection(checker.id) };
    this.entries.push(entry);
    for (const d of vscode.workspace.textDocuments) this.changed(d);
    return new vscode.Disposable(() => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
      entry.collection.dispose();
    });
  }

  /** A document was opened or edited: check it again soon. */
  changed(document: vscode.TextDocument): void {
    for (const { checker, collection } of this.entries) {
      const key = `${checker.id}\u0000${document.uri.toString()}`;
      if (!checker.appliesTo(document)) {
        this.scheduler.cancel(key);
        collection.delete(document.uri);
        continue;
      }
      const version = document.version;
      this.scheduler.schedule(key, async (token) => {
        const found = await checker.check(document, token);
        if (found === undefined || token.isCancellationRequested || document.isClosed || document.version !== version) {
          return;
        }
        this.published++;
        collection.set(document.uri, found);
      });
    }
  }

  get stats(): DiagnosticsStats {
    return { published: this.published, stale: this.scheduler.dropped };
  }

  /** Checks every open document again (a setting changed). */
  recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) this.changed(d);
  }

  closed(document: vscode.TextDocument): void {
    for (const { checker, collection } of this.entries) {
      this.scheduler.cancel(`${checker.id}\u0000${document.uri.toString()}`);
      collection.delete(document.uri);
    }
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const e of this.entries.splice(0)) e.collection.dispose();
  }
}
