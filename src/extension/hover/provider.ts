/**
 * The hover: over a math span (Markdown, LaTeX) or an expression (Python, .matcalc, plain text) it
 * shows the expression and its derivative as an SVG image (MathJax, in a worker, cached by TeX and
 * colour, time-limited) with "Show steps" / "Copy LaTeX" links trusted for those two commands only.
 * Bounded work: only the lines around the cursor, no line longer than 10,000 characters, no
 * expression longer than 2,000; the cancellation token is checked between steps. Registered for the
 * configured languages by registration.ts, at activation.
 */
import * as vscode from 'vscode';
import type { DeriveResult, Diagnostic, Notation, Outcome } from '../../core/api';
import { runDerive, runVariables } from '../derivation';
import { requestFor } from '../request';
import { declaredNames } from '../../shared/document/declarations';
import { expressionAt } from '../selection/document';
import { MAX_HOVER_EXPRESSION_CHARS, MAX_HOVER_LINE_CHARS } from '../selection/limits';
import { documentKind } from '../selection/notation';
import type { Settings } from '../settings';
import { LruCache } from './cache';
import { HOVER_COMMANDS, documentPosition, errorSection, hoverTex, resultSection, type HoverError, type HoverLinkArgs } from './content';
import { loadCore } from '../lazy';
import { diagnosticAt } from '../language/diagnostics';
import { SvgRenderer } from './svgRenderer';
import type { StartThread } from './thread';

/**
 * Errors that mean the text is math the readers will not guess at — two notations at once, a shape
 * only a declaration can settle: shown in code and prose too, where other errors only mean "not math".
 */
const MISREADINGS: ReadonlySet<string> = new Set(['read.ambiguous-notation', 'shape.ambiguous']);

/** The categories of errors in reading (the rest are errors in differentiating what was read). */
const READING: ReadonlySet<string> = new Set(['input', 'parse', 'declaration', 'name', 'shape', 'notation', 'limit']);

/** Lines looked at around the cursor for a hover (fewer than for commands: hovers are frequent). */
const HOVER_CONTEXT_LINES = 15;

/** The ink colour for the current theme: Light and HighContrastLight are light backgrounds. */
export function inkColor(kind: vscode.ColorThemeKind): string {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return '#1e1e1e';
    case vscode.ColorThemeKind.HighContrastLight:
      return '#000000';
    case vscode.ColorThemeKind.HighContrast:
      return '#ffffff';
    default:
      return '#d4d4d4';
  }
}

export class MathHoverProvider implements vscode.HoverProvider {
  private readonly derivations = new LruCache<Outcome<DeriveResult>>(200);

  constructor(
    private readonly settings: () => Settings,
    private readonly renderer: SvgRenderer,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const settings = this.settings();
    if (!settings.hover.enabled) return undefined;
    if (document.lineAt(position.line).text.length > MAX_HOVER_LINE_CHARS) return undefined;
    const found = expressionAt(document, position, HOVER_CONTEXT_LINES);
    if (!found.ok || token.isCancellationRequested) return undefined;
    const { expr, from, where, range } = found.value;
    if (expr.length > MAX_HOVER_EXPRESSION_CHARS) return undefined;

    const wrts = this.variablesToShow(expr, where, from, settings);
    const sections: string[] = [];
    const color = inkColor(vscode.window.activeColorTheme.kind);
    for (const wrt of wrts) {
      if (token.isCancellationRequested) return undefined;
      const outcome = this.derive(expr, where, from, wrt, settings);
      if (!outcome.ok) {
        // In code and prose (Python, plain text) most statements are not math: a hover there only
        // shows derivatives (commands still report errors). In math spans and .matcalc lines every
        // error is shown, except "no variable" (a constant has nothing to differentiate).
        // A misreading (ambiguous notation or shape) is shown everywhere, with why.
        const kind = documentKind(document.languageId);
        const { code } = outcome.error;
        if (((kind === 'python' || kind === 'plain') && !MISREADINGS.has(code)) || code === 'wrt.none') continue;
        // Over a squiggle (a .matcalc line's read and shape errors) VS Code's hover shows the
        // diagnostic's message, with its code: saying it again here would show it twice.
        if (diagnosticAt(document, position, code)) continue;
        const section = errorSection(hoverError(outcome.error, document, range, expr), expr, errorHeading(code));
        if (!sections.includes(section)) sections.push(section);
        continue;
      }
      const result = outcome.value;
      const image = await this.renderer.render(hoverTex(result), color);
      if (token.isCancellationRequested) return undefined;
      const links: HoverLinkArgs = { expr, from, where, wrt: result.wrt };
      sections.push(
        resultSection(result, image, links, {
          steps: vscode.l10n.t('Show steps'),
          copy: vscode.l10n.t('Copy LaTeX'),
          layout: vscode.l10n.t('layout'),
        }),
      );
    }
    if (sections.length === 0) return undefined;
    const md = new vscode.MarkdownString(sections.join('\n\n---\n\n'));
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    md.supportHtml = false;
    // Over the left-hand side of `f(x) = …` the expression (its right-hand side) does not contain
    // the mouse: then let VS Code pick the range.
    return new vscode.Hover(md, range.contains(position) ? range : undefined);
  }

