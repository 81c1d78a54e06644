/**
 * KaTeX's options for the panel, shared by the page (src/webview/math.ts, katex.render) and the host
 * (panelMath.ts, katex.renderToString for the first view), so both typeset alike and both are safe
 * for hostile input: `trust: false` (no \href, \url, \html* links or attributes), `maxExpand`/`maxSize`
 * limits, errors shown in place (never thrown), MathML alongside the HTML for screen readers.
 * Pure: type-only import of KaTeX.
 */
import type { KatexOptions } from 'katex';

/** TeX longer than this is shown as text, not typeset. */
export const MAX_TEX_CHARS = 20_000;

export const KATEX_OPTIONS: KatexOptions = {
  throwOnError: false,
  output: 'htmlAndMathml',
  trust: false,
  strict: 'ignore',
  maxSize: 20,
  maxExpand: 500,
};

/** The message shown (as a tooltip) for TeX over MAX_TEX_CHARS. */
export const TOO_LONG_MESSAGE = `LaTeX longer than ${MAX_TEX_CHARS} characters is not rendered`;

/** The text an over-long TeX source is shown as. */
export function truncatedTex(tex: string): string {
  return tex.slice(0, 200) + '…';
}
