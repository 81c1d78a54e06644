/**
 * The `extensionTestsPath` module: VS Code calls `run()` inside the extension host, with the
 * extension under development loaded. It runs every `*.test.js` next to it with mocha (BDD UI, describe/it, like the core's tests)
 * and writes the results as JSON to `MATCALC_TEST_RESULTS` (default:
 * `results.json` here), which the code-server driver (runInCodeServer.ts) waits for: a browser
 * workbench does not report the outcome by itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestRecord {
  readonly title: string;
  readonly duration?: number;
  readonly error?: string;
}

export interface SuiteResults {
  readonly state: 'started' | 'finished';
  readonly passes: TestRecord[];
  readonly failures: TestRecord[];
  readonly pending: TestRecord[];
  readonly total: number;
  readonly error?: string;
}

export function resultsPath(): string {
  return process.env.MATCALC_TEST_RESULTS ?? path.join(__dirname, 'results.json');
}

function write(results: SuiteResults): void {
  const file = resultsPath();
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file); // atomic: the driver never reads half a file
}

export function run(): Promise<void> {
  // MATCALC_TEST_GREP runs only the tests whose full title matches (e.g. "language features").
  const grep = process.env.MATCALC_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const passes: TestRecord[] = [];
  const failures: TestRecord[] = [];
  const pending: TestRecord[] = [];
  write({ state: 'started', passes, failures, pending, total: 0 });

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failed) => {
        write({ state: 'finished', passes, failures, pending, total: passes.length + failures.length + pending.length });
        if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => passes.push({ title: t.fullTitle(), duration: t.duration }));
      runner.on('fail', (t, err: Error) => failures.push({ title: t.fullTitle(), error: err.stack ?? String(err) }));
      runner.on('pending', (t) => pending.push({ title: t.fullTitle() }));
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      write({ state: 'finished', passes, failures, pending, total: 0, error });
      reject(e);
    }
  });
}
