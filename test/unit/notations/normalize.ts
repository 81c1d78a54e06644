/**
 * Equality of expressions up to the liberties writers take (test helper): nested sums, products and
 * Hadamard products flattened (products only while their matrix chain stays valid); the scalar
 * factors of a product first, in a canonical order, with their numbers folded into one
 * coefficient; ⊙ factors in a canonical order; integer powers of scalars expanded (see `power`);
 * 𝟏 ⊙ u as u; 𝟏𝟏ᵀ as the matrix of ones; diag of a 1×1 as itself; inv(Aᵀ) as inv(A)ᵀ, (Aᵀ)ᵀ as A; 𝟏ᵀ and a transposed
 * column literal as rows; numbers to 12 significant digits. Each rewrite keeps the value.
 */
import {
  type Expr, block, num, ones, postorder, rawAdd, rawHadamard, rawInv, rawMul, rawPow, rawTranspose, withArgs, zeros,
} from '../../../src/core/model/expr';
import { type Dim, isScalar, shape } from '../../../src/core/model/shape';

export function normalize(root: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) done.set(e, step(e, e.args.map((a) => done.get(a) as Expr)));
  return roundNumbers(done.get(root) as Expr);
}

/** Numbers to 12 significant digits: coefficients folded in another order agree. */
function roundNumbers(root: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) {
    done.set(e, e.op === 'num' ? num(Number((e.value as number).toPrecision(12))) : withArgs(e, e.args.map((a) => done.get(a) as Expr)));
  }
  return done.get(root) as Expr;
}

function step(e: Expr, args: readonly Expr[]): Expr {
  switch (e.op) {
    case 'add':
      return rawAdd(args.flatMap((a) => (a.op === 'add' ? a.args : [a])));
    case 'hadamard': {
      // ⊙ commutes (a canonical order, as for the scalar factors of a product); 𝟏 ⊙ u is u.
      const factors = args.flatMap((a) => (a.op === 'hadamard' ? a.args : [a])).sort((p, q) => p.id - q.id);
      const kept = factors.filter((f) => f.op !== 'ones');
      if (kept.length === 0) return factors[0];
      return kept.length === 1 && kept[0].shape === e.shape ? kept[0] : rawHadamard(kept);
    }
    case 'diagm':
    case 'diagv':
      // diag of a 1×1 is itself.
      return isScalar(args[0].shape) ? args[0] : withArgs(e, args);
    case 'pow':
      return elementwisePower(args[0], args[1]);
    case 'mul':
      return product(args);
    case 'transpose':
      return transpose(args[0]);
    case 'inv':
      return inverse(args[0]);
    default:
      return withArgs(e, args);
  }
}

/** (Aᵀ)ᵀ is A; 𝟏ᵀ and a transposed column literal are rows. */
function transpose(a: Expr): Expr {
  if (a.op === 'transpose') return a.args[0];
  if (a.op === 'ones' || a.op === 'zeros') return (a.op === 'ones' ? ones : zeros)(shape(a.shape.cols, a.shape.rows));
  if (a.op === 'block' && a.shape.cols === 1) return block(1, a.args.length, a.args);
  return rawTranspose(a);
}

/** inv(Aᵀ) is inv(A)ᵀ. */
function inverse(a: Expr): Expr {
  return a.op === 'transpose' ? transpose(inverse(a.args[0])) : rawInv(a);
}


/** Whether the non-scalar factors form a valid matrix chain. */
function validChain(factors: readonly Expr[]): boolean {
  let cols: unknown;
  for (const f of factors) {
    if (isScalar(f.shape)) continue;
    if (cols !== undefined && cols !== f.shape.rows) return false;
    cols = f.shape.cols;
  }
  return true;
}

function product(args: readonly Expr[]): Expr {
  let factors: Expr[] = [];
  for (const a of args) {
    if (a.op === 'mul' && validChain([...factors, ...a.args, ...args.slice(args.indexOf(a) + 1)])) factors.push(...a.args);
    else factors.push(a);
  }
  let c = 1;
  const scalars: Expr[] = [];
  const chain: Expr[] = [];
  for (const f of factors) {
    if (f.op === 'num') c *= f.value as number;
    else if (isScalar(f.shape)) scalars.push(f);
    else chain.push(f);
  }
  // Leading 1×1 stretches of the chain are scalar factors: xᵀx xᵀA is (xᵀx)·xᵀA, c·xᵀy is c·(xᵀy).
  let start = 0;
  for (let i = 0; i < chain.length; i++) {
    if (chain[start].shape.rows === 1 && chain[i].shape.cols === 1 && i > start) {
      const segment = chain.slice(start, i + 1);
      if (start > 0 || i < chain.length - 1 || c !== 1 || scalars.length > 0) {
        scalars.push(rawMul(segment));
        start = i + 1;
      }
    }
  }
  chain.splice(0, start);
  // 𝟏𝟏ᵀ (a column of ones times a row of ones) is the matrix of ones, as the Unicode writer prints it.
  for (let i = 0; i + 1 < chain.length; i++) {
    const [p, q] = [chain[i], chain[i + 1]];
    if (p.op === 'ones' && p.shape.cols === 1 && q.op === 'ones' && q.shape.rows === 1) chain.splice(i, 2, ones(shape(p.shape.rows, q.shape.cols)));
  }
  // 1×1 factors commute: a canonical order (hash-consed ids are the same for equal structures).
  scalars.sort((p, q) => p.id - q.id);
  factors = [...(c === 1 ? [] : [num(c)]), ...scalars, ...chain];
  if (factors.length === 0) return num(c);
  if (factors.length === 1) return factors[0];
  return rawMul(factors);
}

