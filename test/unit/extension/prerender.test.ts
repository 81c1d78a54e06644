/**
 * The panel's first view, typeset on the host into the page's HTML (issue 7: panel first paint):
 * under the strict CSP (no style attributes: KaTeX's styles become nonce'd rules), hostile TeX
 * inert, the KaTeX fonts it uses preloaded, the same words as the page's script writes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { runDerive } from '../../../src/extension/derivation';
import { typeset } from '../../../src/extension/panel/panelMath';
import { panelModel } from '../../../src/extension/panel/model';
import { firstView, katexFonts, MAX_PRERENDER_STEPS, MAX_PRERENDER_TEX, STYLE_ATTRIBUTE, StyleRules, type FirstView } from '../../../src/extension/panel/prerender';
import type { PanelModel } from '../../../src/shared/protocol';
import { katexFontUrl, renderShell } from '../../../src/extension/panel/renderer';
import { MAX_TEX_CHARS } from '../../../src/shared/katexOptions';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const strings = { panelTitle: 'Matrix Calculus', inputMeta: 'shape {0}', resultMeta: '{0} layout · shape {1} · with respect to {2} ({3})', position: 'Step {0} of {1}', numerator: 'numerator' };
const assets = { cspSource: 'https://example.vscode-cdn.net', katexCss: 'https://example.vscode-cdn.net/ext/media/katex/katex.min.css', panelCss: 'https://example.vscode-cdn.net/ext/media/panel.css', script: 'https://example.vscode-cdn.net/ext/dist/webview.js', loader: 'https://example.vscode-cdn.net/ext/dist/webviewLoader.js' };

function derived(expr: string, where: string, wrt: string[]): PanelModel {
  const r = runDerive({ expr, where, wrt, from: 'plain', steps: true, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return panelModel(r.value, { expr, from: 'plain', wrt, where, order: 1, layout: 'numerator', granularity: 'full', check: true });
}

/** A small model with the given TeX everywhere. */
function texModel(tex: string, steps = 1): PanelModel {
  return {
    request: { expr: 'x', from: 'plain', wrt: ['x'], order: 1, layout: 'numerator', granularity: 'full', check: false },
    title: 'Derivative w.r.t. x',
    inputLatex: tex,
    inputShape: '1×1',
    wrt: ['x'],
    wrtShape: '1×1',
    layout: 'numerator',
    order: 1,
    resultLatex: tex,
    resultShape: '1×1',
    equationLatex: tex,
    steps: Array.from({ length: steps }, (_, i) => ({ name: `step ${i}`, rule: 'r', explanation: 'e', before: tex, after: tex, shapes: [] })),
  };
}

