import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import katex from 'katex';
import { FIRST_RENDER_TIMEOUT_MS, RENDER_TIMEOUT_MS, SvgRenderer } from '../../../src/extension/hover/svgRenderer';
import type { Timers } from '../../../src/extension/schedule';
import type { RenderReply, RenderRequest } from '../../../src/extension/hover/protocol';
import type { RenderThread } from '../../../src/extension/hover/thread';
import { nodeThread } from '../../../src/extension/hover/nodeThread';
import { rawFn, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { toLatex } from '../../../src/core/write/index';
import '../../../src/extension/hover/worker'; // compiled next to this test's output; inert on the main thread

const WORKER = path.resolve(__dirname, '..', '..', '..', 'src', 'extension', 'hover', 'worker.js');
// Tests of what the worker draws run with the hover's own limits: the first render, which includes
// starting the worker and loading MathJax, has the start-up allowance (FIRST_RENDER_TIMEOUT_MS).

describe('hover: the MathJax worker thread', () => {
  it('renders in the worker and caches by (TeX, colour)', async function () {
    this.timeout(20_000);
    const r = new SvgRenderer(nodeThread(WORKER));
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
    const r = new SvgRenderer(nodeThread(WORKER));
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
    const r = new SvgRenderer(nodeThread(stuck), { timeoutMs: limitMs, firstTimeoutMs: limitMs });
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
    const r = new SvgRenderer(nodeThread(once), { timeoutMs: 4000 });
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
    const r = new SvgRenderer(nodeThread(path.join(os.tmpdir(), 'matcalc-no-such-worker.js')), { timeoutMs: 500, firstTimeoutMs: 500 });
    try {
      assert.equal(await r.render('x', '#000000'), undefined);
    } finally {
      r.dispose();
    }
  });
});

/** A thread in this process that answers when told, and timers that fire when told: no waiting. */
function fakes() {
  const threads: { requests: RenderRequest[]; reply: (r: RenderReply) => void; terminated: boolean }[] = [];
  const start = (): RenderThread => {
    const t = { requests: [] as RenderRequest[], reply: (_: RenderReply) => {}, terminated: false };
    threads.push(t);
    return {
      postMessage: (request) => t.requests.push(request),
      onReply: (listener) => (t.reply = listener),
      onGone: () => {},
      terminate: () => (t.terminated = true),
    };
  };
  const timers: { ms: number; fire: () => void; cleared: boolean }[] = [];
  const fakeTimers: Timers = {
    setTimeout: (fire, ms) => timers.push({ ms, fire, cleared: false }) - 1,
    clearTimeout: (handle) => (timers[handle as number].cleared = true),
  };
  const answer = (thread: number, k: number): void => {
    const req = threads[thread].requests[k];
    threads[thread].reply({ id: req.id, uri: `data:${req.tex}` });
  };
  return { threads, timers, answer, renderer: new SvgRenderer(start, { timers: fakeTimers }) };
}

describe('hover: the start-up allowance of a fresh MathJax worker', () => {
  it('is larger than the ordinary limit, and covers a start-up several times the measured one', () => {
    assert.ok(FIRST_RENDER_TIMEOUT_MS > RENDER_TIMEOUT_MS);
    assert.equal(RENDER_TIMEOUT_MS, 3_000);
    assert.ok(FIRST_RENDER_TIMEOUT_MS >= 10_000);
  });

  it("the worker's first render has the allowance; once it has answered, renders have the ordinary limit", async () => {
    const { threads, timers, answer, renderer } = fakes();
    const a = renderer.render('a', '#000000');
    assert.deepEqual(timers.map((t) => t.ms), [FIRST_RENDER_TIMEOUT_MS]);
    answer(0, 0);
    assert.equal(await a, 'data:a');
    assert.equal(timers[0].cleared, true, 'the answered render stops its timer');
    const b = renderer.render('b', '#000000');
    assert.deepEqual(timers.map((t) => t.ms), [FIRST_RENDER_TIMEOUT_MS, RENDER_TIMEOUT_MS]);
    answer(0, 1);
    assert.equal(await b, 'data:b');
    assert.equal(threads.length, 1);
  });

  it('renders asked before the first answer wait behind the start-up too: they all have the allowance', async () => {
    const { timers, answer, renderer } = fakes();
    const a = renderer.render('a', '#000000');
    const b = renderer.render('b', '#000000');
    assert.deepEqual(timers.map((t) => t.ms), [FIRST_RENDER_TIMEOUT_MS, FIRST_RENDER_TIMEOUT_MS]);
    answer(0, 0);
    answer(0, 1);
    assert.deepEqual([await a, await b], ['data:a', 'data:b']);
    void renderer.render('c', '#000000');
    assert.equal(timers[2].ms, RENDER_TIMEOUT_MS);
    renderer.dispose();
  });

  it('a render past its limit gives no image and ends the worker; the next worker has the allowance again', async () => {
    const { threads, timers, answer, renderer } = fakes();
    const a = renderer.render('a', '#000000');
    answer(0, 0);
    await a;
    const b = renderer.render('b', '#000000');
    timers[1].fire(); // the warm worker overran its ordinary limit
    assert.equal(await b, undefined);
    assert.equal(threads[0].terminated, true);
    const c = renderer.render('c', '#000000');
    assert.equal(threads.length, 2, 'a fresh worker');
    assert.equal(timers[2].ms, FIRST_RENDER_TIMEOUT_MS);
    answer(0, 1); // a late answer from the ended worker does not make the fresh one warm
    void renderer.render('d', '#000000');
    assert.equal(timers[3].ms, FIRST_RENDER_TIMEOUT_MS);
    answer(1, 0);
    assert.equal(await c, 'data:c');
    renderer.dispose();
  });
});
