/**
 * The editor benchmark inside VS Code's extension host (loaded as the `extensionTestsPath`
 * module; VS Code calls run()). Activation: the time of `extension.activate()` when nothing has
 * activated it yet (loading dist/extension.js and running activate()). Hovers: the time of
 * `vscode.executeHoverProvider` (the host → workbench → hover providers → workbench round trip that
 * a mouse hover makes, without the widget's delay and drawing) over a 5,000-line Markdown file.
 * Panel: start times for the driver, which watches the webview paint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchConfig, HostResults, HoverSample, HoverTarget, PanelStart } from './protocol';

const dir = (): string => {
  const d = process.env.MATCALC_BENCH_DIR;
  if (!d) throw new Error('MATCALC_BENCH_DIR is not set');
  return d;
};

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function writeJson(name: string, value: unknown): void {
  const file = path.join(dir(), name);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
  fs.renameSync(`${file}.tmp`, file);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function shows(text: string): HoverSample['shows'] {
  if (/data:image\/svg\+xml/.test(text)) return 'image';
  if (/\*\*Matrix Calculus:\*\*/.test(text)) return 'error';
  if (/∂f\/∂/.test(text)) return 'text';
  return 'none';
}

async function hover(uri: vscode.Uri, t: HoverTarget, phase: HoverSample['phase']): Promise<{ sample: HoverSample; text: string }> {
  const t0 = performance.now();
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(t.line, t.character))) ?? [];
  const ms = performance.now() - t0;
  const text = hoverText(hovers);
  const what = shows(text);
  const detail = what === 'error' ? /\*\*Matrix Calculus:\*\* ([^\n]*)/.exec(text)?.[1]?.slice(0, 160) : undefined;
  return { sample: { kind: t.kind, phase, line: t.line, ms, shows: what, ...(detail ? { detail } : {}) }, text };
}

async function waitForFile(name: string, timeoutMs: number): Promise<boolean> {
  const file = path.join(dir(), name);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return true;
    await sleep(20);
  }
  return false;
}

async function measure(config: BenchConfig): Promise<HostResults> {
  const ext = vscode.extensions.getExtension(config.extensionId);
  if (!ext) throw new Error(`${config.extensionId} is not loaded`);
  const wasActive = ext.isActive;
  const a0 = performance.now();
  await ext.activate();
  const activation = { wasActive, ms: performance.now() - a0 };

  const o0 = performance.now();
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(config.markdown));
  await vscode.window.showTextDocument(doc, { preview: false });
  const openDocumentMs = performance.now() - o0;
  await sleep(1000); // let the Markdown language features settle

  const hovers: HoverSample[] = [];
  let firstHoverText: string | undefined;
  for (const kind of ['math', 'fence'] as const) {
    const targets = config.targets.filter((t) => t.kind === kind).slice(0, config.hoversPerKind);
    for (const t of targets) {
      // The session's very first hover also starts the MathJax worker; the others are cold for
      // their expression only (never derived nor rendered before).
      const h = await hover(doc.uri, t, hovers.length === 0 ? 'first' : 'cold');
      if (hovers.length === 0) firstHoverText = h.text.slice(0, 400);
      hovers.push(h.sample);
    }
    for (let round = 0; round < config.warmRounds; round++) {
      for (const t of targets) hovers.push((await hover(doc.uri, t, 'warm')).sample);
    }
  }

  const panel: HostResults['panel'][number][] = [];
  for (let run = 0; run < config.panelRuns; run++) {
    // Every open under the same conditions: the Markdown file open and active, no panel.
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    await sleep(1000);
    const start: PanelStart = { run, t0: now() };
    writeJson(`panel-${run}-start.json`, start);
    const c0 = performance.now();
    const result = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('matrixCalculus.differentiate', { ...config.panelArgs });
    const commandMs = performance.now() - c0;
    panel.push({ run, t0: start.t0, commandMs, ok: result?.ok === true, message: result?.ok ? undefined : result?.message });
    await waitForFile(`panel-${run}-done.json`, 30_000);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { state: 'finished', activation, openDocumentMs, hovers, firstHoverText, panel };
}

export async function run(): Promise<void> {
  const config = JSON.parse(fs.readFileSync(path.join(dir(), 'config.json'), 'utf8')) as BenchConfig;
  try {
    writeJson('results.json', await measure(config));
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    writeJson('results.json', { state: 'finished', error, activation: { wasActive: false, ms: NaN }, openDocumentMs: NaN, hovers: [], panel: [] });
  }
  // The extension host ends when run() returns: stay until the driver has read VS Code's own
  // activation record (Running Extensions).
  await waitForFile('driver-done.json', 60_000);
}
