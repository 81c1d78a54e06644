/**
 * The expression model: an immutable, hash-consed DAG. Structurally equal expressions are the same
 * object (same `id`), so equality is `===`, shared subexpressions are stored and differentiated once,
 * and maps keyed by node are cheap.
 *
 * `node()` builds exactly the node asked for (no rewriting): readers use it so the input is shown
 * as written. The algebra in `../simplify/` builds through smart constructors instead.
 */
import { checkpoint } from '../limits/budget';
import { Shape, SCALAR, shape, isScalar, transposeShape, Dim, mulDim } from './shape';
import { memoRecent } from './memo';
import { Rational, fromNumber, rationalKey, toNumber } from './rational';

import type { ElementwiseFunction } from '../functions/index';

/** Element-wise scalar functions (applied entry by entry to any shape): one record each in ../functions/. */
export { ELEMENTWISE_FUNCTIONS } from '../functions/index';
export type { ElementwiseFunction };

export type Op =
  // leaves
  | 'var' // name, shape, symmetric?
  | 'const' // a named mathematical constant (1×1): `name` 'pi' (π)
  | 'num' // an exact rational number (1×1): `rational`, and `value` its nearest double
  | 'zeros' // the zero array of a shape
  | 'ones' // the all-ones array of a shape (𝟏 for vectors)
  | 'eye' // identity I_n (shape n×n)
  | 'commutation' // K_{p,q}: vec(Xᵀ) = K vec(X) for X p×q; shape pq×pq; value = [p, q] in dims
  | 'unit' // e_i: the i-th standard basis column (1-based index in `value`), shape n×1
  | 'size' // the number of entries of an array as a scalar (N in mean); dims in `dims`
  // structure
  | 'add' // n-ary sum, all terms the same shape
  | 'mul' // n-ary product: 1×1 factors scale, the others form a matrix-product chain in order
  | 'hadamard' // n-ary element-wise product, same shapes
  | 'pow' // element-wise power a .^ k; args [a, k], k scalar
  | 'maximum' | 'minimum' // element-wise max(a, b) / min(a, b) of two same-shape arrays (broadcasts written expanded)
  | 'matpow' // square matrix power A^k, integer k in `value`
  | 'transpose'
  | 'fn' // element-wise function `name` of args[0]
  | 'sum' // sum of all entries → 1×1
  | 'mean' // mean of all entries → 1×1
  | 'norm1' // Σ|a_i| → 1×1
  | 'norm2' // Euclidean / Frobenius norm → 1×1
  | 'tr' | 'det' | 'logdet' // → 1×1
  | 'inv'
  | 'diagm' // vector → diagonal matrix
  | 'diagv' // square matrix → vector of its diagonal
  | 'softmax' // vector → vector
  | 'logsumexp' // vector → 1×1
  | 'softmaxAlong' // softmax of each row (dim `value` = 2) or each column (value = 1) of a matrix
  | 'logsumexpAlong' // logsumexp of each row (value = 2, → m×1) or each column (value = 1, → 1×n)
  | 'block' // literal array of 1×1 entries, row-major; shape rows×cols
  | 'entry' // scalar entry (row value[0], col value[1], 1-based) of args[0]
  | 'kron' // Kronecker product
  | 'vec' // column-stacking vec
  | 'contract'; // a general contraction (einsum) with no matrix form: spec in `name`, operands in args (tensor/contraction.ts)

export interface Expr {
  readonly op: Op;
  readonly args: readonly Expr[];
  readonly shape: Shape;
  /** Unique per structure: equal ids ⇔ structurally equal expressions. */
  readonly id: number;
  /** Variable or function name. */
  readonly name?: string;
  /** The number of a `num` (the nearest double), the exponent of `matpow`, the index of `unit`. */
  readonly value?: number;
  /** The exact value of a `num`. */
  readonly rational?: Rational;
  /** Two indices (entry) or dimensions (commutation, size). */
  readonly dims?: readonly Dim[];
  /** Declared symmetric (variables only). */
  readonly symmetric?: boolean;
  /** Declared `probabilities` (variables only): each row of a matrix, or a vector's entries, sum to 1 (Y𝟏 = 𝟏). */
  readonly probabilities?: boolean;
  /** Count of nodes in the tree (not the DAG): used for size limits and "shorter" decisions. */
  readonly size: number;
}

