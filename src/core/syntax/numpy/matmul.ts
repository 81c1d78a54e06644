/**
 * NumPy's products on the way to the plain syntax: a product chain of `*`, `/` (element-wise) and
 * `@`, where `@` follows NumPy's rules for 1-D arrays (vector @ vector is xᵀy, a vector on the left
 * acts as a row, a row meeting a column element-wise is turned back into a column).
 */
import type { Span } from '../../api';
import type { Ast, ChainLink, MulOp } from '../ast';
import { fail } from '../diagnostics';
import { elementwiseKind, productKind, type Kind } from '../kinds';
import { cover, parenNode, productNode, transposed } from '../nodes';

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
