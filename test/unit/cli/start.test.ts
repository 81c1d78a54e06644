/**
 * How `matcalc` starts (src/cliStart.ts, dist/cli.js): `matcalc --help` (also `-h`, `help`) needs
 * none of the CLI, so the loader prints the help itself without loading the CLI bundle (the whole
 * core: ~50 ms of CPU at every start); every other command runs the bundle. The loader is run from a
 * temporary directory where a stand-in bundle plays dist/cliMain.js and says when it runs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN_BUNDLE } from '../../../src/cli/codeCache';
import { HELP } from '../../../src/cli/help';
// Compiled with the tests so that out/src/cliStart.js exists (importing it runs nothing).
import '../../../src/cliStart';

const LOADER = join(__dirname, '..', '..', '..', 'src', 'cliStart.js');

describe('cli: the loader (dist/cli.js)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'matcalc-start-'));
    copyFileSync(LOADER, join(dir, 'cli.js'));
    // The loader as tsc compiles it requires its modules (esbuild bundles them into dist/cli.js).
    const cliDir = join(__dirname, '..', '..', '..', 'src', 'cli');
    mkdirSync(join(dir, 'cli'));
    for (const f of ['codeCache.js', 'help.js']) copyFileSync(join(cliDir, f), join(dir, 'cli', f));
    writeFileSync(join(dir, MAIN_BUNDLE), "process.stdout.write('the bundle ran: ' + process.argv.slice(2).join(' ') + '\\n');\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]): { code: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, [join(dir, 'cli.js'), ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  for (const flag of ['--help', '-h', 'help']) {
    it(`matcalc ${flag}: the help, without loading the bundle`, () => {
      const r = run([flag]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      assert.equal(r.out, `${HELP}\n`);
    });
  }

  it('every other command, and no command, runs the bundle', () => {
    for (const args of [['derive', 'x', '--wrt', 'x'], ['batch'], ['functions'], [], ['--helpx'], ['derive', '--help']]) {
      const r = run(args);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `the bundle ran: ${args.join(' ')}\n`);
    }
  });

  it('a closed stdout ends the help quietly (exit 0, nothing on stderr)', () => {
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${join(dir, 'cli.js')}' --help | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '0');
    assert.equal(r.stderr, '');
  });
});
