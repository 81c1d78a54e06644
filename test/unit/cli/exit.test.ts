/**
 * How a one-shot command ends (src/cli/exit.ts): as soon as stdout and stderr have handed what they
 * hold to the system — at once when they hold nothing, else after the last of them has flushed —
 * and never before: an answer piped to a reader that is slow to read arrives whole.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { exitWhenWritten, type OutputStream } from '../../../src/cli/exit';
import '../../../src/cli';

/** A stream holding `held` characters, whose empty writes' callbacks run when `flush()` is called. */
function heldStream(held: number): OutputStream & { flush(): void; writes: number } {
  const callbacks: (() => void)[] = [];
  return {
    writableLength: held,
    writes: 0,
    write(chunk, callback) {
      assert.equal(chunk, '');
      this.writes++;
      callbacks.push(callback);
      return true;
    },
    flush: () => callbacks.splice(0).forEach((c) => c()),
  };
}

describe('cli: a one-shot command ends once its output is written (cli/exit.ts)', () => {
  it('exits at once, with the code, when neither stream holds anything (nothing written to them)', () => {
    const codes: number[] = [];
    const out = heldStream(0);
    const err = heldStream(0);
    exitWhenWritten(2, (c) => codes.push(c), [out, err]);
    assert.deepEqual(codes, [2]);
    assert.equal(out.writes + err.writes, 0);
  });
  it('waits for every stream that holds something, then exits once', () => {
    const codes: number[] = [];
    const out = heldStream(98_395);
    const err = heldStream(10);
    const idle = heldStream(0);
    exitWhenWritten(0, (c) => codes.push(c), [out, err, idle]);
    assert.deepEqual(codes, []);
    out.flush();
    assert.deepEqual(codes, []);
    err.flush();
    assert.deepEqual(codes, [0]);
    assert.equal(idle.writes, 0);
  });
  it('a large answer through a pipe to a reader that waits before reading arrives whole, with exit 0', function () {
    this.timeout(30_000);
    const cli = join(__dirname, '..', '..', '..', 'src', 'cli.js');
    const layers = Array.from({ length: 200 }, (_, k) => `    h = np.tanh(W${k + 1} @ h)`).join('\n');
    const expr = `def loss(x, y):\n    h = x\n${layers}\n    return np.linalg.norm(h - y)**2`;
    const where = `${Array.from({ length: 200 }, (_, k) => `W${k + 1}`).join(', ')}: matrix(n, n); x, y: vector(n)`;
    const args = [cli, 'derive', expr, '--where', where, '--wrt', 'W1', '--layout', 'mixed', '--from', 'numpy', '--json'];
    const direct = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(direct.status, 0, direct.stderr);
    assert.ok(direct.stdout.length > 65_536, `${direct.stdout.length} characters: more than a pipe's buffer`);
    const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const slow = spawnSync('bash', ['-c', `${quoted} | (sleep 0.3; cat); echo "exit \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(slow.stderr.trim(), 'exit 0');
    assert.equal(slow.stdout, direct.stdout);
  });
});
