/**
 * The read-back property (issue 12) over random expressions: for each random function (exprs.ts),
 * its presented derivative is written as the product writes it — plain text, Unicode and LaTeX, in
 * the tree form, the named form (common subexpressions named, `result.named`) and the binding form
 * (shared parts named, present/bindings.ts; forced here, the product uses it for large trees) — and
 * every written form is read back by its own reader and by `from: 'auto'`, with the declarations of
 * the function's variables. Each reading must succeed and be the result: the same node after the
 * normalization of test/unit/notations/normalize.ts, or numerically equal at random points
 * (relative tolerance 1e-8). A size the text leaves open (a bare 𝟏 or I, whose size only the
 * context gives) may come back as a fresh dimension: the reading must then be the result with the
 * fresh dimensions renamed consistently to the result's (renamingsOf) — equal as above, so a reading
 * of another value still fails. The writers are given the dimensions of the function's variables,
 * as derive() gives them (a size of no variable is written sum(ones(n))). (The function's own
 * forms are the one-reading and round-trip tests'.)
 *
 * A failure is shrunk by fast-check and then to its smallest failing subexpression (as the
 * derivative campaign does), and reported with the written text and how it read.
 */
import fc from 'fast-check';
import type { Notation } from '../../src/core/api';
import { differentiate } from '../../src/core/calculus/derive';
import { postorder, type Expr } from '../../src/core/model/expr';
import { compareNumerically } from '../../src/core/numeric/equal';
import { bindShared, writeBound } from '../../src/core/present/bindings';
import { readExpression } from '../../src/core/read';
import { present, renderNamed } from '../../src/core/service';
import { declarationsFor, declaredDimensions, namedForms, toLatex, toText, toUnicode } from '../../src/core/write/index';
import { normalize, renameDimensions, renamingsOf, sameUpToDimensions } from '../unit/notations/normalize';
import { derivativeCase, variablesOf, type DerivativeCase } from './exprs';
import { shrinkCase } from './shrink';

/** One written form of an expression: which (tree, named or bound), in which notation, the text. */
export interface WrittenForm {
  readonly form: 'tree' | 'named' | 'bound';
  readonly notation: Notation;
  readonly text: string;
}

const NOTATIONS = [['text', 'plain'], ['unicode', 'unicode'], ['latex', 'latex']] as const;

/**
 * Every form the product writes `e` in: the tree form, and the named and binding forms when they
 * name something; `dimensions`: those the reader is given (the declared variables', as derive() writes a result).
 */
export function writtenForms(e: Expr, dimensions?: ReadonlySet<string>): WrittenForm[] {
  const out: WrittenForm[] = [
    { form: 'tree', notation: 'plain', text: toText(e, dimensions) },
    { form: 'tree', notation: 'unicode', text: toUnicode(e, dimensions) },
    { form: 'tree', notation: 'latex', text: toLatex(e, { dimensions }) },
  ];
  const named = renderNamed(e, undefined, dimensions);
  if (named) {
    const forms = namedForms(named);
    for (const [key, notation] of NOTATIONS) out.push({ form: 'named', notation, text: forms[key] });
  }
  const bound = bindShared(e, dimensions);
  if (bound.definitions.length > 0) {
    const forms = writeBound(bound);
    for (const [key, notation] of NOTATIONS) out.push({ form: 'bound', notation, text: forms[key] });
  }
  return out;
}

function dimensionsOf(e: Expr): Set<string> {
  const out = new Set<string>();
  for (const n of postorder(e)) for (const d of [n.shape.rows, n.shape.cols]) if (typeof d === 'string') for (const p of d.split('·')) out.add(p);
  return out;
}

