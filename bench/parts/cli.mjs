/**
 * Part "cli": the product end to end, as a script author runs it (issue 17) — `node dist/cli.js`
 * in a child process, JSON Lines through `matcalc batch`:
 *   - batch latency on the corpus: one request at a time, from writing the line to reading its
 *     answer (JSON, pipes and the CLI's own work included), warm, requests interleaved as a script
 *     sends them; throughput (all requests piped at once: CPU and wall per request, a mean); and
 *     pipelined (windows of 20 distinct corpus requests in flight: time per answer, median over windows).
 *     The batch remembers recent answers (src/cli/batch/cache.ts), keyed by every field but the id:
 *     these figures send requests it has not answered before (`fresh`: each round's copy of a request
 *     has its own time limit, which changes the key and nothing else), so they measure the work; one
 *     more figure sends the corpus again as it was answered (answers from memory);
 *   - the same requests through the core's derive() in this process, interleaved the same way and
 *     after as many rounds, for the ratio end to end / core (both warm);
 *   - the batch beside the bare core in a child process (each request to both, one at a time): both
 *     as fresh, then as warm, as each other — what the batch process itself adds;
 *   - MLP L = 256 (NumPy, one reassignment per layer) through `matcalc derive` (a whole process) and
 *     as a batch request: the first (cold) and, after warm-up requests, the steady state;
 *   - time to the first answer while the input is still open;
 *   - the floors at this load: the pipe round trip to a child that answers each line at once, and
 *     the start of `node -e 0` (every `matcalc derive` pays it);
 *   - CPU time of whole processes (mean of several): `node -e 0`, `matcalc --help`, a small
 *     `matcalc derive` and the MLP L = 256 one (start-up: dist/cli.js with its code cache);
 *   - peak resident memory over many distinct batch requests (1,000,000; --quick 20,000).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCorpus } from './corpus.mjs';
import { median, p95, round } from '../lib/stats.mjs';

export const requestOf = (c) => ({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order ?? 1, layout: c.layout });

/**
 * A request line the batch has not answered before, asking the same as `request`: the k-th fresh copy
 * has a time limit of its own just above the default 2 s (an exact binary fraction of a millisecond),
 * so its answer is computed (not remembered) and is the same answer.
 */
export const fresh = (request, k) => JSON.stringify({ ...request, timeLimitMs: 2000 + (k + 1) / 1024 });
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * A child that answers each line at once with a fixed line: the pipe round trip and the two process
 * wake-ups every batch request pays, whatever the work — the floor of the batch latency on this
 * machine at this load.
 */
const ECHO = "let r='';process.stdin.setEncoding('utf8');process.stdin.on('data',(s)=>{const p=(r+s).split('\\n');r=p.pop();for(const _ of p)process.stdout.write('{\"ok\":true}\\n');});";

/**
 * The core alone in a child process, behind the simplest line protocol: each line parsed, derive(),
 * the answer written as one JSON line — for a request without id, emit or claim, the line `matcalc
 * batch` writes (no field check, no memory of answers, no escaping; a refusal is only {"ok":false}).
 * Its argument: the core's bundle (dist/core.js). Side by side with the batch (batchOverBareCore),
 * it tells the batch process's own cost apart from the core's and from the JIT's warmth.
 */
const BARE_CORE =
  "const core=require(process.argv[1]);let r='';process.stdin.setEncoding('utf8');process.stdin.on('data',(s)=>{const p=(r+s).split('\\n');r=p.pop();for(const l of p){const a=core.derive(JSON.parse(l));process.stdout.write(JSON.stringify(a.ok?{ok:true,...a.value}:{ok:false})+'\\n');}});";

/** A running `matcalc batch` (or, with `args`, another child speaking lines): send(line) resolves with the answer line. */
export function batchProcess(cli, args = [cli, 'batch']) {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => {
    const parts = (rest + s).split('\n');
    rest = parts.pop();
    for (const p of parts) waiting.shift()?.(p);
  });
  return {
    child,
    send: (line) => new Promise((resolve) => {
      waiting.push(resolve);
      child.stdin.write(`${line}\n`);
    }),
    close: () => new Promise((resolve) => {
      child.on('close', resolve);
      child.stdin.end();
    }),
  };
}

/** CPU seconds (user + system) a running process has used (Linux /proc), or undefined. */
export function cpuSecondsOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function peakRssKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Per request, one at a time: the wall times (ms) and the mean CPU time of the answering process (ms)
 * over `rounds` rounds after one warm-up round; `linesOf(k)` is the k-th round's lines. With `later`,
 * the same again after `later.warm` more unmeasured rounds in the same process (the JIT's steady
 * state: a batch process is still getting faster after thousands of requests, and the in-process
 * core figure is measured warm), and with `later.remembered` then `rounds` rounds of the last
 * round's lines again (requests the process has just answered: their answers come from memory).
 */
