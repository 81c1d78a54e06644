/**
 * Part "deep": deep expressions end to end through `node dist/cli.js` (issue 17), on their own so
 * that they can be measured without the cli part's million requests:
 *   - MLP L = 256 (NumPy, one reassignment per layer): `matcalc derive` as a whole process (wall,
 *     and CPU from bash's `times`), and as batch requests, the first (cold) and, after warm-up
 *     requests, the steady state (the cli part's `mlp`, the same figures);
 *   - the derivation steps of sin(sin(…sin(x)…)) 10,000 deep, x scalar (`steps: true`) as batch
 *     requests within the default 2 s budget: each request with a variable of its own name (x1,
 *     x2, …), so that nothing of an earlier request is remembered (the core remembers derivatives
 *     and presentations per node) — the first (cold), then `reps` after `warm` others: wall time,
 *     the batch process's CPU per request, and how each was answered (ok, or the error's code).
 *
 *   node bench/run.mjs --parts deep [--quick]
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { batchProcess, cpuSecondsOf, mlp, mlpNumpy, processCpuMs } from './cli.mjs';
import { median, round } from '../lib/stats.mjs';

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** sin(sin(…sin(v)…)) `levels` deep with its steps, in a variable of its own. */
function sinSteps(levels, v) {
  return { expr: `${'sin('.repeat(levels)}${v}${')'.repeat(levels)}`, where: `${v}: scalar`, wrt: [v], steps: true };
}

async function deepSteps(cli, levels, reps, warm) {
  const b = batchProcess(cli);
  let k = 0;
  const send = async () => {
    const t0 = nowMs();
    const answer = JSON.parse(await b.send(JSON.stringify(sinSteps(levels, `x${++k}`))));
    return { ms: nowMs() - t0, answer };
  };
  const first = await send();
  for (let i = 0; i < warm; i++) await send();
  const wall = [];
  const outcomes = {};
  let chars = 0;
  const cpu0 = cpuSecondsOf(b.child.pid);
  for (let i = 0; i < reps; i++) {
    const { ms, answer } = await send();
    wall.push(ms);
    const outcome = answer.ok ? 'ok' : answer.error.code;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (answer.ok) chars = JSON.stringify(answer).length;
  }
  const cpu1 = cpuSecondsOf(b.child.pid);
  await b.close();
  return {
    levels,
    firstRequestMs: round(first.ms),
    firstOutcome: first.answer.ok ? 'ok' : first.answer.error.code,
    warmupRequests: warm,
    requestMedianMs: round(median(wall)),
    requestCpuMs: cpu0 === undefined || cpu1 === undefined ? null : round(((cpu1 - cpu0) * 1000) / reps),
    outcomes,
    answerChars: chars,
  };
}

export async function runDeep(root, { quick = false, log = () => {} } = {}) {
  const build = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const cli = path.join(root, 'dist', 'cli.js');
  const q = mlpNumpy(256);
  const mlpArgs = [cli, 'derive', q.expr, '--where', q.where, '--wrt', 'W1', '--layout', 'mixed', '--from', 'numpy'];
  const processCpu = processCpuMs({ nodeE0: ['-e', '0'], deriveMlp256: mlpArgs }, quick ? 3 : 10);
  log(`[deep] CPU per process: node -e 0 ${processCpu.nodeE0} ms, derive MLP L=256 ${processCpu.deriveMlp256} ms`);
  const mlp256 = await mlp(cli, 256, quick ? 3 : 20, quick ? 5 : 20);
  log(`[deep] MLP L=256: derive process ${mlp256.deriveProcessMedianMs} ms, batch request ${mlp256.batchRequestMedianMs} ms wall, ${mlp256.batchRequestCpuMs} ms CPU`);
  const sin = await deepSteps(cli, 10_000, quick ? 2 : 6, quick ? 1 : 2);
  log(`[deep] steps of sin 10,000 deep: ${sin.requestMedianMs} ms wall, ${sin.requestCpuMs} ms CPU per request; ${JSON.stringify(sin.outcomes)}`);
  return { processCpuMs: processCpu, mlp256, sinSteps: sin };
}
