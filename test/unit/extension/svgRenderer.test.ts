import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import katex from 'katex';
import { SvgRenderer } from '../../../src/extension/hover/svgRenderer';
import { nodeThread } from '../../../src/extension/hover/nodeThread';
import { rawFn, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { toLatex } from '../../../src/core/write/index';
import '../../../src/extension/hover/worker'; // compiled next to this test's output; inert on the main thread

const WORKER = path.resolve(__dirname, '..', '..', '..', 'src', 'extension', 'hover', 'worker.js');
// Tests of what the worker draws, not of its time limit (that has its own test below): the first render
// includes starting the worker and loading MathJax, which on a loaded machine can exceed the hover's 3 s.
const UNHURRIED_MS = 15_000;

describe('hover: the MathJax worker thread', () => {
  it('renders in the worker and caches by (TeX, colour)', async function () {
    this.timeout(20_000);
    const r = new SvgRenderer(nodeThread(WORKER), UNHURRIED_MS);
    try {
      const a = await r.render('x^2', '#000000');
      assert.match(a ?? '', /^data:image\/svg\+xml;base64,/);
      const svg = Buffer.from((a ?? '').split(',')[1], 'base64').toString('utf8');
      assert.match(svg, /color:#000000/);
      assert.equal(await r.render('x^2', '#000000'), a, 'the same image again');
      const white = await r.render('x^2', '#ffffff');
      assert.notEqual(white, a, 'another colour is another image');
      assert.equal(await r.render('x^{', '#000000'), undefined, 'a TeX error gives no image');
      assert.match((await r.render('y', '#000000')) ?? '', /^data:/, 'the worker still answers after an error');
    } finally {
      r.dispose();
    }
  });

  it('the indicator 𝕀[u > 0] is double-struck in the MathJax hover and in the KaTeX panel (one LaTeX for both)', async function () {
    this.timeout(20_000);
    const tex = toLatex(rawFn('step', variable('u', shape('n', 1))));
    assert.equal(tex, '\\mathbb{I}[\\mathbf{u} > 0]');
    const r = new SvgRenderer(nodeThread(WORKER), UNHURRIED_MS);
    try {
      const svg = Buffer.from(((await r.render(tex, '#000000')) ?? '').split(',')[1] ?? '', 'base64').toString('utf8');
      // MathJax marks each glyph with its code point: U+1D540 MATHEMATICAL DOUBLE-STRUCK CAPITAL I.
      assert.match(svg, /data-c="1D540"/, svg.slice(0, 400));
    } finally {
      r.dispose();
    }
    const html = katex.renderToString(tex, { throwOnError: true, strict: 'error' });
    assert.match(html, /<span class="mord mathbb">I<\/span>/, 'KaTeX draws I in its double-struck (AMS) font');
  });

  it('a render that overruns its time limit gives no image, and the next one gets a fresh worker', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-worker-'));
    const stuck = path.join(dir, 'stuck.js');
    // answers nothing the first time, then behaves
    fs.writeFileSync(
      stuck,
      `const { parentPort } = require('node:worker_threads');
       const fs = require('node:fs');
       const flag = ${JSON.stringify(path.join(dir, 'seen'))};
       parentPort.on('message', (req) => {
         if (!fs.existsSync(flag)) { fs.writeFileSync(flag, '1'); for (;;) {} }
         parentPort.postMessage({ id: req.id, uri: 'data:image/svg+xml;base64,' + Buffer.from(req.tex).toString('base64') });
       });`,
    );
    // The limit is generous so that a fresh worker starts within it even on a loaded machine: the
    // stuck render never answers, so it always ends by the limit, never before it.
    const limitMs = 4000;
    const r = new SvgRenderer(nodeThread(stuck), limitMs);
    try {
      const t0 = Date.now();
      assert.equal(await r.render('a', '#000000'), undefined);
      const ms = Date.now() - t0;
      assert.ok(ms >= limitMs - 5, `gave up after ${ms} ms, before its limit`);
      assert.match((await r.render('b', '#000000')) ?? '', /^data:image\/svg\+xml;base64,Yg==$/);
    } finally {
      r.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a cached image is answered without asking the worker again', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-worker-'));
    const once = path.join(dir, 'once.js');
    // answers its first request only; any later request hangs until the renderer gives up
    fs.writeFileSync(
      once,
      `const { parentPort } = require('node:worker_threads');
       let answered = false;
       parentPort.on('message', (req) => {
         if (answered) { for (;;) {} }
         answered = true;
         parentPort.postMessage({ id: req.id, uri: 'data:image/svg+xml;base64,' + Buffer.from(req.tex).toString('base64') });
       });`,
    );
    const r = new SvgRenderer(nodeThread(once), 4000);
    try {
      const first = await r.render('a', '#000000');
      assert.match(first ?? '', /^data:image\/svg\+xml;base64,YQ==$/);
      assert.equal(await r.render('a', '#000000'), first, 'answered from the cache (the worker would hang)');
      assert.equal(await r.render('a', '#ffffff'), undefined, 'another colour is not cached: the worker is asked and hangs');
    } finally {
      r.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no worker file: no image, no exception', async () => {
    const r = new SvgRenderer(nodeThread(path.join(os.tmpdir(), 'matcalc-no-such-worker.js')), 500);
    try {
      assert.equal(await r.render('x', '#000000'), undefined);
    } finally {
      r.dispose();
    }
  });
});