export async function latency(cli, linesOf, rounds, args, later) {
  const b = batchProcess(cli, args);
  let k = 0;
  for (const l of linesOf(k++)) await b.send(l); // warm-up round
  const measure = async (next) => {
    const ms = [];
    const cpu0 = cpuSecondsOf(b.child.pid);
    for (let r = 0; r < rounds; r++) {
      for (const l of next()) {
        const t0 = nowMs();
        await b.send(l);
        ms.push(nowMs() - t0);
      }
    }
    const cpu1 = cpuSecondsOf(b.child.pid);
    return { ms, cpuMeanMs: cpu0 === undefined || cpu1 === undefined ? null : round(((cpu1 - cpu0) * 1000) / ms.length, 4) };
  };
  const first = await measure(() => linesOf(k++));
  let warm;
  let remembered;
  if (later) {
    for (let r = 0; r < later.warm; r++) for (const l of linesOf(k++)) await b.send(l);
    warm = await measure(() => linesOf(k++));
    if (later.remembered) {
      const last = linesOf(k - 1);
      remembered = await measure(() => last);
    }
  }
  await b.close();
  return { ...first, warm, remembered };
}

/**
 * `matcalc batch` and the bare core (BARE_CORE), two fresh processes side by side: every request
 * line sent to one and then to the other (which goes first alternating), one at a time — one
 * warm-up round, `rounds` timed rounds (cold), `warm` more rounds, `rounds` timed rounds again.
 * Both are as fresh or as warm as each other and share the moment's load, so the difference of
 * their medians is what the batch process adds (reading and checking the request, its key, writing
 * the answer as JSON with escapes, the loop), apart from the core and the JIT's state, which the
 * in-process figure (coreInterleaved, measured in this process after the other parts' thousands of
 * calls) does not share. `answersDiffer` counts requests answered differently (expected 0).
 */
export async function besideBareCore(cli, coreBundle, linesOf, rounds, warm) {
  const both = [batchProcess(cli), batchProcess(coreBundle, ['-e', BARE_CORE, coreBundle])];
  let k = 0;
  let differ = 0;
  let turn = 0;
  const roundsOf = async (n, timed) => {
    const ms = [[], []];
    const cpu0 = both.map((b) => cpuSecondsOf(b.child.pid));
    for (let r = 0; r < n; r++) {
      for (const l of linesOf(k++)) {
        const order = turn++ % 2 === 0 ? [0, 1] : [1, 0];
        const answers = [];
        for (const i of order) {
          const t0 = nowMs();
          answers[i] = await both[i].send(l);
          if (timed) ms[i].push(nowMs() - t0);
        }
        if (answers[0] !== answers[1]) differ++;
      }
    }
    const cpu1 = both.map((b) => cpuSecondsOf(b.child.pid));
    const cpu = (i) => (cpu0[i] === undefined || cpu1[i] === undefined || ms[i].length === 0 ? null : round(((cpu1[i] - cpu0[i]) * 1000) / ms[i].length, 4));
    return { batchMedianMs: round(median(ms[0])), bareMedianMs: round(median(ms[1])), batchCpuMeanMs: cpu(0), bareCpuMeanMs: cpu(1) };
  };
  await roundsOf(1, false);
  const cold = await roundsOf(rounds, true);
  await roundsOf(warm, false);
  const hot = await roundsOf(rounds, true);
  await Promise.all(both.map((b) => b.close()));
  return { requests: linesOf(0).length * rounds, afterRounds: 1 + rounds + warm, cold, warm: hot, answersDiffer: differ };
}

