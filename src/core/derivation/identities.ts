/**
 * The algebraic identities a rewrite uses, named for the explanation of "multiply out" and
 * "simplify" steps (as far as they can be recognised in the expression before the rewrite).
 */
import { Expr, postorder, walkUnvisited, withArgs } from '../model/expr';
import { isColumn, isMatrix, isRow, isScalar } from '../model/shape';
import { splitCoefficient, transpose } from '../simplify/build';
import { mention } from './notation';
import type { Writer } from './writer';

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
        if (isMatrix(a.shape) && (a !== b || a.op !== 'var') && (powered(a) || powered(b)) && matrixBase(a) === matrixBase(b)) {
          found.add('AᵃAᵇ = Aᵃ⁺ᵇ for powers and inverses of one matrix (A⁻¹A = I)');
        }
      }
      const exponents = scalarExponents(e);
      if ([...exponents.values()].some((ks) => ks.length > 1 && ks.reduce((x, y) => x + y, 0) !== 0)) found.add('xᵃ·xᵇ = xᵃ⁺ᵇ');
    }
    if (e.op === 'transpose' && e.args[0].op === 'mul') found.add('(AB)ᵀ = BᵀAᵀ');
    if (e.op === 'transpose' && e.args[0].op === 'transpose') found.add('(Aᵀ)ᵀ = A');
    if (e.op === 'inv' && (e.args[0].op === 'inv' || (e.args[0].op === 'transpose' && e.args[0].args[0].op === 'inv'))) found.add('(A⁻¹)⁻¹ = A');
    if (e.op === 'zeros' || (e.op === 'num' && e.value === 0)) found.add('0·a = 0');
  }
  for (const e of postorder(before)) {
    if (e.op === 'mul' && e.args.some((g) => g.op === 'sum') && e.args.some((g) => g.op === 'pow' && g.args[0].op === 'size')) found.add('sum(a)/N = mean(a)');
  }
  return [...found];
}

/** A matrix under transposes, inverses and powers: (X³)⁻ᵀ → X. */
function matrixBase(e: Expr): Expr {
  let b = e;
  while (b.op === 'transpose' || b.op === 'inv' || b.op === 'matpow') b = b.args[0];
  return b;
}

const powered = (e: Expr): boolean => e !== matrixBase(e) && postorder(e).some((n) => n.op === 'inv' || n.op === 'matpow');

/** Scalar factors of a product by base: their exponents (x·x⁻² → x: [1, −2]). */
function scalarExponents(e: Expr): Map<Expr, number[]> {
  const out = new Map<Expr, number[]>();
  for (const g of e.args) {
    if (!isScalar(g.shape) || g.op === 'num') continue;
    const [base, k] = g.op === 'pow' && g.args[1].op === 'num' ? [baseOf(g), g.args[1].value as number] : [g, 1];
    out.set(base, [...(out.get(base) ?? []), k]);
  }
  return out;
}

/** The factors of an element-wise product by base (nested products opened): their exponents (u ⊙ u∘⁻¹ → u: [1, −1]). */
function hadamardExponents(e: Expr): Map<Expr, number[]> {
  const out = new Map<Expr, number[]>();
  const factors = (h: Expr): Expr[] => h.args.flatMap((g) => (g.op === 'hadamard' ? factors(g) : [g]));
  for (const g of factors(e)) {
    if (g.op === 'num' || isScalar(g.shape)) continue;
    const [base, k] = g.op === 'pow' && g.args[1].op === 'num' ? [baseOf(g), g.args[1].value as number] : [g, 1];
    out.set(base, [...(out.get(base) ?? []), k]);
  }
  return out;
}

/** What a simplification does, as far as it can be seen: collect a common factor or like terms, cancel, drop zeros. */
function actionsIn(w: Writer, before: Expr, after: Expr): { readonly actions: string[]; readonly factors: Expr[]; readonly like: boolean } {
  const actions: string[] = [];
  const factors: Expr[] = [];
  let like = false;
  const afterNodes = postorder(after);
  const factoredIn = (f: Expr): boolean =>
    afterNodes.some((n) => (n.op === 'mul' || n.op === 'hadamard') && n.args.includes(f) && n.args.some((g) => g !== f && g.op === 'add'));
  const cancelled = new Set<Expr>();
  const withoutDoubleTransposes = doubleTransposesRemoved();
  for (const e of postorder(before)) {
    if (e.op === 'add') {
      const rests = e.args.map((t) => withoutDoubleTransposes(splitCoefficient(t)[1]));
      if (new Set(rests).size < rests.length) like = true;
      for (const f of sharedFactors(e.args)) if (factoredIn(f) && !factors.includes(f)) factors.push(f);
      if (e.args.some((t) => t.op === 'zeros' || (t.op === 'num' && t.value === 0))) actions.push('drop the zero terms');
    }
    if (e.op === 'mul' || e.op === 'hadamard') {
      for (const [base, ks] of e.op === 'mul' ? scalarExponents(e) : hadamardExponents(e)) if (ks.length > 1 && ks.reduce((x, y) => x + y, 0) === 0) cancelled.add(base);
    }
  }
  if (like) actions.unshift('collect like terms');
  if (factors.length > 0) {
    const named = mention(w, factors.slice(0, 2));
    actions.unshift(named === undefined ? `collect ${factors.length > 1 ? 'common factors' : 'a common factor'}` : `collect the common factor${factors.length > 1 ? 's' : ''} ${named}`);
  }
  if (cancelled.size > 0) actions.push(`cancel ${mention(w, [...cancelled].slice(0, 2)) ?? (cancelled.size > 1 ? 'common factors' : 'a common factor')}`);
  return { actions, factors, like };
}

