/**
 * Runs emitted NumPy code in python3: value() and derivative() at given points, and central finite
 * differences of value() computed in Python (the derivative's layout is f.shape + x.shape, order 2
 * f.shape + x.shape + x.shape; with several scalar variables x is their stacked vector).
 */
import { requirePython } from '../../harness/python';
import { spawnSync } from 'node:child_process';

const HARNESS = String.raw`
import json, sys, traceback
import numpy as np


def arg(v):
    return np.array(v, dtype=float) if isinstance(v, list) else float(v)


def run(req):
    ns = {}
    exec(compile(req['code'], 'emitted.py', 'exec'), ns)
    value, derivative = ns['value'], ns['derivative']
    wrt, order, h = req['wrt'], req['order'], req['h']
    symmetric = req.get('symmetric', False)
    out = []
    for point in req['points']:
        args = {k: arg(v) for k, v in point.items()}

        def stacked():
            if len(wrt) == 1:
                return np.array(args[wrt[0]], dtype=float)
            return np.array([float(args[n]) for n in wrt])

        def at(xv):
            a = dict(args)
            if len(wrt) == 1:
                a[wrt[0]] = xv if np.ndim(xv) > 0 else float(xv)
            else:
                for i, n in enumerate(wrt):
                    a[n] = float(xv[i])
            return np.asarray(value(**a), dtype=float)

        def bump(xv, i, step):
            # A symmetric variable moves along symmetric directions: entries (a, b) and (b, a) by
            # half a step each, which measures the gradient (G + Gᵀ)/2 the core reports.
            if symmetric and len(i) == 2 and i[0] != i[1]:
                xv[i] += step / 2
                xv[(i[1], i[0])] += step / 2
            else:
                xv[i] += step

        f = value(**args)
        d = derivative(**args)
        x0 = stacked()
        fshape = np.shape(f)
        if order == 1:
            fd = np.zeros(fshape + x0.shape)
            for i in np.ndindex(*x0.shape):
                xp = x0.copy(); bump(xp, i, h)
                xm = x0.copy(); bump(xm, i, -h)
                fd[(Ellipsis,) + i] = (at(xp) - at(xm)) / (2 * h)
        else:
            fd = np.zeros(fshape + x0.shape + x0.shape)
            for i in np.ndindex(*x0.shape):
                for j in np.ndindex(*x0.shape):
                    def f2(si, sj):
                        xv = x0.copy(); bump(xv, i, si * h); bump(xv, j, sj * h)
                        return at(xv)
                    fd[(Ellipsis,) + i + j] = (f2(1, 1) - f2(1, -1) - f2(-1, 1) + f2(-1, -1)) / (4 * h * h)
        out.append({
            'value': np.asarray(f).tolist(),
            'valueIsFloat': isinstance(f, float),
            'derivative': np.asarray(d).tolist(),
            'derivativeShape': list(np.shape(d)),
            'derivativeIsFloat': isinstance(d, float),
            'fd': fd.tolist(),
            'fdShape': list(fd.shape),
        })
    return {'points': out}


results = []
for req in json.load(sys.stdin):
    try:
        results.append(run(req))
    except Exception:
        results.append({'error': traceback.format_exc()})
print(json.dumps(results))
`;

export type Nested = number | Nested[];

export interface PythonPoint {
  readonly value: Nested;
  readonly valueIsFloat: boolean;
  readonly derivative: Nested;
  readonly derivativeShape: number[];
  readonly derivativeIsFloat: boolean;
  readonly fd: Nested;
  readonly fdShape: number[];
}

export interface PythonRequest {
  readonly code: string;
  readonly wrt: readonly string[];
  readonly order: 1 | 2;
  /** Arguments by name: numbers, 1-D lists (vectors), 2-D lists (matrices). */
  readonly points: readonly Readonly<Record<string, Nested>>[];
  readonly h?: number;
  /** The variable is a symmetric matrix: finite differences along symmetric directions. */
  readonly symmetric?: boolean;
}

/** Run several requests in one python3 process; a request that raises gets its traceback as `error`. */
export function runPython(reqs: readonly PythonRequest[]): ({ points: PythonPoint[] } | { error: string })[] {
  const input = JSON.stringify(reqs.map((req) => ({ ...req, h: req.h ?? (req.order === 2 ? 1e-4 : 1e-6) })));
  const r = spawnSync(requirePython(['numpy']), ['-c', HARNESS], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as ({ points: PythonPoint[] } | { error: string })[];
}

/** Run a plain Python snippet with the emitted code loaded; returns stdout. */
export function runPythonSnippet(code: string, snippet: string): string {
  const script = `${code}\n\n${snippet}\n`;
  const r = spawnSync(requirePython(['numpy']), ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

export const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

/** max |a − b| / max(1, max |b|) */
export function relativeError(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`sizes differ: ${a.length} and ${b.length}`);
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / scale;
}
