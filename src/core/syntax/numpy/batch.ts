/**
 * NumPy / PyTorch / JAX in batch form (issue 13), lowered to the plain syntax:
 * - reductions along an axis: `np.sum(X, axis=0)` is sum(X, 1) (MATLAB's dimension 1, down each
 *   column), `axis=1` / `axis=-1` / `dim=1` is sum(X, 2); NumPy returns a 1-D array, read as a
 *   column (sum(X, 1)ᵀ), unless `keepdims=True` / `keepdim=True` keeps the 1×n or m×1 shape;
 * - softmax / log_softmax / logsumexp along an axis the same way; without an axis a matrix is
 *   normalized along the library's default — JAX's axis=-1 (each row) — and otherwise refused
 *   (PyTorch requires dim; SciPy would normalize over all entries, which is not supported);
 *   `logsumexp` without an axis (NumPy, SciPy, JAX) is over all entries, logsumexp(vec(X));
 * - library losses with PyTorch's definitions and `reduction='mean' | 'sum' | 'none'`:
 *   `F.mse_loss(a, b)` = mean((a − b).^2); `F.cross_entropy(Z, Y)` with Y an N×C matrix of class
 *   probabilities = −mean(sum(Y .* logsoftmax(Z, 2), 2)) (integer class indices are refused);
 *   `F.binary_cross_entropy_with_logits(z, y)` = mean(softplus(z) − y .* z).
 */
import type { Span } from '../../api';
import type { Ast } from '../ast';
import { fail } from '../diagnostics';
import { asAtom, callNode, numberNode, parenNode, powerNode, productNode, transposed, unaryNode } from '../nodes';
import type { Args, Keywords } from './arguments';
import type { Lowered } from './matmul';
import type { PyNode } from './parser';
import type { Deferred } from '../deferred';

/** The value of an integer literal with an optional sign, else undefined. */
export function integer(n: PyNode): number | undefined {
  if (n.kind === 'number' && Number.isInteger(n.value)) return n.value;
  if (n.kind === 'unary' && n.arg.kind === 'number' && Number.isInteger(n.arg.value)) return n.op === '-' ? -n.arg.value : n.arg.value;
  return undefined;
}

const isNone = (n: PyNode | undefined): boolean => n === undefined || (n.kind === 'constant' && n.value === 'None');

/** True, False or absent (false) for keepdims / keepdim. */
export function flag(kw: Keywords, names: readonly string[], shown: string): boolean {
  for (const name of names) {
    const v = kw.get(name);
    if (v === undefined) continue;
    if (v.kind === 'constant' && (v.value === 'True' || v.value === 'False')) return v.value === 'True';
    fail('numpy.argument', v.span, `${shown}(…, ${name}=…) takes True or False`);
  }
  return false;
}

/**
 * The plain dimension of a NumPy axis on an array of this kind: 'all' over every entry (no axis, or
 * the one axis of a 1-D array), 1 down each column (axis 0 / -2), 2 along each row (axis 1 / -1).
 * With `tuples` (the reductions), a tuple of distinct axes is read too: all the axes of the array
 * (`X.sum(axis=(0, 1))`) is 'all', one of them is that axis.
 */
export function plainAxis(a: Lowered, axis: PyNode | undefined, shown: string, tuples = false): 'all' | 1 | 2 {
  if (isNone(axis)) return 'all';
  const node = axis as PyNode;
  if (tuples && (node.kind === 'tuple' || node.kind === 'list')) return tupleAxes(a, node, shown);
  const v = integer(node);
  if (v === undefined) return fail('numpy.argument', node.span, `${shown}: the axis must be an integer (0, 1 or -1)${tuples ? ' or a tuple of them' : ''}, found ${node.kind}`);
  if (a.kind === 'column' || a.kind === 'row') {
    if (v === 0 || v === -1) return 'all';
    return fail('numpy.argument', node.span, `${shown}: axis ${v} is out of range for a 1-D array (axis 0 or -1)`);
  }
  if (a.kind === 'scalar') return fail('numpy.argument', node.span, `${shown}: a scalar has no axis ${v}`);
  if (v === 0 || v === -2) return 1;
  if (v === 1 || v === -1) return 2;
  return fail('numpy.argument', node.span, `${shown}: axis ${v} is out of range for a 2-D array (0, 1, -1 or -2)`);
}

