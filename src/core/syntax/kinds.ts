/**
 * Kinds: a cheap estimate of an expression's shape class, known before shape inference runs. The
 * LaTeX and NumPy readers use it where a notation decides an operation by shape (`\cdot` is a dot
 * product between vectors, `A^{-1}` an inverse for a matrix, `|X|` a determinant, NumPy's `@`
 * between two 1-D arrays an inner product). The shape checker still checks everything afterwards.
 */
import { childAt, childCount, isShallow, type Ast, type ChainLink, type MulOp } from './ast';
import { Stack } from './stack';

export type Kind = 'scalar' | 'column' | 'row' | 'matrix' | 'unknown';

/** The kind of a variable: from its declaration, the notation's typography or the letter conventions. */
export type KindOracle = (name: string) => Kind;

export const isArrayKind = (k: Kind): boolean => k === 'column' || k === 'row' || k === 'matrix';
export const isVectorKind = (k: Kind): boolean => k === 'column' || k === 'row';

export function transposeKind(k: Kind): Kind {
  return k === 'column' ? 'row' : k === 'row' ? 'column' : k;
}

/** The kind of a matrix product a·b (a scalar side scales). */
export function productKind(a: Kind, b: Kind): Kind {
  if (a === 'scalar') return b;
  if (b === 'scalar') return a;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  const rows = a === 'row' ? 'one' : 'many';
  const cols = b === 'column' ? 'one' : 'many';
  if (rows === 'one' && cols === 'one') return 'scalar';
  if (rows === 'one') return 'row';
  if (cols === 'one') return 'column';
  return 'matrix';
}

/** The kind of an element-wise combination (sum, Hadamard product): the array side wins. */
export function elementwiseKind(a: Kind, b: Kind): Kind {
  if (a === 'scalar') return b;
  if (b === 'scalar') return a;
  if (a === 'unknown') return b;
  return a;
}

/** How far apart the remembered nodes of a chain of wrappers are (`KindEstimator.wrapperChain`). */
const CHECKPOINT = 8;

/** The operand that decides a wrapper's kind (the argument; a power's base), or undefined for other nodes. */
function wrapped(node: Ast): Ast | undefined {
  switch (node.kind) {
    case 'paren':
    case 'unary':
    case 'transpose':
      return node.arg;
    case 'power':
      return node.base;
    default:
      return undefined;
  }
}

const SCALAR_FUNCTIONS = new Set(['sum', 'mean', 'norm1', 'norm2', 'tr', 'det', 'logdet', 'logsumexp', 'dot', 'count', 'entry', 'size', 'numel']);

/** Estimates kinds of plain syntax trees, memoized per node (each node is visited once). */
export class KindEstimator {
  private readonly memo = new Map<Ast, Kind>();
  /** The heap stack of `of` (see there): nodes, and whether their children were pushed. */
  private readonly nodes = new Stack<Ast>();
  private readonly expanded = new Stack<boolean>();

  constructor(private readonly oracle: KindOracle) {}

  of(node: Ast): Kind {
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    // A leaf or a wrapper of one: O(1) from scratch, not remembered (issue 13: a Map entry per node
    // of a 20,000-factor chain cost more than the estimate).
    if (isShallow(node)) return this.compute(node);
    if (wrapped(node) !== undefined) return this.wrapperChain(node);
    // Built bottom-up, a reader asks about a node whose operands it asked about before: no stack.
    if (this.operandsKnown(node)) {
      const k = this.compute(node);
      this.memo.set(node, k);
      return k;
    }
    // Deepest first, on a heap stack: `compute` then finds its operands' kinds known, so a deep tree
    // (issue 17: 10,000 levels) does not recurse on the JavaScript stack. (Every child is estimated,
    // also those `compute` does not ask about, such as exponents: harmless, the oracle is pure.)
    // Nodes and whether their children were pushed, side by side (no pair, no child list per node),
    // on the estimator's stacks (none made per call), above what an outer call left there.
    const { nodes, expanded } = this;
    const base = nodes.size;
    nodes.push(node);
    expanded.push(false);
    while (nodes.size > base) {
      const top = nodes.peek() as Ast;
      if (this.memo.has(top)) {
        nodes.pop();
        expanded.pop();
      } else if (expanded.peek() === true) {
        nodes.pop();
        expanded.pop();
        this.memo.set(top, this.compute(top));
      } else {
        expanded.pop();
        expanded.push(true);
        for (let i = 0, n = childCount(top); i < n; i++) {
          const child = childAt(top, i);
          if (!isShallow(child) && !this.memo.has(child)) {
            nodes.push(child);
            expanded.push(false);
          }
        }
      }
    }
    return this.memo.get(node) as Kind;
  }

