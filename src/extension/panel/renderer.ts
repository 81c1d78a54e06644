/**
 * The panel's HTML shell: a strict Content-Security-Policy (nothing by default; scripts and the one
 * style element only by a per-render nonce; style sheets, fonts and images only from the extension's
 * own files), the style sheets, the static layout and the script (a loader, which adds the panel's
 * script once the page has painted). With a first view (prerender.ts)
 * the layout already shows the derivation or the error, typeset on the host; otherwise the
 * placeholder. User data enters only escaped (text, attribute values) or as KaTeX's own markup;
 * later derivations arrive by postMessage and are written with textContent / KaTeX.
 * Pure: no `vscode` import.
 */
import { escapeHtml } from './html';
import type { FirstDerivation, FirstView } from './prerender';
import type { WrtChoice } from '../../shared/viewText';

export { escapeHtml };

export interface ShellAssets {
  /** `webview.cspSource` */
  readonly cspSource: string;
  readonly katexCss: string;
  readonly panelCss: string;
  /** The panel's script (dist/webview.js), loaded by the loader once the page has painted. */
  readonly script: string;
  /** The page's one script tag (dist/webviewLoader.js). */
  readonly loader: string;
}

/**
 * A fresh nonce from the platform's cryptographic random source (Web Crypto, in Node and in a web
 * worker alike; never Math.random).
 */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The user-visible words of the panel, localised by the host (vscode.l10n) and read once by the script. */
export interface PanelStrings {
  readonly [key: string]: string;
}