interface NodeSpec {
  readonly op: Op;
  readonly args?: readonly Expr[];
  readonly shape: Shape;
  readonly name?: string;
  readonly value?: number;
  readonly rational?: Rational;
  readonly dims?: readonly Dim[];
  readonly symmetric?: boolean;
  readonly probabilities?: boolean;
}

let nextId = 1;
/**
 * The interned nodes by a 32-bit hash of their structure (hashOf): a node, or the nodes whose hashes
 * collide. Looked up by a number and compared field by field (sameNode), so a lookup builds no key
 * string: every node made or looked up passes here, 30–50 of them for a small request.
 */
let table = new Map<number, Expr | Expr[]>();
/** The numbers (the only nodes with a `rational`), by their exact value's key. */
let numbers = new Map<string, Expr>();
let tableCount = 0;
/**
 * Every node asked of the table (found or made), since the process started: work, counted
 * (test/unit/robustness/mlpWork.test.ts). An int32 that wraps, so that it stays a small integer to V8
 * however long the process runs.
 */
let lookups = 0;
/**
 * The integer nodes made since the table was last emptied, by value: 0, 1, −1, 2 are made in every
 * rewrite, and making one through the table costs a bigint gcd and a key. Emptied with the table,
 * so a cached node is always the table's node.
 */
let integers = new Map<number, Expr>();
const MAX_CACHED = 1_000_000n;
/** An estimate of the memory the table holds, in bytes (see nodeBytes). */
let tableBytes = 0;

/**
 * An estimate of what one interned node costs: the map entry, the frozen node and its argument
 * array (and the key of a number). Measured against the heap with 10⁶ distinct small requests
 * (docs/reliability.md §7, when the table was keyed by strings of about 30 characters, counted
 * here still); an over-estimate for small nodes, which is the safe side.
 */
const nodeBytes = (name: string | undefined, args: number): number => 232 + (name?.length ?? 0) + 8 * args;

/** Forget interned nodes (call between requests in long-running hosts). Existing nodes stay valid. */
export function resetInternTable(): void {
  table = new Map();
  numbers = new Map();
  tableCount = 0;
  tableBytes = 0;
  integers = new Map();
}
export const internTableSize = (): number => tableCount;
/**
 * How many nodes were asked of the table since the process started, found or made (a count of work, for
 * the growth tests), modulo 2³²: the difference of two readings is `(after - before) | 0`.
 */
export const internTableLookups = (): number => lookups;
/** The estimated memory held by the hash-consing table, bytes: hosts bound the table by this, not by its count. */
export const internTableBytes = (): number => tableBytes;

/** The key of a number: its exact value (the only field that tells two numbers apart). */
function numberKey(rational: Rational, s: Shape): string {
  return `${rationalKey(rational)}|${s.rows}x${s.cols}`;
}

/** FNV-1a over a string's UTF-16 code units, from `h`. */
function hashText(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x9e3779b1) ^ (h >>> 15);

const dimHash = (d: Dim): number => (typeof d === 'number' ? mix(0x5bd1e995, d | 0) : hashText(d, 0x27d4eb2d));

/** The hash of each operator's name, computed once (the operators are a closed set). */
const opHashes = new Map<string, number>();
function opHash(op: Op): number {
  let h = opHashes.get(op);
  if (h === undefined) {
    h = hashText(op, 0x811c9dc5);
    opHashes.set(op, h);
  }
  return h;
}

/**
 * A hash of the fields that make a node what it is (the ones sameNode compares): equal structures
 * have equal hashes. A value −0 is 0 (the node stores 0).
 */
function hashOf(op: Op, args: readonly Expr[], s: Shape, name: string | undefined, value: number | undefined, dims: readonly Dim[] | undefined, symmetric: boolean | undefined, probabilities: boolean | undefined): number {
  let h = opHash(op);
  if (name !== undefined) h = hashText(name, h);
  h = mix(mix(h, dimHash(s.rows)), dimHash(s.cols));
  if (value !== undefined) h = mix(h, Number.isInteger(value) ? value | 0 : hashText(String(value), 0x165667b1));
  if (dims !== undefined) for (let i = 0; i < dims.length; i++) h = mix(h, dimHash(dims[i]));
  if (symmetric) h = mix(h, 1);
  if (probabilities) h = mix(h, 2);
  for (let i = 0; i < args.length; i++) h = mix(h, args[i].id);
  // 30 bits: a small integer to V8 (no heap number is made for the key of a lookup).
  return h & 0x3fffffff;
}

