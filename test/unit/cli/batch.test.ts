/**
 * The `matcalc batch` protocol (README "Batch mode", docs/reliability.md §7), against the compiled
 * CLI in a child process. The load probes (test/fuzz/batch.ts) run here at reduced sizes; `npm run
 * fuzz -- --only batch` runs them at full size.
 */
import * as assert from 'node:assert/strict';
import '../../../src/cli';
import { spawnSync } from 'node:child_process';
import { CLI, backpressure, batch, closedStdout, distinctRequests, firstAnswerWhileStreaming, longLine, sigterm } from '../../fuzz/batch';

interface Problem {
  message: string;
  code: string;
  source: string;
  start?: number;
  end?: number;
}
type Answer = { id?: string | number; ok: boolean; error?: Problem; result?: { text: string }; [k: string]: unknown };

const answers = async (...requests: string[]): Promise<Answer[]> => {
  const r = await batch(requests.join('\n'));
  assert.equal(r.finished.code, 0, r.finished.err);
  assert.equal(r.finished.err, '');
  return r.answers as Answer[];
};

/** Every error object has message, code and source, and a span only as a pair of integers. */
function wellFormed(a: Answer): void {
  if (a.ok) return;
  const e = a.error as Problem;
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0);
  assert.equal(typeof e.code, 'string');
  assert.equal(typeof e.source, 'string');
  assert.equal(e.start === undefined, e.end === undefined);
  if (e.start !== undefined) assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start <= (e.end as number));
}

