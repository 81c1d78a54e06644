/**
 * The surface syntax tree: what the user wrote, with a span on every node. Readers of other
 * notations (LaTeX, NumPy) build the same nodes, so the shape checker serves them all.
 *
 * Sums and products are n-ary chains (left-associative: a - b + c is ((a - b) + c)), so a
 * 10,000-term sum is one shallow node. Parentheses are kept as `paren` nodes.
 */
import type { Span } from '../api';
import type { EinsumSpec } from '../tensor/spec';
import { checkpoint } from '../limits/budget';
import { Stack } from './stack';
import { recentByIdentity } from '../model/memo';

export type AddOp = '+' | '-';
export type MulOp = '*' | '/' | '.*' | './';
export type PowOp = '^' | '.^';

interface Node {
  readonly span: Span;
}

export interface NumberNode extends Node {
  readonly kind: 'number';
  readonly value: number;
  /** As written, e.g. "1e-3". */
  readonly text: string;
}

export interface NameNode extends Node {
  readonly kind: 'name';
  readonly name: string;
}

export interface CallNode extends Node {
  readonly kind: 'call';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Ast[];
}

/** [e1, e2, …] or [e1; e2; …]: a column of scalar entries. */
export interface VectorNode extends Node {
  readonly kind: 'vector';
  readonly entries: readonly Ast[];
  readonly separator: ',' | ';';
}

/**
 * [a, b; c, d]: a matrix of scalar entries, MATLAB-style rows (only when both ',' and ';' appear:
 * with one kind of separator the literal is a column vector).
 */
export interface MatrixNode extends Node {
  readonly kind: 'matrix';
  readonly rows: readonly (readonly Ast[])[];
}

export interface UnaryNode extends Node {
  readonly kind: 'unary';
  readonly op: AddOp;
  readonly arg: Ast;
}

export interface ChainLink<Op> {
  readonly op: Op;
  readonly opSpan: Span;
  readonly operand: Ast;
}

/** first ± operand ± operand …, at least one link. */
export interface SumNode extends Node {
  readonly kind: 'sum';
  readonly first: Ast;
  readonly rest: readonly ChainLink<AddOp>[];
}

/** first (* / .* ./) operand …, at least one link, left-associative. */
export interface ProductNode extends Node {
  readonly kind: 'product';
  readonly first: Ast;
  readonly rest: readonly ChainLink<MulOp>[];
}

export interface PowerNode extends Node {
  readonly kind: 'power';
  readonly op: PowOp;
  readonly opSpan: Span;
  readonly base: Ast;
  readonly exponent: Ast;
}

/** x', x^T (and xᵀ, x.'). */
export interface TransposeNode extends Node {
  readonly kind: 'transpose';
  readonly arg: Ast;
}

export interface ParenNode extends Node {
  readonly kind: 'paren';
  readonly arg: Ast;
}

/** einsum("ij,jk->ik", A, B): a contraction of scalars, vectors and matrices (spec spans point into the text). */
export interface EinsumNode extends Node {
  readonly kind: 'einsum';
  readonly nameSpan: Span;
  readonly spec: EinsumSpec;
  /** The spec as written (the string's content). */
  readonly specText: string;
  readonly operands: readonly Ast[];
}

export type Ast =
  | EinsumNode
  | NumberNode
  | NameNode
  | CallNode
  | VectorNode
  | MatrixNode
  | UnaryNode
  | SumNode
  | ProductNode
  | PowerNode
  | TransposeNode
  | ParenNode;

/**
 * A node the memoizing passes (kind estimate, shape inference) compute again rather than remember:
 * a leaf, or a sign, parenthesis or transpose of one — O(1) from scratch, and a Map entry for each
 * of a 20,000-factor chain's nodes cost more than the work it saved (issue 13).
 */
export function isShallow(node: Ast): boolean {
  switch (node.kind) {
    case 'number':
    case 'name':
      return true;
    case 'paren':
    case 'unary':
    case 'transpose':
      return node.arg.kind === 'number' || node.arg.kind === 'name';
    default:
      return false;
  }
}

/** The direct children of a node, left to right. */
export function children(node: Ast): readonly Ast[] {
  switch (node.kind) {
    case 'number':
    case 'name':
      return [];
    case 'call':
      return node.args;
    case 'einsum':
      return node.operands;
    case 'vector':
      return node.entries;
    case 'matrix':
      return node.rows.flat();
    case 'unary':
    case 'transpose':
    case 'paren':
      return [node.arg];
    case 'sum':
    case 'product':
      return [node.first, ...node.rest.map((l) => l.operand)];
    case 'power':
      return [node.base, node.exponent];
  }
}

/** How many children `children(node)` lists. */
export function childCount(node: Ast): number {
  switch (node.kind) {
    case 'number':
    case 'name':
      return 0;
    case 'unary':
    case 'transpose':
    case 'paren':
      return 1;
    case 'power':
      return 2;
    case 'sum':
    case 'product':
      return 1 + node.rest.length;
    default:
      return children(node).length;
  }
}

/** The `i`-th of `children(node)`, without the list (a 20,000-factor product's was two large arrays per pass). */
export function childAt(node: Ast, i: number): Ast {
  switch (node.kind) {
    case 'unary':
    case 'transpose':
    case 'paren':
      return node.arg;
    case 'power':
      return i === 0 ? node.base : node.exponent;
    case 'sum':
    case 'product':
      return i === 0 ? node.first : node.rest[i - 1].operand;
    default:
      return children(node)[i];
  }
}