/** A tuple of axes: each read as one axis, none repeated; all of the array's axes are 'all'. */
function tupleAxes(a: Lowered, node: Extract<PyNode, { kind: 'tuple' | 'list' }>, shown: string): 'all' | 1 | 2 {
  if (node.items.length === 0) return fail('numpy.argument', node.span, `${shown}: an empty tuple of axes reduces nothing: leave the reduction out`);
  const each = node.items.map((i) => plainAxis(a, i, shown));
  if (new Set(each).size !== each.length) return fail('numpy.argument', node.span, `${shown}: an axis is repeated in ${node.kind === 'tuple' ? 'the tuple' : 'the list'}`);
  return each.length === 1 ? each[0] : 'all';
}

/** The library a call belongs to, from the path as written (torch.softmax, F.softmax → torch). */
export function library(shown: string): 'torch' | 'jax' | 'scipy' | 'numpy' {
  const root = shown.split('.')[0];
  if (root === 'torch' || root === 'F' || root === 'nn') return 'torch';
  if (root === 'jax' || root === 'jnp') return 'jax';
  if (root === 'scipy' || root === 'special' || root === 'sp') return 'scipy';
  return 'numpy';
}

export interface Site {
  readonly shown: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

const num = (v: number, span: Span): Ast => numberNode(v, String(v), span);

/** sum, mean, logsumexp of `a` along a plain dimension, as NumPy shapes it (1-D unless keepdims). */
export function along(name: string, a: Lowered, d: 1 | 2, keep: boolean, site: Site): Lowered {
  const call = callNode(name, [a.ast, num(d, site.nameSpan)], site.span, site.nameSpan);
  if (keep) return { ast: call, kind: 'matrix' };
  // NumPy drops the reduced axis: a 1-D result, read as a column.
  return { ast: d === 1 ? transposed(call) : call, kind: 'column' };
}

/** np.sum / np.mean / logsumexp with axis=, dim=, keepdims=. */
export function* reduceAlong(name: 'sum' | 'mean' | 'logsumexp', args: Args, kw: Keywords, site: Site, method: boolean): Deferred<Lowered> {
  kw.allow(['axis', 'dim', 'keepdims', 'keepdim', 'dtype', 'b', 'return_sign'].filter((k) => name === 'logsumexp' || (k !== 'b' && k !== 'return_sign')));
  for (const k of ['b', 'return_sign']) if (kw.get(k) !== undefined) fail('numpy.argument', (kw.get(k) as PyNode).span, `${site.shown}(…, ${k}=…) is not supported`);
  args.count(1, 2);
  const a = yield* args.get(0);
  const axisNode = kw.get('axis') ?? kw.get('dim') ?? args.raw(1);
  const keep = flag(kw, ['keepdims', 'keepdim'], site.shown);
  const d = plainAxis(a, axisNode, site.shown, true);
  if (d === 'all') {
    if (name === 'logsumexp' && isNone(axisNode) && library(site.shown) === 'torch' && !method) {
      fail('call.needs-dimension', site.span, `${site.shown} needs dim=…: torch.logsumexp(X, dim=1) for each row`);
    }
    const whole = name === 'logsumexp' && a.kind !== 'column' && a.kind !== 'row' && a.kind !== 'scalar' ? callNode('vec', [a.ast], site.span, site.nameSpan) : a.ast;
    return { ast: callNode(name, [whole], site.span, site.nameSpan), kind: 'scalar' };
  }
  return along(name, a, d, keep, site);
}

/** softmax / log_softmax of a vector, or of a matrix along an axis. */
export function* normalizeAlong(log: boolean, args: Args, kw: Keywords, site: Site): Deferred<Lowered> {
  kw.allow(['axis', 'dim', 'dtype']);
  args.count(1, 2);
  const a = yield* args.get(0);
  const axisNode = kw.get('axis') ?? kw.get('dim') ?? args.raw(1);
  let d = plainAxis(a, axisNode, site.shown);
  const name = log ? 'logsoftmax' : 'softmax';
  if (d === 'all' && a.kind !== 'column' && a.kind !== 'row' && a.kind !== 'scalar') {
    const lib = library(site.shown);
    if (lib === 'jax' && isNone(axisNode)) d = 2;
    else if (isNone(axisNode)) {
      return fail('call.needs-dimension', site.span, lib === 'scipy'
        ? `${site.shown} of a matrix without axis normalizes over all entries, which is not supported: give axis=1 (each row) or axis=0 (each column)`
        : `${site.shown} of a matrix needs ${lib === 'torch' ? 'dim' : 'axis'}=…: 1 (or -1) for each row, 0 for each column`);
    }
  }
  if (d === 'all') {
    // A vector: softmax(v), and log_softmax as log(softmax(v)), the plain reading of that text.
    const v = a.kind === 'row' ? transposed(a.ast) : a.ast;
    const p = callNode('softmax', [v], site.span, site.nameSpan);
    return { ast: log ? callNode('log', [p], site.span, site.nameSpan) : p, kind: a.kind === 'row' ? 'column' : a.kind };
  }
  return { ast: callNode(name, [a.ast, num(d, site.nameSpan)], site.span, site.nameSpan), kind: 'matrix' };
}

/** reduction='mean' (the default), 'sum' or 'none'. */
function reduction(kw: Keywords, site: Site): 'mean' | 'sum' | 'none' {
  const r = kw.get('reduction');
  const how = r === undefined ? 'mean' : r.kind === 'string' ? r.value : undefined;
  if (how === 'mean' || how === 'sum' || how === 'none') return how;
  return fail('numpy.argument', (r as PyNode).span, `${site.shown}: reduction is 'mean', 'sum' or 'none'`);
}

/** The element-wise losses `l` reduced as `reduction=` asks (mean: `mean`, by default the mean of all entries). */
function reduced(l: Lowered, kw: Keywords, site: Site, mean: () => Ast = () => callNode('mean', [l.ast], site.span, site.nameSpan)): Lowered {
  const how = reduction(kw, site);
  if (how === 'mean') return { ast: mean(), kind: 'scalar' };
  if (how === 'sum') return { ast: callNode('sum', [l.ast], site.span, site.nameSpan), kind: 'scalar' };
  return l;
}

/** Keyword arguments of the losses that change the definition: refused unless at their defaults. */
function refuseOptions(kw: Keywords, site: Site, names: readonly string[]): void {
  for (const k of names) {
    const v = kw.get(k);
    if (v === undefined || isNone(v)) continue;
    if (k === 'label_smoothing' && integer(v) === 0) continue;
    if (k === 'ignore_index' && integer(v) === -100) continue;
    fail('numpy.argument', v.span, `${site.shown}(…, ${k}=…) is not supported`);
  }
}

/** a ± b, a * b or a / b of two lowered operands, broadcast as NumPy does. */
export type Broadcast = (a: Lowered, op: '+' | '-' | '*' | '/', b: Lowered, opSpan: Span) => Lowered;

/** F.mse_loss(input, target, reduction='mean'). */
export function* mseLoss(args: Args, kw: Keywords, site: Site, combine: Broadcast): Deferred<Lowered> {
  kw.allow(['reduction', 'size_average', 'reduce', 'weight']);
  refuseOptions(kw, site, ['size_average', 'reduce', 'weight']);
  args.count(2);
  return reduced(squared(combine(yield* args.get(0), '-', yield* args.get(1), site.nameSpan), site), kw, site);
}

/** (u).^2, entry by entry, written at the call. */
export function squared(u: Lowered, site: Site): Lowered {
  return { ast: powerNode('.^', asAtom(parenNode(u.ast, u.ast.span)), num(2, site.nameSpan), site.nameSpan, site.span), kind: u.kind };
}

/**
 * F.cross_entropy(Z, Y) with Y class probabilities (N×C, one-hot allowed): per sample
 * −Σ_c Y_c log softmax(Z)_c, averaged over the batch. `target` reports a plain-name target, whose
 * rows are then probabilities (PyTorch's contract for such targets).
 */
export function* crossEntropy(args: Args, kw: Keywords, site: Site, combine: Broadcast, target: (name: string) => void): Deferred<Lowered> {
  kw.allow(['reduction', 'weight', 'ignore_index', 'label_smoothing', 'size_average', 'reduce']);
  refuseOptions(kw, site, ['weight', 'ignore_index', 'label_smoothing', 'size_average', 'reduce']);
  args.count(2);
  const z = yield* args.get(0);
  const y = yield* args.get(1);
  const batch = z.kind === 'matrix' || z.kind === 'unknown';
  if ((batch && (y.kind === 'column' || y.kind === 'row')) || (!batch && y.kind === 'scalar')) {
    fail('numpy.argument', y.ast.span,
      `${site.shown} with integer class indices as the target is not supported: give the target as class probabilities, ` +
      `one row per sample (one-hot: F.one_hot(y, C).float(), an N×C matrix declared e.g. # Y: matrix(N, C))`);
  }
  const raw = args.raw(1);
  if (raw?.kind === 'name') target(raw.name);
  if (!batch) {
    // One sample: Z and Y of C classes.
    const logp = callNode('logsoftmax', [z.kind === 'row' ? transposed(z.ast) : z.ast], site.span, site.nameSpan);
    const yv = y.kind === 'row' ? transposed(y.ast) : y.ast;
    const total = callNode('sum', [productNode(asAtom(yv), [{ op: '.*', opSpan: site.nameSpan, operand: logp }])], site.span, site.nameSpan);
    reduction(kw, site);
    return { ast: unaryNode('-', total, site.span), kind: 'scalar' };
  }
  const logp = callNode('logsoftmax', [z.ast, num(2, site.nameSpan)], site.span, site.nameSpan);
  const perSample = callNode('sum', [productNode(asAtom(y.ast), [{ op: '.*', opSpan: site.nameSpan, operand: logp }]), num(2, site.nameSpan)], site.span, site.nameSpan);
  const losses: Lowered = { ast: unaryNode('-', perSample, site.span), kind: 'column' };
  return reduced(losses, kw, site, () => unaryNode('-', callNode('mean', [perSample], site.span, site.nameSpan), site.span));
}

/** F.binary_cross_entropy_with_logits(z, y) = softplus(z) − y·z entry by entry. */
export function* bceWithLogits(args: Args, kw: Keywords, site: Site, combine: Broadcast): Deferred<Lowered> {
  kw.allow(['reduction', 'weight', 'pos_weight', 'size_average', 'reduce']);
  refuseOptions(kw, site, ['weight', 'pos_weight', 'size_average', 'reduce']);
  args.count(2);
  const z = yield* args.get(0);
  const y = yield* args.get(1);
  const softplus: Lowered = { ast: callNode('softplus', [z.ast], site.span, site.nameSpan), kind: z.kind };
  const yz = combine(y, '*', z, site.nameSpan);
  const l = combine(softplus, '-', { ast: parenNode(yz.ast, yz.ast.span), kind: yz.kind }, site.nameSpan);
  return reduced(l, kw, site);
}

