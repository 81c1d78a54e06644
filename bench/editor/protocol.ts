/**
 * What the editor benchmark's two halves exchange through files in one folder (MATCALC_BENCH_DIR):
 * the driver (driver.ts, Node + Playwright) writes `config.json` before starting code-server; the
 * host script (host.ts, inside VS Code's extension host) writes `panel-<i>-start.json` before it
 * opens the panel, the driver answers `panel-<i>-done.json` once KaTeX is on screen, and the host
 * writes `results.json` at the end. Times that cross the two processes are epoch milliseconds
 * (performance.timeOrigin + performance.now()).
 */

export interface HoverTarget {
  readonly line: number;
  readonly character: number;
  /** 'math': inside a $…$ span (LaTeX); 'fence': an expression line in a ```matcalc fence. */
  readonly kind: 'math' | 'fence';
}

export interface BenchConfig {
  readonly extensionId: string;
  /** The Markdown file, absolute path on the server. */
  readonly markdown: string;
  readonly lines: number;
  readonly mathSpans: number;
  /** Hover targets: each a different expression. */
  readonly targets: readonly HoverTarget[];
  /** How many targets of each kind to hover (cold: first time; then again, warm). */
  readonly hoversPerKind: number;
  readonly warmRounds: number;
  readonly panelRuns: number;
  readonly panelArgs: { readonly expr: string; readonly where: string; readonly wrt: readonly string[]; readonly from: 'plain' };
}

export interface PanelStart {
  readonly run: number;
  readonly t0: number;
}

export interface PanelDone {
  readonly run: number;
  /** Whether the frame marks were in place before KaTeX arrived ('late': KaTeX was already there). */
  readonly marks?: 'installed' | 'late' | 'timeout';
  /** When the derivation's KaTeX was in the panel's DOM (a MutationObserver in the frame), if seen. */
  readonly katexInDom?: number;
  /** Two animation frames after that: painted. */
  readonly katexPainted?: number;
  /** The panel page's first contentful paint (its shell, before the derivation arrives). */
  readonly firstContentfulPaint?: number;
  /** The panel page's largest contentful paint, and what it painted (the derivation, normally). */
  readonly largestContentfulPaint?: number;
  readonly largestContentfulElement?: string;
  /** The panel page's navigation start (VS Code has created its frame), and its DOMContentLoaded. */
  readonly pageOrigin?: number;
  readonly domContentLoaded?: number;
  /** What the page loaded (scripts, style sheets, fonts), start and end in epoch ms. */
  readonly resources?: readonly { readonly name: string; readonly start: number; readonly end: number }[];
  /** When the driver saw the KaTeX (an upper bound when the frame marks are missing). */
  readonly detected: number;
  readonly error?: string;
}

export interface HoverSample {
  readonly kind: 'math' | 'fence';
  readonly phase: 'first' | 'cold' | 'warm';
  readonly line: number;
  readonly ms: number;
  /** What the hover showed: an image of the derivative, a text fallback, an error, or nothing. */
  readonly shows: 'image' | 'text' | 'error' | 'none';
  /** For an error: its message. */
  readonly detail?: string;
}

export interface HostResults {
  readonly state: 'finished';
  readonly activation: { readonly wasActive: boolean; readonly ms: number };
  readonly openDocumentMs: number;
  readonly hovers: readonly HoverSample[];
  readonly firstHoverText?: string;
  readonly panel: readonly { readonly run: number; readonly t0: number; readonly commandMs: number; readonly ok: boolean; readonly message?: string }[];
  readonly error?: string;
}
