/**
 * Starts a real VS Code (code-server, installed by `npm run setup`) on loopback with throwaway
 * user-data and extensions folders, and opens it in Debian's Chromium through playwright-core.
 * See ../../README.md ("Tests") and shared/guides/real-vscode-offline.md.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The code-server launcher installed by scripts/setup.sh (override with MATCALC_CODE_SERVER). */
export function codeServerBin(): string {
  const explicit = process.env.MATCALC_CODE_SERVER;
  const cacheRoot =
    process.env.MATCALC_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'matrix-calculus');
  const bin = explicit ?? path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run \`npm run setup\` first`);
  }
  return bin;
}

export function chromiumPath(): string {
  const p = process.env.MATCALC_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(p)) throw new Error(`Chromium not found at ${p}: run \`npm run setup\` first`);
  return p;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `matcalc-${prefix}-`));
}

/** Copies a fixture folder (test/fixtures/NAME) to a fresh temporary folder and returns it. */
export function copyFixture(name: string): string {
  const dest = makeTempDir(`ws-${name}`);
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', name), dest, { recursive: true });
  return dest;
}

/** Installs a packaged VSIX into an extensions folder, as a user would (`--install-extension`). */
export function installVsix(vsix: string, extensionsDir: string): string {
  return execFileSync(codeServerBin(), ['--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
};

export interface CodeServerOptions {
  /** The folder opened in the workbench. */
  workspace: string;
  /** An extensions folder (default: a new empty one). */
  extensionsDir?: string;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Workspace trust on (default off): the window asks whether to trust the folder, as a fresh install does. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  readonly port: number;
  readonly url: string;
  readonly workspace: string;
  readonly logFile: string;
  /** The server's log so far (stdout and stderr). */
  log(): string;
  /** `vscode-remote://` URI of an absolute path on this server (for payload URIs). */
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** Starts code-server and resolves once it answers HTTP; rejects if it exits or times out. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBin();
  const userDataDir = makeTempDir('user-data');
  const extensionsDir = opts.extensionsDir ?? makeTempDir('extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const trust = opts.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trust, ...opts.settings }, null, 2));
  const port = await freePort();
  const logFile = path.join(userDataDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    '--config', path.join(userDataDir, 'config.yaml'), // not ~/.config/code-server
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    opts.workspace,
  ];
  const child: ChildProcess = spawn(bin, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so stop() ends the extension host too
  });
  fs.closeSync(out);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited (code ${code}, signal ${signal})`;
  });

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    port,
    url,
    workspace: opts.workspace,
    logFile,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        const done = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5000);
        await done;
        clearTimeout(timer);
      }
      fs.rmSync(userDataDir, { recursive: true, force: true });
      if (!opts.extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${exited} before answering HTTP.\n${server.log().slice(-4000)}`);
    const status = await get(`${url}/healthz`);
    if (status === 200) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${url} within 60 s.\n${server.log().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A payload-carrying workbench URL (`?folder=…&payload=…`), as the upstream web test runner builds it. */
export function workbenchUrl(server: CodeServer, payload: ReadonlyArray<readonly [string, string]> = []): string {
  const q = new URLSearchParams({ folder: server.workspace });
  let url = `${server.url}/?${q.toString()}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Opens the workbench in a new page and waits until it is interactive. */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  return page;
}
