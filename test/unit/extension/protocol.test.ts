import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isPanelModel, parsePanelState, parseWebviewMessage, type PanelModel } from '../../../src/shared/protocol';
import { contentSecurityPolicy, makeNonce, renderShell } from '../../../src/extension/panel/renderer';
import { escapeHtml } from '../../../src/extension/panel/html';
import { panelModel } from '../../../src/extension/panel/model';
import { altForms, assumedLine, errorMessage, readAsLine } from '../../../src/shared/viewText';
import katex from 'katex';
import { panelError } from '../../../src/extension/errors';
import { errorReport } from '../../../src/cli/display';
import { derive, namedForms, type DeriveResult } from '../../../src/core/index';

const model: PanelModel = {
  request: { expr: "x'*A*x", from: 'plain', wrt: ['x'], order: 1, layout: 'numerator', granularity: 'full', check: true },
  title: 'Derivative w.r.t. x',
  inputLatex: 'x^T A x',
  inputShape: '1×1',
  wrt: ['x'],
  wrtShape: 'n×1',
  layout: 'numerator',
  order: 1,
  resultLatex: 'x^T (A + A^T)',
  resultShape: '1×n',
  equationLatex: '\\frac{\\partial f}{\\partial x} = x^T (A + A^T)',
  check: { maxRelError: 1e-9, samples: 3, passed: true },
  steps: [{ name: 'Product rule', rule: 'product', explanation: 'd(uv) = du v + u dv', before: 'x^T A x', after: 'x^T (A + A^T)', focus: 'A x', shapes: [['x', 'n×1']] }],
};

describe('panel protocol: messages from the webview are validated field by field', () => {
  it('accepts each well-formed message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'insert' }), { type: 'insert' });
    assert.deepEqual(parseWebviewMessage({ type: 'setLayout', layout: 'denominator' }), { type: 'setLayout', layout: 'denominator' });
    assert.deepEqual(parseWebviewMessage({ type: 'setGranularity', granularity: 'summary' }), { type: 'setGranularity', granularity: 'summary' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', format: 'numpy' }), { type: 'copy', format: 'numpy' });
  });

  it('rejects unknown types, wrong field types, bad enum values and extra fields', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      { type: 'eval', code: 'alert(1)' },
      { type: 'setLayout' },
      { type: 'setLayout', layout: 'sideways' },
      { type: 'setLayout', layout: ['numerator'] },
      { type: 'setGranularity', granularity: 1 },
      { type: 'copy', format: 'html' },
      { type: 'copy', format: 'latex', text: '<script>alert(1)</script>' },
      { type: 'ready', extra: true },
      { type: 'insert', text: 'rm -rf /' },
      { type: { toString: () => 'ready' } },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
  });

  it('restored state: our own state round-trips through JSON', () => {
    const state = JSON.parse(JSON.stringify({ model, step: 0, showAll: true }));
    assert.deepEqual(parsePanelState(state), state);
    assert.ok(isPanelModel(JSON.parse(JSON.stringify(model))));
  });

  it('restored state: anything else is refused', () => {
    assert.equal(parsePanelState({ model, step: -1, showAll: false }), undefined);
    assert.equal(parsePanelState({ model, step: 0, showAll: 'yes' }), undefined);
    assert.equal(parsePanelState({ model: { ...model, steps: 'many' }, step: 0, showAll: false }), undefined);
    assert.equal(parsePanelState({ model: { ...model, layout: 'diagonal' }, step: 0, showAll: false }), undefined);
    assert.equal(parsePanelState({ model: { ...model, request: { ...model.request, order: 3 } }, step: 0, showAll: false }), undefined);
    assert.equal(parsePanelState({ model, step: 0, showAll: false, script: 'x' }), undefined);
    assert.equal(parsePanelState({ error: { message: 'm', code: 'c', expr: 'e', column: 1.5 }, step: 0, showAll: false }), undefined);
    assert.equal(parsePanelState({ model: { ...model, inputLatex: 'x'.repeat(300_000) }, step: 0, showAll: false }), undefined);
  });
});