/** Why `w` does not read back as `e` through `from` (undefined when it does). */
export function readBackProblem(e: Expr, where: string, w: WrittenForm, from: Notation | 'auto', seed = 1): string | undefined {
  const read = readExpression(w.text, where, from);
  const label = `${w.form} ${w.notation} read ${from === 'auto' ? 'by auto' : 'explicitly'}`;
  if (!read.ok) return `${label}: ${w.text}: ${read.error.code}: ${read.error.message} (at ${read.error.start}–${read.error.end})`;
  if (from === 'auto' && w.notation !== 'plain' && read.value.notation !== w.notation) {
    // Auto may read a form without markers as another notation only if that reading is the same expression.
    const own = readExpression(w.text, where, w.notation);
    if (!own.ok || own.value.expr !== read.value.expr) return `${label}: ${w.text}: auto read it as ${read.value.notation}, giving ${toText(read.value.expr)}`;
  }
  const r = read.value.expr;
  const vars = [...new Map([...variablesOf(e), ...read.value.variables].map((v) => [v.id, v])).values()];
  const equal = (x: Expr): ReturnType<typeof compareNumerically> | undefined =>
    x === e || normalize(x) === normalize(e) ? undefined : compareNumerically(e, x, vars, { samples: 3, seed });
  const report = equal(r);
  if (report === undefined || report.equal) return undefined;
  // Only a size the text leaves open (a lone I or 𝟏, 𝐞₁) may come back with another name: any
  // dimension not of a declared variable. The reading must then be the result with the open
  // sizes renamed consistently to the result's — first as the result's shape gives them (a bare 𝟏
  // of the gradient 3s𝟏/n is n-long: the reading's fresh m is n) — and then equal as above, or of
  // the same structure up to the renaming.
  const declared = new Set(read.value.variables.flatMap((v) => [...dimensionsOf(v)]));
  const open = new Set([...dimensionsOf(r)].filter((d) => !declared.has(d)));
  if (open.size > 0) {
    for (const renaming of renamingsOf(e, r, open)) {
      if (renaming.size === 0) continue;
      const renamed = equal(renameDimensions(r, renaming));
      if (renamed === undefined || renamed.equal) return undefined;
    }
    if (sameUpToDimensions(normalize(e), normalize(r), open)) return undefined;
  }
  const why = report.diagnostic ? `${report.diagnostic.code}: ${report.diagnostic.message}` : `max relative error ${report.maxRelError.toExponential(2)}`;
  return `${label}: ${w.text}\n    reads as ${toText(r)}\n    expected ${toText(e)}: ${why}`;
}

export interface ReadBackCounts {
  /** Expressions whose forms were read back. */
  expressions: number;
  /** Written forms, by form and notation ("named latex": 123). */
  readonly forms: Record<string, number>;
  /** Readings checked (each form by its reader and by auto). */
  readings: number;
}

/** The first problem of one case (its derivative's every form), counting into `counts`. */
export function readBackCaseProblem(c: DerivativeCase, seed: number, counts?: ReadBackCounts): string | undefined {
  const where = declarationsFor(variablesOf(c.f));
  const shown = present(differentiate(c.f, c.wrt, c.order), (['numerator', 'denominator', 'mixed'] as const)[seed % 3]);
  if (counts) counts.expressions++;
  for (const w of writtenForms(shown, declaredDimensions(variablesOf(c.f)))) {
    if (counts) counts.forms[`${w.form} ${w.notation}`] = (counts.forms[`${w.form} ${w.notation}`] ?? 0) + 1;
    for (const from of [w.notation, 'auto'] as const) {
      if (counts) counts.readings++;
      const p = readBackProblem(shown, where, w, from, seed);
      if (p) return p;
    }
  }
  return undefined;
}

/** Shrink further than fast-check: the smallest subexpression of f (with the variables) that still fails (shrink.ts). */
export function minimizeReadBack(c: DerivativeCase, seed: number): { c: DerivativeCase; problem: string } {
  const shrunk = shrinkCase(c, guardedProblem(c, seed) ?? 'passes when run again', (next) => guardedProblem(next, seed));
  return { c: shrunk.c, problem: shrunk.failure };
}

function guardedProblem(c: DerivativeCase, seed: number, counts?: ReadBackCounts): string | undefined {
  try {
    return readBackCaseProblem(c, seed, counts);
  } catch (e) {
    return `threw ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}`;
  }
}

export interface ReadBackReport extends ReadBackCounts {
  readonly runs: number;
  readonly seed: number;
  readonly totalMs: number;
  readonly failure?: { readonly c: DerivativeCase; readonly problem: string; readonly shrinks: number };
}

/** The campaign: `runs` random expressions (depth at most 4, the input vocabulary). */
export function checkReadBack(runs: number, seed: number): ReadBackReport {
  const counts: ReadBackCounts = { expressions: 0, forms: {}, readings: 0 };
  let failing = false;
  const t0 = performance.now();
  const out = fc.check(
    fc.property(derivativeCase(4, 'input'), fc.integer({ min: 1, max: 1_000_000 }), (c, s) => {
      const p = guardedProblem(c, s, failing ? undefined : counts);
      if (p !== undefined) failing = true;
      return p === undefined;
    }),
    { numRuns: runs, seed },
  );
  const totalMs = performance.now() - t0;
  const report = { runs: out.numRuns, seed, totalMs, ...counts };
  if (!out.failed || !out.counterexample) return report;
  const [c, s] = out.counterexample;
  const m = minimizeReadBack(c, s);
  return { ...report, failure: { c: m.c, problem: m.problem, shrinks: out.numShrinks } };
}
