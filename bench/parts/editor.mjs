/**
 * Part 4: the extension in the real VS Code (code-server + Chromium, the foundation harness):
 * activation, hover latency on a 5,000-line Markdown file with 500 math spans (cold and warm, LaTeX
 * math spans and ```matcalc fences), and the panel's first paint — see bench/editor/. Runs the
 * driver as a child process and summarises its raw measurements.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { buildEditor } from '../lib/build.mjs';
import { median, p95, round } from '../lib/stats.mjs';

const stats = (xs) => (xs.length === 0 ? undefined : { median: round(median(xs)), p95: round(p95(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), n: xs.length });

/** When the last resource whose name matches finished loading, relative to t0. */
function lastEnd(resources, match, t0) {
  const ends = (resources ?? []).filter((r) => match(r.name)).map((r) => r.end - t0);
  return ends.length ? Math.max(...ends) : undefined;
}

function countBy(xs, key) {
  const out = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

export function summariseEditor(raw) {
  const sessions = raw.sessions;
  const hovers = sessions.flatMap((s) => s.host.hovers);
  const hoverStats = {};
  for (const kind of ['math', 'fence']) {
    for (const phase of ['first', 'cold', 'warm']) {
      const xs = hovers.filter((h) => h.kind === kind && h.phase === phase);
      if (xs.length > 0) {
        const errors = [...new Set(xs.filter((h) => h.detail).map((h) => h.detail))].slice(0, 5);
        hoverStats[`${kind}.${phase}`] = { ...stats(xs.map((h) => h.ms)), shows: countBy(xs, (h) => h.shows), ...(errors.length ? { errors } : {}) };
      }
    }
  }
  // The hovers that showed a derivative (an image), whatever the span: what the targets are about.
  for (const phase of ['cold', 'warm']) {
    const xs = hovers.filter((h) => h.shows === 'image' && h.phase === phase);
    if (xs.length > 0) hoverStats[`derivative.${phase}`] = { ...stats(xs.map((h) => h.ms)), shows: countBy(xs, (h) => h.kind) };
  }
  const panels = sessions.flatMap((s) =>
    s.panel.map((p) => {
      const start = s.starts.find((x) => x.run === p.run);
      const t0 = start?.t0 ?? NaN;
      return {
        run: p.run,
        painted: p.katexPainted !== undefined ? p.katexPainted - t0 : undefined,
        inDom: p.katexInDom !== undefined ? p.katexInDom - t0 : undefined,
        detected: p.detected - t0,
        shellFcp: p.firstContentfulPaint !== undefined ? p.firstContentfulPaint - t0 : undefined,
        lcp: p.largestContentfulPaint !== undefined ? p.largestContentfulPaint - t0 : undefined,
        lcpElement: p.largestContentfulElement,
        marks: p.marks,
        pageCreated: p.pageOrigin !== undefined ? p.pageOrigin - t0 : undefined,
        domContentLoaded: p.domContentLoaded !== undefined ? p.domContentLoaded - t0 : undefined,
        codeLoaded: lastEnd(p.resources, (n) => /\.(js|css)$/.test(n), t0),
        fontsLoaded: lastEnd(p.resources, (n) => /\.woff2?$/.test(n), t0),
        resources: p.resources?.map((r) => ({ name: r.name, start: r.start - t0, end: r.end - t0 })),
        error: p.error,
      };
    }),
  );
  // The derivation's paint: KaTeX in the DOM + two animation frames when the marks were in place in
  // time; otherwise the page's largest contentful paint (the derivation's text, painted in the same
  // frame as its KaTeX: where both exist they agree within a frame); otherwise when the driver saw it.
  const paintOf = (p) => p.painted ?? p.lcp ?? p.detected;
  const recorded = sessions.map((s) => Number(/Activation: ([\d.]+)\s*ms/.exec(s.runtimeRow?.text ?? '')?.[1] ?? NaN)).filter((x) => Number.isFinite(x));
  return {
    sessions: sessions.length,
    /** VS Code's own activation time ("Developer: Show Running Extensions"): loading the bundle and running activate(). */
    activationMs: stats(recorded),
    activationReason: [...new Set(sessions.map((s) => s.runtimeRow?.title).filter(Boolean))],
    /** ext.activate() timed in the host, where the extension was not active yet (usually it already is: see activationReason). */
    hostActivateMs: stats(sessions.filter((s) => !s.host.activation.wasActive).map((s) => s.host.activation.ms)),
    workbenchLoadMs: stats(sessions.map((s) => s.workbenchLoadMs)),
    openMarkdownMs: stats(sessions.map((s) => s.host.openDocumentMs)),
    hover: hoverStats,
    firstHoverText: sessions[0]?.host.firstHoverText,
    panelFirstPaintMs: {
      cold: stats(panels.filter((p) => p.run === 0 && !p.error).map(paintOf)),
      warm: stats(panels.filter((p) => p.run > 0 && !p.error).map(paintOf)),
      measuredBy: countBy(panels, (p) => (p.painted !== undefined ? 'frame marks' : p.lcp !== undefined ? 'largest contentful paint' : 'driver detection')),
      detected: stats(panels.filter((p) => !p.error).map((p) => p.detected)),
      shellFirstContentfulPaint: stats(panels.filter((p) => p.shellFcp !== undefined).map((p) => p.shellFcp)),
      /** The breakdown of the first opens: VS Code created the panel's page, it loaded its resources and DOM, painted. */
      firstOpenBreakdown: ['pageCreated', 'domContentLoaded', 'codeLoaded', 'shellFcp', 'inDom', 'painted', 'fontsLoaded']
        .map((k) => [k, stats(panels.filter((p) => p.run === 0 && p[k] !== undefined).map((p) => p[k]))?.median])
        .filter(([, v]) => v !== undefined)
        .sort((a, b) => a[1] - b[1]),
      errors: panels.filter((p) => p.error).map((p) => p.error),
    },
    panelCommandMs: stats(sessions.flatMap((s) => s.host.panel.map((p) => p.commandMs))),
    panelCommandFailures: sessions.flatMap((s) => s.host.panel.filter((p) => !p.ok).map((p) => p.message)),
    hostErrors: sessions.map((s) => s.host.error).filter(Boolean),
    panels,
  };
}

export async function runEditor(root, vsix, { quick = false, log = () => {} } = {}) {
  if (!fs.existsSync(vsix)) return { ok: false, error: `${vsix} not found (the vsix part packages it)` };
  const { host, driver } = await buildEditor();
  const args = [driver, '--vsix', vsix, '--host', host, '--sessions', quick ? '1' : '2', '--hovers', quick ? '15' : '40', '--warm', quick ? '2' : '3', '--panel', quick ? '2' : '4'];
  const proc = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'], timeout: 1_500_000 });
  for (const line of (proc.stderr ?? '').split('\n')) if (line.startsWith('[editor]')) log(line);
  if (proc.status !== 0) return { ok: false, error: `the editor driver failed (status ${proc.status}):\n${(proc.stderr ?? '').split('\n').slice(-25).join('\n')}` };
  const raw = JSON.parse(proc.stdout);
  return { ok: true, options: raw.options, summary: summariseEditor(raw), raw };
}
