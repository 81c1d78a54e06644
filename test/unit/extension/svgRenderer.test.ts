import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { SvgRenderer } from '../../../src/extension/hover/svgRenderer';
import '../../../src/extension/hover/worker'; // compiled next to this test's output; inert on the main thread

const WORKER = path.resolve(__dirname, '..', '..', '..', 'src', 'extension', 'hover', 'worker.js');

describe('hover: the MathJax worker thread', () => {
  it('renders in the worker and caches by (TeX, colour)', async function () {
    this.timeout(20_000);
    const r = new SvgRenderer(WORKER);
    try {
      const a = await r.render('x^2', '#000000');
      assert.match(a ?? '', /^data:image\/svg\+xml;base64,/);
      const svg = Buffer.from((a ?? '').split(',')[1], 'base64').toString('utf8');
      assert.match(svg, /color:#000000/);
      const t0 = Date.now();
      assert.equal(await r.render('x^2', '#000000'), a, 'cached');
      assert.ok(Date.now() - t0 < 50);
      const white = await r.render('x^2', '#ffffff');
      assert.notEqual(white, a, 'another colour is another image');
      assert.equal(await r.render('x^{', '#000000'), undefined, 'a TeX error gives no image');
      assert.match((await r.render('y', '#000000')) ?? '', /^data:/, 'the worker still answers after an error');
    } finally {
      r.dispose();
    }
  });

  it('a render that overruns its time limit gives no image, and the next one gets a fresh worker', async function () {
    this.timeout(20_000);
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
    const r = new SvgRenderer(stuck, 300);
    try {
      const t0 = Date.now();
      assert.equal(await r.render('a', '#000000'), undefined);
      const ms = Date.now() - t0;
      assert.ok(ms >= 250 && ms < 3000, `took ${ms} ms`);
      assert.match((await r.render('b', '#000000')) ?? '', /^data:image\/svg\+xml;base64,Yg==$/);
    } finally {
      r.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no worker file: no image, no exception', async () => {
    const r = new SvgRenderer(path.join(os.tmpdir(), 'matcalc-no-such-worker.js'), 500);
    try {
      assert.equal(await r.render('x', '#000000'), undefined);
    } finally {
      r.dispose();
    }
  });
});