/** All rounds piped at once; `linesOf(k)`: the k-th round's lines. */
async function throughput(cli, linesOf, rounds) {
  const child = spawn(process.execPath, [cli, 'batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let answers = 0;
  let cpu;
  const n = linesOf(0).length * rounds;
  child.stdout.on('data', (b) => {
    for (const c of b) if (c === 10) answers++;
    if (answers === n) cpu = cpuSecondsOf(child.pid);
  });
  const t0 = nowMs();
  const done = new Promise((resolve) => child.on('close', resolve));
  for (let r = 0; r < rounds; r++) {
    if (!child.stdin.write(`${linesOf(r).join('\n')}\n`)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  await done;
  return { requests: n, wallMsPerRequest: round((nowMs() - t0) / n), cpuMsPerRequest: cpu === undefined ? null : round((cpu * 1000) / n) };
}

/**
 * Pipelined: one batch process (warmed by one round of the corpus); for each case i, the `window`
 * corpus requests i, i+1, …, i+window−1 (cyclically; each a fresh copy, computed, none answered from
 * the batch's memory) written at once, timed from the write to the last answer and divided by
 * `window` — the time per answer while many requests are in flight, so the pipe's latency and the
 * process wake-ups are shared by the burst instead of paid by each request. The requests in flight
 * are distinct, as a script's are: before 2026-12-06 they were copies of one request, whose
 * differentiation and layout the core remembers from the copy before (calculus/derive.ts
 * RECENT_DERIVATIVES), so all copies but the first were partly lookups. Returns the per-window
 * times per answer (ms, wall) and the CPU of the whole measurement per request.
 */
async function pipelined(cli, requests, window, rounds) {
  const b = batchProcess(cli);
  for (const q of requests) await b.send(fresh(q, 0)); // warm-up round
  const perCase = requests.map(() => []);
  const cpu0 = cpuSecondsOf(b.child.pid);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < requests.length; i++) {
      const t0 = nowMs();
      const answers = [];
      for (let k = 0; k < window; k++) answers.push(b.send(fresh(requests[(i + k) % requests.length], 1 + r * requests.length + i)));
      await Promise.all(answers);
      perCase[i].push((nowMs() - t0) / window);
    }
  }
  const cpu1 = cpuSecondsOf(b.child.pid);
  await b.close();
  const n = requests.length * window * rounds;
  return { perCaseMs: perCase.map(median), cpuMeanMs: cpu0 === undefined || cpu1 === undefined ? null : round(((cpu1 - cpu0) * 1000) / n, 4) };
}

/** The core's derive() in this process, after `warm` rounds (as warm as the batch process it is compared with). */
function coreInterleaved(core, requests, rounds, warm) {
  for (let r = 0; r < warm; r++) for (const q of requests) JSON.stringify(core.derive(q));
  const ms = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of requests) {
      const t0 = nowMs();
      JSON.stringify(core.derive(q));
      ms.push(nowMs() - t0);
    }
  }
  return ms;
}

/** The MLP as NumPy code; `tag` (e.g. a number) is appended to the names of x and y, for requests that share no input node. */
export function mlpNumpy(layers, tag = '') {
  const [x, y] = [`x${tag}`, `y${tag}`];
  const body = Array.from({ length: layers }, (_, k) => `    h = np.tanh(W${k + 1} @ h)`);
  const expr = [`def loss(${x}, ${y}):`, `    h = ${x}`, ...body, `    return np.linalg.norm(h - ${y})**2`].join('\n');
  const where = `${Array.from({ length: layers }, (_, k) => `W${k + 1}`).join(', ')}: matrix(n, n); ${x}, ${y}: vector(n)`;
  return { expr, where, wrt: ['W1'], layout: 'mixed', from: 'numpy' };
}

/**
 * MLP L = `layers`: `matcalc derive` as whole processes (`reps`), and in one batch process the first
 * request (cold: nothing compiled yet) and, after `warm` more, `reps` timed requests (the JIT's
 * steady state, as a long-running batch serves a model of this size).
 */