/**
 * Walk the trees `roots` without recursion, in the order of a recursive visit: each node before its
 * children, left to right, the roots in order. `visit` gets each node with its depth (a root has
 * depth 1) and answers the children to walk into: all of them (`true`), none (`false`), or a list.
 * The pending nodes are kept in small arrays (./stack.ts), however deep or wide the tree.
 */
export function walk(roots: readonly Ast[], visit: (node: Ast, depth: number) => boolean | readonly Ast[]): void {
  const nodes = new Stack<Ast>();
  const depths = new Stack<number>();
  for (let i = roots.length - 1; i >= 0; i--) {
    nodes.push(roots[i]);
    depths.push(1);
  }
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    // The reading's passes count against the request's time budget, as the later ones do.
    checkpoint();
    const depth = depths.pop() as number;
    const kids = visit(node, depth);
    if (kids === false) continue;
    const before = nodes.size;
    if (kids === true) pushChildren(node, nodes);
    else for (let i = kids.length - 1; i >= 0; i--) nodes.push(kids[i]);
    for (let i = nodes.size - before; i > 0; i--) depths.push(depth + 1);
  }
}

/** Push a node's children right to left (so they pop left to right), without listing them first. */
function pushChildren(node: Ast, nodes: Stack<Ast>): void {
  switch (node.kind) {
    case 'number':
    case 'name':
      return;
    case 'unary':
    case 'transpose':
    case 'paren':
      nodes.push(node.arg);
      return;
    case 'power':
      nodes.push(node.exponent);
      nodes.push(node.base);
      return;
    case 'sum':
    case 'product':
      for (let i = node.rest.length - 1; i >= 0; i--) nodes.push(node.rest[i].operand);
      nodes.push(node.first);
      return;
    case 'call':
      for (let i = node.args.length - 1; i >= 0; i--) nodes.push(node.args[i]);
      return;
    case 'einsum':
      for (let i = node.operands.length - 1; i >= 0; i--) nodes.push(node.operands[i]);
      return;
    case 'vector':
      for (let i = node.entries.length - 1; i >= 0; i--) nodes.push(node.entries[i]);
      return;
    case 'matrix':
      for (let r = node.rows.length - 1; r >= 0; r--) for (let i = node.rows[r].length - 1; i >= 0; i--) nodes.push(node.rows[r][i]);
      return;
  }
}

/** The depth of a tree (a leaf has depth 1), measured without recursion. */
export function depthOf(root: Ast): number {
  let max = 0;
  walk([root], (node, depth) => {
    if (depth > max) max = depth;
    return true;
  });
  return max;
}

/** What the shape checker learns of a tree in one walk, before checking it (syntax/check.ts). */
export interface Survey {
  /** The last node in reading order at depth limit + 1, when the tree is deeper than the limit. */
  readonly deeper?: Ast;
  /** The tree's depth (a leaf has depth 1), when it is no deeper than the limit. */
  readonly depth: number;
  /** Its calls, in reading order (those above the limit, when it is deeper). */
  readonly calls: readonly CallNode[];
}

/** Survey a tree without recursion: its depth or the node past `limit`, and its calls. */
export function survey(root: Ast, limit: number): Survey {
  return surveyed(root, limit);
}

/**
 * The last surveys made (trees are not changed once built): a reader checks the depth of the tree it
 * parsed and the shape checker surveys the same tree next, a whole walk of a deep input. Found by
 * identity in a ring (model/memo.ts recentByIdentity), not keyed in a WeakMap by
 * tree: most trees are surveyed once (the plain reader surveys only long texts), and a WeakMap's entry for a new object cost ~1 µs of a ~0.2 ms request
 * (`node --cpu-prof`: its line 0.6 % of derive()'s samples on the corpus).
 */
const surveyed = recentByIdentity(surveyOnce, 4);

function surveyOnce(root: Ast, limit: number): Survey {
  let deeper: Ast | undefined;
  let depth = 0;
  const calls: CallNode[] = [];
  walk([root], (node, d) => {
    if (d > limit) {
      deeper = node;
      return false;
    }
    if (d > depth) depth = d;
    if (node.kind === 'call') calls.push(node);
    return true;
  });
  return deeper === undefined ? { depth, calls } : { deeper, depth, calls };
}

/** The last node in reading order at depth limit + 1 (so the tree is too deep), without recursion. */
export function nodeDeeperThan(root: Ast, limit: number): Ast | undefined {
  return survey(root, limit).deeper;
}

/**
 * For the recursive passes over a deep tree (shape inference, building): the nodes at depths
 * `stride`, 2·`stride`, … (the root has depth 1), deepest first, left to right within a depth. A
 * pass that remembers its result per node and is run on these first never recurses more than
 * `stride` levels, however deep the tree (issue 17). Empty for a tree no deeper than `stride`, so
 * ordinary input takes the ordinary path. `childrenOf` gives the children the pass itself visits.
 */
export function depthCheckpoints(root: Ast, stride: number, childrenOf: (node: Ast) => boolean | readonly Ast[] = () => true): Ast[] {
  const levels: Ast[][] = [];
  walk([root], (node, depth) => {
    if (depth % stride === 0) (levels[depth / stride] ??= []).push(node);
    return childrenOf(node);
  });
  const out: Ast[] = [];
  for (let level = levels.length - 1; level > 0; level--) for (const node of levels[level] ?? []) out.push(node);
  return out;
}
