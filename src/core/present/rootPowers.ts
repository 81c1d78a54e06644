/**
 * Powers of one square root in a sum: with u = √s, u⁻¹ = s ⊙ u⁻³ (u² = s wherever u is real and u⁻¹
 * defined), so a·u⁻¹ + b·(P ⊙ u⁻³) = (a·s + b·P) ⊙ u⁻³ — written so only where a·s + b·P has fewer
 * terms than s and P together (something cancels). The Hessian of the smooth L1 (Charbonnier) loss
 * Σ√(x² + ε) is then the textbook ε·diag(u⁻³) (u⁻¹ − x² ⊙ u⁻³ = (x² + ε − x²) ⊙ u⁻³), and √(x² + ε)''
 * is ε/u³; the Hessian of ‖x‖, I/‖x‖ − xxᵀ/‖x‖³, has nothing that cancels and stays.
 */
import { type Expr, postorder, rationalNum, rationalOf } from '../model/expr';
import { isScalar } from '../model/shape';
import * as Q from '../model/rational';
import { add, diagm, hadamard, mul } from '../simplify/build';
import { splitCoefficient } from '../simplify/numbers';
import { rewriteBottomUp } from './bottomUp';

const isPowerOf = (e: Expr, k: number): boolean => e.op === 'pow' && e.args[1].op === 'num' && Q.equals(rationalOf(e.args[1]), Q.fromNumber(k));
const isRoot = (e: Expr): boolean => e.op === 'fn' && e.name === 'sqrt';

/** A term's rest P ⊙ u⁻³ (or P·u⁻³ of scalars): u⁻³ and P, or undefined. */
function overCube(rest: Expr): { cube: Expr; p: Expr } | undefined {
  if (rest.op !== 'hadamard' && !(rest.op === 'mul' && isScalar(rest.shape))) return undefined;
  const cube = rest.args.find((a) => isPowerOf(a, -3) && isRoot(a.args[0]));
  if (cube === undefined) return undefined;
  const others = rest.args.filter((a) => a !== cube);
  if (others.length !== rest.args.length - 1) return undefined;
  const p = others.length === 1 ? others[0] : rest.op === 'hadamard' ? hadamard(...others) : mul(...others);
  return p.shape.rows === rest.shape.rows && p.shape.cols === rest.shape.cols ? { cube, p } : undefined;
}

const termCount = (e: Expr): number => (e.op === 'add' ? e.args.length : 1);

/** A term as coefficient, rest and whether the rest is diag(rest) (a Hessian by a vector is a sum of diagonals). */
function partsOf(term: Expr): { c: Q.Rational; rest: Expr; diagonal: boolean } {
  const [c, rest] = splitCoefficient(term);
  if (rest.op !== 'diagm') return { c, rest, diagonal: false };
  const [c2, inner] = splitCoefficient(rest.args[0]);
  return { c: Q.mul(c, c2), rest: inner, diagonal: true };
}

function combine(sum: Expr): Expr {
  const terms = sum.args;
  const parts = terms.map(partsOf);
  for (let i = 0; i < terms.length; i++) {
    const { c: a, rest: inverse, diagonal } = parts[i];
    if (!isPowerOf(inverse, -1) || !isRoot(inverse.args[0])) continue;
    const root = inverse.args[0];
    for (let j = 0; j < terms.length; j++) {
      if (j === i || parts[j].diagonal !== diagonal) continue;
      const { c: b, rest } = parts[j];
      const o = overCube(rest);
      if (!o || o.cube.args[0] !== root) continue;
      const s = root.args[0];
      const together = add(mul(rationalNum(a), s), mul(rationalNum(b), o.p));
      if (termCount(together) >= termCount(s) + termCount(o.p)) continue;
      const merged = isScalar(root.shape) ? mul(together, o.cube) : hadamard(together, o.cube);
      return add(...terms.filter((_, k) => k !== i && k !== j), diagonal ? diagm(merged) : merged);
    }
  }
  return sum;
}

/**
 * e with every such pair of terms combined (e itself when there is none). A term that combines holds
 * a square root (u⁻¹, u⁻³ with u = √s): without one in e — most results; this pass changes none of
 * the 228 requests of the benchmark's corpus — the sums are not looked into (combine() splits each
 * term from its coefficient, a node for each). The order is the one the passes of present() share.
 */
export function combineRootPowers(e: Expr): Expr {
  const order = postorder(e);
  if (!order.some(isRoot)) return e;
  return rewriteBottomUp(e, (node) => (node.op === 'add' && node.args.length >= 2 ? combine(node) : node), order);
}
