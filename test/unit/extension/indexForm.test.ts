/**
 * The panel's Matrix | Index switch (issue 16), host side: the form in the request and the model,
 * the "In components" step, the message from the page, the first view, the fallback when a result
 * has no index form.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runDerive } from '../../../src/extension/derivation';
import { panelModel, rederived } from '../../../src/extension/panel/model';
import { typeset } from '../../../src/extension/panel/panelMath';
import { fromPanelRequest } from '../../../src/extension/request';
import { firstView } from '../../../src/extension/panel/prerender';
import { renderShell } from '../../../src/extension/panel/renderer';
import { isPanelModel, parseWebviewMessage, type PanelModel, type PanelRequest } from '../../../src/shared/protocol';
import { shownEquation } from '../../../src/shared/viewText';

const assets = { cspSource: 'https://example.vscode-cdn.net', katexCss: 'https://x/katex.min.css', panelCss: 'https://x/panel.css', script: 'https://x/webview.js', loader: 'https://x/loader.js' };

function model(expr: string, where: string, wrt: string[], form?: 'matrix' | 'index'): PanelModel {
  const request: PanelRequest = { expr, from: 'plain', wrt, where, order: 1, layout: 'numerator', granularity: 'full', check: false, ...(form ? { form } : {}) };
  const r = runDerive({ ...request, steps: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return panelModel(r.value, request);
}

describe('extension/panel: the Matrix | Index switch', () => {
  it('shows the index form by default for a result with 4 indices, with an "In components" step', () => {
    const m = model('inv(X)', 'X: matrix(n, n)', ['X']);
    assert.equal(m.form, 'index');
    assert.ok(m.indexLatex?.includes('\\left(X^{-1}\\right)_{ik}'), m.indexLatex);
    assert.equal(shownEquation(m), m.indexLatex);
    const last = m.steps[m.steps.length - 1];
    assert.equal(last.name, 'In components');
    assert.equal(last.before, m.equationLatex);
    assert.equal(last.after, m.indexLatex);
    assert.ok(isPanelModel(JSON.parse(JSON.stringify(m))));
  });

  it('shows the matrix form when asked, keeping the index form for the switch, without the step', () => {
    const m = model('inv(X)', 'X: matrix(n, n)', ['X'], 'matrix');
    assert.equal(m.form, 'matrix');
    assert.equal(shownEquation(m), m.equationLatex);
    assert.ok(m.indexLatex);
    assert.ok(!m.steps.some((s) => s.name === 'In components'));
  });

  it('writes the index form of a lower-order result on request', () => {
    assert.equal(model('A*x', 'A: matrix(m, n); x: vector(n)', ['x']).form, 'matrix');
    const m = model('A*x', 'A: matrix(m, n); x: vector(n)', ['x'], 'index');
    assert.equal(m.form, 'index');
    assert.match(shownEquation(m), /A_\{ij\}/);
  });

  it('a result with no index form asked for in index form shows its matrix form and says why', () => {
    const request: PanelRequest = { expr: 'x*y', from: 'plain', wrt: ['x', 'y'], where: 'x: scalar; y: scalar', order: 1, layout: 'numerator', granularity: 'full', check: false, form: 'index' };
    const content = rederived(request, (r) => runDerive(fromPanelRequest(r)));
    assert.ok('model' in content);
    assert.equal(content.model.form, 'matrix');
    assert.equal(content.model.request.form, 'matrix');
    assert.match(content.model.indexProblem ?? '', /index form/);
  });

  it('the page asks with setForm; anything else is refused', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setForm', form: 'index' }), { type: 'setForm', form: 'index' });
    assert.deepEqual(parseWebviewMessage({ type: 'setForm', form: 'matrix' }), { type: 'setForm', form: 'matrix' });
    for (const bad of [{ type: 'setForm' }, { type: 'setForm', form: 'tensor' }, { type: 'setForm', form: 'index', extra: 1 }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the first view shows the form pressed and the equation of that form', () => {
    const m = model('inv(X)', 'X: matrix(n, n)', ['X']);
    const html = renderShell(assets, { index: 'Index', matrix: 'Matrix', form: 'Form' }, 'nonce0123456789abcdef', firstView({ model: m }, {}, typeset));
    assert.match(html, /data-form="index" aria-pressed="true"/);
    assert.match(html, /data-form="matrix" aria-pressed="false"/);
    const matrix = model('inv(X)', 'X: matrix(n, n)', ['X'], 'matrix');
    const html2 = renderShell(assets, {}, 'nonce0123456789abcdef', firstView({ model: matrix }, {}, typeset));
    assert.match(html2, /data-form="matrix" aria-pressed="true"/);
  });
});
