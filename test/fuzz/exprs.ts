/**
 * Random well-typed expressions (fast-check arbitraries) over the whole operator set of the model
 * (src/core/model/expr.ts), built with the raw constructors so every node is exactly the one
 * generated. Shapes are drawn from the symbolic dimensions n and m (1×1, n×1, m×1, 1×n, 1×m, n×n,
 * m×m, m×n, n×m), a literal 3×1 column and the (n·n)×1 column of vec and kron. The generator is
 * shape-directed: `expressionOf(shape, depth)` gives only expressions of that shape.
 *
 * Two vocabularies: `'input'`, the functions and operators of the input language (issue 3: every
 * element-wise function, max/min with 0, sum mean norm1 norm2 tr det logdet inv diag softmax
 * logsumexp dot eye, vector literals, + - * / .* ./ ^ .^ ', scalar expansion; issue 13: binary
 * max/min, softmax and logsumexp along a random axis, a row or column broadcast over an m×n
 * matrix), and `'internal'`,
 * which adds the nodes the differentiator itself makes and the reader accepts so that results
 * read back (kron, vec, commutation, unit, entry, count).
 *
 * Domains: log, sqrt, negative and fractional powers get arguments that are positive by
 * construction (exp(u), u² + 1, σ(u)) or a variable (the numeric points give such variables
 * positive values); inverses, determinants and logdet take square matrices (random matrices are
 * non-singular almost surely; points where they are not are rejected by randomEnv).
 */
import fc from 'fast-check';
import {
  type Axis, type ElementwiseFunction, type Expr, block, commutation, entry, eye, num, ones, rawAdd, rawDiagm, rawDiagv, rawExtremum, rawFn,
  rawLogsumexpAlong, rawSoftmaxAlong,
  rawHadamard, rawInv, rawKron, rawMatpow, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, rawVec, sizeNode, unit,
  variable,
} from '../../src/core/model/expr';
import { type Dim, type Shape, shape } from '../../src/core/model/shape';

export type ShapeKey = 'S' | 'n' | 'm' | 'rn' | 'rm' | 'nn' | 'mm' | 'mn' | 'nm' | 'k3' | 'N2';

const N2: Dim = 'n·n';
export const SHAPES: Readonly<Record<ShapeKey, Shape>> = {
  S: shape(1, 1), n: shape('n', 1), m: shape('m', 1), rn: shape(1, 'n'), rm: shape(1, 'm'), nn: shape('n', 'n'),
  mm: shape('m', 'm'), mn: shape('m', 'n'), nm: shape('n', 'm'), k3: shape(3, 1), N2: shape(N2, 1),
};

const keyOf = (rows: Dim, cols: Dim): ShapeKey | undefined =>
  (Object.keys(SHAPES) as ShapeKey[]).find((k) => SHAPES[k].rows === rows && SHAPES[k].cols === cols);

/** The variables, by shape: scalars a, b; vectors x, y (n), z (m); matrices A, B, S (symmetric), C, M. */
export const VARIABLES: Readonly<Partial<Record<ShapeKey, readonly Expr[]>>> = {
  S: [variable('a', SHAPES.S), variable('b', SHAPES.S)],
  n: [variable('x', SHAPES.n), variable('y', SHAPES.n)],
  m: [variable('z', SHAPES.m)],
  nn: [variable('A', SHAPES.nn), variable('B', SHAPES.nn), variable('S', SHAPES.nn, true)],
  mm: [variable('C', SHAPES.mm)],
  mn: [variable('M', SHAPES.mn)],
};

const SMOOTH: readonly ElementwiseFunction[] = ['exp', 'sin', 'cos', 'tanh', 'sigmoid', 'tan'];
const NON_SMOOTH: readonly ElementwiseFunction[] = ['relu', 'abs', 'min0', 'sign', 'step'];

type Arb = fc.Arbitrary<Expr>;
export type Vocabulary = 'input' | 'internal';
const memo = new Map<string, Arb>();

const TRANSPOSED: Partial<Record<ShapeKey, ShapeKey>> = { n: 'rn', rn: 'n', m: 'rm', rm: 'm', nn: 'nn', mm: 'mm', mn: 'nm', nm: 'mn' };
const DIMS: readonly Dim[] = [1, 'n', 'm'];

