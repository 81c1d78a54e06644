/**
 * NumPy's new axes: `x[:, None]` (or `np.newaxis`) reshapes a 1-D vector into the n×1 column,
 * `x[None, :]` and `x[None]` into the 1×n row — 2-D arrays, as the product's columns and rows are,
 * so they are read as such (kind matrix: NumPy's rules for 2-D arrays apply to them after). A new
 * axis that makes a third one, a scalar's, or one beside a slice that is not the whole axis is refused.
 */
import type { Span } from '../../api';
import type { Ast } from '../ast';
import { fail } from '../diagnostics';
import type { Kind } from '../kinds';
import { parenNode, transposed } from '../nodes';
import { MODULE_ROOTS } from './functions';
import type { PyNode } from './parser';

const isNewAxis = (i: PyNode): boolean =>
  (i.kind === 'constant' && i.value === 'None') || (i.kind === 'attribute' && i.attr === 'newaxis' && i.object.kind === 'name' && MODULE_ROOTS.has(i.object.name));

/**
 * The 2-D array the subscript `node` is, when its index has a new axis (`items` are the index's
 * entries); undefined when it has none. `ast` and `kind` are the indexed array's; `source` gives the
 * text of a span.
 */
export function withNewAxis(node: Extract<PyNode, { kind: 'subscript' }>, items: readonly PyNode[], ast: Ast, kind: Kind, source: (span: Span) => string): { ast: Ast; kind: Kind } | undefined {
  const added = items.filter(isNewAxis).length;
  if (added === 0) return undefined;
  const { index } = node;
  const written = source(node.span);
  if (items.some((i) => !isNewAxis(i) && (i.kind !== 'slice' || source(i.span).trim() !== ':'))) {
    fail('numpy.unsupported', index.span, `${written}: a new axis (None) is supported beside whole axes ':' only, as in x[:, None] (other slices are not supported)`);
  }
  if (kind === 'scalar') fail('numpy.unsupported', index.span, `${written}: a new axis of a scalar (an array of one entry) is not supported`);
  if (kind === 'unknown') fail('numpy.unsupported', index.span, `${written}: declare the array's shape (a vector or a matrix) to add an axis to it`);
  const axes = (kind === 'matrix' ? 2 : 1) + added;
  if (axes > 2) fail('numpy.unsupported', index.span, `${written} has ${axes === 3 ? 'three' : axes} axes: arrays of three or more axes are not supported (x[:, None] of a vector is its column, x[None, :] its row)`);
  // A vector and one new axis: before the vector's axis (a row), or after it (a column).
  const column = items[0] !== undefined && !isNewAxis(items[0]);
  // The ast of a kind `row` (a 1-D result such as x @ A) is the 1×m row; of a `column`, the n×1 column.
  const asColumn = kind === 'row' ? transposed(ast, node.span) : ast;
  const asRow = kind === 'row' ? ast : transposed(ast, node.span);
  // In brackets spanning the subscript, so that an error about the array points at all of it.
  return { ast: parenNode(column ? asColumn : asRow, node.span), kind: 'matrix' };
}
