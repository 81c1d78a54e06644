/**
 * KaTeX rendering for the panel, safe for hostile input: `trust: false` (no \href, \url, \html*
 * links or attributes), `maxExpand`/`maxSize` limits, errors shown in place (never thrown), MathML
 * alongside the HTML for screen readers. katex.render builds DOM nodes (styles through the CSSOM),
 * so the page's CSP needs no 'unsafe-inline'.
 */
import katex from 'katex';

/** TeX longer than this is shown as text, not typeset. */
export const MAX_TEX_CHARS = 20_000;

export const KATEX_OPTIONS: katex.KatexOptions = {
  throwOnError: false,
  output: 'htmlAndMathml',
  trust: false,
  strict: 'ignore',
  maxSize: 20,
  maxExpand: 500,
};

/** Typesets `tex` into `el`; on any failure shows the source as text with the error style. */
export function renderMath(el: HTMLElement, tex: string, display: boolean): void {
  el.replaceChildren();
  if (tex.length > MAX_TEX_CHARS) {
    showError(el, tex.slice(0, 200) + '…', `LaTeX longer than ${MAX_TEX_CHARS} characters is not rendered`);
    return;
  }
  try {
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
  } catch (e) {
    showError(el, tex, e instanceof Error ? e.message : String(e));
  }
}

function showError(el: HTMLElement, tex: string, message: string): void {
  el.replaceChildren();
  const span = document.createElement('span');
  span.className = 'katex-error';
  span.title = message;
  span.textContent = tex;
  el.appendChild(span);
}

const HEX_COLOR = /^#[0-9a-fA-F]{3,8}$/;

/**
 * `before` with the first occurrence of `focus` coloured and underlined, or undefined when focus
 * does not occur at a token boundary (so that `a` is never found inside `\alpha`). The colour must be
 * a hex colour: it is spliced into TeX.
 */
export function highlightFocus(before: string, focus: string | undefined, color: string): string | undefined {
  if (!focus || !HEX_COLOR.test(color)) return undefined;
  const f = focus.trim();
  if (f === '') return undefined;
  let from = 0;
  for (;;) {
    const at = before.indexOf(f, from);
    if (at < 0) return undefined;
    const end = at + f.length;
    const splitsStart = /[A-Za-z]/.test(f[0]) && inCommandName(before, at);
    const splitsEnd = /[A-Za-z]/.test(f[f.length - 1]) && /[A-Za-z]/.test(before[end] ?? '') && inCommandName(before, end - 1);
    if (!splitsStart && !splitsEnd) return `${before.slice(0, at)}{\\color{${color}}\\underline{${f}}}${before.slice(end)}`;
    from = at + 1;
  }
}

/** Whether the letter at `i` belongs to a TeX command name: the letters before it run back to a backslash. */
function inCommandName(s: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /[A-Za-z]/.test(s[j])) j--;
  return j >= 0 && s[j] === '\\';
}