/** Leaves of a shape: its variables, and constants. */
function leaves(k: ShapeKey, voc: Vocabulary): Arb[] {
  const s = SHAPES[k];
  const out: Arb[] = [];
  const vars = VARIABLES[k];
  if (vars) out.push(fc.constantFrom(...vars));
  if (k === 'S') out.push(fc.constantFrom(num(2), num(-0.5), num(3)));
  if (k !== 'S' && k !== 'k3') out.push(fc.constant(ones(s)));
  if (k === 'nn' || k === 'mm') out.push(fc.constant(eye(s.rows)));
  if (k === 'S' && voc === 'internal') out.push(fc.constant(sizeNode(SHAPES.n)));
  return out;
}

/** Leaves of shapes without variables of their own (built from the variables of other shapes). */
function derivedLeaves(k: ShapeKey): Arb[] {
  switch (k) {
    case 'rn': return [fc.constantFrom(...(VARIABLES.n ?? [])).map(rawTranspose)];
    case 'rm': return [fc.constantFrom(...(VARIABLES.m ?? [])).map(rawTranspose)];
    case 'nm': return [fc.constantFrom(...(VARIABLES.mn ?? [])).map(rawTranspose)];
    case 'k3': return [fc.constantFrom(...(VARIABLES.S ?? [])).map((a) => block(3, 1, [a, num(1), rawMul([num(2), a])]))];
    case 'N2': return [fc.constantFrom(...(VARIABLES.nn ?? [])).map(rawVec)]; // internal vocabulary only
    default: return [];
  }
}

/** A positive-valued expression of a shape: exp(u), u.^2 + 1, σ(u), or a variable. */
function positiveOf(k: ShapeKey, depth: number, voc: Vocabulary): Arb {
  const u = expressionOf(k, depth, voc);
  const s = SHAPES[k];
  const one = k === 'S' ? num(1) : ones(s);
  const options: Arb[] = [
    u.map((e) => rawFn('exp', e)),
    u.map((e) => rawAdd([rawPow(e, num(2)), one])),
    u.map((e) => rawFn('sigmoid', e)),
  ];
  const vars = VARIABLES[k];
  if (vars) options.push(fc.constantFrom(...vars));
  return fc.oneof(...options);
}

/**
 * A square matrix that is non-singular by construction or almost surely: a variable, e·eᵀ + I
 * (symmetric positive definite), or e + 4I with e small. Arguments of inv, det and logdet come from
 * here: a structurally singular argument (an outer product u·vᵀ) makes them meaningless.
 */
function nonsingularOf(k: 'nn' | 'mm', depth: number, voc: Vocabulary): Arb {
  const e = expressionOf(k, depth, voc);
  const I = eye(SHAPES[k].rows);
  const options: Arb[] = [
    e.map((u) => rawAdd([rawMul([u, rawTranspose(u)]), I])),
    e.map((u) => rawAdd([rawFn('tanh', u), rawMul([num(4), I])])),
  ];
  const vars = VARIABLES[k];
  if (vars) options.push(fc.constantFrom(...vars));
  return fc.oneof(...options);
}

