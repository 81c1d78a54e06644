/**
 * NumPy's products on the way to the plain syntax: a product chain of `*`, `/` (element-wise) and
 * `@`, where `@` follows NumPy's rules for 1-D arrays (vector @ vector is xᵀy, a vector on the left
 * acts as a row, a row meeting a column element-wise is turned back into a column).
 */
import type { Span } from '../../api';
import type { Ast, ChainLink, MulOp } from '../ast';
import { fail } from '../diagnostics';
import { elementwiseKind, productKind, type Kind } from '../kinds';
import { callNode, cover, parenNode, productNode, transposed } from '../nodes';

export interface Lowered {
  readonly ast: Ast;
  readonly kind: Kind;
}

/** A product chain under construction, with NumPy's rules for `@` on 1-D arrays. */
export class Chain {
  private first: Ast;
  private links: ChainLink<MulOp>[] = [];
  private acc: Kind;
  /** How many of `first` and the links' operands are arrays, and the index of the last one. */
  private arrays = 0;
  private lastArray = -1;
  private count = 0;

  constructor(start: Lowered) {
    this.first = start.ast;
    this.acc = start.kind;
    this.note(start.kind);
  }

  private note(k: Kind): void {
    if (k !== 'scalar') {
      this.arrays++;
      this.lastArray = this.count;
    }
    this.count++;
  }

  /**
   * Turn the column the chain holds into a row for `@`: (c·v)ᵀ is c·vᵀ when every other factor is a
   * scalar (so 0.5 * d @ S @ d reads as 0.5*d'*S*d), else the transpose of the whole chain.
   */
  private toRow(): void {
    const j = this.arrays === 1 ? this.lastArray : -1;
    if (j === 0) {
      this.first = transposed(this.first);
    } else if (j > 0 && (this.links[j - 1].op === '.*' || this.links[j - 1].op === '*')) {
      const link = this.links[j - 1];
      this.links[j - 1] = { ...link, op: '*', operand: transposed(link.operand) };
    } else {
      this.restart(transposed(this.whole()), 'row');
      return;
    }
    this.acc = 'row';
  }

  private whole(): Ast {
    return this.links.length === 0 ? this.first : parenNode(productNode(this.first, this.links));
  }

  private restart(ast: Ast, kind: Kind): void {
    this.first = ast;
    this.links = [];
    this.acc = kind;
    this.arrays = 0;
    this.lastArray = -1;
    this.count = 0;
    this.note(kind);
  }

  apply(op: '*' | '/' | '@', r: Lowered, opSpan: Span, operandSpan: Span): void {
    if (op === '@') {
      if (this.acc === 'scalar' || r.kind === 'scalar') {
        fail('numpy.matmul-scalar', cover(this.first.span, operandSpan), '@ needs arrays on both sides: to scale by a scalar write *');
      }
      const right = r.kind === 'row' ? transposed(r.ast) : r.ast;
      const rk: Kind = r.kind === 'row' ? 'column' : r.kind;
      // A 1-D vector on the left of @ acts as a row.
      if (this.acc === 'column') this.toRow();
      this.links.push({ op: '*', opSpan, operand: right });
      this.note(rk);
      this.acc = productKind(this.acc === 'unknown' ? 'matrix' : this.acc, rk === 'unknown' ? 'matrix' : rk);
      if (r.kind === 'unknown') this.acc = 'unknown';
      return;
    }
    let operand = r.ast;
    let k = r.kind;
    // 1-D arrays have no orientation; beside a 2-D array NumPy aligns trailing axes: a 1-D vector is a 1×k row.
    if (this.acc === 'row' && k === 'column') this.restart(transposed(this.whole()), 'column');
    else if (this.acc === 'column' && k === 'matrix') this.restart(transposed(this.whole()), 'row');
    else if ((this.acc === 'column' && k === 'row') || (this.acc === 'matrix' && k === 'column')) {
      operand = transposed(operand);
      k = k === 'row' ? 'column' : 'row';
    }
    this.links.push({ op: op === '*' ? '.*' : './', opSpan, operand });
    this.note(k);
    this.acc = this.acc === 'matrix' || k === 'matrix' ? 'matrix' : elementwiseKind(this.acc, k);
  }

  result(): Lowered {
    return { ast: productNode(this.first, this.links), kind: this.acc };
  }
}

/** `Chain` applied once: `a op b` with NumPy's rules. */
function product(a: Lowered, op: '*' | '@', b: Lowered, opSpan: Span): Lowered {
  const chain = new Chain(a);
  chain.apply(op, b, opSpan, b.ast.span);
  return chain.result();
}

/**
 * np.inner / torch.inner: the sum over the last axes of both arguments, `inner(a, b)[i, j] = Σₖ a[i, k] b[j, k]`
 * — not `@`: a 1-D vector and a matrix give A x whichever comes first, two matrices A Bᵀ, two
 * vectors aᵀb, a scalar scales.
 */
export function innerProduct(a: Lowered, b: Lowered, shown: string, span: Span, nameSpan: Span): Lowered {
  if (a.kind === 'scalar' || b.kind === 'scalar') return product(a, '*', b, nameSpan);
  if (a.kind === 'unknown' || b.kind === 'unknown') fail('numpy.argument', span, `${shown}: the shapes of its arguments decide what it computes: declare them`);
  if (a.kind === 'matrix' && b.kind === 'matrix') return product(a, '@', { ast: transposed(b.ast), kind: 'matrix' }, nameSpan);
  if (b.kind === 'matrix') return product(b, '@', a, nameSpan);
  return product(a, '@', b, nameSpan);
}

