/**
 * An indicator beside a factor that is infinite where the indicator is 0: 𝟙[u > 0] ⊘ (2√max(0, u)),
 * the derivative of √max(0, u), is 0 · ∞ = NaN for every u < 0, where the true derivative is 0
 * (√max(0, u) is the constant 0 there). Where 𝟙[u > 0] = 1, max(0, u) = u = |u|; so a factor of the
 * product that is max(0, u) under a negative power — max(0, u)⁻ᵏ, (√max(0, u))⁻ᵏ, … — is written
 * with |u| instead: 𝟙[u > 0] ⊘ (2√|u|), the same value where u > 0, and 0 (a finite factor times 0)
 * where u < 0. Only at u = 0 itself, where the function has no derivative (an infinite slope), is the
 * value still undefined. Sound: nothing changes where the indicator is 1, and the replaced factor
 * is finite wherever u ≠ 0, so the product is 0 wherever the indicator is 0 and u ≠ 0.
 */
import { Expr, postorder, withArgs } from '../model/expr';
import { rationalOf } from '../model/expr';
import * as Q from '../model/rational';
import { fn } from '../simplify/build';

const isStep = (e: Expr): boolean => e.op === 'fn' && e.name === 'step';

/**
 * The relu node of a factor that is relu(u) under a negative power, through square roots and
 * powers (relu(u)⁻¹, (√relu(u))⁻¹, relu(u)^(−1/2)); undefined otherwise. A few levels.
 */
function singularRelu(q: Expr): Expr | undefined {
  if (q.op !== 'pow' || q.args[1].op !== 'num' || Q.sign(rationalOf(q.args[1])) >= 0) return undefined;
  let e = q.args[0];
  for (let level = 0; level < 4; level++) {
    if (e.op === 'fn' && e.name === 'relu') return e;
    if (e.op === 'fn' && e.name === 'sqrt') e = e.args[0];
    else if (e.op === 'pow' && e.args[1].op === 'num' && Q.sign(rationalOf(e.args[1])) > 0) e = e.args[0];
    else return undefined;
  }
  return undefined;
}

/** `q` with the node `from` replaced by `to` (a small factor: a few levels). */
function replaceIn(q: Expr, from: Expr, to: Expr): Expr {
  if (q === from) return to;
  return q.args.length === 0 ? q : withArgs(q, q.args.map((a) => replaceIn(a, from, to)));
}

/** The factors of one product with every max(0, u) under a negative power beside 𝟙[u > 0] written |u|; undefined when none. */
function safeFactors(factors: readonly Expr[]): Expr[] | undefined {
  const steps = new Set(factors.filter(isStep).map((s) => s.args[0]));
  if (steps.size === 0) return undefined;
  let changed = false;
  const out = factors.map((q) => {
    const relu = singularRelu(q);
    if (!relu || !steps.has(relu.args[0])) return q;
    changed = true;
    return replaceIn(q, relu, fn('abs', relu.args[0]));
  });
  return changed ? out : undefined;
}

/** e with every such product made finite where its indicator is 0 (e itself when there is none). */
export function finiteBesideIndicators(e: Expr): Expr {
  const nodes = postorder(e);
  if (!nodes.some(isStep)) return e;
  const done = new Map<Expr, Expr>();
  for (const n of nodes) {
    const args = n.args.map((a) => done.get(a) as Expr);
    const safe = n.op === 'mul' || n.op === 'hadamard' ? safeFactors(args) : undefined;
    done.set(n, withArgs(n, safe ?? args));
  }
  return done.get(e) as Expr;
}