/** Whether the node e is the node asked for (not a number: numbers are interned by numberKey). */
function sameNode(e: Expr, op: Op, args: readonly Expr[], s: Shape, name: string | undefined, value: number | undefined, dims: readonly Dim[] | undefined, symmetric: boolean | undefined, probabilities: boolean | undefined): boolean {
  if (e.op !== op || e.shape.rows !== s.rows || e.shape.cols !== s.cols || e.name !== name) return false;
  if (e.value !== value && !(e.value === undefined || value === undefined ? false : Number.isNaN(e.value) && Number.isNaN(value))) return false;
  if (!e.symmetric !== !symmetric || !e.probabilities !== !probabilities) return false;
  const asked = dims ?? NO_DIMS;
  const known = e.dims ?? NO_DIMS;
  if (asked.length !== known.length) return false;
  for (let i = 0; i < asked.length; i++) if (asked[i] !== known[i]) return false;
  if (args.length !== e.args.length) return false;
  for (let i = 0; i < args.length; i++) if (args[i] !== e.args[i]) return false;
  return true;
}

const NO_DIMS: readonly Dim[] = [];
const NO_ARGS: readonly Expr[] = [];

/** The one place nodes are made. */
export function node(asked: NodeSpec): Expr {
  return intern(asked.op, asked.args ?? NO_ARGS, asked.shape, asked.name, asked.value, asked.rational, asked.dims, asked.symmetric, asked.probabilities);
}

/**
 * node() with the fields as arguments: the raw constructors below call it directly, so that a node
 * found in the table (most of the nodes asked for) costs no object at all — every node made or
 * looked up passes here, 30–50 of them for a small request.
 */
function intern(
  op: Op,
  args: readonly Expr[],
  s: Shape,
  name?: string,
  value?: number,
  rational?: Rational,
  dims?: readonly Dim[],
  symmetric?: boolean,
  probabilities?: boolean,
): Expr {
  checkpoint();
  lookups = (lookups + 1) | 0;
  if (rational !== undefined) {
    const key = numberKey(rational, s);
    const found = numbers.get(key);
    if (found !== undefined) return found;
    const e = made(op, args, s, name, value, rational, dims, symmetric, probabilities);
    numbers.set(key, e);
    tableBytes += key.length;
    return e;
  }
  const h = hashOf(op, args, s, name, value, dims, symmetric, probabilities);
  const found = table.get(h);
  if (found !== undefined) {
    if (!Array.isArray(found)) {
      if (sameNode(found as Expr, op, args, s, name, value, dims, symmetric, probabilities)) return found as Expr;
    } else {
      for (const f of found as Expr[]) if (sameNode(f, op, args, s, name, value, dims, symmetric, probabilities)) return f;
    }
  }
  const e = made(op, args, s, name, value, rational, dims, symmetric, probabilities);
  if (found === undefined) table.set(h, e);
  else if (Array.isArray(found)) (found as Expr[]).push(e);
  else table.set(h, [found as Expr, e]);
  return e;
}

/** A new node (not yet interned): counted in the table's size and estimated memory. */
function made(op: Op, args: readonly Expr[], s: Shape, name: string | undefined, value: number | undefined, rational: Rational | undefined, dims: readonly Dim[] | undefined, symmetric: boolean | undefined, probabilities: boolean | undefined): Expr {
  let size = 1;
  for (let i = 0; i < args.length; i++) size += args[i].size;
  // The node is frozen; its argument array is a private copy, read-only by type but not frozen: V8
  // (11.3) iterates a frozen array with `for … of` through a slow path that allocates a result
  // object per element, and every pass iterates args (31d061b: corpus answers ~10 % less time in total, bench/ab.mjs).
  const e: Expr = Object.freeze({
    op,
    args: args.slice(),
    shape: s,
    id: nextId++,
    name,
    value: value === undefined ? undefined : Object.is(value, -0) ? 0 : value,
    rational,
    dims,
    symmetric,
    probabilities,
    size,
  });
  tableCount++;
  tableBytes += nodeBytes(name, args.length);
  return e;
}

// ---- Raw constructors: exactly the node, shape computed, no rewriting. ----

export const variable = (name: string, s: Shape, symmetric = false, probabilities = false): Expr =>
  intern('var', NO_ARGS, s, name, undefined, undefined, undefined, symmetric || undefined, probabilities || undefined);
