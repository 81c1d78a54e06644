/**
 * Repeated evaluation of some roots near one point, for finite differences: the values of the
 * nodes that do not depend on the perturbed variables are computed once and reused; only the
 * dependent nodes are recomputed at each displaced point.
 */
import type { Matrix } from 'ml-matrix';
import type { Expr } from '../model/expr';
import type { NumericEnv } from './env';
import { evaluateNodes, evaluationOrder, Memo } from './evaluate';
import { NON_SMOOTH_FUNCTIONS } from './elementwise';
import type { ElementwiseFunction } from '../model/expr';

export class PointEvaluator {
  private readonly order: readonly Expr[];
  private readonly dependentOrder: readonly Expr[];
  private readonly dependent: ReadonlySet<number>;
  private readonly fixed: Memo;
  /** The values of every node at the base point. */
  readonly base: Memo;

  constructor(roots: readonly Expr[], perturbed: readonly Expr[], env: NumericEnv) {
    this.order = evaluationOrder(roots);
    const names = new Set(perturbed.map((v) => v.name ?? ''));
    const dependent = new Set<number>();
    for (const e of this.order) {
      if ((e.op === 'var' && names.has(e.name ?? '')) || e.args.some((a) => dependent.has(a.id))) dependent.add(e.id);
    }
    this.dependent = dependent;
    this.dependentOrder = this.order.filter((e) => dependent.has(e.id));
    this.base = new Map();
    evaluateNodes(this.order, env, this.base);
    this.fixed = new Map([...this.base].filter(([id]) => !dependent.has(id)));
  }

  /** The value of `root` (one of the roots) at a displaced point. */
  valueAt(root: Expr, env: NumericEnv): Matrix {
    if (!this.dependent.has(root.id)) return this.base.get(root.id) as Matrix;
    const memo: Memo = new Map(this.fixed);
    evaluateNodes(this.dependentOrder, env, memo);
    return memo.get(root.id) as Matrix;
  }

  /**
   * The distance to the nearest kink: the least |u| over the entries u of the arguments of the
   * non-smooth functions (relu, abs, sign, min0, step, norm1) that depend on the perturbed
   * variables, at the base point. +∞ when there are none.
   */
  kinkDistance(): number {
    let d = Infinity;
    for (const e of this.order) {
      if (!this.dependent.has(e.id)) continue;
      const nonSmooth = e.op === 'norm1' || (e.op === 'fn' && NON_SMOOTH_FUNCTIONS.has(e.name as ElementwiseFunction));
      if (!nonSmooth) continue;
      const u = this.base.get(e.args[0].id) as Matrix;
      for (let i = 0; i < u.rows; i++) for (let j = 0; j < u.columns; j++) d = Math.min(d, Math.abs(u.get(i, j)));
    }
    return d;
  }
}