/**
 * np.vdot: the dot product of the flattened arguments — aᵀb of two vectors, sum(A .* B) of two
 * matrices (a scalar, not A @ B); other pairs are refused.
 */
export function flatDot(a: Lowered, b: Lowered, shown: string, span: Span, nameSpan: Span): Lowered {
  const vector = (k: Lowered['kind']) => k === 'column' || k === 'row';
  if (a.kind === 'scalar' && b.kind === 'scalar') return product(a, '*', b, nameSpan);
  if (vector(a.kind) && vector(b.kind)) return product(a, '@', b, nameSpan);
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    const entries = product(a, '*', b, nameSpan);
    return { ast: callNode('sum', [entries.ast], span, nameSpan), kind: 'scalar' };
  }
  return fail('numpy.argument', span, `${shown} flattens its arguments into one vector each: it takes two vectors or two matrices of one shape`);
}

/** What an argument of a product is, by its kind (undefined: not known before shape inference). */
function rankText(k: Kind): string | undefined {
  return k === 'scalar' ? 'a scalar' : k === 'column' || k === 'row' ? 'a vector' : k === 'matrix' ? 'a matrix' : undefined;
}

/** The products of PyTorch that take arguments of fixed ranks (a vector is 1-D, a matrix 2-D), and what they take. */
const TORCH_RANKS: Readonly<Record<string, { readonly ranks: readonly ['a vector' | 'a matrix', 'a vector' | 'a matrix']; readonly takes: string; readonly instead: string }>> = {
  dot: { ranks: ['a vector', 'a vector'], takes: 'two vectors (1-D tensors)', instead: '@ multiplies matrices, * scales' },
  vdot: { ranks: ['a vector', 'a vector'], takes: 'two vectors (1-D tensors)', instead: '@ multiplies matrices, * scales' },
  outer: { ranks: ['a vector', 'a vector'], takes: 'two vectors (1-D tensors)', instead: 'an outer product of matrices is torch.kron' },
  ger: { ranks: ['a vector', 'a vector'], takes: 'two vectors (1-D tensors)', instead: 'an outer product of matrices is torch.kron' },
  mm: { ranks: ['a matrix', 'a matrix'], takes: 'two matrices (2-D tensors)', instead: 'torch.mv(A, x), torch.dot(x, y) or @ take vectors' },
  mv: { ranks: ['a matrix', 'a vector'], takes: 'a matrix and a vector (2-D and 1-D tensors)', instead: 'torch.mm(A, B) or @ multiply matrices' },
};

/** Python code without its `#` comments. */
const withoutComments = (text: string): string => (text.includes('#') ? text.replace(/#[^\n]*/g, '') : text);

/**
 * Whether Python code uses PyTorch: the word torch outside comments (torch.sum(…), import torch,
 * x: torch.Tensor), or a call of torch.nn.functional as F or of nn, F and nn not being declared variables.
 * An array's method there is the tensor's: A.dot(B) is Tensor.dot, not NumPy's matrix product.
 */
export function usesPyTorch(text: string, declared: ReadonlySet<string>): boolean {
  const code = withoutComments(text);
  if (/\btorch\b/.test(code)) return true;
  const functional = /(?<![\w.])(F|nn)\s*\.\s*[A-Za-z_]\w*\s*\(/g;
  for (const m of code.matchAll(functional)) if (!declared.has(m[1])) return true;
  return false;
}

/** Whether the code (comments aside) calls NumPy or JAX: np., numpy., jnp. or jax. where that name is not a variable. */
export function usesNumPy(text: string, declared: ReadonlySet<string>): boolean {
  for (const m of withoutComments(text).matchAll(/(?<![\w.])(np|numpy|jnp|jax)\s*\./g)) if (!declared.has(m[1])) return true;
  return false;
}

/**
 * PyTorch's torch.dot, torch.vdot, torch.outer (1-D tensors), torch.mm (2-D) and torch.mv (2-D, 1-D)
 * refuse other arguments at run time, where NumPy's dot and matmul multiply them: refused as PyTorch
 * does, at the argument, rather than read as NumPy would. `torch` says whether the call is PyTorch's
 * ('method': an array's method in code that uses PyTorch; mm and mv are PyTorch's only, also as methods:
 * x.mm(A)); np.outer flattens a matrix argument.
 */
export function checkFixedRanks(fn: string, torch: boolean | 'method', args: readonly Lowered[], shown: string, source: (span: Span) => string): void {
  const rule = TORCH_RANKS[fn];
  if (rule === undefined) return;
  if (torch !== false || fn === 'mm' || fn === 'mv' || fn === 'ger') {
    // A method in code that uses PyTorch is the tensor's (A.dot is Tensor.dot), also where NumPy is used too.
    const why = torch === 'method' ? `; the code uses PyTorch, so ${shown} is read as the tensor's method, not a NumPy array's matrix product` : '';
    args.forEach((a, i) => {
      const is = rankText(a.kind);
      if (is !== undefined && is !== rule.ranks[i]) {
        fail('numpy.argument', a.ast.span, `${shown} takes ${rule.takes}: ${source(a.ast.span)} is ${is}, which PyTorch refuses at run time (${rule.instead})${why}`);
      }
    });
  } else if (fn === 'outer') {
    const matrix = args.find((a) => a.kind === 'matrix');
    if (matrix !== undefined) {
      fail('numpy.argument', matrix.ast.span, `${shown} flattens ${source(matrix.ast.span)}, a matrix, into the vector of its entries (an outer product of all entries, not A Bᵀ), which is not supported: write ${shown}(x, y) of vectors`);
    }
  }
}
