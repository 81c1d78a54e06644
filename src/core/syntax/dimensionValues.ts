/**
 * Dimension names used as values (issue 13): in `sum(X)/N` or `Q*K'/sqrt(d)` with `X: matrix(N, n)`
 * and `Q: matrix(T, d)`, the name N is the number of rows of X — a scalar constant, not a new
 * variable. A name reads so when it is not declared as a variable and it names a dimension of the
 * declarations or a dimension argument of the expression itself (`ones(n)/n`, as the plain writer
 * prints a mean). The shape checker (`infer.ts`) gives such a name the shape 1×1 and the builder
 * (`build.ts`) makes it the size node, written back as the bare name in every notation; a product
 * of such names (N*k) is one size node too, so the number of entries of an N×k array reads back.
 */
import type { Ast } from './ast';
import { walk } from './ast';
import { mulDim, type Dim } from '../model/shape';
import type { Declaration } from './declarations';
import { DIMENSION_FUNCTIONS } from './functions';

/** The symbolic names a dimension is made of: n → [n], m·n → [m, n], 3 → []. */
const namesIn = (d: string | number | undefined): string[] =>
  typeof d === 'string' ? d.split('·').filter((p) => !/^\d+$/.test(p)) : [];

/** A dimension written as a name, a positive integer or a product of them (m*n, 2*n); else undefined. */
export function dimensionOf(root: Ast): Dim | undefined {
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

/** The names that read as dimension values in the trees `roots` (an expression and its bindings) under `decls`. */
export function dimensionValueNames(roots: readonly Ast[], decls: readonly Declaration[]): Set<string> {
  const out = new Set<string>();
  for (const d of decls) for (const dim of d.dims) for (const p of namesIn(dim)) out.add(p);
  walk(roots, (node) => {
    if (node.kind === 'call' && (DIMENSION_FUNCTIONS.has(node.name) || node.name === 'unit')) {
      const dims = node.name === 'unit' ? node.args.slice(0, 1) : node.args;
      for (const a of dims) for (const p of namesIn(dimensionOf(a))) out.add(p);
    }
    return true;
  });
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
