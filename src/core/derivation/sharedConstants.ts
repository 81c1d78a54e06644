/**
 * A large constant that several intermediates' definitions share — c = a₁ + … + a_N added at every
 * step of h = tanh(W_k h + c) — is named once (c = a₁ + … + a_N, listed before the intermediates) and
 * the definitions are shown with its name: written out in each of them, the intermediate variables
 * (and a summary's local Jacobians) were quadratic in the expression (issue 17). So are the values the
 * steps show (`constantNamer`): where every step multiplies by c (h = tanh(W_k h) ⊙ c), diag(c) is in
 * every local Jacobian, in their product and in its multiplied-out form. Display only: the definitions
 * themselves, and every claim, keep the expression.
 */
import { Expr, variable, walkUnvisited, withArgs } from '../model/expr';
import { isMatrix } from '../model/shape';

/** A constant with fewer distinct nodes than this is written where it is used (a + b, 2A). */
const LARGE = 8;

/**
 * The constants (sub-expressions free of x, not leaves) that are arguments of two or more of the
 * nodes depending on x and have LARGE distinct nodes or more, each with the variable that names it,
 * in order of first use. Its names avoid `reserved`.
 */
export function sharedConstants(dependent: readonly Expr[], depends: (e: Expr) => boolean, reserved: ReadonlySet<string>): Map<Expr, Expr> {
  const uses = new Map<Expr, number>();
  const order: Expr[] = [];
  for (const n of dependent) {
    for (const a of n.args) {
      if (depends(a) || a.args.length === 0) continue;
      const k = uses.get(a) ?? 0;
      if (k === 0) order.push(a);
      uses.set(a, k + 1);
    }
  }
  const shared = order.filter((c) => (uses.get(c) as number) > 1 && hasNodes(c, LARGE));
  const names = namesFor(shared, reserved);
  return new Map(shared.map((c, k) => [c, variable(names[k], c.shape)] as const));
}

/**
 * `e` as the steps show it: each shared constant replaced by the variable that names it (raw rebuild,
 * the rest of `e` as it is). One memo for a whole derivation, so that each node — the constants'
 * included, which are never entered — is walked once however many values hold it: a walk of each
 * value on its own went through the constant once per local Jacobian.
 */
export function constantNamer(constants: ReadonlyMap<Expr, Expr>): (e: Expr) => Expr {
  if (constants.size === 0) return (e) => e;
  const memo = new Map<Expr, Expr>(constants);
  return (e) => {
    walkUnvisited(e, (n) => memo.has(n), (n) => memo.set(n, withArgs(n, n.args.map((a) => memo.get(a) as Expr))));
    return memo.get(e) as Expr;
  };
}

/** Whether `e` has at least `k` distinct nodes (a walk that stops there: a constant may be large). */
function hasNodes(e: Expr, k: number): boolean {
  const seen = new Set<Expr>([e]);
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    for (const a of (stack.pop() as Expr).args) {
      if (seen.has(a)) continue;
      if (seen.size + 1 >= k) return true;
      seen.add(a);
      stack.push(a);
    }
  }
  return seen.size >= k;
}

/** c (C for a matrix) for one constant; c₁, c₂, … for several; another letter where those are taken. */
function namesFor(constants: readonly Expr[], reserved: ReadonlySet<string>): string[] {
  const cased = (base: string, e: Expr): string => (isMatrix(e.shape) ? base.toUpperCase() : base);
  // c₁ is also how the expression's c1 is written.
  const free = (s: string): boolean => !reserved.has(s) && !reserved.has(s.replace('_', ''));
  for (const base of ['c', 'k', 'r', 's']) {
    const names = constants.length === 1 ? [cased(base, constants[0])] : constants.map((c, i) => `${cased(base, c)}_${i + 1}`);
    if (names.every(free)) return names;
  }
  let k = 0;
  return constants.map((c) => {
    let name: string;
    do name = `${cased('c', c)}_${++k}`;
    while (!free(name));
    return name;
  });
}