  /**
   * The kind of a chain of wrappers (parentheses, signs, transposes, powers: one operand decides
   * the kind), walked down to the first node that is not one, or whose kind is known. Nothing is
   * allocated per level (issue 13: a heap stack, its entries and child lists per level of
   * ((…(x)^2…)^2) were a sixth of the reading's garbage). A node is remembered only when the walk
   * from it was long, with every CHECKPOINT-th node below it, so every walk stays short: a reader
   * building the tree bottom-up asks about each new level, which reaches a remembered one within
   * CHECKPOINT steps, and so does a pass asking about every node top-down.
   */
  private wrapperChain(node: Ast): Kind {
    let flips = 0;
    let steps = 0;
    let n = node;
    let k: Kind | undefined;
    for (let inner = wrapped(n); ; inner = wrapped(n)) {
      if (inner === undefined) {
        k = this.of(n);
        break;
      }
      if (n.kind === 'transpose') flips++;
      n = inner;
      steps++;
      k = this.memo.get(n);
      if (k !== undefined) break;
      if (isShallow(n)) {
        k = this.compute(n);
        break;
      }
    }
    const result = flips % 2 === 1 ? transposeKind(k) : k;
    if (steps >= CHECKPOINT) {
      // the kind of the i-th node down is the bottom's, transposed by the transposes from it down
      let above = 0;
      n = node;
      for (let i = 0; i < steps; i++) {
        if (i % CHECKPOINT === 0) this.memo.set(n, (flips - above) % 2 === 1 ? transposeKind(k) : k);
        if (n.kind === 'transpose') above++;
        n = wrapped(n) as Ast;
      }
    }
    return result;
  }

  /** Whether every child of `node` is a leaf (or a wrapper of one) or has its kind remembered. */
  private operandsKnown(node: Ast): boolean {
    switch (node.kind) {
      case 'paren':
      case 'unary':
      case 'transpose':
        return this.known(node.arg);
      case 'power':
        return this.known(node.base) && this.known(node.exponent);
      case 'sum':
      case 'product':
        if (!this.known(node.first)) return false;
        for (let i = 0; i < node.rest.length; i++) if (!this.known(node.rest[i].operand)) return false;
        return true;
      default:
        return false;
    }
  }

  /** A leaf (or a wrapper of one), or a node whose kind is remembered. */
  private known(node: Ast): boolean {
    return isShallow(node) || this.memo.has(node);
  }

  /** Remember a kind for a node built by a reader (e.g. a sum over samples). */
  set(node: Ast, k: Kind): void {
    this.memo.set(node, k);
  }

  private compute(node: Ast): Kind {
    switch (node.kind) {
      case 'number':
        return 'scalar';
      case 'name':
        return this.oracle(node.name);
      case 'paren':
      case 'unary':
        return this.of(node.arg);
      case 'transpose':
        return transposeKind(this.of(node.arg));
      case 'vector':
        return node.entries.length === 1 ? 'scalar' : 'column';
      case 'matrix':
        return node.rows.length === 1 ? (node.rows[0].length === 1 ? 'scalar' : 'row') : node.rows[0].length === 1 ? 'column' : 'matrix';
      case 'sum': {
        let k = this.of(node.first);
        for (const link of node.rest) k = elementwiseKind(k, this.of(link.operand));
        return k;
      }
      case 'product':
        return this.chain(node.first, node.rest);
      case 'power':
        return this.of(node.base);
      case 'call':
        return this.call(node.name, node.args);
      case 'einsum': {
        const n = node.spec.output.letters.length;
        return n === 0 ? 'scalar' : n === 1 ? 'column' : 'matrix';
      }
    }
  }

  private chain(first: Ast, rest: readonly ChainLink<MulOp>[]): Kind {
    let k = this.of(first);
    for (const link of rest) {
      const f = this.of(link.operand);
      k = link.op === '*' ? productKind(k, f) : link.op === '/' ? k : elementwiseKind(k, f);
    }
    return k;
  }

  private call(name: string, args: readonly Ast[]): Kind {
    // logsumexp(X, 1) is a row (one entry per column), logsumexp(X, 2) a column.
    if (name === 'logsumexp' && args.length === 2) {
      const axis = args[1];
      return axis.kind === 'number' ? (axis.value === 1 ? 'row' : axis.value === 2 ? 'column' : 'unknown') : 'unknown';
    }
    if (SCALAR_FUNCTIONS.has(name)) return 'scalar';
    switch (name) {
      case 'max':
      case 'min':
        return args.length === 2 ? elementwiseKind(this.of(args[0]), this.of(args[1])) : 'unknown';
      case 'diag': {
        const k = args.length === 1 ? this.of(args[0]) : 'unknown';
        return isVectorKind(k) ? 'matrix' : k === 'matrix' ? 'column' : k;
      }
      case 'eye':
      case 'commutation':
        return 'matrix';
      case 'vector':
      case 'unit':
        return 'column';
      case 'matrix':
        return 'matrix';
      case 'ones':
      case 'zeros':
        return args.length === 1 ? 'column' : 'matrix';
      case 'vec':
        return 'column';
      case 'kron':
        return 'matrix';
      default:
        return args.length >= 1 ? this.of(args[0]) : 'unknown';
    }
  }
}