function composite(k: ShapeKey, d: number, voc: Vocabulary): Arb[] {
  const s = SHAPES[k];
  const sub = (key: ShapeKey): Arb => expressionOf(key, d - 1, voc);
  const positive = (key: ShapeKey, depth: number): Arb => positiveOf(key, depth, voc);
  const internal = voc === 'internal';
  const same = sub(k);
  const scalar = sub('S');
  const out: Arb[] = [
    fc.tuple(same, same).map(([p, q]) => rawAdd([p, q])),
    fc.tuple(same, same).map(([p, q]) => rawAdd([p, rawMul([num(-1), q])])),
    fc.tuple(fc.constantFrom(...SMOOTH, ...NON_SMOOTH), same).map(([f, e]) => rawFn(f, e)),
    fc.tuple(fc.constantFrom('log', 'sqrt') as fc.Arbitrary<ElementwiseFunction>, positive(k, d - 1)).map(([f, e]) => rawFn(f, e)),
    fc.tuple(same, fc.constantFrom(2, 3)).map(([e, p]) => rawPow(e, num(p))),
    fc.tuple(positive(k, d - 1), fc.constantFrom(-1, 0.5, 1.5, -2)).map(([e, p]) => rawPow(e, num(p))),
  ];
  if (k === 'S') {
    // a^b with a variable exponent, and scalars from every other shape
    out.push(fc.tuple(positive('S', d - 1), scalar).map(([p, q]) => rawPow(p, q)));
    out.push(fc.tuple(fc.constantFrom('sum', 'mean', 'norm1', 'norm2') as fc.Arbitrary<'sum'>, fc.constantFrom<ShapeKey>('n', 'm', 'rn', 'nn', 'mn', 'k3', ...(internal ? ['N2' as const] : [])))
      .chain(([op, key]) => sub(key).map((e) => rawReduce(op, e))));
    out.push(sub('nn').map((e) => rawReduce('tr', e)));
    out.push(fc.tuple(fc.constantFrom('det', 'logdet') as fc.Arbitrary<'det'>, nonsingularOf('nn', d - 1, voc)).map(([op, e]) => rawReduce(op, e)));
    out.push(sub('n').map((e) => rawReduce('logsumexp', e)));
    out.push(fc.tuple(sub('n'), sub('n')).map(([u, v]) => rawMul([rawTranspose(u), v])));
    if (internal) {
      out.push(fc.tuple(sub('nn'), fc.constantFrom(1, 2), fc.constantFrom(1, 2)).map(([e, i, j]) => entry(e, i, j)));
      out.push(sub('n').map((e) => rawMul([rawTranspose(unit('n', 2)), e])));
    }
    out.push(fc.tuple(sub('S'), sub('S')).map(([p, q]) => rawMul([p, q])));
  } else {
    out.push(fc.tuple(scalar, same).map(([c, e]) => rawMul([c, e])));
    out.push(fc.tuple(same, same).map(([p, q]) => rawHadamard([p, q])));
    out.push(fc.tuple(same, positive(k, d - 1)).map(([p, q]) => rawHadamard([p, rawPow(q, num(-1))])));
    out.push(fc.tuple(same, positive('S', d - 1)).map(([p, q]) => rawMul([p, rawPow(q, num(-1))])));
    out.push(fc.tuple(same, scalar).map(([p, c]) => rawAdd([p, rawMul([c, ones(s)])])));
  }
  const t = TRANSPOSED[k];
  if (t) out.push(sub(t).map(rawTranspose));
  // matrix products (r×k)(k×c), and chains of three (r×k)(k×l)(l×c)
  for (const inner of DIMS) {
    const left = keyOf(s.rows, inner);
    const right = keyOf(inner, s.cols);
    if (left && right && !(left === 'S' && right === 'S') && !(inner === 1 && (left === 'S' || right === 'S'))) {
      out.push(fc.tuple(sub(left), sub(right)).map(([p, q]) => rawMul([p, q])));
    }
  }
  if (k === 'S') out.push(fc.tuple(sub('n'), sub('nn'), sub('n')).map(([u, A, v]) => rawMul([rawTranspose(u), A, v])));
  if (k === 'n') out.push(fc.tuple(sub('nm'), sub('mm'), sub('m')).map(([A, B, v]) => rawMul([A, B, v])));
  if (k === 'nn' || k === 'mm') {
    out.push(nonsingularOf(k, d - 1, voc).map(rawInv));
    out.push(fc.tuple(same, fc.constantFrom(0, 1, 2, 3)).map(([e, p]) => rawMatpow(e, p)));
    out.push(sub(k === 'nn' ? 'n' : 'm').map(rawDiagm));
  }
  if (k === 'n' || k === 'm') {
    out.push(sub(k).map(rawSoftmax));
    out.push(sub(k === 'n' ? 'nn' : 'mm').map(rawDiagv));
  }
  if (k !== 'k3' && k !== 'N2') {
    // Element-wise max / min of two operands of one shape (issue 13).
    out.push(fc.tuple(fc.constantFrom<'maximum' | 'minimum'>('maximum', 'minimum'), same, same).map(([op, p, q]) => rawExtremum(op, p, q)));
  }
  if (k === 'mn') {
    // Batch form (issue 13): random axes, and a row or column broadcast (written expanded, as the reader builds it).
    out.push(fc.tuple(same, fc.constantFrom<Axis>(1, 2)).map(([e, axis]) => rawSoftmaxAlong(e, axis)));
    out.push(fc.tuple(same, sub('rn')).map(([e, r]) => rawAdd([e, rawMul([ones(SHAPES.m), r])])));
    out.push(fc.tuple(same, sub('m')).map(([e, c]) => rawHadamard([e, rawMul([c, ones(SHAPES.rn)])])));
    out.push(fc.tuple(fc.constantFrom<'maximum' | 'minimum'>('maximum', 'minimum'), same, sub('rn')).map(([op, e, r]) => rawExtremum(op, e, rawMul([ones(SHAPES.m), r]))));
  }
  if (k === 'm') out.push(sub('mn').map((e) => rawLogsumexpAlong(e, 2)));
  if (k === 'rn') out.push(sub('mn').map((e) => rawLogsumexpAlong(e, 1)));
  if (k === 'k3') out.push(fc.tuple(scalar, scalar, scalar).map((es) => block(3, 1, es)));
  if (k === 'N2' && internal) {
    out.push(sub('nn').map(rawVec));
    out.push(fc.tuple(sub('n'), sub('n')).map(([u, v]) => rawKron(u, v)));
    out.push(sub('nn').map((e) => rawMul([commutation('n', 'n'), rawVec(e)])));
  }
  return out;
}

