/**
 * A constant factor between a claim and the true derivative: claim = c·D at every point, where c
 * is a number (2, ½, −1) or a number times a monomial in the dimension sizes (1/N, 2/N, n): the
 * least-squares factor ⟨C, D⟩/⟨D, D⟩ is computed at each point (each with its own sizes), the
 * claim must equal it times D there, and the factors divided by the monomial must agree.
 */
import type { Expr } from '../model/expr';
import { dimensionSymbols, evaluate, type NumericEnv } from '../numeric/index';
import { compared, TOLERANCE, type Judge } from './compare';

/** A product of dimension sizes with integer exponents, e.g. {N: -1} for 1/N. */
type Monomial = ReadonlyMap<string, number>;

function monomials(symbols: readonly string[]): Monomial[] {
  const out: Monomial[] = [new Map()];
  for (const s of symbols) for (const k of [-1, 1, -2, 2]) out.push(new Map([[s, k]]));
  for (let i = 0; i < symbols.length; i++) for (let j = i + 1; j < symbols.length; j++) {
    for (const k of [-1, 1]) out.push(new Map([[symbols[i], k], [symbols[j], k]]));
  }
  return out;
}

const monomialValue = (m: Monomial, dims: ReadonlyMap<string, number>): number =>
  [...m].reduce((v, [s, k]) => v * (dims.get(s) ?? NaN) ** k, 1);

/** The factor r·m in the plain syntax: 2, 1/2, -1, N, N/2, 2/N, -1/(m*n). */
function factorText(r: number, m: Monomial): string {
  const [p, q] = fraction(r);
  const power = (s: string, k: number): string => (Math.abs(k) === 1 ? s : `${s}^${Math.abs(k)}`);
  const up = [...m].filter(([, k]) => k > 0).map(([s, k]) => power(s, k));
  const down = [...m].filter(([, k]) => k < 0).map(([s, k]) => power(s, k));
  if (q === 0) return `${r}${up.length ? `*${up.join('*')}` : ''}${down.length ? `/${down.join('*')}` : ''}`;
  const numer = [...(Math.abs(p) !== 1 || up.length === 0 ? [`${Math.abs(p)}`] : []), ...up].join('*');
  const denomParts = [...(q !== 1 ? [`${q}`] : []), ...down];
  const denom = denomParts.length === 0 ? '' : denomParts.length === 1 ? `/${denomParts[0]}` : `/(${denomParts.join('*')})`;
  return `${p < 0 ? '-' : ''}${numer}${denom}`;
}

/** [p, q] with x = p/q for a small q (within 1e-9), else [x, 0]. */
function fraction(x: number): [number, number] {
  for (let q = 1; q <= 64; q++) {
    const p = Math.round(x * q);
    if (p !== 0 && Math.abs(p / q - x) <= 1e-9 * Math.max(1, Math.abs(x))) return [p, q];
  }
  return [Number(x.toPrecision(6)), 0];
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const entries = (e: Expr, env: NumericEnv): number[] => evaluate(e, env).to1DArray();

/** The factor c (as text, and its value at the first point) with claim = c·truth, if there is one other than 0 and 1. */
export function constantFactor(claim: Expr, truth: Expr, judge: Judge): { text: string; value: number } | undefined {
  const c = compared(claim, judge);
  const t = compared(truth, judge);
  const factors: number[] = [];
  const sizes: ReadonlyMap<string, number>[] = [];
  for (const env of judge.envs) {
    const cv = entries(c, env);
    const tv = entries(t, env);
    const tt = dot(tv, tv);
    if (!(tt > 1e-12)) continue; // the truth vanishes here: no information on the factor
    const k = dot(cv, tv) / tt;
    const fit = cv.every((x, i) => Math.abs(x - k * tv[i]) <= TOLERANCE * Math.max(1, Math.abs(x), Math.abs(k * tv[i])));
    if (!fit) return undefined;
    factors.push(k);
    sizes.push(env.dims);
  }
  if (factors.length < 2) return undefined;
  const symbols = [...dimensionSymbols([claim, truth])].map(([s]) => s);
  for (const m of monomials(symbols)) {
    const ratios = factors.map((k, i) => k / monomialValue(m, sizes[i]));
    const r = ratios[0];
    if (!Number.isFinite(r) || Math.abs(r) < 1e-12) continue;
    if (!ratios.every((x) => Math.abs(x - r) <= 1e-8 * Math.max(1, Math.abs(r)))) continue;
    if (m.size === 0 && Math.abs(r - 1) <= 1e-8) return undefined; // equal, not scaled
    return { text: factorText(r, m), value: factors[0] };
  }
  return undefined;
}
