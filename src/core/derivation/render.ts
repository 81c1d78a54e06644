/**
 * Internal steps → the public `DerivationStep` (LaTeX for KaTeX, plus Unicode text for terminals).
 *
 * An expression whose tree is much larger than its DAG — substituting back along sin(sin(…x…))
 * 10,000 deep repeats each level in every level above it — is written in the binding form
 * `… where v1 = …, v2 = …` (present/bindings.ts), as derive() writes its result, so that every
 * step stays linear in the DAG (issue 17). Its names avoid the letters of the step's other
 * variables (the intermediates u₁, u₂, … the derivation introduced).
 */
import type { DerivationStep, ReadableStep } from '../api';
import { freeVariables, type Expr } from '../model/expr';
import { shapeText } from '../model/shape';
import { bindShared, treeIsLarge, writeBoundForm, type Bound } from '../present/bindings';
import { firstKink, substitute } from '../write/piecewise';
import { piecewiseLatex, toLatex, toUnicode, type KnownDimensions } from '../write/index';
import type { WhereNotation } from '../write/where';
import { isNotation } from './notation';
import type { Display, Part, Step } from './step';
import type { AnswerNames } from '../present/answerNames';

/**
 * How a step's displays are written: the names their binding forms avoid (the variables of the
 * step's displays, computed when first needed), and the binding form of each large expression, made
 * once for both notations; `dimensions`: those the reader of the answer is given (service.ts
 * dimensionsOf), so that a step writes as derive()'s result does — a size by its declared name, and no
 * letters juxtaposed into a declared name (W·x beside a declared Wx).
 */
interface Writing {
  readonly reserved: () => readonly string[];
  readonly bound: Map<Expr, Bound>;
  readonly dimensions?: KnownDimensions;
  /** The answer's names (present/answerNames.ts): a binding form names a node as the answer does. */
  readonly names?: AnswerNames;
}

const unicodeOf = (e: Expr, w: Writing): string => toUnicode(e, w.dimensions);
const latexOf = (e: Expr, w: Writing): string => toLatex(e, w.dimensions ? { dimensions: w.dimensions } : {});

/** `e` in LaTeX or Unicode: as a tree, or in the binding form when the tree is large. */
function written(e: Expr, notation: Exclude<WhereNotation, 'text'>, w: Writing): string {
  if (!treeIsLarge(e)) return notation === 'latex' ? latexOf(e, w) : unicodeOf(e, w);
  let b = w.bound.get(e);
  if (b === undefined) w.bound.set(e, (b = bindShared(e, w.dimensions, w.reserved(), w.names)));
  return writeBoundForm(b, notation);
}

function partLatex(p: Part, w: Writing): string {
  if (isNotation(p)) return p.tex;
  if ('cases' in p) {
    const compact = latexOf(p.cases, w);
    const cases = piecewiseLatex(p.cases, w.dimensions ? { dimensions: w.dimensions } : {});
    if (p.only) return cases ?? compact;
    return cases ? `${compact} = ${cases}` : compact;
  }
  return written(p, 'latex', w);
}

function partText(p: Part, w: Writing): string {
  if (isNotation(p)) return p.text;
  if ('cases' in p) return p.only ? casesText(p.cases, w) : unicodeOf(p.cases, w);
  return written(p, 'unicode', w);
}

/** The cases of an expression with a kink, as text: {a if u ≤ 0; b if u > 0}. */
function casesText(e: Expr, w: Writing): string {
  const kink = firstKink(e);
  if (!kink) return unicodeOf(e, w);
  const u = kink.args[0];
  return `{${unicodeOf(substitute(e, u, false), w)} if ${unicodeOf(u, w)} ≤ 0; ${unicodeOf(substitute(e, u, true), w)} if ${unicodeOf(u, w)} > 0}`;
}

/**
 * The writing of a step's displays: names avoided are the names of their variables and of the
 * derivation's intermediates (its claims' definitions: an intermediate shown in an earlier step, u₄₀,
 * is not a binding form's name here), computed on the first call.
 */
function writingOf(displays: readonly Display[], claims: Step['claims'] = [], dimensions?: KnownDimensions, answer?: AnswerNames): Writing {
  let names: readonly string[] | undefined;
  const reserved = (): readonly string[] => {
    if (names === undefined) {
      const all = new Set(displays.flatMap((d) => d.flatMap((p) => (isNotation(p) ? [] : freeVariables('cases' in p ? p.cases : p).map((v) => v.name as string)))));
      for (const defs of new Set(claims.map((c) => c.defs))) for (const v of defs.keys()) all.add(v.name as string);
      names = [...all];
    }
    return names;
  };
  return { reserved, bound: new Map(), ...(dimensions ? { dimensions } : {}), ...(answer ? { names: answer } : {}) };
}