/** Expressions of shape `k` and depth at most `depth`. */
export function expressionOf(k: ShapeKey, depth: number, voc: Vocabulary = 'input'): Arb {
  const key = `${k}:${depth}:${voc}`;
  const known = memo.get(key);
  if (known) return known;
  const base = [...leaves(k, voc), ...derivedLeaves(k)];
  const arb = depth <= 0
    ? fc.oneof(...base)
    : fc.oneof({ weight: 1, arbitrary: fc.oneof(...base) }, { weight: 4, arbitrary: fc.oneof(...composite(k, depth, voc)) });
  memo.set(key, arb);
  return arb;
}

export interface DerivativeCase {
  readonly f: Expr;
  /** Indices into f's variables (in order of appearance); several only for stacked scalars. */
  readonly wrt: readonly Expr[];
  readonly order: 1 | 2;
}

/**
 * A random function with a variable to differentiate by: f of a random shape (scalar about half
 * the time) and depth at most `maxDepth` (each level is a leaf with probability 1/5), one
 * of its variables (or, for several scalar variables, sometimes all of them stacked), order 2 when
 * f is scalar and the coin says so.
 */
export function derivativeCase(maxDepth = 4, voc: Vocabulary = 'input'): fc.Arbitrary<DerivativeCase> {
  const shapeKeys = (Object.keys(SHAPES) as ShapeKey[]).filter((k) => voc === 'internal' || k !== 'N2');
  // No chain(): a oneof over shapes shrinks within the drawn expression (towards leaves and scalars).
  const f = fc.oneof(
    { weight: 6, arbitrary: expressionOf('S', maxDepth, voc) },
    ...shapeKeys.filter((k) => k !== 'S').map((k) => ({ weight: 1, arbitrary: expressionOf(k, maxDepth, voc) })),
  );
  return fc.record({ f, pick: fc.nat({ max: 7 }), stack: fc.boolean(), second: fc.boolean() })
    .map(({ f, pick, stack, second }): DerivativeCase | undefined => {
      const vars = variablesOf(f);
      if (vars.length === 0) return undefined;
      const scalars = vars.filter((v) => v.shape.rows === 1 && v.shape.cols === 1);
      const wrt = stack && scalars.length >= 2 ? scalars : [vars[pick % vars.length]];
      const scalarF = f.shape.rows === 1 && f.shape.cols === 1;
      return { f, wrt, order: second && scalarF ? 2 : 1 };
    })
    .filter((c): c is DerivativeCase => c !== undefined);
}

/** The distinct variables of an expression in order of first appearance (depth-first, left to right). */
export function variablesOf(root: Expr): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop() as Expr;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.op === 'var') out.push(e);
    for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]);
  }
  return out;
}
