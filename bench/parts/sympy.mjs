/**
 * Part 2: SymPy on the same corpus, in the same run (bench/sympy_bench.py, run with python3), and
 * the comparison with our times: per case the ratio SymPy time / our time, over the cases both get
 * right (SymPy's answer matches finite differences; ours passes our numerical check).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { geometricMean, median, round } from '../lib/stats.mjs';

export function runSympy(root, { quick = false, log = () => {}, python = process.env.MATCALC_PYTHON ?? 'python3' } = {}) {
  const script = path.join(root, 'bench', 'sympy_bench.py');
  const args = [script, ...(quick ? ['--budget', '0.05', '--max-reps', '3'] : [])];
  const t0 = Date.now();
  const proc = spawnSync(python, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.error || proc.status !== 0) {
    const why = proc.error ? proc.error.message : proc.stderr.split('\n').slice(-15).join('\n');
    return { available: false, error: `${python} ${path.relative(root, script)} failed: ${why}` };
  }
  for (const line of proc.stderr.split('\n')) if (line.startsWith('[sympy]')) log(line);
  const out = JSON.parse(proc.stdout);
  return { available: true, seconds: Math.round((Date.now() - t0) / 100) / 10, command: `${python} bench/sympy_bench.py${quick ? ' --budget 0.05 --max-reps 3' : ''}`, ...out };
}

const CANNOT = ['error', 'unevaluated', 'timeout'];

/** Joins our corpus results with SymPy's. */
export function compare(corpus, sympy) {
  const ours = new Map(corpus.cases.map((c) => [c.id, c]));
  const rows = sympy.cases.map((s) => {
    const o = ours.get(s.id);
    const bothRight = s.status === 'ok' && o?.ok === true && o.checkPassed === true;
    return {
      id: s.id,
      sympyStatus: s.status,
      oursOk: o?.ok === true && o.checkPassed === true,
      sympyMs: s.medianMs === undefined ? undefined : round(s.medianMs),
      sympyWithLatexMs: s.medianMs === undefined || s.latexMs == null ? undefined : round(s.medianMs + s.latexMs),
      oursMs: o?.medianMs,
      ratio: bothRight ? round(s.medianMs / o.medianMs, 3) : undefined,
      ratioWithLatex: bothRight && s.latexMs != null ? round((s.medianMs + s.latexMs) / o.medianMs, 3) : undefined,
      note: s.note,
    };
  });
  const ratios = rows.filter((r) => r.ratio !== undefined).map((r) => r.ratio);
  const withLatex = rows.filter((r) => r.ratioWithLatex !== undefined).map((r) => r.ratioWithLatex);
  const count = (pred) => rows.filter(pred).length;
  return {
    rows,
    summary: {
      cases: rows.length,
      bothRight: ratios.length,
      sympyOk: count((r) => r.sympyStatus === 'ok'),
      sympyWrong: count((r) => r.sympyStatus === 'wrong'),
      sympyCannot: count((r) => CANNOT.includes(r.sympyStatus)),
      sympyUnsupported: count((r) => r.sympyStatus === 'unsupported'),
      byStatus: Object.fromEntries(['ok', 'wrong', 'unevaluated', 'error', 'timeout', 'unsupported'].map((s) => [s, count((r) => r.sympyStatus === s)])),
      oursWrongWhereSympyOk: rows.filter((r) => r.sympyStatus === 'ok' && !r.oursOk).map((r) => r.id),
      medianRatio: round(median(ratios), 3),
      geometricMeanRatio: round(geometricMean(ratios), 3),
      minRatio: round(Math.min(...ratios), 3),
      maxRatio: round(Math.max(...ratios), 3),
      medianRatioWithLatex: round(median(withLatex), 3),
      sympyMedianMs: round(median(rows.filter((r) => r.ratio !== undefined).map((r) => r.sympyMs))),
      oursMedianMs: round(median(rows.filter((r) => r.ratio !== undefined).map((r) => r.oursMs))),
    },
  };
}