export const displayLatex = (d: Display, w: Writing = writingOf([d])): string => d.map((p) => partLatex(p, w)).join('');
export const displayText = (d: Display, w: Writing = writingOf([d])): string => d.map((p) => partText(p, w)).join('');

/**
 * A step's displays in LaTeX, written with the names of both (a binding form's names chosen alike),
 * and the writing that made them (its binding forms serve the step's text too): remembered for the
 * step's display arrays, which foldInvisible compares and toDerivationStep then writes (a step's
 * displays are never modified; a folded step keeps those of the one it is folded into). Without the
 * writing remembered, the binding form of a large display was made twice, for the LaTeX and again
 * for the text (issue 17: substituting back along sin(sin(…x…)) 10,000 deep).
 */
function stepLatex(s: Pick<Step, 'before' | 'after' | 'claims'>, dimensions?: KnownDimensions, names?: AnswerNames): { readonly latex: { readonly before: string; readonly after: string }; readonly writing: Writing } {
  const known = latexOfSteps.get(s.before);
  if (known !== undefined && known.after === s.after && known.writing.dimensions === dimensions && known.writing.names === names) return known;
  const writing = writingOf([s.before, s.after], s.claims, dimensions, names);
  const written = { after: s.after, writing, latex: { before: displayLatex(s.before, writing), after: displayLatex(s.after, writing) } };
  latexOfSteps.set(s.before, written);
  return written;
}

const latexOfSteps = new WeakMap<Display, { readonly after: Display; readonly writing: Writing; readonly latex: { readonly before: string; readonly after: string } }>();

/** Does the step show the same before and after (in LaTeX, names of a binding form chosen alike), written for a reader given `dimensions`? */
export function sameDisplays(s: Pick<Step, 'before' | 'after' | 'claims'>, dimensions?: KnownDimensions, names?: AnswerNames): boolean {
  const { latex } = stepLatex(s, dimensions, names);
  return latex.before === latex.after;
}

/** The public step, written for a reader given `dimensions` (service.ts dimensionsOf: the request's declarations). */
export function toDerivationStep(s: Step, dimensions?: KnownDimensions, names?: AnswerNames): DerivationStep {
  const { latex, writing: w } = stepLatex(s, dimensions, names);
  return {
    rule: s.rule,
    name: s.name,
    ...(s.reference ? { reference: s.reference } : {}),
    explanation: s.explanation,
    before: latex.before,
    after: latex.after,
    ...(s.focus ? { focus: latexOf(s.focus, w) } : {}),
    ...(s.shapes ? { shapes: Object.fromEntries(s.shapes.map(([name, sh]) => [name, shapeText(sh)])) } : {}),
    ...(s.product
      ? {
        product: {
          factors: s.product.factors.map(([name, sh]) => ({ name, shape: shapeText(sh) })),
          result: { name: s.product.result[0], shape: shapeText(s.product.result[1]) },
        },
      }
      : {}),
    kind: s.kind,
    afterText: displayText(s.after, w),
  };
}

export const toDerivationSteps = (steps: readonly Step[], dimensions?: KnownDimensions, names?: AnswerNames): DerivationStep[] => steps.map((s) => toDerivationStep(s, dimensions, names));

/**
 * The step as a terminal prints it (ReadableStep): its name, explanation and `after` in Unicode — the
 * same `afterText` as toDerivationStep's, written with the same names (the writing its fold compared
 * in LaTeX when there is one, else one made alike), and nothing in LaTeX.
 */
export function toReadableStep(s: Step, dimensions?: KnownDimensions, names?: AnswerNames): ReadableStep {
  const known = latexOfSteps.get(s.before);
  const w =
    known !== undefined && known.after === s.after && known.writing.dimensions === dimensions && known.writing.names === names
      ? known.writing
      : writingOf([s.before, s.after], s.claims, dimensions, names);
  return {
    rule: s.rule,
    name: s.name,
    ...(s.reference ? { reference: s.reference } : {}),
    explanation: s.explanation,
    kind: s.kind,
    afterText: displayText(s.after, w),
  };
}