/** The value of each named constant. */
export const CONSTANTS = { pi: Math.PI } as const;
export type ConstantName = keyof typeof CONSTANTS;
/** π: a leaf of its own, so that it stays exact (2π, π/2, √π) and prints as π, \pi, pi, np.pi. */
export const constant = (name: ConstantName): Expr => intern('const', NO_ARGS, SCALAR, name);
export const PI = (): Expr => constant('pi');

/** The exact number r. */
export function rationalNum(r: Rational): Expr {
  if (r.d !== 1n || r.decimal || r.n > MAX_CACHED || r.n < -MAX_CACHED) return intern('num', NO_ARGS, SCALAR, undefined, toNumber(r), r);
  return integer(Number(r.n));
}
/** The number v stands for: an integer, or the fraction of its shortest decimal spelling (0.5 is ½). */
export const num = (v: number): Expr => (Number.isInteger(v) && Math.abs(v) <= Number(MAX_CACHED) ? integer(v) : rationalNum(fromNumber(v)));

/** The node of an integer (|v| ≤ MAX_CACHED), made once per table. */
function integer(v: number): Expr {
  let e = integers.get(v);
  if (e === undefined) {
    const r = fromNumber(v);
    e = intern('num', NO_ARGS, SCALAR, undefined, toNumber(r), r);
    integers.set(v, e);
  }
  return e;
}
/** The exact value of a number node. */
export const rationalOf = (e: Expr): Rational => e.rational ?? fromNumber(e.value as number);
export const zeros = (s: Shape): Expr => (isScalar(s) ? num(0) : intern('zeros', NO_ARGS, s));
export const ones = (s: Shape): Expr => (isScalar(s) ? num(1) : intern('ones', NO_ARGS, s));
export const eye = (n: Dim): Expr => (n === 1 ? num(1) : intern('eye', NO_ARGS, shape(n, n)));
/** K(p,q); a vector's, K(1,n) = K(n,1), is the identity (a row and a column have one vec). */
export const commutation = (p: Dim, q: Dim): Expr => {
  const n = mulDim(p, q);
  if (p === 1 || q === 1) return eye(n);
  return intern('commutation', NO_ARGS, shape(n, n), undefined, undefined, undefined, [p, q]);
};
export const unit = (n: Dim, i: number): Expr => intern('unit', NO_ARGS, shape(n, 1), undefined, i);
/** The number of entries of an array of shape `of`, one node per number: dims [m·n, 1] for m×n and n×m alike. */
export const sizeNode = (of: Shape): Expr => intern('size', NO_ARGS, SCALAR, undefined, undefined, undefined, [mulDim(of.rows, of.cols), 1]);


export const rawAdd = (terms: readonly Expr[]): Expr => intern('add', terms, terms[0].shape);

/** The shape of a product: scalars scale; the non-scalar factors multiply as matrices in order. */
export function productShape(factors: readonly Expr[]): Shape {
  let rows: Dim | undefined;
  let cols: Dim | undefined;
  for (const f of factors) {
    if (isScalar(f.shape)) continue;
    if (rows === undefined) rows = f.shape.rows;
    cols = f.shape.cols;
  }
  return rows === undefined || cols === undefined ? SCALAR : shape(rows, cols);
}
export const rawMul = (factors: readonly Expr[]): Expr =>
  intern('mul', factors, productShape(factors));
export const rawHadamard = (factors: readonly Expr[]): Expr =>
  intern('hadamard', factors, factors.find((f) => !isScalar(f.shape))?.shape ?? SCALAR);
export const rawPow = (a: Expr, k: Expr): Expr => intern('pow', [a, k], a.shape);
/** Element-wise max(a, b) or min(a, b): a and b of one shape (a scalar side is expanded by the caller). */
export const rawExtremum = (op: 'maximum' | 'minimum', a: Expr, b: Expr): Expr => intern(op, [a, b], a.shape);
export const rawMatpow = (a: Expr, k: number): Expr => intern('matpow', [a], a.shape, undefined, k);
export const rawTranspose = (a: Expr): Expr => intern('transpose', [a], transposeShape(a.shape));
export const rawFn = (name: ElementwiseFunction, a: Expr): Expr => intern('fn', [a], a.shape, name);

