/** The result in textbook form: sums distributed where smaller, factored, laid out, tidied for reading. */
import type { Layout } from '../api';
import type { Derivative } from '../calculus/form';
import { applyLayout } from '../calculus/layout';
import type { Expr } from '../model/expr';
import { expandWhereSmaller } from '../simplify/expand';
import { factorize } from '../simplify/factor';
import { tidy } from '../simplify/tidy';

export function present(d: Derivative, layout: Layout): Expr {
  return tidy(applyLayout({ ...d, expr: factorize(expandWhereSmaller(d.expr)) }, layout));
}