/** The URL of a KaTeX font, as the browser resolves `url(fonts/…)` in katex.min.css (so a preload is reused). */
export function katexFontUrl(katexCss: string, font: string): string {
  try {
    return new URL(`fonts/${font}`, katexCss).toString();
  } catch {
    return katexCss.replace(/[^/?#]*([?#].*)?$/, `fonts/${font}`);
  }
}

const hidden = (h: boolean): string => (h ? ' hidden' : '');
const optionHtml = (c: WrtChoice): string =>
  `<option value="${escapeHtml(c.value)}"${c.selected ? ' selected' : ''}${c.disabled ? ' disabled' : ''}>${escapeHtml(c.label)}</option>`;
const pressed = (p: boolean): string => `aria-pressed="${p}"`;

export function renderShell(assets: ShellAssets, strings: PanelStrings, nonce = makeNonce(), view?: FirstView): string {
  const s = (key: string): string => escapeHtml(strings[key] ?? key);
  const src = (uri: string): string => escapeHtml(uri);
  const d: FirstDerivation | undefined = view?.derivation;
  const error = view?.error;
  const shows = d !== undefined || error !== undefined;
  const preloads = (view?.fonts ?? [])
    .map((f) => `<link rel="preload" href="${src(katexFontUrl(assets.katexCss, f))}" as="font" type="font/woff2" crossorigin>\n`)
    .join('');
  const style = view?.css ? `<style nonce="${nonce}">\n${view.css}\n</style>\n` : '';
  const badge = d?.badge;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${preloads}<link rel="stylesheet" href="${src(assets.katexCss)}">
<link rel="stylesheet" href="${src(assets.panelCss)}">
${style}<title>${s('panelTitle')}</title>
</head>
<body data-strings="${escapeHtml(JSON.stringify(strings))}">
<main id="app"${shows ? '' : ' class="empty"'}>
  <header class="head">
    <h1 id="title">${view ? escapeHtml(view.title) : s('panelTitle')}</h1>
    <span id="wrt-choice" class="wrt-choice"${hidden(!view?.wrtChoices)}><label for="wrt">${s('wrtLabel')}</label> <select id="wrt">${(view?.wrtChoices ?? []).map(optionHtml).join('')}</select></span>
    <span id="check-badge" class="${badge ? escapeHtml(badge.className) : 'badge'}" role="status"${badge ? ` title="${escapeHtml(badge.title)}"` : ' hidden'}>${badge ? escapeHtml(badge.text) : ''}</span>
    <span id="busy" class="busy" role="status" hidden>${s('working')}</span>
  </header>
  <p id="placeholder" class="placeholder"${hidden(shows)}>${s('placeholder')}</p>
  <section id="error" class="error" role="alert"${hidden(!error)}>
    <h2 id="error-heading">${error ? escapeHtml(error.heading) : s('errorHeading')}</h2>
    <p id="error-message">${error ? escapeHtml(error.message) : ''}</p>
    <pre id="error-source" aria-label="${s('errorSource')}">${error ? escapeHtml(error.source) : ''}</pre>
  </section>
  <section id="derivation"${hidden(!d)}>
    <section class="block" aria-labelledby="h-expr">
      <h2 id="h-expr">${s('expression')}</h2>
      ${d?.inputHtml || '<div id="input" class="math"></div>'}
      <p id="input-read" class="meta reading">${d ? escapeHtml(d.readAs) : ''}</p>
      <p id="input-meta" class="meta">${d ? escapeHtml(d.inputMeta) : ''}</p>
      <p id="input-assumed" class="meta"${hidden(!d?.assumed)}>${d?.assumed ? escapeHtml(d.assumed) : ''}</p>
    </section>
    <section class="block" aria-labelledby="h-result">
      <h2 id="h-result">${s('result')}</h2>
      ${d?.equationHtml || '<div id="equation" class="math result-math"></div>'}
      <p id="result-meta" class="meta">${d ? escapeHtml(d.resultMeta) : ''}</p>
      <div id="result-picture" class="shape-figure">${d?.resultPictureHtml ?? ''}</div>
      <p id="form-note" class="meta"${hidden(!d?.formNote)}>${d?.formNote ? escapeHtml(d.formNote) : ''}</p>
      <div id="alt-forms" class="alt-forms">${d?.altFormsHtml ?? ''}</div>
    </section>
    <section class="controls" aria-label="${s('options')}">
      <div class="switch" role="group" aria-labelledby="layout-label">
        <span id="layout-label">${s('layout')}</span>
        <button type="button" data-layout="numerator" ${pressed(d?.layout === 'numerator')}>${s('numerator')}</button>
        <button type="button" data-layout="denominator" ${pressed(d?.layout === 'denominator')}>${s('denominator')}</button>
        <button type="button" data-layout="mixed" ${pressed(d?.layout === 'mixed')}>${s('mixed')}</button>
      </div>
      <div class="switch" role="group" aria-labelledby="granularity-label">
        <span id="granularity-label">${s('granularity')}</span>
        <button type="button" data-granularity="summary" ${pressed(d?.granularity === 'summary')}>${s('summary')}</button>
        <button type="button" data-granularity="full" ${pressed(d?.granularity === 'full')}>${s('full')}</button>
      </div>
      <div class="switch" role="group" aria-labelledby="form-label">
        <span id="form-label">${s('form')}</span>
        <button type="button" data-form="matrix" ${pressed(d?.form === 'matrix')}>${s('matrix')}</button>
        <button type="button" data-form="index" ${pressed(d?.form === 'index')}>${s('index')}</button>
      </div>
    </section>
    <section class="actions" aria-label="${s('actions')}">
      <button type="button" id="copy-latex">${s('copyLatex')}</button>
      <button type="button" id="copy-numpy">${s('copyNumpy')}</button>
      <button type="button" id="insert">${s('insertResult')}</button>
    </section>
    <section class="steps-block" aria-labelledby="h-steps">
      <h2 id="h-steps">${s('derivation')}</h2>
      <div class="nav">
        <button type="button" id="prev" aria-keyshortcuts="ArrowLeft"${d?.prevDisabled ? ' disabled' : ''}>${s('prev')}</button>
        <span id="position" aria-live="polite">${d ? escapeHtml(d.position) : ''}</span>
        <button type="button" id="next" aria-keyshortcuts="ArrowRight"${d?.nextDisabled ? ' disabled' : ''}>${s('next')}</button>
        <label class="show-all"><input type="checkbox" id="show-all"${d?.showAll ? ' checked' : ''}> ${s('showAll')}</label>
      </div>
      <p id="no-steps" class="meta"${hidden(!d?.noSteps)}>${s('noSteps')}</p>
      <ol id="steps" class="steps">${d?.stepsHtml ?? ''}</ol>
      <p class="hint">${s('keyboardHint')}</p>
    </section>
  </section>
</main>
<script defer nonce="${nonce}" src="${src(assets.loader)}" data-main="${src(assets.script)}"></script>
</body>
</html>`;
}
