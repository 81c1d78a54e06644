/**
 * Dimension names used as values (issue 13): in `sum(X)/N` or `Q*K'/sqrt(d)` with `X: matrix(N, n)`
 * and `Q: matrix(T, d)`, the name N is the number of rows of X — a scalar constant, not a new
 * variable. A name reads so when it is not declared as a variable and it names a dimension of the
 * declarations or a dimension argument of the expression itself (`ones(n)/n`, as the plain writer
 * prints a mean). The shape checker (`infer.ts`) gives such a name the shape 1×1 and the builder
 * (`build.ts`) makes it the size node, written back as the bare name in every notation; a product
 * of such names (N*k) is one size node too, so the number of entries of an N×k array reads back.
 */
import type { Ast, Survey } from './ast';
import { mulDim, type Dim } from '../model/shape';
import type { Declaration } from './declarations';
import { DIMENSION_FUNCTIONS } from './functions';

const DIGITS = /^\d+$/;

/** Add the symbolic names a dimension is made of to `out`: n → n, m·n → m and n, 3 → none. */
function addNamesIn(d: string | number | undefined, out: Set<string>): void {
  if (typeof d !== 'string') return;
  if (!d.includes('·')) {
    if (!DIGITS.test(d)) out.add(d);
    return;
  }
  for (const p of d.split('·')) if (!DIGITS.test(p)) out.add(p);
}

/** A dimension written as a name, a positive integer or a product of them (m*n, 2*n); else undefined. */
export function dimensionOf(root: Ast): Dim | undefined {
  // A name or a number (most dimension arguments, ones(N, 1)) has no parts to evaluate first.
  if (root.kind !== 'paren' && root.kind !== 'product') return ownDimension(root, NO_VALUES);
  // Without recursion (deep trees): parentheses and products are evaluated after their parts.
  const value = new Map<Ast, Dim | undefined>();
  const stack: Ast[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    const parts = node.kind === 'paren' ? [node.arg] : node.kind === 'product' ? [node.first, ...node.rest.map((l) => l.operand)] : [];
    const pending = parts.filter((p) => !value.has(p));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    value.set(node, ownDimension(node, value));
  }
  return value.get(root);
}

const NO_VALUES: ReadonlyMap<Ast, Dim | undefined> = new Map();

/** A node's dimension, its parts' already known. */
function ownDimension(node: Ast, value: ReadonlyMap<Ast, Dim | undefined>): Dim | undefined {
  if (node.kind === 'number') return Number.isInteger(node.value) && node.value >= 1 ? node.value : undefined;
  if (node.kind === 'name') return node.name;
  if (node.kind === 'paren') return value.get(node.arg);
  if (node.kind !== 'product') return undefined;
  let d = value.get(node.first);
  for (const link of node.rest) {
    const f = value.get(link.operand);
    if (link.op !== '*' || d === undefined || f === undefined) return undefined;
    d = mulDim(d, f);
  }
  return d;
}

/** The names that read as dimension values in the trees surveyed (an expression and its bindings: their calls) under `decls`. */
export function dimensionValueNames(trees: readonly Pick<Survey, 'calls'>[], decls: readonly Declaration[]): Set<string> {
  const out = new Set<string>();
  for (const d of decls) for (const dim of d.dims) addNamesIn(dim, out);
  for (const tree of trees) {
    for (const node of tree.calls) {
      if (!DIMENSION_FUNCTIONS.has(node.name) && node.name !== 'unit') continue;
      const dims = node.name === 'unit' ? node.args.slice(0, 1) : node.args;
      for (const a of dims) addNamesIn(dimensionOf(a), out);
    }
  }
  for (const d of decls) out.delete(d.name);
  return out;
}

/**
 * The dimension a size-valued node stands for: a dimension name used as a value (N), or a product
 * of them (N*k, the plain writer's spelling of the number of entries of an N×k array), else undefined.
 */
export function dimensionValue(node: Ast, isSize: (name: string) => boolean): Dim | undefined {
  if (node.kind === 'name') return isSize(node.name) ? node.name : undefined;
  if (node.kind !== 'product') return undefined;
  const isSizeName = (f: Ast): boolean => f.kind === 'name' && isSize(f.name);
  // Stops at the first factor that is not a size (asked of every product, however long).
  if (!isSizeName(node.first)) return undefined;
  for (const l of node.rest) if (l.op !== '*' || !isSizeName(l.operand)) return undefined;
  return dimensionOf(node);
}
