/**
 * The algebraic identities a rewrite uses, named for the explanation of "multiply out" and
 * "simplify" steps (as far as they can be recognised in the expression before the rewrite).
 */
import { Expr, postorder } from '../model/expr';
import { isColumn, isMatrix, isRow, isScalar } from '../model/shape';

/** The factors of a product, nested products flattened. */
function flat(e: Expr): Expr[] {
  return e.args.flatMap((g) => (g.op === 'mul' && !isScalar(g.shape) ? flat(g) : [g]));
}

/** Identities that simplifying `before` uses, as far as they can be seen in it. */
export function identitiesIn(before: Expr): string[] {
  const found = new Set<string>();
  for (const e of postorder(before)) {
    if (e.op === 'mul') {
      const chain = flat(e).filter((g) => !isScalar(g.shape));
      if (chain.some((g) => g.op === 'eye')) found.add('I·A = A');
      if (e.args.some((g) => g.op === 'num' && g.value === 1)) found.add('1·a = a');
      for (let k = 0; k + 1 < chain.length; k++) {
        const [a, b] = [chain[k], chain[k + 1]];
        if (a.op === 'ones' && b.op === 'diagm') found.add('𝟏ᵀdiag(a) = aᵀ');
        if (a.op === 'diagm' && b.op === 'diagm') found.add('diag(a)·diag(b) = diag(a ⊙ b)');
        if (a.op === 'diagm' && !isMatrix(b.shape)) found.add('diag(a)·b = a ⊙ b');
        if (b.op === 'diagm' && !isMatrix(a.shape)) found.add('bᵀdiag(a) = (a ⊙ b)ᵀ');
        if (a.op === 'block' && b.op === 'block') found.add('multiply the matrices entry by entry');
        if (b.op === 'ones' && isColumn(b.shape) && isRow(a.shape)) found.add('aᵀ𝟏 = sum(a)');
      }
      const bases = e.args.filter((g) => isScalar(g.shape)).map(baseOf);
      if (new Set(bases).size < bases.length) found.add('xᵃ·xᵇ = xᵃ⁺ᵇ');
    }
    if (e.op === 'transpose' && (e.args[0].op === 'mul' || e.args[0].op === 'transpose')) found.add('(AB)ᵀ = BᵀAᵀ');
    if (e.op === 'add' && new Set(e.args).size < e.args.length) found.add('collecting like terms');
    if (e.op === 'add' && e.args.some((t) => t.op === 'zeros' || (t.op === 'num' && t.value === 0))) found.add('dropping zero terms');
    if (e.op === 'zeros' || (e.op === 'num' && e.value === 0)) found.add('0·a = 0');
  }
  for (const e of postorder(before)) {
    if (e.op === 'mul' && e.args.some((g) => g.op === 'sum') && e.args.some((g) => g.op === 'pow' && g.args[0].op === 'size')) found.add('sum(a)/N = mean(a)');
  }
  return [...found];
}

/** Which identities a simplification used, as far as they can be seen in the expression before it. */
export function simplifyExplanation(before: Expr, after: Expr, reshaped: boolean): string {
  if (reshaped) {
    return 'Simplify, and arrange the entries in the shape of the result (the vec form above stacks them in one column).';
  }
  if (sameUpToOrder(before, after)) return 'Reorder terms and factors into the usual written order; the value does not change.';
  const list = identitiesIn(before);
  return list.length > 0
    ? `Simplify with the identities ${list.join(', ')} and collect terms into textbook form.`
    : 'Multiply out, cancel and collect terms into textbook form (an algebraic rewrite: the value does not change).';
}

/** The base of a (nested) power. */
function baseOf(e: Expr): Expr {
  let b = e;
  while (b.op === 'pow') b = b.args[0];
  return b;
}

/** Equal up to the order of terms in sums and of scalar factors in products. */
function sameUpToOrder(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  const key = keyer();
  return key(a) === key(b);
}

function keyer(): (e: Expr) => string {
  const memo = new Map<Expr, string>();
  return (root: Expr): string => {
    for (const e of postorder(root)) {
      if (memo.has(e)) continue;
      let args = e.args.map((g) => memo.get(g) as string);
      if (e.op === 'add' || e.op === 'hadamard') args = [...args].sort();
      if (e.op === 'mul') {
        const scal = e.args.filter((g) => isScalar(g.shape)).map((g) => memo.get(g) as string).sort();
        const chain = e.args.filter((g) => !isScalar(g.shape)).map((g) => memo.get(g) as string);
        args = [...scal, '|', ...chain];
      }
      memo.set(e, `${e.op}:${e.name ?? ''}:${e.value ?? ''}:${e.dims?.join(',') ?? ''}:${e.shape.rows}x${e.shape.cols}(${args.join(';')})`);
    }
    return memo.get(root) as string;
  };
}
