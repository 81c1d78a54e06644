/**
 * A selected equation stating a derivative — `\frac{\partial}{\partial x}(x^T A x) = 2Ax`,
 * `d/dx(x'*A*x) = 2*A*x`, `∇ₓf = …` — split into what `checkClaim` needs: the function, the
 * variable, the order, and the claim with its offsets in the selection.
 */
import { splitRow } from './chains';
import { derivativeSide } from './derivative';

export interface EquationClaim {
  readonly expr: string;
  readonly wrt?: readonly string[];
  readonly order: 1 | 2;
  readonly claim: string;
  readonly claimStart: number;
  readonly claimEnd: number;
}

/** The derivative claim of `text` (`derivative = claim` or `claim = derivative`), if it states one. */
export function claimInEquation(text: string, notation: 'latex' | 'plain'): EquationClaim | undefined {
  // A single = separates in every notation here (the plain `==` of .matcalc files too).
  const normalized = notation === 'plain' ? text.replace(/==/g, ' =') : text;
  const { sides, relations } = splitRow(normalized, 0, { start: 0, end: normalized.length }, 'latex');
  if (relations.length !== 1 || relations[0] !== 'equals') return undefined;
  const [left, right] = sides;
  for (const [d, claim] of [[left, right], [right, left]] as const) {
    const derivative = derivativeSide(d.text, notation);
    if (derivative && claim.text !== '' && !derivativeSide(claim.text, notation)) {
      return {
        expr: derivative.fn,
        ...(derivative.wrt ? { wrt: [derivative.wrt] } : {}),
        order: derivative.order,
        claim: text.slice(claim.start, claim.end),
        claimStart: claim.start,
        claimEnd: claim.end,
      };
    }
  }
  return undefined;
}