export type ReductionOp = 'sum' | 'mean' | 'norm1' | 'norm2' | 'tr' | 'det' | 'logdet' | 'logsumexp';
export const rawReduce = (op: ReductionOp, a: Expr): Expr => intern(op, [a], SCALAR);
export const rawInv = (a: Expr): Expr => intern('inv', [a], a.shape);
export const rawDiagm = (v: Expr): Expr => {
  const n = v.shape.rows === 1 ? v.shape.cols : v.shape.rows;
  return intern('diagm', [v], shape(n, n));
};
export const rawDiagv = (a: Expr): Expr => intern('diagv', [a], shape(a.shape.rows, 1));
export const rawSoftmax = (z: Expr): Expr => intern('softmax', [z], z.shape);
/** MATLAB's dimension numbers: 1 runs down the columns (one result per column), 2 along the rows. */
export type Axis = 1 | 2;
export const rawSoftmaxAlong = (z: Expr, dim: Axis): Expr => intern('softmaxAlong', [z], z.shape, undefined, dim);
export const rawLogsumexpAlong = (z: Expr, dim: Axis): Expr =>
  intern('logsumexpAlong', [z], dim === 2 ? shape(z.shape.rows, 1) : shape(1, z.shape.cols), undefined, dim);
export const block = (rows: number, cols: number, entries: readonly Expr[]): Expr =>
  intern('block', entries, shape(rows, cols), undefined, undefined, undefined, [rows, cols]);
export const entry = (a: Expr, i: number, j: number): Expr => intern('entry', [a], SCALAR, undefined, undefined, undefined, [i, j]);
export const rawKron = (a: Expr, b: Expr): Expr =>
  intern('kron', [a, b], shape(mulDim(a.shape.rows, b.shape.rows), mulDim(a.shape.cols, b.shape.cols)));
export const rawVec = (a: Expr): Expr =>
  intern('vec', [a], shape(mulDim(a.shape.rows, a.shape.cols), 1));

/** How many roots' orders `postorder` remembers. */
const RECENT_ORDERS = 8;

/** The factors of a product, nested products flattened (e itself when it is no product). */
export function productFactors(e: Expr, out: Expr[] = []): Expr[] {
  if (e.op !== 'mul') out.push(e);
  else for (const a of e.args) productFactors(a, out);
  return out;
}

/**
 * Every distinct node once, children before parents (iterative: deep inputs cannot overflow the
 * stack). Read-only and shared: a node is immutable, so its order never changes, and one answer
 * walks the same expression many times (each writer, the named forms, the size checks); the
 * orders of the last few roots are remembered (a bounded table, emptied when full).
 */
export function postorder(root: Expr): readonly Expr[] {
  return root.args.length === 0 ? [root] : recentPostorder(root);
}

const recentPostorder = memoRecent(walkPostorder, RECENT_ORDERS);

function walkPostorder(root: Expr): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<number>();
  walkUnvisited(root, (e) => seen.has(e.id), (e) => {
    seen.add(e.id);
    out.push(e);
  });
  return out;
}

/**
 * Visits `root` and the nodes below it, children before parents (the order of postorder), skipping
 * every node `visited` says is done and so everything below it: `visit` must make its node visited
 * (a node met again is visited by then — it was met first beside it, not above it, as an expression
 * has no cycles — so no node is visited twice). On two parallel stacks (node, index of its next
 * child) rather than the JS stack or a frame object per node. The writers render with it the nodes
 * they have not rendered yet (write/dagWriter.ts), going no deeper than those.
 */
export function walkUnvisited(root: Expr, visited: (e: Expr) => boolean, visit: (e: Expr) => void): void {
  if (visited(root)) return;
  const nodes: Expr[] = [root];
  const next: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const e = nodes[top];
    const i = next[top];
    if (i < e.args.length) {
      next[top] = i + 1;
      const child = e.args[i];
      if (visited(child)) continue;
      if (child.args.length === 0) visit(child);
      else {
        nodes.push(child);
        next.push(0);
      }
    } else {
      nodes.pop();
      next.pop();
      checkpoint(); // a walk of a large DAG counts against the budget even when it builds nothing
      visit(e);
    }
  }
}

/** The distinct variables an expression uses, in order of first appearance. */
export function freeVariables(root: Expr): Expr[] {
  return postorder(root).filter((e) => e.op === 'var');
}

export function dependsOn(root: Expr, v: Expr): boolean {
  return postorder(root).includes(v);
}

/** Rebuild a node with new children, through a builder, returning the same node when nothing changed. */
export function withArgs(e: Expr, args: readonly Expr[]): Expr {
  if (args.length === e.args.length && args.every((a, i) => a === e.args[i])) return e;
  return intern(e.op, args, e.shape, e.name, e.value, e.rational, e.dims, e.symmetric, e.probabilities);
}
