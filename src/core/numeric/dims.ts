/**
 * Concrete sizes for symbolic dimensions. Every symbol that occurs in a shape (or in the dims of
 * `commutation` / `size`) gets one random size, used consistently everywhere; product dimensions
 * "m·n" are not symbols of their own (dimValue multiplies their parts). Indices of `entry` and
 * `unit` raise the lower bound of the dimension they index, so entry(A, 3, 1) never falls outside A.
 */
import { Expr, postorder } from '../model/expr';
import type { Dim } from '../model/shape';
import type { Rng } from './rng';

export interface DimRange {
  /** Smallest random size (default 2: symbolic dimensions are distinct from 1). */
  readonly minDim?: number;
  /** Largest random size (default 4). */
  readonly maxDim?: number;
}

const isNumeral = (part: string): boolean => /^\d+$/.test(part);

function symbolsOf(d: Dim): string[] {
  if (typeof d === 'number') return [];
  return d.split('·').filter((p) => p !== '' && !isNumeral(p));
}

/** The symbolic dimension names used by the roots, each with the least size it must have. */
export function dimensionSymbols(roots: readonly Expr[]): Map<string, number> {
  const bounds = new Map<string, number>();
  const note = (d: Dim, least = 1): void => {
    // A bound applies to a plain symbol; parts of a product only need to exist.
    for (const s of symbolsOf(d)) bounds.set(s, Math.max(bounds.get(s) ?? 1, d === s ? least : 1));
  };
  for (const root of roots) {
    for (const e of postorder(root)) {
      note(e.shape.rows);
      note(e.shape.cols);
      if ((e.op === 'commutation' || e.op === 'size') && e.dims) for (const d of e.dims) note(d);
      if (e.op === 'unit' && e.value !== undefined) note(e.shape.rows, e.value);
      if (e.op === 'entry' && e.dims) {
        const [i, j] = e.dims;
        const a = e.args[0].shape;
        if (typeof i === 'number') note(a.rows, i);
        if (typeof j === 'number') note(a.cols, j);
      }
    }
  }
  return bounds;
}

/** Random sizes in [minDim, maxDim] (raised to each symbol's lower bound); `fixed` sizes are kept. */
export function randomDims(
  roots: readonly Expr[],
  rng: Rng,
  range: DimRange = {},
  fixed: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const lo = range.minDim ?? 2;
  const hi = Math.max(lo, range.maxDim ?? 4);
  const out = new Map<string, number>();
  for (const [name, least] of dimensionSymbols(roots)) {
    const given = fixed.get(name);
    out.set(name, given ?? rng.int(Math.max(lo, least), Math.max(hi, least)));
  }
  for (const [name, v] of fixed) if (!out.has(name)) out.set(name, v);
  return out;
}