describe('cli batch: the protocol', function () {
  this.timeout(60_000);

  it('echoes an "id" (string or number) in its answer, errors included', async () => {
    const a = await answers(
      JSON.stringify({ id: 'a-1', expr: "x'*x", wrt: 'x' }),
      JSON.stringify({ id: 42, expr: 'A*' }),
      JSON.stringify({ id: { nested: 1 }, expr: 'x' }),
      JSON.stringify({ expr: 'x' }),
    );
    assert.deepEqual(a.map((x) => x.id), ['a-1', 42, undefined, undefined]);
    assert.equal(a[0].result?.text, "2*x'");
    assert.equal(a[1].ok, false);
    assert.equal(a[2].error?.source, 'id');
    assert.equal(Object.keys(a[0])[0], 'id');
  });

  it('"wrt" with several variables that are not all scalars answers one result per variable, as derive --wrt W,b --json does', async () => {
    const where = 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k)';
    const expr = "sum(sum((X*W + ones(N, 1)*b' - Y).^2))/N";
    const [list, text, code, scalars] = await answers(
      JSON.stringify({ id: 1, expr, where, wrt: ['W', 'b'], layout: 'denominator', check: true }),
      JSON.stringify({ id: 2, expr, where, wrt: 'W,b', layout: 'denominator', emit: 'text' }),
      JSON.stringify({ id: 3, expr, where, wrt: ['W', 'b'], emit: 'numpy' }),
      JSON.stringify({ id: 4, expr: 'x^2*y', where: 'x: scalar; y: scalar', wrt: ['x', 'y'], emit: 'text' }),
    );
    assert.equal(list.ok, true, JSON.stringify(list));
    assert.deepEqual(list.wrt, ['W', 'b']);
    const results = list.results as { wrt: string[]; result: { unicode: string }; check: { passed: boolean } }[];
    assert.deepEqual(results.map((r) => [r.wrt, r.result.unicode, r.check.passed]), [[['W'], '2Xᵀ(XW + 𝟏bᵀ − Y)/N', true], [['b'], '2(XW + 𝟏bᵀ − Y)ᵀ𝟏/N', true]]);
    assert.deepEqual(text.results, [{ text: "2/N*X'*(X*W + ones(N)*b' - Y)" }, { text: "2/N*(X*W + ones(N)*b' - Y)'*ones(N)" }]);
    assert.equal((code.results as { code: string }[]).length, 2);
    assert.match((code.results as { code: string }[])[1].code, /def derivative\(/);
    // Scalars stack into one gradient, as before.
    assert.equal(scalars.text, "[2*x*y, x^2]'");
    // The same fields as derive's: one CLI answer per variable, each the batch's.
    const cli = spawnSync(process.execPath, [CLI, 'derive', expr, '--wrt', 'W,b', '--where', where, '--layout', 'denominator', '--check', '--json'], { encoding: 'utf8' });
    const fromCli = JSON.parse(cli.stdout) as { wrt: string[]; results: { result: unknown }[] };
    assert.deepEqual(fromCli.wrt, list.wrt);
    assert.deepEqual(fromCli.results.map((r) => r.result), results.map((r) => r.result));
  });

  it('"\\r", "\\r\\n" and "\\n" end lines; blank and whitespace-only lines are skipped (no answer)', async () => {
    const r = await batch('{"id":1,"expr":"x"}\r{"id":2,"expr":"x"}\r\n\r\n  \t\n\n{"id":3,"expr":"x"}\r');
    assert.deepEqual(r.answers.map((x) => x.id), [1, 2, 3]);
    // A "\r\n" split between two writes is one line ending.
    const r2 = await batch('{"id":1,"expr":"x"}\r\n{"id":2,"expr":"x"}');
    assert.deepEqual(r2.answers.map((x) => x.id), [1, 2]);
  });

  it('every field is validated: a wrong type or value is an error naming the field, never a default', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ expr: 'x', order: 3 }, 'order'],
      [{ expr: 'x', order: '2' }, 'order'],
      [{ expr: 'x', layout: 'Denominator' }, 'layout'],
      [{ expr: 'x', check: 'true' }, 'check'],
      [{ expr: 'x', steps: 1 }, 'steps'],
      [{ expr: 'x', where: 42 }, 'where'],
      [{ expr: 'x', from: 'python' }, 'from'],
      [{ expr: 'x', granularity: 'short' }, 'granularity'],
      [{ expr: 'x', emit: 'pdf' }, 'emit'],
      [{ expr: 'x', wrt: 7 }, 'wrt'],
      [{ expr: 'x', wrt: ['x', 1] }, 'wrt'],
      [{ expr: 'x', timeLimitMs: -5 }, 'timeLimitMs'],
      [{ expr: 'x', timeLimitMs: 1e9 }, 'timeLimitMs'],
      [{ expr: 'x', outputLimit: 0 }, 'outputLimit'],
      [{ expr: 'x', outputLimit: 1.5 }, 'outputLimit'],
      [{ expr: 'x', id: null }, 'id'],
      [{ expr: 'x', id: true }, 'id'],
      [{ expr: 42 }, 'expr'],
      [{ wrt: 'x' }, 'expr'],
      [{ expr: 'x', wtr: 'x' }, 'wtr'],
    ];
    const a = await answers(...bad.map(([r]) => JSON.stringify(r)));
    a.forEach((x, i) => {
      assert.equal(x.ok, false, JSON.stringify(bad[i][0]));
      assert.equal(x.error?.code, 'request.invalid-field');
      assert.equal(x.error?.source, bad[i][1], JSON.stringify(bad[i][0]));
      wellFormed(x);
    });
  });

  it('a refused value is quoted in the message, so the author sees what was sent', async () => {
    const a = await answers(
      JSON.stringify({ expr: 'x', layout: 'Denominator' }),
      JSON.stringify({ expr: 'x', order: '2' }),
      JSON.stringify({ expr: 'x', emit: 'p'.repeat(500) }),
    );
    assert.equal(a[0].error?.message, '"layout" must be one of "numerator", "denominator", "mixed", not the string "Denominator"');
    assert.equal(a[1].error?.message, '"order" must be the number 1 or 2, not the string "2"');
    // A long value is shortened: the message stays a line a person reads.
    assert.ok((a[2].error?.message.length ?? 0) < 200, a[2].error?.message);
    assert.match(a[2].error?.message ?? '', /not the string "p+…"$/);
  });

  it('valid values of every field are accepted', async () => {
    const a = await answers(JSON.stringify({
      id: 1, expr: "x'*A*x", wrt: ['x'], where: 'x: vector(n); A: matrix(n, n)', layout: 'denominator', order: 2,
      from: 'plain', check: true, steps: false, granularity: 'summary', timeLimitMs: 5000,
    }), JSON.stringify({ expr: "x'*x", emit: 'text' }), JSON.stringify({ expr: "x'*x", emit: 'latex' }));
    assert.equal(a[0].ok, true, JSON.stringify(a[0].error));
    assert.equal(a[0].result?.text, "A + A'");
    assert.deepEqual(a[1], { ok: true, text: "2*x'" });
    assert.deepEqual(a[2], { ok: true, latex: '2\\mathbf{x}^{\\top}' });
  });

  it('every error has message, code and source, and start/end where it points somewhere', async () => {
    const a = await answers('not json', '[1, 2]', '"x"', '{"expr": "A*"}', '{"expr": "x", "where": "x: vector(n"}', '{"expr": "x*y", "wrt": "z", "where": "x, y: scalar"}', '{"expr":"x",}');
    a.forEach(wellFormed);
    assert.deepEqual(a.map((x) => x.error?.source), ['line', 'line', 'line', 'expr', 'where', 'wrt', 'line']);
    assert.deepEqual(a.map((x) => x.error?.code).slice(0, 3), ['request.json', 'request.not-object', 'request.not-object']);
    assert.equal(a[6].error?.start, 12);
  });

  it('invalid JSON points at the character where the line stops being JSON, also where V8 names no position', async () => {
    const lines = ['notjson', '{"expr": nope}', '{"expr": "x"} x', '{"expr": "x",}', '{"expr": "x"', '  @'];
    const a = await answers(...lines);
    a.forEach(wellFormed);
    assert.deepEqual(a.map((x) => x.error?.code), lines.map(() => 'request.json'));
    assert.deepEqual(a.map((x) => x.error?.start), [1, 10, 14, 13, 12, 2]);
  });

  it('a "wrt" nested 20,000 deep is a clean field error, not internal', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const a = await answers(`{"expr": "x", "wrt": ${deep}}`, `{"expr": "x", "where": ${deep}}`, '{"id": 3, "expr": "x"}');
    assert.equal(a[0].error?.code, 'request.invalid-field');
    assert.equal(a[0].error?.source, 'wrt');
    assert.equal(a[1].error?.source, 'where');
    assert.equal(a[2].id, 3);
  });

  it('U+2028, U+2029 and U+0085 are escaped in answers (an answer is one line to every reader)', async () => {
    const r = await batch('{"id": "\u2028\u2029\u0085", "expr": "x\u2028y\u0085"}\n');
    assert.doesNotMatch(r.raw, /[\u2028\u2029\u0085]/);
    assert.match(r.raw, /\\u2028\\u2029\\u0085/);
    assert.equal(r.answers[0].id, '\u2028\u2029\u0085');
  });

  it('the chained assignments that crashed the batch (issue 17) are answered in the binding form; past the output limit, limit.output', async () => {
    // 13 chained assignments: the written tree is exponentially larger than the DAG (issue 17).
    const body = Array.from({ length: 13 }, (_, i) => `    u${i + 1} = np.sin(u${i}) * np.cos(u${i})`).join('\n');
    const chain = `def f(x):\n    u0 = x\n${body}\n    return np.sum(u13)`;
    const a = await answers(
      // A generous time budget: a loaded machine must not turn this into limit.time.
      JSON.stringify({ id: 1, expr: chain, wrt: 'x', where: 'x: vector(n)', timeLimitMs: 60_000 }),
      JSON.stringify({ id: 2, expr: chain, wrt: 'x', where: 'x: vector(n)', outputLimit: 200, timeLimitMs: 60_000 }),
      JSON.stringify({ id: 3, expr: 'sin(x) .* cos(x)', wrt: 'x' }),
    );
    assert.deepEqual(a.map((x) => x.error?.code), [undefined, 'limit.output', undefined]);
    a.forEach(wellFormed);
    assert.match(a[0].result?.text ?? '', / where u1 = sin\(x\) \.\* cos\(x\), u2 = sin\(u1\) \.\* cos\(u1\), /);
    assert.ok(JSON.stringify(a[0]).length < 20_000, 'the answer is linear in the expression, not 2^13');
    assert.equal(a[2].ok, true);
  });

  it('a check that cannot run says so and why, through the CLI: not a failure, no NaN, exit 0', async () => {
    const request = { id: 'big', expr: 'sum(x)', where: 'x: vector(100000000)', wrt: 'x', check: true };
    const [a] = await answers(JSON.stringify(request));
    assert.equal(a.ok, true);
    const check = a.check as { status: string; samples: number; passed: boolean; maxRelError: unknown; diagnostic: { code: string; message: string } };
    assert.equal(check.status, 'not-run');
    assert.equal(check.samples, 0);
    assert.equal(check.diagnostic.code, 'limit.check-size');
    assert.match(check.diagnostic.message, /100,000,000 entries, at most 256 are checked/);
    // The human output of `derive --check` says "not run" and why, never "NaN over 0 random points (FAILED)".
    const human = spawnSync(process.execPath, [CLI, 'derive', 'sum(x)', '--where', 'x: vector(100000000)', '--wrt', 'x', '--check'], { encoding: 'utf8' });
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, /numerical check: not run: checking numerically with respect to x would perturb 100,000,000 entries/);
    assert.doesNotMatch(human.stdout, /NaN|FAILED/);
  });

  it('a line over the maximum length is answered with request.too-long, and the next line is answered', async () => {
    await longLine(3);
  });

  it('backpressure: reading stops while the answers are not read; nothing is lost', async () => {
    await backpressure(4_000);
  });

  it('a closed stdout (| head -1) ends the process quietly, exit 0', async () => {
    await closedStdout(5_000);
  });

  it('SIGTERM: the answer being written is finished, then exit 143', async () => {
    await sigterm(20_000);
  });

  it('answers stream: the first arrives while the input is still open', async () => {
    await firstAnswerWhileStreaming();
  });

  it('many distinct requests are answered, all of them, within 300 MB (1,000,000 of them: npm run fuzz, npm run bench)', async () => {
    // 8,000 requests empty the hash-consing table (and collect) a few times.
    await distinctRequests(8_000, 300);
  });
});