  /** The variable lists to derive for: the first (declared) variable, or each free variable up to the limit. */
  private variablesToShow(expr: string, where: string | undefined, from: Notation, settings: Settings): (readonly string[] | undefined)[] {
    const vars = runVariables(expr, where, from, settings.defaultShapeConvention);
    if (!vars.ok || vars.value.length === 0) return [undefined]; // the derivation reports the error
    const names = vars.value.map((v) => v.name);
    if (settings.hover.variables === 'each') return names.slice(0, settings.hover.maxVariables).map((n) => [n]);
    const first = declaredNames(where).find((n) => names.includes(n)) ?? names[0];
    return [[first]];
  }

  private derive(expr: string, where: string | undefined, from: Notation, wrt: readonly string[] | undefined, settings: Settings): Outcome<DeriveResult> {
    const key = JSON.stringify([expr, where, from, wrt, settings.layout, settings.defaultShapeConvention]);
    const hit = this.derivations.get(key);
    if (hit) return hit;
    const outcome = runDerive(requestFor(settings, { expr, where, from }, { wrt }), settings.defaultShapeConvention);
    this.derivations.set(key, outcome);
    return outcome;
  }
}

/** "not read" for an error in reading the text, "cannot differentiate" for one in differentiating it. */
function errorHeading(code: string): string {
  const category = loadCore().diagnosticInfo(code)?.category;
  const reading = category === undefined || READING.has(category);
  return reading ? vscode.l10n.t('not read') : vscode.l10n.t('cannot differentiate');
}

/** The error with its span in the expression and, when the expression is the document's text as it stands, its line and column there. */
function hoverError(error: Diagnostic, document: vscode.TextDocument, range: vscode.Range, expr: string): HoverError {
  if (error.source === 'where') return { message: error.message, code: error.code };
  const inside = Number.isInteger(error.start) && error.start >= 0 && error.start <= expr.length;
  if (!inside) return { message: error.message, code: error.code };
  const verbatim = document.getText(range).replace(/\r\n/g, '\n') === expr;
  return {
    message: error.message,
    code: error.code,
    start: error.start,
    end: Math.min(Math.max(error.end, error.start), expr.length),
    ...(verbatim ? { at: documentPosition(range.start, expr, error.start) } : {}),
  };
}

/** The hover's provider with its renderer (the MathJax worker `startThread` starts, on the first image). */
export function createHover(settings: () => Settings, startThread: StartThread): { readonly provider: MathHoverProvider; readonly renderer: SvgRenderer } {
  const renderer = new SvgRenderer(startThread);
  return { provider: new MathHoverProvider(settings, renderer), renderer };
}
