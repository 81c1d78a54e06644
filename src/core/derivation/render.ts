/** Internal steps → the public `DerivationStep` (LaTeX for KaTeX, plus Unicode text for terminals). */
import type { DerivationStep } from '../api';
import type { Expr } from '../model/expr';
import { shapeText } from '../model/shape';
import { firstKink, substitute } from '../write/piecewise';
import { piecewiseLatex, toLatex, toUnicode } from '../write/index';
import { isNotation } from './notation';
import type { Display, Part, Step } from './step';

function partLatex(p: Part): string {
  if (isNotation(p)) return p.tex;
  if ('cases' in p) {
    const compact = toLatex(p.cases);
    const cases = piecewiseLatex(p.cases);
    if (p.only) return cases ?? compact;
    return cases ? `${compact} = ${cases}` : compact;
  }
  return toLatex(p);
}

function partText(p: Part): string {
  if (isNotation(p)) return p.text;
  if ('cases' in p) return p.only ? casesText(p.cases) : toUnicode(p.cases);
  return toUnicode(p);
}

/** The cases of an expression with a kink, as text: {a if u ≤ 0; b if u > 0}. */
function casesText(e: Expr): string {
  const kink = firstKink(e);
  if (!kink) return toUnicode(e);
  const u = kink.args[0];
  return `{${toUnicode(substitute(e, u, false))} if ${toUnicode(u)} ≤ 0; ${toUnicode(substitute(e, u, true))} if ${toUnicode(u)} > 0}`;
}

export const displayLatex = (d: Display): string => d.map(partLatex).join('');
export const displayText = (d: Display): string => d.map(partText).join('');

export function toDerivationStep(s: Step): DerivationStep {
  return {
    rule: s.rule,
    name: s.name,
    ...(s.reference ? { reference: s.reference } : {}),
    explanation: s.explanation,
    before: displayLatex(s.before),
    after: displayLatex(s.after),
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
    afterText: displayText(s.after),
  };
}

export const toDerivationSteps = (steps: readonly Step[]): DerivationStep[] => steps.map(toDerivationStep);