/** Whether every product, sum and Hadamard product of e has operands of fitting shapes. */
export function wellFormed(root: Expr): boolean {
  for (const e of postorder(root)) {
    if (e.op === 'mul' && !validChain(e.args)) return false;
    if ((e.op === 'add' || e.op === 'hadamard') && !e.args.every((a) => a.shape.rows === e.args[0].shape.rows && a.shape.cols === e.args[0].shape.cols)) {
      if (e.op === 'add' || !e.args.every((a) => isScalar(a.shape) || (a.shape.rows === e.shape.rows && a.shape.cols === e.shape.cols))) return false;
    }
  }
  return true;
}

/**
 * Scalar powers with integer exponents: (b^j)^k is b^(jk), (ab)^k is a^k b^k, b^1 is b, c^k of a
 * number is its value (1/b², 1/(ab) and 1/a·1/b print alike).
 */
function power(base: Expr, k: Expr): Expr {
  if (k.op !== 'num' || !Number.isInteger(k.value) || !isScalar(base.shape)) return rawPow(base, k);
  const kv = k.value as number;
  if (kv === 1) return base;
  if (base.op === 'num' && Number.isFinite((base.value as number) ** kv)) return num((base.value as number) ** kv);
  const j = base.op === 'pow' ? base.args[1] : undefined;
  if (j?.op === 'num' && Number.isInteger(j.value)) return power(base.args[0], num((j.value as number) * kv));
  if (base.op === 'mul' && base.args.every((f) => isScalar(f.shape))) return product(base.args.map((f) => power(f, k)));
  return rawPow(base, k);
}

/** Element-wise integer powers of a Hadamard product: (x ⊙ z)^∘k is x^∘k ⊙ z^∘k. */
function elementwisePower(base: Expr, k: Expr): Expr {
  if (isScalar(base.shape)) return power(base, k);
  if (base.op === 'hadamard' && k.op === 'num' && Number.isInteger(k.value)) {
    return rawHadamard(base.args.map((f) => elementwisePower(f, k)).flatMap((f) => (f.op === 'hadamard' ? f.args : [f])).sort((p, q) => p.id - q.id));
  }
  if (base.op === 'pow' && k.op === 'num' && base.args[1].op === 'num' && Number.isInteger(k.value) && Number.isInteger(base.args[1].value)) {
    return elementwisePower(base.args[0], num((base.args[1].value as number) * (k.value as number)));
  }
  if (k.op === 'num' && k.value === 1) return base;
  return rawPow(base, k);
}

/**
 * Whether a and b are the same expression except that b may use, consistently, other names for
 * the dimensions in `open` (sizes its text left open, such as that of a lone I), standing for a's
 * dimensions or numbers.
 */
export function sameUpToDimensions(a: Expr, b: Expr, open: ReadonlySet<string>): boolean {
  const renamed = new Map<string, unknown>();
  const dim = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if ((typeof x !== 'string' && typeof x !== 'number') || typeof y !== 'string' || !open.has(y)) return false;
    const known = renamed.get(y);
    if (known !== undefined) return known === x;
    renamed.set(y, x);
    return true;
  };
  const stack: [Expr, Expr][] = [[a, b]];
  while (stack.length > 0) {
    const [p, q] = stack.pop() as [Expr, Expr];
    if (p === q) continue;
    if (p.op !== q.op || p.name !== q.name || p.value !== q.value || p.args.length !== q.args.length) return false;
    if (!dim(p.shape.rows, q.shape.rows) || !dim(p.shape.cols, q.shape.cols)) return false;
    if ((p.dims ?? []).length !== (q.dims ?? []).length || !(p.dims ?? []).every((d, i) => dim(d, (q.dims ?? [])[i]))) return false;
    p.args.forEach((x, i) => stack.push([x, q.args[i]]));
  }
  return true;
}

/** The dimensions (each factor of a product of dimensions) of e's nodes: shapes, and the dims of sizes and commutation matrices. */
function dimensionParts(e: Expr): Set<Dim> {
  const out = new Set<Dim>();
  const note = (d: Dim): void => {
    if (typeof d === 'number') out.add(d);
    else for (const p of d.split('·')) out.add(/^\d+$/.test(p) ? Number(p) : p);
  };
  for (const n of postorder(e)) {
    note(n.shape.rows);
    note(n.shape.cols);
    if (n.op === 'size' || n.op === 'commutation') for (const d of n.dims ?? []) note(d);
  }
  return out;
}

/**
 * The renamings of b's `open` dimensions (sizes its text left open, such as those of a bare 𝟏 or
 * 𝟏𝟏ᵀ) to dimensions of a: those its shape gives against a's shape (b is m×1 where a is n×1:
 * m → n) first, then every assignment of a's dimensions to the others (at most `limit`).
 */
export function renamingsOf(a: Expr, b: Expr, open: ReadonlySet<string>, limit = 64): Map<string, Dim>[] {
  const given = new Map<string, Dim>();
  for (const [x, y] of [[a.shape.rows, b.shape.rows], [a.shape.cols, b.shape.cols]] as const) {
    if (typeof y !== 'string' || !open.has(y)) continue;
    if (given.has(y) && given.get(y) !== x) return [];
    given.set(y, x);
  }
  const free = [...dimensionParts(b)].filter((d): d is string => typeof d === 'string' && open.has(d) && !given.has(d));
  const targets = [...dimensionParts(a)].filter((d) => d !== 1);
  let out = [given];
  for (const d of free) {
    out = out.flatMap((m) => targets.map((t) => new Map([...m, [d, t]])));
    if (out.length > limit) return out.slice(0, limit);
  }
  return out;
}

/** e with its dimensions renamed: the core's own (check/openSizes.ts), which the read-back fuzz uses too. */
export { renameDimensions } from '../../../src/core/check/openSizes';