export async function mlp(cli, layers, reps, warm) {
  const req = mlpNumpy(layers);
  const process_ = [];
  let failure;
  for (let i = 0; i < reps; i++) {
    const t0 = nowMs();
    const r = spawnSync(process.execPath, [cli, 'derive', req.expr, '--where', req.where, '--wrt', 'W1', '--layout', 'mixed', '--from', 'numpy'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    process_.push(nowMs() - t0);
    // Reported, not thrown: on a loaded machine the 2 s budget may answer limit.time.
    if (r.status !== 0) failure = `exit ${r.status}: ${r.stderr.split('\n')[0].slice(0, 200)}`;
  }
  const b = batchProcess(cli);
  // Each request new (its own names of x and y, so its own expression, and a time limit up to a
  // minute): computed, never answered from memory — neither the batch's answers nor the core's last
  // derivatives (calculus/derive.ts RECENT_DERIVATIVES, keyed by the expression's node; before
  // 2026-12-06 every request was the same MLP, so all but the first were partly lookups).
  let k = 0;
  const line = () => JSON.stringify({ ...mlpNumpy(layers, k), timeLimitMs: 60_000 - k++ / 1024 });
  const t0 = nowMs();
  await b.send(line());
  const firstMs = nowMs() - t0;
  for (let i = 0; i < warm; i++) await b.send(line());
  const inBatch = [];
  let answer = '';
  const cpu0 = cpuSecondsOf(b.child.pid);
  for (let i = 0; i < reps; i++) {
    const l = line();
    const t1 = nowMs();
    answer = await b.send(l);
    inBatch.push(nowMs() - t1);
  }
  const cpu1 = cpuSecondsOf(b.child.pid);
  await b.close();
  // CPU time (/proc, 10 ms ticks) says what the request costs apart from waiting for a core on a loaded machine.
  const cpuMs = cpu0 === undefined || cpu1 === undefined ? null : round(((cpu1 - cpu0) * 1000) / reps);
  return {
    layers,
    deriveProcessMedianMs: round(median(process_)),
    ...(failure ? { deriveProcessFailure: failure } : {}),
    batchFirstRequestMs: round(firstMs),
    batchWarmupRequests: warm,
    batchRequestMedianMs: round(median(inBatch)),
    batchRequestCpuMs: cpuMs,
    answerChars: answer.length,
    ok: JSON.parse(answer).ok,
  };
}

/** The median time to spawn `node -e 0` and see it exit: the floor of any `matcalc derive` run. */
function nodeStart(reps) {
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = nowMs();
    spawnSync(process.execPath, ['-e', '0']);
    ms.push(nowMs() - t0);
  }
  return round(median(ms));
}

/**
 * CPU time (user + system, ms) of whole processes, the mean over `reps` runs: bash runs them one
 * after another and reports its children's times (`times`, millisecond resolution) — CPU, which the
 * wait for a core on a loaded machine does not inflate as it does wall time. Each command is an
 * argument vector for node.
 */
export function processCpuMs(commands, reps) {
  const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`;
  const out = {};
  for (const [name, args] of Object.entries(commands)) {
    const line = [process.execPath, ...args].map(quote).join(' ');
    const r = spawnSync('bash', ['-c', `for i in $(seq ${reps}); do ${line} >/dev/null 2>&1; done; times`], { encoding: 'utf8' });
    const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/m.exec(r.stdout.trim().split('\n').at(-1) ?? '');
    out[name] = m ? round(((Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000) / reps) : null;
  }
  return out;
}

async function firstAnswer(cli) {
  const t0 = nowMs();
  const b = batchProcess(cli);
  const answer = await b.send(JSON.stringify({ expr: "x'*A*x", wrt: 'x' }));
  const ms = nowMs() - t0;
  await b.close();
  return { fromSpawnMs: round(ms), ok: JSON.parse(answer).ok };
}

async function distinct(cli, count, log) {
  const child = spawn(process.execPath, [cli, 'batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let answered = 0;
  let bad = 0;
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => {
    const parts = (rest + s).split('\n');
    rest = parts.pop();
    for (const p of parts) {
      answered++;
      if (!p.includes('"ok":true')) bad++;
    }
  });
  let peak;
  const poll = setInterval(() => (peak = peakRssKb(child.pid) ?? peak), 250);
  const t0 = nowMs();
  const done = new Promise((resolve) => child.on('close', resolve));
  const chunk = 1000;
  for (let i = 0; i < count; i += chunk) {
    let s = '';
    for (let j = i; j < Math.min(count, i + chunk); j++) s += `{"id":${j},"expr":"sin(x${j})*y${j % 97} + ${j}","wrt":"x${j}","where":"x${j}: scalar"}\n`;
    if (!child.stdin.write(s)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    if (i % 100_000 === 0 && i > 0) log(`[cli] distinct: ${i} sent, peak RSS ${peak} kB`);
  }
  child.stdin.end();
  await done;
  clearInterval(poll);
  return { requests: count, answered, notOk: bad, peakRssMb: peak === undefined ? null : round(peak / 1024), seconds: round((nowMs() - t0) / 1000) };
}

export async function runCli(core, root, { quick = false, log = () => {}, distinctCount } = {}) {
  const build = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const cli = path.join(root, 'dist', 'cli.js');
  const requests = loadCorpus(root).map(requestOf);
  const lines = requests.map((q) => JSON.stringify(q));
  const freshRound = (k) => requests.map((q) => fresh(q, k));
  const rounds = quick ? 1 : 5;

  const warmRounds = quick ? 3 : 20;
  const { ms: e2e, cpuMeanMs: e2eCpu, warm: e2eWarm, remembered } = await latency(cli, freshRound, rounds, undefined, { warm: warmRounds, remembered: true });
  log(`[cli] batch latency: median ${round(median(e2e))} ms over ${e2e.length} requests; after ${warmRounds} more rounds ${round(median(e2eWarm.ms))} ms; answered before ${round(median(remembered.ms))} ms`);
  const beside = await besideBareCore(cli, path.join(root, 'dist', 'core.js'), freshRound, rounds, warmRounds);
  log(`[cli] beside the bare core in a child: cold ${beside.cold.batchMedianMs} vs ${beside.cold.bareMedianMs} ms, warm ${beside.warm.batchMedianMs} vs ${beside.warm.bareMedianMs} ms (${beside.answersDiffer} answers differ)`);
  const { ms: floor, cpuMeanMs: floorCpu } = await latency(cli, () => lines, rounds, ['-e', ECHO]);
  log(`[cli] pipe round trip (a child answering at once): median ${round(median(floor))} ms`);
  const inProcess = coreInterleaved(core, requests, rounds, 1 + rounds + warmRounds);
  const tp = await throughput(cli, freshRound, quick ? 2 : 20);
  log(`[cli] batch throughput: ${tp.cpuMsPerRequest} ms CPU per request`);
  const window = 20;
  const pipe = await pipelined(cli, requests, window, quick ? 1 : 3);
  log(`[cli] pipelined (${window} distinct requests in flight): median window ${round(median(pipe.perCaseMs))} ms per answer`);
  const nodeStartMs = nodeStart(quick ? 3 : 9);
  const mlpArgs = (() => {
    const q = mlpNumpy(256);
    return [cli, 'derive', q.expr, '--where', q.where, '--wrt', 'W1', '--layout', 'mixed', '--from', 'numpy'];
  })();
  const startCpu = processCpuMs({ nodeE0: ['-e', '0'], help: [cli, '--help'], deriveSmall: [cli, 'derive', "x'*A*x", '--wrt', 'x'], deriveMlp256: mlpArgs }, quick ? 3 : 10);
  log(`[cli] CPU per process: node -e 0 ${startCpu.nodeE0} ms, --help ${startCpu.help} ms, derive x'*A*x ${startCpu.deriveSmall} ms, derive MLP L=256 ${startCpu.deriveMlp256} ms`);
  const mlp256 = await mlp(cli, 256, quick ? 3 : 10, quick ? 5 : 20);
  log(`[cli] MLP L=256: derive process ${mlp256.deriveProcessMedianMs} ms, batch request ${mlp256.batchRequestMedianMs} ms`);
  const first = await firstAnswer(cli);
  const memory = await distinct(cli, distinctCount ?? (quick ? 20_000 : 1_000_000), log);
  log(`[cli] ${memory.requests} distinct requests: peak RSS ${memory.peakRssMb} MB`);

  const e2eMedian = median(e2eWarm.ms);
  const coreMedian = median(inProcess);
  return {
    corpusRequests: requests.length,
    batchLatency: { requests: e2e.length, medianMs: round(median(e2e)), p95Ms: round(p95(e2e)), cpuMeanMs: e2eCpu },
    batchLatencyWarm: { afterRounds: 1 + rounds + warmRounds, requests: e2eWarm.ms.length, medianMs: round(median(e2eWarm.ms)), p95Ms: round(p95(e2eWarm.ms)), cpuMeanMs: e2eWarm.cpuMeanMs },
    batchLatencyRemembered: { requests: remembered.ms.length, medianMs: round(median(remembered.ms)), p95Ms: round(p95(remembered.ms)), cpuMeanMs: remembered.cpuMeanMs },
    pipeRoundTrip: { requests: floor.length, medianMs: round(median(floor)), p95Ms: round(p95(floor)), cpuMeanMs: floorCpu },
    nodeStartMs,
    processCpuMs: startCpu,
    coreInterleaved: { afterRounds: 1 + rounds + warmRounds, requests: inProcess.length, medianMs: round(coreMedian), p95Ms: round(p95(inProcess)) },
    endToEndOverCore: round(e2eMedian / coreMedian, 2),
    batchOverBareCore: beside,
    throughput: tp,
    pipelined: { cases: pipe.perCaseMs.length, window, rounds: quick ? 1 : 3, medianCaseMs: round(median(pipe.perCaseMs)), p95CaseMs: round(p95(pipe.perCaseMs)), cpuMeanMs: pipe.cpuMeanMs },
    mlp256,
    firstAnswer: first,
    memory,
  };
}

/** SymPy's median diff() time (bench/results/sympy.json) over our end-to-end batch median. */
export function sympyEndToEnd(outDir, cliResult) {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(outDir, 'sympy.json'), 'utf8'));
    const sympyMs = s.comparison?.summary?.sympyMedianMs;
    if (typeof sympyMs !== 'number') return undefined;
    return { sympyMedianMs: sympyMs, ratioToBatchMedian: round(sympyMs / cliResult.batchLatency.medianMs, 1) };
  } catch {
    return undefined;
  }
}
