/**
 * The read-back property without its liberties, for quotients by scalars: each random plain text of
 * the family (x/(2a), x/2/a, x/a^2, x*a^-2, … over scalars, vectors and matrices) is read, written as text, Unicode and LaTeX, and every written
 * form must read back by its own reader as the very node read (hash-consed identity, no
 * normalization and no numerical fallback): two nodes that print alike would fail it. And the
 * spellings of one quotient are one node: x/(p*q) is x/p/q, x/p^k is x*p^-k.
 */
import fc from 'fast-check';
import type { Notation } from '../../src/core/api';
import type { Expr } from '../../src/core/model/expr';
import { readExpression } from '../../src/core/read';
import { readPlain } from '../../src/core/syntax';
import { toLatex, toText, toUnicode } from '../../src/core/write';

export const QUOTIENT_WHERE = 'x: scalar; a: scalar; b: scalar; y: vector(n); A: matrix(n, n); F: matrix(n, n)';

const scalar = fc.constantFrom('a', 'b', 'x', '2', '3', 'sin(x)', '(a + b)', 'exp(b)', "(y'*y)");
// Not y'*A*y: \frac{y^T A y}{a} reads back grouped, (y'*A*y)/a, another node that prints alike (not fixed).
const numerator = fc.constantFrom('A*y', 'F', 'y', 'x', 'sin(y)', 'A*y*x', '2*F', 'F*A', 'sin(x)', '(A + F)');

/** A denominator and its other spellings: p*q ≡ (p)/(q) chained, p^k ≡ *p^-k. */
const denominator = fc.oneof(
  fc.tuple(scalar, scalar).map(([p, q]) => ({ product: `(${p}*${q})`, chained: `/${p}/${q}` })),
  fc.tuple(scalar, scalar, scalar).map(([p, q, r]) => ({ product: `(${p}*${q}*${r})`, chained: `/${p}/${q}/${r}` })),
  fc.tuple(fc.constantFrom('a', 'b', 'x', 'sin(x)', '(a + b)'), fc.constantFrom(2, 3, 4)).map(([p, k]) => ({ product: `${p}^${k}`, chained: `*${p}^-${k}` })),
  scalar.map((p) => ({ product: p, chained: `/${p}` })),
);

export interface QuotientCase {
  /** Spellings that are the same value and must read as one node. */
  readonly spellings: readonly string[];
}

/** A quotient N/D and its other spelling. */
export const quotientCase: fc.Arbitrary<QuotientCase> = fc.tuple(numerator, denominator).map(([n, d]) => ({ spellings: [`${n}/${d.product}`, `${n}${d.chained}`] }));

const WRITERS: readonly [Notation, (e: Expr) => string][] = [['plain', (e) => toText(e)], ['unicode', (e) => toUnicode(e)], ['latex', (e) => toLatex(e)]];

/** Why the spellings of `c` are not one node, or a written form does not read back as it (undefined when all do). */
export function quotientProblem(c: QuotientCase, where = QUOTIENT_WHERE): string | undefined {
  let first: Expr | undefined;
  for (const text of c.spellings) {
    const r = readPlain(text, where);
    if (!r.ok) return `${text}: ${r.error.code}: ${r.error.message}`;
    const e = r.value.expr;
    if (first !== undefined && e !== first) return `${text} reads as ${toText(e)}, ${c.spellings[0]} as ${toText(first)}: two nodes for one quotient`;
    first ??= e;
    for (const [notation, write] of WRITERS) {
      const written = write(e);
      const back = readExpression(written, where, notation);
      if (!back.ok) return `${text}: its ${notation} form ${written}: ${back.error.code}: ${back.error.message}`;
      if (back.value.expr !== e) return `${text}: its ${notation} form ${written} reads back as ${toText(back.value.expr)}, not the node read (${toText(e)})`;
    }
  }
  return undefined;
}

/** The campaign: `runs` random quotients. */
export function checkQuotientReadBack(runs: number, seed: number): { runs: number; failure?: string } {
  const out = fc.check(fc.property(quotientCase, (c) => quotientProblem(c) === undefined), { numRuns: runs, seed });
  if (!out.failed || !out.counterexample) return { runs: out.numRuns };
  const [c] = out.counterexample;
  return { runs: out.numRuns, failure: `${JSON.stringify(c.spellings)}: ${quotientProblem(c)}` };
}
