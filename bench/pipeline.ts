/**
 * What derive() does after reading, from an expression already in the model: differentiate, then
 * renderDerivative() (src/core/service.ts), the very function derive() uses to write the result. The benchmark uses it for
 * MLPs deeper than the plain-syntax reader accepts, and checks on readable sizes that it gives
 * derive()'s very result (so it cannot drift from src/core/service.ts unnoticed).
 */
import type { Layout, Rendered } from '../src/core/api';
import { differentiate } from '../src/core/calculus/derive';
import { derivativeLatex } from '../src/core/present/notation';
import type { Expr } from '../src/core/model/expr';
import { nameCommonSubexpressions } from '../src/core/present/cse';
import { treeIsLarge } from '../src/core/present/bindings';
import { present, render, renderDerivative } from '../src/core/service';
import { piecewiseLatex, toLatex, toText } from '../src/core/write/index';

export interface PipelineResult {
  readonly shown: Expr;
  readonly result: Rendered;
  readonly input: Rendered;
  readonly equationLatex: string;
}

/**
 * The same work split into its stages, each a step that uses the previous steps' results (for the
 * benchmark's per-stage times of the MLP): run them in order.
 */
export function deriveStages(f: Expr, wrt: readonly Expr[], layout: Layout): readonly (readonly [string, () => void])[] {
  let d: ReturnType<typeof differentiate> | undefined;
  let shown: Expr | undefined;
  let latex = '';
  let cse: ReturnType<typeof nameCommonSubexpressions> | undefined;
  const need = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('stages run out of order');
    return x;
  };
  return [
    ['differentiate', () => void (d = differentiate(f, wrt, 1))],
    ['present (layout, factor, tidy)', () => void (shown = present(need(d), layout))],
    ['write result (text, LaTeX)', () => void (latex = render(need(shown)).latex)],
    ['piecewise LaTeX', () => void piecewiseLatex(need(shown))],
    // derive() names common subexpressions only in a result written as a tree: one written in the
    // binding form (treeIsLarge: a deep MLP's, L ≥ 16) has its shared parts named there and no named
    // form (service.ts renderDerivative). Then these two stages do nothing, as derive() does.
    ['name common subexpressions', () => void (cse = treeIsLarge(need(shown)) ? undefined : nameCommonSubexpressions(need(shown)))],
    ['write named form', () => {
      if (cse === undefined) return;
      const n = cse;
      toText(n.expr);
      toLatex(n.expr);
      for (const def of n.definitions) {
        toText(def.value);
        toLatex(def.value);
      }
    }],
    ['write input and equation', () => {
      render(f);
      derivativeLatex(need(d), layout, latex);
    }],
  ];
}

export function deriveExpr(f: Expr, wrt: readonly Expr[], layout: Layout): PipelineResult {
  return renderDerivative(f, differentiate(f, wrt, 1), layout);
}
