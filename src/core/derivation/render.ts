/**
 * Internal steps → the public `DerivationStep` (LaTeX for KaTeX, plus Unicode text for terminals).
 *
 * An expression whose tree is much larger than its DAG — substituting back along sin(sin(…x…))
 * 10,000 deep repeats each level in every level above it — is written in the binding form
 * `… where v1 = …, v2 = …` (present/bindings.ts), as derive() writes its result, so that every
 * step stays linear in the DAG (issue 17). Its names avoid the letters of the step's other
 * variables (the intermediates u₁, u₂, … the derivation introduced).
 */
import type { DerivationStep } from '../api';
import { freeVariables, type Expr } from '../model/expr';
import { shapeText } from '../model/shape';
import { bindShared, treeIsLarge, writeBoundForm } from '../present/bindings';
import { firstKink, substitute } from '../write/piecewise';
import { piecewiseLatex, toLatex, toUnicode } from '../write/index';
import type { WhereNotation } from '../write/where';
import { isNotation } from './notation';
import type { Display, Part, Step } from './step';

/** The names of the variables of a step's displays, computed when first needed. */
type Reserved = () => readonly string[];

/** `e` in LaTeX or Unicode: as a tree, or in the binding form when the tree is large. */
function written(e: Expr, notation: Exclude<WhereNotation, 'text'>, reserved: Reserved): string {
  if (treeIsLarge(e)) return writeBoundForm(bindShared(e, undefined, reserved()), notation);
  return notation === 'latex' ? toLatex(e) : toUnicode(e);
}

function partLatex(p: Part, reserved: Reserved): string {
  if (isNotation(p)) return p.tex;
  if ('cases' in p) {
    const compact = toLatex(p.cases);
    const cases = piecewiseLatex(p.cases);
    if (p.only) return cases ?? compact;
    return cases ? `${compact} = ${cases}` : compact;
  }
  return written(p, 'latex', reserved);
}

function partText(p: Part, reserved: Reserved): string {
  if (isNotation(p)) return p.text;
  if ('cases' in p) return p.only ? casesText(p.cases) : toUnicode(p.cases);
  return written(p, 'unicode', reserved);
}

/** The cases of an expression with a kink, as text: {a if u ≤ 0; b if u > 0}. */
function casesText(e: Expr): string {
  const kink = firstKink(e);
  if (!kink) return toUnicode(e);
  const u = kink.args[0];
  return `{${toUnicode(substitute(e, u, false))} if ${toUnicode(u)} ≤ 0; ${toUnicode(substitute(e, u, true))} if ${toUnicode(u)} > 0}`;
}

/** The names of the variables in these displays (once, on the first call). */
function reservedOf(displays: readonly Display[]): Reserved {
  let names: readonly string[] | undefined;
  return () => {
    names ??= [...new Set(displays.flatMap((d) => d.flatMap((p) => (isNotation(p) ? [] : freeVariables('cases' in p ? p.cases : p).map((v) => v.name as string)))))];
    return names;
  };
}

export const displayLatex = (d: Display, reserved: Reserved = reservedOf([d])): string => d.map((p) => partLatex(p, reserved)).join('');
export const displayText = (d: Display, reserved: Reserved = reservedOf([d])): string => d.map((p) => partText(p, reserved)).join('');

/** Does the step show the same before and after (in LaTeX, names of a binding form chosen alike)? */
export function sameDisplays(s: Pick<Step, 'before' | 'after'>): boolean {
  const reserved = reservedOf([s.before, s.after]);
  return displayLatex(s.before, reserved) === displayLatex(s.after, reserved);
}

export function toDerivationStep(s: Step): DerivationStep {
  const reserved = reservedOf([s.before, s.after]);
  return {
    rule: s.rule,
    name: s.name,
    ...(s.reference ? { reference: s.reference } : {}),
    explanation: s.explanation,
    before: displayLatex(s.before, reserved),
    after: displayLatex(s.after, reserved),
    ...(s.focus ? { focus: toLatex(s.focus) } : {}),
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
    afterText: displayText(s.after, reserved),
  };
}

export const toDerivationSteps = (steps: readonly Step[]): DerivationStep[] => steps.map(toDerivationStep);