/** Every style attribute reference has a rule, and nothing in the page is a style attribute. */
function assertStylesHoisted(view: FirstView, html: string): void {
  assert.doesNotMatch(html, /<[^>]*\sstyle\s*=/i, 'a style attribute (the CSP blocks it)');
  const used = new Set([...html.matchAll(new RegExp(`${STYLE_ATTRIBUTE}="(\\d+)"`, 'g'))].map((m) => m[1]));
  const defined = new Set([...view.css.matchAll(new RegExp(`\\[${STYLE_ATTRIBUTE}="(\\d+)"\\]`, 'g'))].map((m) => m[1]));
  assert.ok(used.size > 0);
  assert.deepEqual([...used].filter((n) => !defined.has(n)), []);
  for (const rule of view.css.split('\n')) assert.match(rule, /^\[data-mc-s="\d+"\]\{[a-z-]+:[-+#.%\w ,()]+ !important(;[a-z-]+:[-+#.%\w ,()]+ !important)*\}$/, rule);
}

/** Markup that is only tags (no stray `<`), none of them active, with no URL, script or style attribute. */
function assertInert(fragment: string, what: string): void {
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:.-]+(?:="[^"<>]*"|='[^'<>]*')?)*)\s*(\/?)>/g;
  const text = fragment.replace(tag, (_m, _close: string, name: string, attrs: string) => {
    assert.doesNotMatch(name, /^(script|style|img|a|iframe|object|embed|link|meta|form|input|base|image|use|foreignObject)$/i, `${what}: <${name}>`);
    for (const [, attr] of attrs.matchAll(/\s([\w:.-]+)(?:="[^"]*"|='[^']*')?/g)) {
      assert.doesNotMatch(attr, /^(on\w*|href|src|srcset|style|action|formaction|xlink:href|xmlns:\w+)$/i, `${what}: <${name} ${attr}>`);
    }
    return '';
  });
  assert.doesNotMatch(text, /[<>]/, `${what}: markup outside a tag`);
}

describe('panel first view: typeset on the host', () => {
  const model = derived("norm2(A*x - b)^2 + x'*S*x", 'x: vector(n); A: matrix(m, n); b: vector(m); S: matrix(n, n) symmetric', ['x']);

  it('a derivation: its math typeset and marked with its TeX, styles as nonce’d rules, step 1 open, fonts preloaded', () => {
    const view = firstView({ model }, strings, typeset);
    assert.ok(view?.derivation);
    const d = view.derivation;
    const html = renderShell(assets, strings, 'NONCE', view);
    assertStylesHoisted(view, html);
    // The page's renderMath recognises the typeset math by its TeX and leaves it alone.
    assert.ok(d.inputHtml.startsWith(`<div id="input" class="math" data-tex="`));
    assert.ok(d.equationHtml.startsWith(`<div id="equation" class="math result-math" data-tex="`));
    assert.match(html, /<div id="equation"[^>]*data-display="true"><span class="katex-display"><span class="katex"><span class="katex-mathml"><math/);
    // One <style>, by nonce, holding the rules; the derivation shown, the placeholder hidden.
    const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1);
    assert.equal(styles[0][1], ' nonce="NONCE"');
    assert.equal(styles[0][2].trim(), view.css);
    assert.match(html, /<main id="app">/);
    assert.match(html, /<p id="placeholder" class="placeholder" hidden>/);
    assert.match(html, /<section id="derivation">/);
    assert.match(html, /<section id="error" class="error" role="alert" hidden>/);
    assert.match(html, /<h1 id="title">Derivative w\.r\.t\. x<\/h1>/);
    assert.match(html, /<span id="check-badge" class="badge pass" role="status" title="[^"]*">✓/);
    assert.match(html, /data-layout="numerator" aria-pressed="true"/);
    assert.match(html, /data-granularity="full" aria-pressed="true"/);
    assert.match(html, /<p id="result-meta" class="meta">numerator layout · shape 1×n · with respect to x \(n×1\)<\/p>/);
    assert.match(html, /<span id="position" aria-live="polite">Step 1 of \d+<\/span>/);
    assert.match(html, /<button type="button" id="prev" aria-keyshortcuts="ArrowLeft" disabled>/);
    assert.equal((html.match(/class="step-body"/g) ?? []).length, 1, 'only the current step is open');
    assert.match(html, /<li class="step current[^"]*" data-index="0" aria-current="step">/);
    // Fonts: the ones this math draws with, preloaded where katex.min.css finds them.
    assert.deepEqual([...view.fonts].sort(), ['KaTeX_Main-Bold.woff2', 'KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2']);
    for (const f of view.fonts) {
      assert.ok(html.includes(`<link rel="preload" href="https://example.vscode-cdn.net/ext/media/katex/fonts/${f}" as="font" type="font/woff2" crossorigin>`), f);
    }
    assert.ok(html.indexOf('rel="preload"') < html.indexOf('rel="stylesheet"'), 'preloads come first');
  });

  it('a restored panel opens on its step, with "Show all"', () => {
    const view = firstView({ model: texModel('x^2', 4) }, strings, typeset, { step: 2, showAll: true });
    const d = view?.derivation;
    assert.ok(d && d.stepsHtml !== undefined);
    assert.equal((d.stepsHtml.match(/class="step-body"/g) ?? []).length, 4);
    assert.match(d.stepsHtml, /<li class="step current" data-index="2" aria-current="step">/);
    assert.equal(d.position, 'Step 3 of 4');
    assert.equal(d.prevDisabled, false);
    assert.equal(d.showAll, true);
    // Many open steps are left to the page.
    const many = firstView({ model: texModel('x', MAX_PRERENDER_STEPS + 1) }, strings, typeset, { step: 0, showAll: true });
    assert.equal(many?.derivation?.stepsHtml, undefined);
    assert.ok(many?.derivation?.inputHtml.includes('katex'));
  });

  it('an error: message and source with a caret, no KaTeX', () => {
    let typeset = 0;
    const view = firstView({ error: { message: 'unexpected )', code: 'syntax', expr: 'x + )', column: 5, length: 1 } }, { ...strings, errorAt: '{0} (column {1})' }, () => {
      typeset++;
      return '';
    });
    assert.equal(typeset, 0);
    // A command's error (no request): the plain heading.
    assert.deepEqual(view?.error, { heading: 'Cannot differentiate', message: 'error[syntax]: unexpected ) (column 5)', source: 'x + )\n    ^' });
    const html = renderShell(assets, strings, 'N', view);
    assert.match(html, /<section id="error" class="error" role="alert">/);
    assert.match(html, /<section id="derivation" hidden>/);
    assert.match(html, /<pre id="error-source" [^>]*>x \+ \)\n {4}\^<\/pre>/);
    assert.doesNotMatch(html, /<style\b/);
  });

  it('hostile TeX stays inert: no links, no raw HTML, no escape from attributes or the style element', () => {
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\htmlClass{x}{y}', '\\htmlStyle{color:red}{y}', '</style><script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\\color{red}{x}\\colorbox{blue}{y}', '\\sqrt{x}\\widehat{xyz}\\xrightarrow{f}', '\\def\\a{\\a\\a}\\a']) {
      const view = firstView({ model: texModel(tex) }, strings, typeset);
      assert.ok(view, tex);
      const html = renderShell(assets, strings, 'N', view);
      const d = view.derivation;
      assert.ok(d);
      for (const fragment of [d.inputHtml, d.equationHtml, d.altFormsHtml, d.stepsHtml ?? '']) assertInert(fragment, tex);
      assert.doesNotMatch(html, /class="x"/, tex);
      assert.equal((html.match(/<\/style>/g) ?? []).length, view.css ? 1 : 0, tex);
      assert.doesNotMatch(view.css, /[<>{}]\s*[^[{}]*\{[^}]*\{/, tex);
      if (view.css) assertStylesHoisted(view, html);
    }
  });

  it('a style outside the safe grammar, or too much TeX, is not prerendered (the page typesets it)', () => {
    const evil = (value: string) => () => `<span class="katex"><span style="${value}">x</span></span>`;
    for (const value of ['color:red}body{display:none', 'background:url(https://evil/x)', 'background-image:image(x)', 'color:red;x:&quot;', 'width:expression(alert(1))']) {
      assert.equal(firstView({ model: texModel('x') }, strings, evil(value)), undefined, value);
    }
    assert.ok(firstView({ model: texModel('x') }, strings, evil('width:calc(100% - 0.5em);color:#cc0000')));
    assert.equal(firstView({ model: texModel('x'.repeat(MAX_PRERENDER_TEX / 3)) }, strings, typeset), undefined);
    assert.equal(firstView(undefined, strings, typeset), undefined);
    assert.equal(
      firstView({ model: texModel('x') }, strings, () => {
        throw new Error('no KaTeX');
      }),
      undefined,
    );
  });

  it('TeX over the page’s limit shows as text, as the page shows it', () => {
    const long = `${'x+'.repeat(MAX_TEX_CHARS / 2)}x`;
    const html = typeset(long, true);
    assert.match(html, /^<span class="katex-error" title="LaTeX longer than 20000 characters is not rendered">(x\+){100}…<\/span>$/);
  });

  it('style rules: one per distinct value, with the precedence of an inline style', () => {
    const rules = new StyleRules();
    assert.equal(rules.hoist('<span style="height:1em;">a</span><span style="height:1em;">b</span><span style="top:-2em;margin-left:0em;">c</span>'), '<span data-mc-s="0">a</span><span data-mc-s="0">b</span><span data-mc-s="1">c</span>');
    assert.equal(rules.css, '[data-mc-s="0"]{height:1em !important}\n[data-mc-s="1"]{top:-2em !important;margin-left:0em !important}');
    assert.equal(rules.hoist("<span style='color:red'>x</span>"), undefined, 'a style attribute it did not expect');
  });

  it('the fonts named exist among KaTeX’s woff2 files', () => {
    const html = typeset('\\boldsymbol{\\sigma}\\mathbb{R}\\mathcal{L}\\mathfrak{g}\\mathtt{t}\\mathsf{s}\\mathscr{S}\\textit{i}\\left(\\frac{\\frac{a}{b}}{c}\\right)\\Bigl(\\Bigr)\\sum\\int', true);
    const fonts = katexFonts(html);
    assert.ok(fonts.length >= 10, fonts.join());
    const dir = path.join(ROOT, 'node_modules', 'katex', 'dist', 'fonts');
    for (const f of fonts) assert.ok(fs.existsSync(path.join(dir, f)), f);
    assert.deepEqual(katexFonts('<p>no math</p>'), []);
    assert.equal(katexFontUrl('https://h/a/katex/katex.min.css?v=1', 'F.woff2'), 'https://h/a/katex/fonts/F.woff2');
  });
});
