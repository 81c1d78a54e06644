/**
 * The extension's layers (issue 11), read from the sources' import statements (type-only imports
 * included: a type cycle is still a cycle for a reader): no import cycles among the extension,
 * shared and webview modules; the webview imports only itself and src/shared/; the panel's actions
 * do not reach into the command table, nor the hover into the panel's model.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';

const ROOT = path.resolve(__dirname, '../../../..');
const SRC = path.join(ROOT, 'src');

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourcesUnder(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The files under src/ a module imports (relative imports only), as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|require\('(\.[^']+)'\)|import\('(\.[^']+)'\)/gm)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const base = path.resolve(path.dirname(file), spec);
    const target = [base + '.ts', path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (target) out.push(path.relative(SRC, target).split(path.sep).join('/'));
  }
  return out;
}

const modules = ['extension', 'shared', 'webview'].flatMap((d) => sourcesUnder(path.join(SRC, d)));
const graph = new Map(modules.map((f) => [path.relative(SRC, f).split(path.sep).join('/'), importsOf(f)]));

describe('extension layers', () => {
  it('reads the import graph (a sanity check of the scanner)', () => {
    assert.ok(graph.size > 40, `only ${graph.size} modules found`);
    assert.ok(graph.get('extension/panel/manager.ts')?.includes('extension/panel/prerender.ts'));
  });

  it('has no import cycles (type-only imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (m: string, trail: string[]): void => {
      if (state.get(m) === 'done' || !graph.has(m)) return;
      if (state.get(m) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(m)), m].join(' → '));
        return;
      }
      state.set(m, 'open');
      for (const d of graph.get(m) ?? []) visit(d, [...trail, m]);
      state.set(m, 'done');
    };
    for (const m of graph.keys()) visit(m, []);
    assert.deepEqual(cycles, []);
  });

  it('the webview imports only itself, src/shared/ and core types', () => {
    for (const [m, deps] of graph) {
      if (!m.startsWith('webview/') && !m.startsWith('shared/')) continue;
      for (const d of deps) assert.ok(/^(webview|shared|core)\//.test(d), `${m} imports ${d}`);
    }
  });

  it('keeps the panel, the hover and the commands apart', () => {
    assert.ok(!graph.get('extension/panel/actions.ts')?.includes('extension/commands/table.ts'), 'panel/actions.ts imports the command table');
    assert.ok(!graph.get('extension/hover/provider.ts')?.includes('extension/panel/model.ts'), 'hover/provider.ts imports panel/model.ts');
  });
});