describe('panel HTML shell: strict CSP, nonce, no user data', () => {
  const assets = { cspSource: 'https://example.vscode-cdn.net', katexCss: 'https://x/katex.min.css', panelCss: 'https://x/panel.css', script: 'https://x/webview.js', loader: 'https://x/webviewLoader.js' };

  it('the CSP allows nothing by default, scripts only by nonce, no unsafe-*', () => {
    const csp = contentSecurityPolicy(assets.cspSource, 'abc');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'(;|$)/);
    // style sheets from the package; the one <style> element (the prerendered math's rules) by nonce
    assert.match(csp, /style-src https:\/\/example\.vscode-cdn\.net 'nonce-abc'(;|$)/);
    assert.match(csp, /font-src https:\/\/example\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
  });

  it('one external script carrying the nonce; no inline script or style', () => {
    const html = renderShell(assets, { panelTitle: 'Matrix Calculus' }, 'NONCE123');
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][0], /nonce="NONCE123"/);
    // The loader, deferred (it never holds up the first paint), naming the panel's script.
    assert.match(scripts[0][0], /<script defer /);
    assert.match(scripts[0][0], /src="https:\/\/x\/webviewLoader\.js"/);
    assert.match(scripts[0][0], /data-main="https:\/\/x\/webview\.js"/);
    assert.equal(scripts[0][1].trim(), '', 'no inline script body');
    assert.doesNotMatch(html, /<style\b/);
    assert.doesNotMatch(html, /\sstyle="/);
    assert.doesNotMatch(html, /\son[a-z]+="/i, 'no inline event handlers');
  });

  it('localised strings are escaped', () => {
    const html = renderShell(assets, { panelTitle: '<img src=x onerror=alert(1)>' }, 'n');
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('nonces are fresh and long', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.ok(a.length >= 24);
    assert.match(a, /^[A-Za-z0-9+/=]+$/);
  });

  it('escapeHtml', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('panel model from the core result', () => {
  it('steps keep their kind, alternative forms are carried, and the model validates', () => {
    const m = panelModel(
      {
        input: { text: 'relu(x)', latex: '\\operatorname{relu}(x)', shape: 'n×1', notation: 'plain', name: { text: 'f', unicode: 'f', latex: 'f' } },
        wrt: ['x'],
        wrtShape: 'n×1',
        layout: 'numerator',
        order: 1,
        result: {
          text: 'diag(step(x))',
          latex: '\\operatorname{diag}(H(x))',
          shape: 'n×n',
          piecewiseLatex: '\\begin{cases}1 & x>0\\\\0 & x<0\\end{cases}',
          named: { text: 'diag(p)', latex: '\\operatorname{diag}(\\mathbf{p})', definitions: [{ name: 'p', nameLatex: '\\mathbf{p}', nameUnicode: 'p', text: 'step(x)', latex: 'H(x)' }] },
        },
        equationLatex: '\\frac{\\partial}{\\partial x} = \\operatorname{diag}(H(x))',
        assumed: [],
        steps: [{ rule: 'naive-chain', name: 'Naive chain rule', explanation: 'wrong', before: 'a', after: 'b', kind: 'pitfall' }],
      },
      { ...model.request },
    );
    assert.equal(m.steps[0].kind, 'pitfall');
    assert.match(m.piecewiseLatex ?? '', /cases/);
    assert.equal(m.namedLatex, '\\operatorname{diag}(\\mathbf{p}) \\quad \\text{where } \\mathbf{p} = H(x)', 'the name as the LaTeX writes it, in the form the LaTeX reader reads back');
    assert.ok(isPanelModel(JSON.parse(JSON.stringify(m))));
    assert.equal(isPanelModel({ ...m, steps: [{ ...m.steps[0], kind: 'magic' }] }), false);
  });
});

describe("panel model: a softmax Jacobian's block form, in KaTeX, with what its blocks are (issue 13)", () => {
  const request = { ...model.request, expr: 'softmax(Z, 2)', where: 'Z: matrix(N, k)', wrt: ['Z'], check: false };
  const strings = { named: 'With common subexpressions named', blocks: 'Block form' };

  it('sends the block form with its where B = diag(vec(Pᵀ)) and the sentence, and the page lists it after the named form', () => {
    const r = derive(request);
    assert.ok(r.ok && r.value.result.blocks, 'the core wrote the block form');
    const m = panelModel(r.value, request);
    assert.equal(m.blocksLatex, namedForms(r.value.result.blocks).latex);
    assert.match(m.blocksLatex ?? '', /^\\mathbf\{K\}_\{N,k\}\^\{\\top\}\(B - B\(I_\{N\} \\otimes .*\)B\)\\mathbf\{K\}_\{N,k\} \\quad \\text\{where \} P = \\operatorname\{softmax\}\(Z, 2\),\\; B = \\operatorname\{diag\}\(\\operatorname\{vec\}\(P\^\{\\top\}\)\)$/);
    assert.equal(m.blocksReading, r.value.result.blocks.reading.sentence);
    assert.doesNotThrow(() => katex.renderToString(m.blocksLatex ?? '', { throwOnError: true, strict: 'error', displayMode: true }));
    const message = JSON.parse(JSON.stringify({ type: 'show', model: m })) as { model: unknown };
    assert.ok(isPanelModel(message.model), 'the message passes the page’s validation');
    assert.equal(isPanelModel({ ...m, blocksLatex: 42 }), false);
    assert.equal(isPanelModel({ ...m, blocksReading: ['block'] }), false);
    const forms = altForms(m, strings);
    assert.deepEqual(
      forms.map((f) => f.label),
      ['With common subexpressions named:', 'Block form:'],
    );
    assert.equal(forms[1].tex, m.blocksLatex);
    assert.match(forms[1].note ?? '', /^Block diagonal: one k×k block diag\(pᵢ\) − pᵢpᵢᵀ per row pᵢ of P \(i = 1…N\), the entries of P and Z taken row by row .*\.$/);
    assert.equal(forms[0].note, undefined);
  });

  it('by columns the block form is the named form: written once, with the sentence under it', () => {
    const columns = { ...request, expr: 'softmax(Z, 1)' };
    const r = derive(columns);
    assert.ok(r.ok && r.value.result.blocks);
    const m = panelModel(r.value, columns);
    assert.equal(m.blocksLatex, undefined);
    assert.equal(m.namedLatex, namedForms(r.value.result.blocks).latex);
    const forms = altForms(m, strings);
    assert.equal(forms.length, 1);
    assert.match(forms[0].note ?? '', /^Block diagonal: one N×N block diag\(pⱼ\) − pⱼpⱼᵀ per column pⱼ of P \(j = 1…k\)/);
  });

  it('other results have no block form', () => {
    const r = derive({ ...model.request, expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'], check: false });
    assert.ok(r.ok);
    const m = panelModel(r.value, model.request);
    assert.equal(m.blocksLatex, undefined);
    assert.equal(m.blocksReading, undefined);
    assert.ok(altForms(m, strings).every((f) => f.note === undefined));
  });
});

describe('panel model: the expression line is the reading, with what it assumed', () => {
  const core = (expr: string, where?: string, from: 'plain' | 'latex' | 'auto' = 'auto'): DeriveResult => {
    const r = derive({ expr, where, from });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return r.value;
  };
  const request = (expr: string) => ({ ...model.request, expr });
  const strings = { readAs: 'Read as {0}: {1}', 'notation-latex': 'LaTeX', 'notation-unicode': 'Unicode math', assumed: 'Assumed (not declared): {0}' };

  it('the panel shows what the core read, not the selection: Unicode xᵀAx is read as x\'*A*x', () => {
    const m = panelModel(core('xᵀAx'), request('xᵀAx'));
    assert.deepEqual(m.readAs, { text: "x'*A*x", notation: 'unicode' });
    assert.equal(readAsLine(m, strings), "Read as Unicode math: x'*A*x");
    assert.equal(m.request.expr, 'xᵀAx', 'the request keeps the selection, to derive again');
    assert.equal(assumedLine(m, strings), 'Assumed (not declared): x vector(n) (letter convention), A matrix(n, n) (letter convention)');
    assert.ok(isPanelModel(JSON.parse(JSON.stringify(m))));
  });

  it('LaTeX typography and usage are the reasons; nothing is listed when everything is declared', () => {
    const m = panelModel(core('\\mathbf{x}^T \\mathbf{x} + a^2', undefined, 'latex'), request('…'));
    assert.deepEqual(m.assumed, [
      { name: 'x', shape: 'vector(n)', reason: 'bold' },
      { name: 'a', shape: 'scalar', reason: 'not bold beside bold vectors' },
    ]);
    const declared = panelModel(core("x'*x", 'x: vector(n)'), request("x'*x"));
    assert.deepEqual(declared.assumed, []);
    assert.equal(assumedLine(declared, strings), undefined);
  });

  it('a saved state from before these fields still restores; malformed ones are refused', () => {
    assert.ok(isPanelModel(model), 'readAs and assumed are optional');
    assert.equal(isPanelModel({ ...model, readAs: { text: 'x', notation: 'fortran' } }), false);
    assert.equal(isPanelModel({ ...model, readAs: { text: 'x', notation: 'plain', html: '<b>' } }), false);
    assert.equal(isPanelModel({ ...model, assumed: [{ name: 'x', shape: 'scalar' }] }), false);
    assert.equal(isPanelModel({ ...model, assumed: 'x scalar' }), false);
    assert.equal(readAsLine(model, strings), '');
  });
});

describe('panel error: the message line names the code, as the CLI does', () => {
  const strings = { errorAt: '{0} (column {1})', errorCoded: 'error[{0}]: {1}' };
  const coreError = (expr: string, where?: string) => {
    const r = derive({ expr, where, from: 'plain' });
    assert.ok(!r.ok, 'expected an error');
    return r.error;
  };

  it("a parse error: error[parse.unmatched]: the message (column N), the CLI's first line", () => {
    const expr = 'A*x + y*2)';
    const error = coreError(expr);
    const line = errorMessage(panelError(error, expr), strings);
    assert.equal(line, "error[parse.unmatched]: unmatched ')': there is no opening '(' (column 10)");
    assert.equal(line, errorReport(expr, error).split('\n')[0]);
  });

  it('a shape error too, and the default words when the host gave none', () => {
    const expr = 'A*x';
    const error = coreError(expr, 'A: matrix(m, n); x: vector(m)');
    const line = errorMessage(panelError(error, expr), {});
    assert.match(line, /^error\[shape\.inner\]: cannot multiply A \(m×n\) by x \(m×1\)/);
    assert.equal(line, errorReport(expr, error).split('\n')[0]);
  });

  it('an error without a position still shows its code; the words are the localised ones', () => {
    const error = { message: 'no expression selected', code: 'selection.empty', expr: '' };
    assert.equal(errorMessage(error, strings), 'error[selection.empty]: no expression selected');
    assert.equal(errorMessage({ ...error, column: 3 }, { errorAt: '{0} (Spalte {1})', errorCoded: 'Fehler[{0}]: {1}' }), 'Fehler[selection.empty]: no expression selected (Spalte 3)');
  });
});
