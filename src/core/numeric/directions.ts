/**
 * The perturbation directions of a numeric Jacobian: one per column, i.e. per entry of the stacked
 * vec of the variables (column-major within a variable, variables in order).
 *
 * How a variable declared symmetric (and square) is perturbed — `SymmetricMode`:
 * - 'unconstrained' (default): every entry on its own, as if S were a general matrix; column (i,j)
 *   is G_ij, where G is the gradient of f extended to all matrices as written. This is what a
 *   differentiator that ignores symmetry reports.
 * - 'symmetrized': S_ij and S_ji move together by half a step each, staying symmetric; column (i,j)
 *   is (G_ij + G_ji)/2, i.e. vec((G + Gᵀ)/2): the gradient on the space of symmetric matrices under
 *   the Frobenius inner product. It depends only on f's values on symmetric matrices.
 * - 'cookbook': S_ij and S_ji move together by a full step each; column (i,j) is G_ij + G_ji for
 *   i ≠ j and G_ii on the diagonal: G + Gᵀ − diag(G), the Matrix Cookbook's "structured" derivative.
 * Variables not declared symmetric are always perturbed entry by entry.
 */
import { Matrix } from 'ml-matrix';
import type { Expr } from '../model/expr';
import type { NumericEnv } from './env';

export type SymmetricMode = 'unconstrained' | 'symmetrized' | 'cookbook';

export interface DirectionPart {
  readonly variable: string;
  readonly row: number;
  readonly col: number;
  readonly weight: number;
}
export type Direction = readonly DirectionPart[];

function valueOf(env: NumericEnv, v: Expr): Matrix {
  const m = env.values.get(v.name ?? '');
  if (!m) throw new Error(`no value for variable ${v.name}`);
  return m;
}

export function perturbationDirections(
  wrt: readonly Expr[],
  env: NumericEnv,
  mode: SymmetricMode = 'unconstrained',
): Direction[] {
  const out: Direction[] = [];
  for (const v of wrt) {
    const variable = v.name ?? '';
    const m = valueOf(env, v);
    const paired = v.symmetric === true && m.rows === m.columns && mode !== 'unconstrained';
    const w = mode === 'symmetrized' ? 0.5 : 1;
    for (let col = 0; col < m.columns; col++) {
      for (let row = 0; row < m.rows; row++) {
        if (paired && row !== col) {
          out.push([
            { variable, row, col, weight: w },
            { variable, row: col, col: row, weight: w },
          ]);
        } else {
          out.push([{ variable, row, col, weight: 1 }]);
        }
      }
    }
  }
  return out;
}

/** The largest magnitude of the entries a direction moves (sets the step size). */
export function directionScale(env: NumericEnv, d: Direction): number {
  let s = 0;
  for (const p of d) s = Math.max(s, Math.abs(env.values.get(p.variable)?.get(p.row, p.col) ?? 0));
  return s;
}

/** env moved by Σ t_k d_k (the moved variables are copies; env is untouched). */
export function displaced(env: NumericEnv, moves: readonly (readonly [Direction, number])[]): NumericEnv {
  const values = new Map(env.values);
  const copied = new Set<string>();
  for (const [d, t] of moves) {
    for (const p of d) {
      let m = values.get(p.variable) as Matrix;
      if (!copied.has(p.variable)) {
        m = m.clone();
        values.set(p.variable, m);
        copied.add(p.variable);
      }
      m.set(p.row, p.col, m.get(p.row, p.col) + t * p.weight);
    }
  }
  return { dims: env.dims, values };
}
