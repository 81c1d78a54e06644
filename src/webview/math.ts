/**
 * KaTeX rendering for the panel, safe for hostile input: the options (and limits) shared with the
 * host's prerendering (../extension/panel/katexOptions.ts): `trust: false`, `maxExpand`/`maxSize`,
 * errors shown in place (never thrown), MathML alongside the HTML for screen readers. katex.render
 * builds DOM nodes (styles through the CSSOM), so the page's CSP needs no 'unsafe-inline'.
 */
import katex from 'katex';
import { KATEX_OPTIONS, MAX_TEX_CHARS, TOO_LONG_MESSAGE, truncatedTex } from '../shared/katexOptions';

export { KATEX_OPTIONS, MAX_TEX_CHARS };

/**
 * Typesets `tex` into `el`; on any failure shows the source as text with the error style. An
 * element that already shows this TeX (`data-tex`/`data-display`: typeset here before, or by the host
 * into the page's first HTML) is left as it is.
 */
export function renderMath(el: HTMLElement, tex: string, display: boolean): void {
  if (el.dataset.tex === tex && el.dataset.display === String(display)) return;
  el.replaceChildren();
  if (tex.length > MAX_TEX_CHARS) {
    showError(el, truncatedTex(tex), TOO_LONG_MESSAGE);
  } else {
    try {
      katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
    } catch (e) {
      showError(el, tex, e instanceof Error ? e.message : String(e));
    }
  }
  el.dataset.tex = tex;
  el.dataset.display = String(display);
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
