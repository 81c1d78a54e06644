/**
 * The panel's "Differentiate by" choice (host side): the model lists the expression's variables,
 * the page's choice is validated and turned into a request by the host (never taken for a variable
 * the expression does not have), and the shell writes the choice labelled, with the variable shown
 * selected.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runDerive, variablesOf } from '../../../src/extension/derivation';
import { keepVariables, panelModel, rederived, switchBase, switchedRequest } from '../../../src/extension/panel/model';
import { firstView } from '../../../src/extension/panel/prerender';
import { typeset } from '../../../src/extension/panel/panelMath';
import { renderShell } from '../../../src/extension/panel/renderer';
import { fromPanelRequest } from '../../../src/extension/request';
import { isPanelError, isPanelModel, parsePanelState, parseWebviewMessage, type PanelModel, type PanelRequest } from '../../../src/shared/protocol';
import { errorHeading, wrtChoices } from '../../../src/shared/viewText';

const strings = { wrtLabel: 'Differentiate by', wrtOption: '{0} ({1}, {2})', wrtStacked: '{0} (stacked)', 'kind-vector': 'vector', 'kind-matrix': 'matrix', 'kind-scalar': 'scalar' };
const assets = { cspSource: 'https://x.test', katexCss: 'https://x.test/k.css', panelCss: 'https://x.test/p.css', script: 'https://x.test/w.js', loader: 'https://x.test/l.js' };

function shown(expr: string, where: string | undefined, wrt: string[] | undefined): PanelModel {
  const request = { expr, from: 'plain' as const, where, wrt, order: 1 as const, layout: 'numerator' as const, granularity: 'full' as const, check: true, steps: true };
  const r = runDerive(request);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const panelReq: PanelRequest = { expr, from: 'plain', where, wrt: r.value.wrt, order: 1, layout: 'numerator', granularity: 'full', check: true };
  return panelModel(r.value, panelReq, undefined, variablesOf(request));
}

const derive = (r: PanelRequest) => runDerive(fromPanelRequest(r));

describe('panel: differentiate by another variable of the expression', () => {
  it('the model lists the variables, declared ones first in their order, with kind and shape; it validates and round-trips', () => {
    const m = shown("x'*A*x + c*sum(x)", 'A: matrix(n, n); x: vector(n)', ['x']);
    assert.deepEqual(
      m.variables?.map((v) => `${v.name} ${v.kind} ${v.shape}`),
      ['A matrix n×n', 'x vector n×1', 'c scalar 1×1'],
    );
    assert.ok(isPanelModel(m));
    assert.deepEqual(parsePanelState(JSON.parse(JSON.stringify({ model: m, step: 0, showAll: false })))?.model?.variables, m.variables);
    assert.ok(!isPanelModel({ ...m, variables: [{ name: 'x', kind: 'tensor', shape: 'n×1' }] }));
    assert.ok(!isPanelModel({ ...m, variables: [{ name: 'x', kind: 'vector', shape: 'n×1', html: '<b>' }] }));
  });

  it('the page asks by name: setWrt is accepted only as one non-empty name', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setWrt', wrt: 'A' }), { type: 'setWrt', wrt: 'A' });
    for (const bad of [{ type: 'setWrt' }, { type: 'setWrt', wrt: '' }, { type: 'setWrt', wrt: ['A'] }, { type: 'setWrt', wrt: 'A', expr: 'x' }, { type: 'setWrt', wrt: 'a'.repeat(257) }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('choosing a variable derives by it, with the layout, steps and check kept; the variables stay listed', () => {
    const m = shown("x'*A*x", 'x: vector(n); A: matrix(n, n)', ['x']);
    const request = switchedRequest({ ...m, request: { ...m.request, layout: 'denominator', granularity: 'summary' } }, { type: 'setWrt', wrt: 'A' });
    assert.ok(request);
    assert.deepEqual(request.wrt, ['A']);
    assert.equal(request.layout, 'denominator');
    assert.equal(request.granularity, 'summary');
    assert.equal(request.expr, m.request.expr);
    const next = keepVariables(rederived(request, derive), m);
    assert.ok('model' in next);
    assert.deepEqual(next.model.wrt, ['A']);
    assert.equal(next.model.title, 'Derivative w.r.t. A');
    assert.ok(next.model.check?.passed, 'numerical check of ∂/∂A');
    assert.ok(next.model.steps.length > 0);
    assert.deepEqual(next.model.variables, m.variables);
  });

  it('a name the expression does not have, or the variable already shown, asks for nothing', () => {
    const m = shown("x'*A*x", 'x: vector(n); A: matrix(n, n)', ['x']);
    assert.equal(switchedRequest(m, { type: 'setWrt', wrt: 'B' }), undefined);
    assert.equal(switchedRequest(m, { type: 'setWrt', wrt: 'x' }), undefined);
    assert.equal(switchedRequest({ ...m, variables: undefined }, { type: 'setWrt', wrt: 'A' }), undefined);
    // The other switches as before.
    assert.equal(switchedRequest(m, { type: 'setLayout', layout: 'mixed' })?.layout, 'mixed');
    assert.equal(switchedRequest(m, { type: 'setForm', form: 'index' })?.form, 'index');
  });

  it('the choice: one entry a variable, the shown one selected; none with fewer than two variables; stacked scalars one entry', () => {
    const m = shown("x'*A*x", 'x: vector(n); A: matrix(n, n)', ['x']);
    assert.deepEqual(wrtChoices(m, strings), [
      { value: 'x', label: 'x (vector, n×1)', selected: true },
      { value: 'A', label: 'A (matrix, n×n)', selected: false },
    ]);
    assert.equal(wrtChoices(shown("x'*x", 'x: vector(n)', ['x']), strings), undefined);
    const stacked = shown('a*b^2 + c', 'a: scalar; b: scalar; c: scalar', ['a', 'b']);
    const choices = wrtChoices(stacked, strings);
    assert.deepEqual(choices?.[0], { value: '', label: 'a, b (stacked)', selected: true, disabled: true });
    assert.deepEqual(choices?.slice(1).map((c) => [c.value, c.selected]), [['a', false], ['b', false], ['c', false]]);
  });

  it('the page: a labelled select in the header, the shown variable selected, names escaped; hidden without a choice', () => {
    const m = shown("x'*A*x", 'x: vector(n); A: matrix(n, n)', ['A']);
    const html = renderShell(assets, strings, 'nonce', firstView({ model: m }, strings, typeset));
    assert.match(html, /<span id="wrt-choice" class="wrt-choice"><label for="wrt">Differentiate by<\/label> <select id="wrt"><option value="x">x \(vector, n×1\)<\/option><option value="A" selected>A \(matrix, n×n\)<\/option><\/select><\/span>/);
    const hostile: PanelModel = { ...m, variables: [{ name: 'x"><script>', kind: 'vector', shape: 'n×1' }, ...(m.variables ?? [])] };
    const escaped = renderShell(assets, strings, 'nonce', firstView({ model: hostile }, strings, typeset));
    assert.doesNotMatch(escaped, /<script>/);
    assert.match(escaped, /<option value="x&quot;&gt;&lt;script&gt;">/);
    const single = renderShell(assets, strings, 'nonce', firstView({ model: shown("x'*x", 'x: vector(n)', ['x']) }, strings, typeset));
    assert.match(single, /<span id="wrt-choice" class="wrt-choice" hidden>/);
    assert.match(renderShell(assets, strings, 'nonce'), /<span id="wrt-choice" class="wrt-choice" hidden>/, 'the empty page');
  });
});

describe('panel: a failed derive by the chosen variable keeps the choice', () => {
  // softmax(A*x)'*x derives by x with the letter conventions; by A under the setting "every
  // undeclared symbol is a scalar" (changed while the panel is open) it cannot be read: A*x is 1×1.
  const expr = "softmax(A*x)'*x";
  const failingByA = (r: PanelRequest) => runDerive(fromPanelRequest(r), r.wrt?.[0] === 'A' ? 'scalars' : 'letters');

  it('the error keeps the request that failed and the variables; the page lists them with the failed one selected', () => {
    const m = shown(expr, undefined, ['x']);
    assert.deepEqual(m.variables?.map((v) => v.name), ['A', 'x']);
    const request = switchedRequest(m, { type: 'setWrt', wrt: 'A' });
    assert.ok(request);
    const next = keepVariables(rederived(request, failingByA), m);
    assert.ok('error' in next, 'the derive by A fails');
    assert.equal(next.error.code, 'shape.vector-argument');
    assert.deepEqual(next.error.request?.wrt, ['A']);
    assert.deepEqual(next.error.variables, m.variables);
    assert.deepEqual(wrtChoices(next.error, strings)?.map((c) => [c.value, c.selected]), [['A', true], ['x', false]]);
    // It is a valid state for the page (and for a reload).
    assert.ok(isPanelError(next.error));
    const saved: unknown = JSON.parse(JSON.stringify({ error: next.error, step: 0, showAll: false }));
    assert.deepEqual(parsePanelState(saved)?.error, (saved as { error: unknown }).error);
  });

  it('from the error, choosing another variable derives by it (the variables still listed); choosing the failed one again asks for nothing', () => {
    const m = shown(expr, undefined, ['x']);
    const failed = keepVariables(rederived(switchedRequest(m, { type: 'setWrt', wrt: 'A' }) as PanelRequest, failingByA), m);
    const base = switchBase(failed);
    assert.ok(base, 'an error with its request is a base for the switches');
    assert.equal(switchedRequest(base, { type: 'setWrt', wrt: 'A' }), undefined);
    const back = switchedRequest(base, { type: 'setWrt', wrt: 'x' });
    assert.ok(back);
    assert.deepEqual(back.wrt, ['x']);
    assert.equal(back.layout, m.request.layout);
    const again = keepVariables(rederived(back, failingByA), base);
    assert.ok('model' in again);
    assert.equal(again.model.title, 'Derivative w.r.t. x');
    assert.deepEqual(again.model.variables, m.variables);
    // An error of a derivation the panel was never asked to switch (a command's error) offers nothing.
    assert.equal(switchBase({ error: { message: 'm', code: 'parse.unexpected', expr: 'x +' } }), undefined);
  });

  it('the first HTML of such an error (a reload) shows the choice; an error without variables does not', () => {
    const m = shown(expr, undefined, ['x']);
    const failed = keepVariables(rederived(switchedRequest(m, { type: 'setWrt', wrt: 'A' }) as PanelRequest, failingByA), m);
    const html = renderShell(assets, strings, 'nonce', firstView(failed, strings, typeset));
    assert.match(html, /<span id="wrt-choice" class="wrt-choice"><label for="wrt">Differentiate by<\/label> <select id="wrt"><option value="A" selected>A \(matrix, n×n\)<\/option><option value="x">x \(vector, n×1\)<\/option><\/select><\/span>/);
    const plain = renderShell(assets, strings, 'nonce', firstView({ error: { message: 'm', code: 'parse.unexpected', expr: 'x +' } }, strings, typeset));
    assert.match(plain, /<span id="wrt-choice" class="wrt-choice" hidden>/);
  });

  it('the error heading names the variable that failed; a command\'s error (no request) keeps the plain heading', () => {
    const m = shown(expr, undefined, ['x']);
    const failed = keepVariables(rederived(switchedRequest(m, { type: 'setWrt', wrt: 'A' }) as PanelRequest, failingByA), m);
    assert.ok('error' in failed);
    const words = { ...strings, errorHeading: 'Cannot differentiate', errorHeadingBy: 'Cannot differentiate by {0}' };
    assert.equal(errorHeading(failed.error, words), 'Cannot differentiate by A');
    const plainError = { message: 'm', code: 'parse.unexpected', expr: 'x +' };
    assert.equal(errorHeading(plainError, words), 'Cannot differentiate');
    // Stacked scalars: each named.
    const stacked: PanelRequest = { expr: 'a*b', from: 'plain', wrt: ['a', 'b'], order: 1, layout: 'numerator', granularity: 'full', check: true };
    assert.equal(errorHeading({ ...plainError, request: stacked }, words), 'Cannot differentiate by a, b');
    // The first HTML (a reload) says the same, and so does the page (view.ts sets #error-heading).
    const html = renderShell(assets, words, 'nonce', firstView(failed, words, typeset));
    assert.match(html, /<h2 id="error-heading">Cannot differentiate by A<\/h2>/);
    assert.match(renderShell(assets, words, 'nonce', firstView({ error: plainError }, words, typeset)), /<h2 id="error-heading">Cannot differentiate<\/h2>/);
  });

  it('the page validates what an error carries', () => {
    const error = { message: 'm', code: 'c', expr: "x'*A*x" };
    const request: PanelRequest = { expr: "x'*A*x", from: 'plain', wrt: ['A'], order: 1, layout: 'numerator', granularity: 'full', check: true };
    assert.ok(isPanelError({ ...error, request, variables: [{ name: 'A', kind: 'matrix', shape: 'n×n' }] }));
    assert.ok(!isPanelError({ ...error, variables: [{ name: 'A', kind: 'tensor', shape: 'n×n' }] }));
    assert.ok(!isPanelError({ ...error, request: { ...request, order: 3 } }));
    assert.ok(!isPanelError({ ...error, html: '<b>' }));
  });
});
