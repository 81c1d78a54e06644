/**
 * Rules among the factors of a product of scalars or of a Hadamard product: relu beside its step,
 * sign beside |·|, exp(u)/(1 + exp(u)) = σ(u).
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { type Expr, num, rationalOf } from '../model/expr';
import * as Q from '../model/rational';
import type { Rational } from '../model/rational';
import { fn } from './elementwise';
import { isNum, isOne, isOnes } from './numbers';
import { pow } from './power';

/**
 * relu(u)ᵏ ⊙ 𝟙[u > 0] = relu(u)ᵏ for k > 0, and √relu(u) ⊙ 𝟙[u > 0] = √relu(u): where u > 0 the
 * step is 1, elsewhere the factor is 0ᵏ = √0 = 0, and so is the product (whatever 𝟙[0 > 0] is).
 * The factor 𝟙[u > 0] is dropped when such a factor of relu of the same u is among the factors.
 */
export function reluTimesStep(parts: Expr[]): Expr[] {
  const relus = new Set<number>();
  for (const q of parts) {
    const u = reluArgument(q);
    if (u !== undefined) relus.add(u.id);
  }
  if (relus.size === 0) return parts;
  return parts.filter((q) => !(q.op === 'fn' && q.name === 'step' && relus.has(q.args[0].id)));
}

/**
 * The u of a factor that is 0 wherever u ≤ 0: relu(u) under positive powers and square roots
 * (relu(u)², √relu(u), (√relu(u))³; not relu(u)⁻¹, infinite there). A few levels, not a deep walk.
 */
export function reluArgument(q: Expr): Expr | undefined {
  for (let level = 0; level < 4; level++) {
    if (q.op === 'fn' && q.name === 'relu') return q.args[0];
    if (q.op === 'fn' && q.name === 'sqrt') q = q.args[0];
    else if (q.op === 'pow' && q.args[1].op === 'num' && Q.sign(rationalOf(q.args[1])) > 0) q = q.args[0];
    else return undefined;
  }
  return undefined;
}

/** reluTimesStep for the scalar factors of a product: base^k with k > 0, 𝟙[u > 0] dropped as above. */
export function dropStepsBesideRelu(order: Expr[], exps: Map<number, Rational>): void {
  if (!order.some((b) => b.op === 'fn' && b.name === 'step')) return;
  const positive = (b: Expr): boolean => Q.sign(exps.get(b.id) as Rational) > 0;
  const relus = new Set<number>();
  for (const b of order) {
    const u = positive(b) ? reluArgument(b) : undefined;
    if (u !== undefined) relus.add(u.id);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i];
    if (b.op === 'fn' && b.name === 'step' && positive(b) && relus.has(b.args[0].id)) {
      order.splice(i, 1);
      exps.delete(b.id);
    }
  }
}

/**
 * sign(u)·|u|⁻¹ = u⁻¹ (where either is defined: u ≠ 0) and sign(u)·|u| = u: d log|u| = du/u, not
 * sign(u)du/|u|. For the scalar factors of a product (bases and their exponents, in place).
 */
export function signBesideAbs(order: Expr[], exps: Map<number, Rational>): void {
  if (!order.some((b) => b.op === 'fn' && b.name === 'sign')) return;
  for (const b of [...order]) {
    if (b.op !== 'fn' || b.name !== 'abs' || !exps.has(b.id)) continue;
    const k = exps.get(b.id) as Rational;
    const sg = order.find((g) => g.op === 'fn' && g.name === 'sign' && g.args[0] === b.args[0]);
    if (sg === undefined || !isOne(exps.get(sg.id) as Rational) || !(isOne(k) || isOne(Q.neg(k)))) continue;
    const u = b.args[0];
    order.splice(order.indexOf(sg), 1);
    exps.delete(sg.id);
    order.splice(order.indexOf(b), 1);
    exps.delete(b.id);
    const before = exps.get(u.id);
    if (before === undefined) order.push(u);
    exps.set(u.id, before === undefined ? k : Q.add(before, k));
  }
}

/** signBesideAbs for the factors of a Hadamard product: sign(u) ⊙ |u|∘⁻¹ = u∘⁻¹, sign(u) ⊙ |u| = u. */
export function signBesideAbsParts(parts: Expr[]): Expr[] {
  const sg = parts.find((q) => q.op === 'fn' && q.name === 'sign');
  if (sg === undefined) return parts;
  const u = sg.args[0];
  const abs = (q: Expr): boolean => q.op === 'fn' && q.name === 'abs' && q.args[0] === u;
  const a = parts.find((q) => abs(q) || (q.op === 'pow' && isNum(q.args[1], -1) && abs(q.args[0])));
  if (a === undefined) return parts;
  return [...parts.filter((q) => q !== sg && q !== a), a.op === 'pow' ? pow(u, num(-1)) : u];
}

/** The exp(u) of 1 + exp(u) or exp(u) + 1 (𝟏 for 1 in arrays), else undefined. */
export function expBesideOne(sum: Expr): Expr | undefined {
  if (sum.op !== 'add' || sum.args.length !== 2) return undefined;
  const [t1, t2] = sum.args;
  return t1.op === 'fn' && t1.name === 'exp' && isOnes(t2) ? t1 : t2.op === 'fn' && t2.name === 'exp' && isOnes(t1) ? t2 : undefined;
}

/**
 * sigmoidOf among the factors of a product of scalars: exp(u) · (1 + exp(u))⁻¹ = σ(u), as a textbook
 * writes the derivative of the logistic loss log(1 + exp(−y·wᵀx)), whose vector form ⊙ has it too.
 */
export function sigmoidOfScalars(order: Expr[], exps: Map<number, Rational>): void {
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    const e = expBesideOne(p);
    if (e === undefined || !isOne(Q.neg(exps.get(p.id) as Rational)) || !isOne(exps.get(e.id) ?? Q.ZERO)) continue;
    const sg = fn('sigmoid', e.args[0]);
    order.splice(i, 1);
    exps.delete(p.id);
    order.splice(order.indexOf(e), 1);
    exps.delete(e.id);
    const before = exps.get(sg.id);
    if (before === undefined) order.push(sg);
    exps.set(sg.id, before === undefined ? Q.ONE : Q.add(before, Q.ONE));
    i = -1;
  }
}

/** exp(u) ⊙ (exp(u) + 1)^(−1) = σ(u). */
export function sigmoidOf(parts: Expr[]): Expr[] {
  for (const p of parts) {
    if (p.op !== 'pow' || !isNum(p.args[1], -1)) continue;
    const e = expBesideOne(p.args[0]);
    if (e && parts.includes(e)) {
      const rest = parts.filter((q) => q !== p && q !== e);
      return [...rest, fn('sigmoid', e.args[0])];
    }
  }
  return parts;
}
