/**
 * The `extensionTestsPath` module for VS Code for the Web: bundled for the browser (esbuild, by
 * runInWebHost.ts) and run by code-server's web worker extension host with the extension under
 * development loaded from its `browser` entry (dist/web/extension.js). Mocha's browser build runs
 * the tests; the results go to `web-results.json` in the workspace folder through VS Code's file
 * system (there is no Node `fs` in a web worker), where the driver waits for them.
 */
import 'mocha/mocha';
import * as vscode from 'vscode';

interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  match(text: string, pattern: RegExp, message?: string): void;
}

/** A few assertions (Node's `assert` is not in a web worker). */
const assert: Assert = {
  ok(value: unknown, message = 'expected a truthy value'): asserts value {
    if (!value) throw new Error(message);
  },
  equal(actual: unknown, expected: unknown, message?: string): void {
    if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  },
  match(text: string, pattern: RegExp, message?: string): void {
    if (!pattern.test(text)) throw new Error(`${message ? `${message}: ` : ''}${JSON.stringify(text.slice(0, 300))} does not match ${pattern}`);
  },
};

interface Result {
  readonly title: string;
  readonly error?: string;
}

async function writeResults(results: object): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'web-results.json'), new TextEncoder().encode(JSON.stringify(results, null, 2)));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function defineTests(): void {
  describe('VS Code for the Web (web worker extension host)', () => {
    it('runs in a web worker: no Node globals, the extension is loaded from its browser entry and active', async () => {
      const g = globalThis as Record<string, unknown>;
      assert.equal(typeof g.process === 'object' && g.process !== null && 'versions' in (g.process as object) && 'node' in ((g.process as { versions: object }).versions), false, 'this is a Node host');
      assert.equal(typeof g.importScripts, 'function', 'not a web worker');
      const ext = vscode.extensions.getExtension('matcalc.matrix-calculus');
      assert.ok(ext, 'the extension is not loaded');
      await ext.activate();
      assert.equal(ext.isActive, true);
      assert.equal(ext.packageJSON.browser, './dist/web/extension.js');
      assert.equal(ext.extensionKind, vscode.ExtensionKind.UI);
    });

    it('differentiates with the embedded core (explicit arguments): the gradient of x\'Ax, checked numerically', async () => {
      const r = await vscode.commands.executeCommand<{ ok: boolean; text?: string; check?: { passed: boolean } }>('matrixCalculus.gradient', {
        expr: "x' * A * x",
        where: 'x: vector(n); A: matrix(n, n)',
        wrt: ['x'],
        reveal: false,
      });
      assert.ok(r?.ok, JSON.stringify(r));
      assert.equal(r.text?.replace(/\s+/g, ''), "(A+A')*x");
      assert.equal(r.check?.passed, true);
    });

    it('the panel opens with the derivation', async () => {
      const r = await vscode.commands.executeCommand<{ ok: boolean }>('matrixCalculus.differentiate', { expr: "x' * x", where: 'x: vector(n)', wrt: ['x'] });
      assert.ok(r?.ok);
      let snap: { open: boolean; expr?: string } | undefined;
      for (let i = 0; i < 100 && !snap?.open; i++) {
        snap = await vscode.commands.executeCommand('matrixCalculus.internal.panelSnapshot');
        if (!snap?.open) await sleep(100);
      }
      assert.equal(snap?.open, true);
      assert.equal(snap?.expr, "x' * x");
    });

    it('the hover renders the derivative with MathJax in a Web Worker (an SVG image)', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'matcalc', content: "x: vector(n)\nA: matrix(n, n)\nx' * A * x\n" });
      await vscode.window.showTextDocument(doc);
      let text = '';
      for (let i = 0; i < 5 && !text.includes('data:image/svg+xml'); i++) {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 4))) ?? [];
        text = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
          .join('\n');
        if (!text.includes('data:image/svg+xml')) await sleep(1000);
      }
      assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, text.slice(0, 400));
      assert.match(text, /command:matrixCalculus\.differentiate\?/);
    });

    it('.matcalc diagnostics appear for a shape error', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'matcalc', content: 'x: vector(n)\nW: matrix(m, n)\nx * W\n' });
      await vscode.window.showTextDocument(doc);
      let diags: readonly vscode.Diagnostic[] = [];
      for (let i = 0; i < 100 && diags.length === 0; i++) {
        diags = vscode.languages.getDiagnostics(doc.uri);
        if (diags.length === 0) await sleep(100);
      }
      assert.equal(diags.length, 1);
      assert.match(diags[0].message, /cannot multiply x \(n×1\) by W \(m×n\)/);
      assert.equal(diags[0].range.start.line, 2);
    });
  });
}

export function run(): Promise<void> {
  const passes: Result[] = [];
  const failures: Result[] = [];
  const m = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  m.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000 });
  defineTests();
  return new Promise((resolve, reject) => {
    void writeResults({ state: 'started', passes, failures, pending: [], total: 0 });
    const runner = m.run((failed) => {
      void writeResults({ state: 'finished', passes, failures, pending: [], total: passes.length + failures.length }).then(() =>
        failed > 0 ? reject(new Error(`${failed} test(s) failed`)) : resolve(),
      );
    });
    runner.on('pass', (t: { fullTitle(): string }) => passes.push({ title: t.fullTitle() }));
    runner.on('fail', (t: { fullTitle(): string }, err: Error) => failures.push({ title: t.fullTitle(), error: err.stack ?? String(err) }));
  });
}

interface BrowserMocha {
  setup(options: { ui: string; reporter: undefined; timeout: number }): void;
  run(done: (failures: number) => void): { on(event: string, listener: (...args: never[]) => void): void };
}
