/**
 * The panel's HTML shell: a strict Content-Security-Policy (nothing by default; scripts only by a
 * per-render nonce; styles, fonts and images only from the extension's own files), the stylesheets,
 * the static layout and the script. No user data is ever interpolated into the page: the derivation
 * arrives by postMessage and is written with textContent / KaTeX. Pure: no `vscode` import.
 */
import { randomBytes } from 'node:crypto';

export interface ShellAssets {
  /** `webview.cspSource` */
  readonly cspSource: string;
  readonly katexCss: string;
  readonly panelCss: string;
  readonly script: string;
}

/** A fresh nonce from the OS's cryptographic random source (never Math.random). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The user-visible words of the panel, localised by the host (vscode.l10n) and read once by the script. */
export interface PanelStrings {
  readonly [key: string]: string;
}

export function renderShell(assets: ShellAssets, strings: PanelStrings, nonce = makeNonce()): string {
  const s = (key: string): string => escapeHtml(strings[key] ?? key);
  const src = (uri: string): string => escapeHtml(uri);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${src(assets.katexCss)}">
<link rel="stylesheet" href="${src(assets.panelCss)}">
<title>${s('panelTitle')}</title>
</head>
<body data-strings="${escapeHtml(JSON.stringify(strings))}">
<main id="app" class="empty">
  <header class="head">
    <h1 id="title">${s('panelTitle')}</h1>
    <span id="check-badge" class="badge" role="status" hidden></span>
    <span id="busy" class="busy" role="status" hidden>${s('working')}</span>
  </header>
  <p id="placeholder" class="placeholder">${s('placeholder')}</p>
  <section id="error" class="error" role="alert" hidden>
    <h2>${s('errorHeading')}</h2>
    <p id="error-message"></p>
    <pre id="error-source" aria-label="${s('errorSource')}"></pre>
  </section>
  <section id="derivation" hidden>
    <section class="block" aria-labelledby="h-expr">
      <h2 id="h-expr">${s('expression')}</h2>
      <div id="input" class="math"></div>
      <p id="input-meta" class="meta"></p>
    </section>
    <section class="block" aria-labelledby="h-result">
      <h2 id="h-result">${s('result')}</h2>
      <div id="equation" class="math result-math"></div>
      <p id="result-meta" class="meta"></p>
      <div id="alt-forms" class="alt-forms"></div>
    </section>
    <section class="controls" aria-label="${s('options')}">
      <div class="switch" role="group" aria-labelledby="layout-label">
        <span id="layout-label">${s('layout')}</span>
        <button type="button" data-layout="numerator" aria-pressed="false">${s('numerator')}</button>
        <button type="button" data-layout="denominator" aria-pressed="false">${s('denominator')}</button>
        <button type="button" data-layout="mixed" aria-pressed="false">${s('mixed')}</button>
      </div>
      <div class="switch" role="group" aria-labelledby="granularity-label">
        <span id="granularity-label">${s('granularity')}</span>
        <button type="button" data-granularity="summary" aria-pressed="false">${s('summary')}</button>
        <button type="button" data-granularity="full" aria-pressed="false">${s('full')}</button>
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
        <button type="button" id="prev" aria-keyshortcuts="ArrowLeft">${s('prev')}</button>
        <span id="position" aria-live="polite"></span>
        <button type="button" id="next" aria-keyshortcuts="ArrowRight">${s('next')}</button>
        <label class="show-all"><input type="checkbox" id="show-all"> ${s('showAll')}</label>
      </div>
      <p id="no-steps" class="meta" hidden>${s('noSteps')}</p>
      <ol id="steps" class="steps"></ol>
      <p class="hint">${s('keyboardHint')}</p>
    </section>
  </section>
</main>
<script nonce="${nonce}" src="${src(assets.script)}"></script>
</body>
</html>`;
}