/** Factors shared by at least two terms of a sum (left or right end of a product, scalar or Hadamard factors), most shared first. */
function sharedFactors(terms: readonly Expr[]): Expr[] {
  const count = new Map<Expr, number>();
  for (const t of terms) {
    for (const c of new Set(candidatesOf(splitCoefficient(t)[1]))) count.set(c, (count.get(c) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/**
 * (Aᵀ)ᵀ → A throughout (terms equal up to it are like terms), for many expressions sharing nodes:
 * each node is rewritten once, however many terms hold it. Each term walked on its own was
 * quadratic where the terms nest (a residual network's h + tanh(W h), substituted back, holds every
 * earlier sum in each of its terms).
 */
function doubleTransposesRemoved(): (e: Expr) => Expr {
  const done = new Map<Expr, Expr>();
  return (root) => {
    walkUnvisited(root, (n) => done.has(n), (n) => {
      const args = n.args.map((g) => done.get(g) as Expr);
      done.set(n, n.op === 'transpose' && args[0].op === 'transpose' ? args[0].args[0] : withArgs(n, args));
    });
    return done.get(root) as Expr;
  };
}

function candidatesOf(t: Expr): Expr[] {
  const norm = (g: Expr): Expr => (g.op === 'transpose' ? transpose(g.args[0]) : g);
  if (t.op === 'mul') {
    const chain = t.args.filter((g) => !isScalar(g.shape));
    const ends = chain.length > 0 ? [chain[0], chain[chain.length - 1]] : [];
    return [...ends, ...t.args.filter((g) => isScalar(g.shape) && g.op !== 'num')].map(norm);
  }
  if (t.op === 'hadamard') return t.args.map(norm);
  return t.op === 'num' ? [] : [norm(t)];
}

/**
 * The name and explanation of a simplification step, from what can be seen in the expressions before
 * and after it; the factors it names written by `w` (the derivation's writer, writer.ts).
 */
export function describeSimplification(w: Writer, before: Expr, after: Expr, reshaped: boolean): { readonly name?: string; readonly explanation: string } {
  if (reshaped) {
    return { explanation: 'Simplify, and arrange the entries in the shape of the result (the vec form above stacks them in one column).' };
  }
  if (sameUpToOrder(before, after)) return { name: 'Reorder', explanation: 'Reorder terms and factors into the usual written order; the value does not change.' };
  const { actions, factors, like } = actionsIn(w, before, after);
  const identities = identitiesIn(before).filter((i) => !(i === 'xᵃ·xᵇ = xᵃ⁺ᵇ' && actions.some((a) => a.startsWith('cancel'))));
  const parts = [...actions, ...(identities.length > 0 ? [`use ${identities.join(', ')}`] : [])];
  if (parts.length === 0) return { explanation: 'Multiply out, cancel and collect terms into textbook form (an algebraic rewrite: the value does not change).' };
  const sentence = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const name = factors.length > 0 && parts.length === 1 ? 'Collect the common factor' : like && parts.length === 1 ? 'Collect like terms' : undefined;
  const why = factors.length > 0 ? ' (distributivity: AB + AC = A(B + C))' : '';
  return { ...(name ? { name } : {}), explanation: `${sentence[0].toUpperCase()}${sentence.slice(1)}${why}, which gives the textbook form; the value does not change.` };
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

/**
 * A number per node, equal for two nodes exactly when they are equal up to that order: each node's
 * key is made of its own fields and its children's numbers (sorted where the order does not count),
 * and distinct keys get distinct numbers. Keys stay short however deep or shared the expression is
 * (a key holding its children's keys grew with the written tree: exponentially, for chained
 * assignments, until the string was too long to make).
 */
function keyer(): (e: Expr) => number {
  const memo = new Map<Expr, number>();
  const numbers = new Map<string, number>();
  const byNumber = (x: number, y: number): number => x - y;
  return (root: Expr): number => {
    for (const e of postorder(root)) {
      if (memo.has(e)) continue;
      let args = e.args.map((g) => memo.get(g) as number);
      if (e.op === 'add' || e.op === 'hadamard') args = [...args].sort(byNumber);
      let chain = '';
      if (e.op === 'mul') {
        args = e.args.filter((g) => isScalar(g.shape)).map((g) => memo.get(g) as number).sort(byNumber);
        chain = `|${e.args.filter((g) => !isScalar(g.shape)).map((g) => memo.get(g) as number).join(';')}`;
      }
      const key = `${e.op}:${e.name ?? ''}:${e.value ?? ''}:${e.dims?.join(',') ?? ''}:${e.shape.rows}x${e.shape.cols}(${args.join(';')}${chain})`;
      let n = numbers.get(key);
      if (n === undefined) numbers.set(key, (n = numbers.size));
      memo.set(e, n);
    }
    return memo.get(root) as number;
  };
}
