/**
 * The factors hadamard()'s rules look for among a product's factors (./factorRules.ts: sign beside |·|,
 * relu beside its step, exp beside (exp + 1)∘⁻¹), as keys: a number naming a function and its argument,
 * sign(u) ↦ (u, sign). A product kept whole (./hadamard.ts) notes the keys of the watched factors below
 * it, at any depth; a factor beside it names the keys of the partners it would meet (wantedKeys), so that
 * it looks up its partners and does not walk the product. The key of a function of u exists whether or
 * not that function of u was ever built.
 * Part of the smart constructors (./build.ts).
 */
import type { Expr } from '../model/expr';
import { expBesideOne, reluArgument } from './factorRules';
import { isNum } from './numbers';

const SIGN = 0;
const ABS = 1;
const RELU = 2;
const EXP = 3;
const TAGS = 4;

const key = (u: Expr, tag: number): number => u.id * TAGS + tag;

/**
 * The key a factor of a product kept whole offers its partners, or undefined if no rule looks for it:
 * sign(u), |u|, exp(u), and relu(u) under the positive powers and square roots reluTimesStep reads.
 */
export function offeredKey(g: Expr): number | undefined {
  if (g.op === 'fn' && g.name === 'sign') return key(g.args[0], SIGN);
  if (g.op === 'fn' && g.name === 'abs') return key(g.args[0], ABS);
  if (g.op === 'fn' && g.name === 'exp') return key(g.args[0], EXP);
  const u = reluArgument(g);
  return u === undefined ? undefined : key(u, RELU);
}

/**
 * The keys of the factors g meets by a rule, beside it in a Hadamard product: |u| and |u|∘⁻¹ meet sign(u),
 * sign(u) meets |u|, 𝟙[u > 0] meets relu(u), (exp(u) + 1)∘⁻¹ meets exp(u).
 */
export function wantedKeys(g: Expr): number[] {
  if (g.op === 'fn' && g.name === 'sign') return [key(g.args[0], ABS)];
  if (g.op === 'fn' && g.name === 'step') return [key(g.args[0], RELU)];
  const inverse = g.op === 'pow' && isNum(g.args[1], -1) ? g.args[0] : undefined;
  const abs = inverse ?? g;
  if (abs.op === 'fn' && abs.name === 'abs') return [key(abs.args[0], SIGN)];
  const e = inverse === undefined ? undefined : expBesideOne(inverse);
  return e === undefined ? [] : [key(e.args[0], EXP)];
}

/** The key of the factor that meets the factor offering `k`, when both may be kept inside products: sign(u) and |u|. */
export function partnerKey(k: number): number | undefined {
  const tag = k % TAGS;
  if (tag === SIGN) return k - SIGN + ABS;
  if (tag === ABS) return k - ABS + SIGN;
  return undefined;
}
