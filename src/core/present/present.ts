/**
 * The one definition of the textbook form: sums distributed where smaller, factored, laid out,
 * tidied for reading. derive() presents in the requested layout; emitCode() presents in the
 * canonical layout its writers take (calculus/form.ts), so the code computes the form shown.
 */
import type { Layout } from '../api';
import type { Derivative } from '../calculus/form';
import type { Expr } from '../model/expr';
import { expandWhereSmaller } from './expand';
import { factorize } from './factor';
import { applyLayout } from './layout';
import { recentByIdentity } from '../model/memo';
import { groupNormalizations, normalizationForm } from './normalization';
import { vectorNormalizationForm } from './vectorNormalization';
import { useProbabilities } from './probabilities';
import { rowSumsAsDiagonals } from './rowSumScaling';
import { combineRootPowers } from './rootPowers';
import { tidy } from './tidy';
import { withNormalInputParts } from './inputParts';
import { finiteBesideIndicators } from './indicators';
import { transposedSumsPushed } from './transposedSums';

export function present(d: Derivative, layout: Layout | 'canonical'): Expr {
  // A Derivative is immutable, and differentiate() hands the parts of a request one object:
  // derive()'s result and its derivation's steps present it once per layout.
  return presented(d, layout);
}

/**
 * The last presentations made, by the derivative object and layout: a request presents at most a
 * few derivatives (the corpus's with their steps: 5), each in one or a few layouts. Found by
 * identity in a ring (model/memo.ts recentByIdentity), not keyed in a WeakMap: a WeakMap's entry for
 * a new object cost ~1 µs of a ~0.2 ms request (its line 0.7 % of derive()'s samples on the corpus).
 */
const presented = recentByIdentity(presentOnce, 16);

function presentOnce(d: Derivative, layout: Layout | 'canonical'): Expr {
  const laid = (e: Expr): Expr => tidy(layout === 'canonical' ? e : applyLayout({ ...d, expr: e }, layout));
  // Through a vector's normalization: the upstream derivative by x̂ in textbook form, the frame as the textbook writes it.
  const vector = normalizationForm(d) === undefined ? vectorNormalizationForm(d, (inner) => presentOnce(inner, 'canonical')) : undefined;
  if (vector) return vector.finish(laid(vector.framed));
  const e = factorize(expandWhereSmaller(combineRootPowers(rowSumsAsDiagonals(useProbabilities(normalizationForm(d) ?? transposedSumsPushed(withNormalInputParts(d.expr, d.f)))))));
  return finiteBesideIndicators(groupNormalizations(laid(e)));
}

/** Factored and tidied, without distributing sums: the form of a derivation's intermediate results. */
export const textbook = (e: Expr): Expr => tidy(factorize(e));

/**
 * textbook(), for a derivation that puts many expressions sharing subtrees in textbook form (a
 * recurrence's totals, each holding the one before): each pass remembers the nodes it left as they
 * were and does not walk them again, so the work is in the nodes each call adds, not in all of it.
 * The same results as textbook() (the passes are functions of a node's tree: present/bottomUp.ts).
 */
export function rememberingTextbook(): (e: Expr) => Expr {
  const factored = new Set<Expr>();
  const tidied = new Set<Expr>();
  return (e) => tidy(factorize(e, factored), tidied);
}
