/**
 * Probes of the `matcalc batch` protocol under load, run against the compiled CLI in a child
 * process. Each takes its sizes as arguments: test/unit/cli/batch.test.ts runs them small in
 * `npm test`, `npm run fuzz` (test/fuzz/run.ts, `--only batch`) at full size. Each returns what it
 * measured and throws an AssertionError when the protocol broke.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'src', 'cli.js');

export function startBatch(): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, 'batch'], { stdio: 'pipe' });
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly err: string;
}

/** Collects stderr and resolves at exit. */
function exited(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (err += s));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, err })));
}

/** Calls `onLine` for every complete output line. */
function lines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void {
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    const parts = (rest + s).split('\n');
    rest = parts.pop() as string;
    for (const p of parts) onLine(p);
  });
}

/** Writes text to the child's stdin respecting backpressure; resolves when all is handed over. */
async function feed(child: ChildProcessWithoutNullStreams, chunks: Iterable<string>, end = true): Promise<void> {
  for (const c of chunks) {
    if (!child.stdin.write(c)) await new Promise<void>((r) => child.stdin.once('drain', () => r()));
  }
  if (end) child.stdin.end();
}

/** Peak resident memory of a running process, kB (Linux /proc), or undefined elsewhere. */
export function peakRssKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a whole input through batch; the parsed answers (and the raw output). */
export async function batch(input: string): Promise<{ answers: Record<string, unknown>[]; raw: string; finished: Finished }> {
  const child = startBatch();
  const out: string[] = [];
  lines(child, (l) => out.push(l));
  const done = exited(child);
  await feed(child, [input]);
  const finished = await done;
  return { answers: out.map((l) => JSON.parse(l) as Record<string, unknown>), raw: out.join('\n'), finished };
}

/**
 * A line longer than the maximum (sent in 1 MB chunks, never held by the test either) is answered
 * with request.too-long and the line after it is answered as usual.
 */
export async function longLine(megabytes: number): Promise<{ peakRssKb?: number }> {
  const child = startBatch();
  const out: string[] = [];
  lines(child, (l) => out.push(l));
  const done = exited(child);
  const mb = 'x+'.repeat(1 << 19);
  function* chunks(): Generator<string> {
    yield '{"id": "long", "expr": "';
    for (let i = 0; i < megabytes; i++) yield mb;
    yield 'x"}\n{"id": "next", "expr": "x*y", "wrt": "y", "where": "x, y: scalar"}\n';
  }
  let peak: number | undefined;
  const poll = setInterval(() => (peak = peakRssKb(child.pid as number) ?? peak), 200);
  await feed(child, chunks());
  const finished = await done;
  clearInterval(poll);
  assert.equal(finished.code, 0, finished.err);
  assert.equal(finished.err, '');
  assert.equal(out.length, 2, `two answers expected, got ${out.length}`);
  const [first, second] = out.map((l) => JSON.parse(l) as { id?: string; ok: boolean; error?: { code: string; source: string }; result?: { text: string } });
  assert.equal(first.ok, false);
  assert.equal(first.error?.code, 'request.too-long');
  assert.equal(first.error?.source, 'line');
  assert.equal(second.id, 'next');
  assert.equal(second.result?.text, 'x');
  return { peakRssKb: peak };
}

/**
 * Backpressure: while nobody reads the answers, the CLI stops reading requests (the test's writes
 * stay buffered on its side); once the answers are read, every request is answered, in order.
 */
export async function backpressure(requests: number): Promise<{ unsentWhileBlocked: number; answered: number }> {
  const child = startBatch();
  const done = exited(child);
  child.stdout.pause();
  // Cheap requests padded with spaces (valid JSON): megabytes of input, quickly answered.
  const line = (i: number): string => `${JSON.stringify({ id: i, expr: `A*x + ${i}`, wrt: 'x' })}${' '.repeat(1000)}\n`;
  for (let i = 0; i < requests; i++) child.stdin.write(line(i));
  child.stdin.end();
  // Time for the CLI to fill the stdout pipe and stop; then what it has not taken is still ours.
  await new Promise((r) => setTimeout(r, 1500));
  const unsentWhileBlocked = child.stdin.writableLength;
  assert.ok(unsentWhileBlocked > 0, 'the CLI read every request although nobody read its answers (no backpressure)');
  let next = 0;
  lines(child, (l) => {
    const a = JSON.parse(l) as { id: number; ok: boolean };
    assert.equal(a.id, next, 'answers out of order');
    assert.equal(a.ok, true);
    next++;
  });
  child.stdout.resume();
  const finished = await done;
  assert.equal(finished.code, 0, finished.err);
  assert.equal(next, requests, 'answers lost');
  return { unsentWhileBlocked, answered: next };
}

