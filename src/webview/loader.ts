/**
 * The panel page's only script tag (bundled to dist/webviewLoader.js, a few hundred bytes): it loads
 * the panel's script (dist/webview.js, with KaTeX, ~280 KB) once the page has painted what the host
 * wrote into it, so that neither that download nor its start-up holds up the first paint (issue 7).
 * VS Code shows a webview's page at its `load` event (or 200 ms after writing it), and a busy page
 * does not paint: so the script is added after the page's first contentful paint (or, when the
 * browser reports none, a second after `load`). It carries the same CSP nonce; its URL comes from
 * `data-main`.
 */
const loader = document.currentScript;
if (loader instanceof HTMLScriptElement && loader.dataset.main) {
  const src = loader.dataset.main;
  const nonce = loader.nonce;
  let added = false;
  const add = (): void => {
    if (added) return;
    added = true;
    const script = document.createElement('script');
    script.nonce = nonce;
    script.src = src;
    document.body.appendChild(script);
  };
  const painted = (): boolean => performance.getEntriesByName('first-contentful-paint').length > 0;
  try {
    new PerformanceObserver((entries, observer) => {
      if (entries.getEntriesByName('first-contentful-paint').length > 0) {
        observer.disconnect();
        setTimeout(add, 0);
      }
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // no paint timing: fall back to `load` below
  }
  const afterLoad = (): void => {
    if (painted()) setTimeout(add, 0);
    else setTimeout(add, 1000);
  };
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
