/**
 * What the paired A/B benchmarks (bench/ab.mjs, bench/write-ab.mjs, bench/read-ab.mjs) share: their command line, the
 * cores of the two revisions, and the paired timing — each case's work under A and under B back to
 * back, alternating which goes first, so that the ratio stays meaningful on a shared machine whose
 * load moves absolute times severalfold from one minute to the next.
 */
import * as fs from 'node:fs';
import { buildCore } from './build.mjs';
import { median, round } from './stats.mjs';

/**
 * REV_A [REV_B] [--rounds N] [--cpu] (REV_B: the working tree when omitted; --cpu: time each call in CPU
 * time, process.cpuUsage(), which waiting for a core on a loaded machine does not count, instead of wall
 * time); exits with `usage` when they do not read.
 */
export function pairedArgs(usage, defaultRounds) {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : defaultRounds;
  const cpuAt = args.indexOf('--cpu');
  const cpu = cpuAt >= 0;
  if (cpu) args.splice(cpuAt, 1);
  const [revA, revB] = args;
  if (!revA || !(rounds > 0)) {
    process.stderr.write(`usage: ${usage.replace('[--rounds N]', '[--rounds N] [--cpu]')}\n`);
    process.exit(2);
  }
  return { revA, revB, rounds, cpu };
}

/** The cores of both revisions, bundled under names of this process (another A/B may be running in the shared cache), removed once loaded. */
export async function pairedCores(revA, revB, prefix) {
  const bundles = [await buildCore(revA, `${prefix}-a-${process.pid}.mjs`), await buildCore(revB, `${prefix}-b-${process.pid}.mjs`)];
  const A = await import(bundles[0]);
  const B = await import(bundles[1]);
  for (const b of bundles) fs.rmSync(b, { force: true });
  return { A, B };
}

/**
 * `runA(i)` and `runB(i)` for every case i < n, back to back and alternating which goes first,
 * `rounds` times (`cpu`: timed in CPU time, to the microsecond): per case the median time (ms) of each, and the median case's ratio B/A and the
 * ratio of the sums of the case medians.
 */
export function pairedTimes(n, runA, runB, rounds, { cpu = false } = {}) {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e3;
  };
  const nowMs = cpu ? cpuMs : () => Number(process.hrtime.bigint()) / 1e6;
  const time = (run, i) => {
    const t0 = nowMs();
    run(i);
    return nowMs() - t0;
  };
  const ta = Array.from({ length: n }, () => []);
  const tb = Array.from({ length: n }, () => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      if ((r + i) % 2 === 0) {
        ta[i].push(time(runA, i));
        tb[i].push(time(runB, i));
      } else {
        tb[i].push(time(runB, i));
        ta[i].push(time(runA, i));
      }
    }
  }
  const ma = ta.map(median);
  const mb = tb.map(median);
  const sum = (xs) => xs.reduce((a, x) => a + x, 0);
  return {
    medianCaseMs: { a: round(median(ma)), b: round(median(mb)) },
    sumMs: { a: round(sum(ma)), b: round(sum(mb)) },
    medianCaseRatio: round(median(ma.map((a, i) => mb[i] / a)), 3),
    sumRatio: round(sum(mb) / sum(ma), 3),
  };
}
