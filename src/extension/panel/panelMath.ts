/**
 * KaTeX in the extension host: the panel's first view is typeset here and written into the page's
 * HTML, so the page shows the derivation before its script has loaded (issue 7: panel first paint).
 * Bundled on its own (dist/panelMath.js) and loaded when the panel first opens (../lazy.ts).
 * Mirrors the page's renderMath (src/webview/math.ts): the same options and limits, errors shown in
 * place as text.
 */
import katex from 'katex';
import { KATEX_OPTIONS, MAX_TEX_CHARS, TOO_LONG_MESSAGE, truncatedTex } from '../../shared/katexOptions';
import { escapeHtml } from './html';

function errorSpan(tex: string, message: string): string {
  return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
}

/** `tex` as KaTeX HTML (with its style attributes: see prerender.ts), or an error span. */
export function typeset(tex: string, display: boolean): string {
  if (tex.length > MAX_TEX_CHARS) return errorSpan(truncatedTex(tex), TOO_LONG_MESSAGE);
  try {
    return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
  } catch (e) {
    return errorSpan(tex, e instanceof Error ? e.message : String(e));
  }
}