/** `matcalc batch | head -1`: the reader closes the pipe after one answer; the CLI ends quietly. */
export async function closedStdout(requests: number): Promise<Finished> {
  const child = startBatch();
  const done = exited(child);
  child.stdin.on('error', () => undefined); // the CLI may be gone before all requests are written
  let got = 0;
  lines(child, () => {
    if (++got === 1) child.stdout.destroy();
  });
  void feed(child, Array.from({ length: requests }, (_, i) => `{"expr": "x*${i}"}\n`)).catch(() => undefined);
  const finished = await done;
  assert.equal(finished.err, '', 'something was written to stderr');
  assert.equal(finished.code, 0);
  return finished;
}

/** SIGTERM while answering: every line written is a whole answer, then the process exits 143. */
export async function sigterm(requests: number): Promise<{ answered: number }> {
  const child = startBatch();
  const done = exited(child);
  child.stdin.on('error', () => undefined);
  let raw = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    if (raw.length === 0) child.kill('SIGTERM');
    raw += s;
  });
  void feed(child, Array.from({ length: requests }, (_, i) => `{"id": ${i}, "expr": "norm2(A*x - b)^2 + ${i}", "wrt": "x"}\n`), false).catch(() => undefined);
  const finished = await done;
  assert.equal(finished.code, 143, finished.err);
  assert.equal(finished.err, '');
  assert.ok(raw.endsWith('\n'), 'the last answer was cut off');
  const answers = raw.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number });
  answers.forEach((a, i) => assert.equal(a.id, i));
  assert.ok(answers.length < requests, 'SIGTERM did not stop the batch');
  return { answered: answers.length };
}

/**
 * Memory over many distinct requests (each with its own variable names, so nothing is shared):
 * the peak resident memory of the CLI, kB, at most `maxRssMb` (Linux; elsewhere not measured).
 */
export async function distinctRequests(count: number, maxRssMb?: number): Promise<{ peakRssKb?: number; answered: number }> {
  const child = startBatch();
  const done = exited(child);
  let answered = 0;
  lines(child, (l) => {
    assert.match(l, /^\{"id":\d+,"ok":true/);
    answered++;
  });
  let peak: number | undefined;
  const poll = setInterval(() => (peak = peakRssKb(child.pid as number) ?? peak), 250);
  function* requests(): Generator<string> {
    for (let i = 0; i < count; i++) {
      yield `{"id":${i},"expr":"sin(x${i})*y${i % 97} + ${i}","wrt":"x${i}","where":"x${i}: scalar"}\n`;
    }
  }
  await feed(child, requests());
  const finished = await done;
  clearInterval(poll);
  assert.equal(finished.code, 0, finished.err);
  assert.equal(answered, count);
  if (maxRssMb !== undefined && peak !== undefined) {
    assert.ok(peak / 1024 <= maxRssMb, `peak RSS ${(peak / 1024).toFixed(0)} MB over ${count} distinct requests, more than ${maxRssMb} MB`);
  }
  return { peakRssKb: peak, answered };
}

/** The first answer arrives while the input is still open (answers are not held back until the end). */
export async function firstAnswerWhileStreaming(): Promise<{ ms: number }> {
  const child = startBatch();
  const done = exited(child);
  const t0 = performance.now();
  const first = new Promise<number>((resolve) => lines(child, () => resolve(performance.now() - t0)));
  child.stdin.write('{"expr": "x\'*A*x", "wrt": "x"}\n');
  const ms = await first;
  child.stdin.end();
  assert.equal((await done).code, 0);
  return { ms };
}
