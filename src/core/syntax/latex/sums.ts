/**
 * Sums over samples, `\sum_i …`, turned into matrix form. Inside the summand, with index i:
 *
 * - `y_i` (a non-bold name subscripted by i) is entry i of the vector y;
 * - `(A\mathbf{x})_i` is entry i of the vector in parentheses;
 * - `\mathbf{x}_i` (bold, subscripted by i) is sample i: row i of the matrix X (the capital of the
 *   same letter, as in Parr & Howard's X = [x₁ … x_N]ᵀ); a sample may only appear in a dot product
 *   with a vector that does not depend on i: `\mathbf{w}^\top\mathbf{x}_i`, `\mathbf{x}_i^\top\mathbf{w}`,
 *   `\mathbf{w}\cdot\mathbf{x}_i` are entry i of Xw;
 * - anything without i is a scalar constant (or a vector inside such a dot product).
 *
 * The summand, a scalar for each i, becomes the vector of its values over i: entries become
 * vectors, products of two i-dependent factors become ⊙, divisions by them ⊘, powers of them
 * element-wise powers, and functions apply element-wise. `\sum_i s_i` is then sum(s) and
 * `\frac{1}{N}\sum_{i=1}^{N} s_i` is mean(s). Anything else (a vector-valued summand, a sample
 * outside a dot product, i in an exponent, nested sums) is an error naming the construct.
 */
import type { Span } from '../../api';
import type { AddOp, Ast, ChainLink, MulOp } from '../ast';
import { fail } from '../diagnostics';
import { astText } from '../print';
import { ELEMENTWISE_NAMES } from './commands';
import { isArrayKind, type KindEstimator } from '../kinds';
import { asAtom, callNode, cover, parenNode, powerNode, productNode, sumNode, unaryNode } from '../nodes';
import { runDeferred, type Deferred } from '../deferred';
import { Stack } from '../stack';

export type IndexedRole = 'entry' | 'sample';

export interface SumContext {
  /** Nodes the parser marked: entries y_i and samples x_i (a name node for the matrix X). */
  readonly indexed: ReadonlyMap<Ast, IndexedRole>;
  readonly kinds: KindEstimator;
  /** The index letter, e.g. "i". */
  readonly index: string;
  /** The span of `\sum…` with its limits, for messages about the whole summand. */
  readonly span: Span;
}

interface Lifted {
  readonly ast: Ast;
  /** Depends on the index: the vector of its values over i. */
  readonly lifted: boolean;
  /** A bare sample x_i (column) or x_iᵀ (row), still waiting for its dot product. */
  readonly sample?: { readonly matrix: Ast; readonly orientation: 'column' | 'row'; readonly negated: boolean };
}

/** The nodes `Lifter.lift` walks in a loop: one operand decides whether they depend on the index. */
type Wrapper = Extract<Ast, { kind: 'paren' | 'unary' | 'transpose' | 'power' }>;

const SAMPLE_HINT = 'a sample such as \\mathbf{x}_i may only appear in a dot product with a vector that does not depend on i, e.g. \\mathbf{w}^\\top\\mathbf{x}_i';

export function liftSummand(summand: Ast, ctx: SumContext): Ast {
  const r = runDeferred(new Lifter(ctx).lift(summand));
  if (r.sample) fail('latex.sum', summand.span, `a sum of sample vectors is not supported: ${SAMPLE_HINT}`);
  if (!r.lifted) {
    fail('latex.sum', ctx.span, `the summand ${astText(summand)} does not depend on the index ${ctx.index}: write the constant times the number of terms`);
  }
  return r.ast;
}

class Lifter {
  constructor(private readonly ctx: SumContext) {}

  /**
   * The vector of the summand's values; a generator run by `runDeferred` (deep trees, issue 17). A
   * chain of wrappers (parentheses, signs, transposes, powers with a number or a name as exponent)
   * is walked in a loop and lifted from the bottom up, not by a generator per level (issue 13: one
   * per level of x_i^2^2…^2 was three fifths of the reading's garbage).
   */
  *lift(node: Ast): Deferred<Lifted> {
    if (!this.wrapper(node)) return yield* this.liftNode(node);
    // (in small arrays: one array of a 20,000-level chain grew as large objects, ./stack.ts)
    const chain = new Stack<Wrapper>();
    let bottom: Ast = node;
    while (this.wrapper(bottom)) {
      chain.push(bottom);
      bottom = wrappedOperand(bottom);
    }
    let r = (yield this.lift(bottom)) as Lifted;
    for (let w = chain.pop(); w !== undefined; w = chain.pop()) r = this.wrap(w, r);
    return r;
  }

  /** Whether `node` is a link of a chain that `lift` walks in a loop: a wrapper the parser did not mark. */
  private wrapper(node: Ast): node is Wrapper {
    if (this.ctx.indexed.has(node)) return false;
    return node.kind === 'paren' || node.kind === 'unary' || node.kind === 'transpose' || (node.kind === 'power' && (node.exponent.kind === 'number' || node.exponent.kind === 'name'));
  }

  /** A node that is not such a wrapper (or one the parser marked). */
  private *liftNode(node: Ast): Deferred<Lifted> {
    const role = this.ctx.indexed.get(node);
    if (role === 'entry') {
      if (node.kind === 'paren' && ((yield this.lift(node.arg)) as Lifted).lifted) {
        fail('latex.sum', node.span, `the entry ${astText(node)} of an expression that depends on ${this.ctx.index} is not supported`);
      }
      return { ast: node, lifted: true };
    }
    if (role === 'sample') return { ast: node, lifted: false, sample: { matrix: node, orientation: 'column', negated: false } };
    switch (node.kind) {
      case 'number':
      case 'name':
        return { ast: node, lifted: false };
      case 'paren':
      case 'unary':
      case 'transpose':
        return this.wrap(node, (yield this.lift(node.arg)) as Lifted);
      case 'power': {
        const base = (yield this.lift(node.base)) as Lifted;
        return this.power(node, base, (yield this.lift(node.exponent)) as Lifted);
      }
      case 'call':
        return yield* this.call(node);
      case 'einsum':
        for (const operand of node.operands) {
          const r = (yield this.lift(operand)) as Lifted;
          if (r.lifted || r.sample) fail('latex.sum', node.span, `an einsum inside a sum over ${this.ctx.index} is not supported`);
        }
        return { ast: node, lifted: false };
      case 'sum':
        return yield* this.sum(node.first, node.rest, node);
      case 'product':
        return yield* this.product(node.first, node.rest, node);
      case 'vector':
      case 'matrix':
        for (const entry of node.kind === 'vector' ? node.entries : node.rows.flat()) {
          const r = (yield this.lift(entry)) as Lifted;
          if (r.lifted || r.sample) fail('latex.sum', node.span, `a vector literal inside a sum over ${this.ctx.index} is not supported`);
        }
        return { ast: node, lifted: false };
    }
  }

  /** The wrapper `node` (parentheses, sign, transpose; a power with a number or a name as exponent) of its operand lifted to `r`. */
  private wrap(node: Wrapper, r: Lifted): Lifted {
    switch (node.kind) {
      case 'paren':
        if (r.sample) return r;
        return { ast: r.ast === node.arg ? node : parenNode(r.ast, node.span), lifted: r.lifted };
      case 'unary':
        if (r.sample) return { ...r, sample: { ...r.sample, negated: r.sample.negated !== (node.op === '-') } };
        return { ast: r.ast === node.arg ? node : unaryNode(node.op, r.ast, node.span), lifted: r.lifted };
      case 'transpose':
        if (r.sample) return { ...r, sample: { ...r.sample, orientation: r.sample.orientation === 'column' ? 'row' : 'column' } };
        // The transpose of a scalar (for each i) is itself.
        if (r.lifted) return r;
        return { ast: node, lifted: false };
      case 'power':
        return this.power(node, r, this.leaf(node.exponent));
    }
  }

  /** A number or a name lifted (what `liftNode` answers for it, without a nested rule). */
  private leaf(node: Ast): Lifted {
    const role = this.ctx.indexed.get(node);
    if (role === 'entry') return { ast: node, lifted: true };
    if (role === 'sample') return { ast: node, lifted: false, sample: { matrix: node, orientation: 'column', negated: false } };
    return { ast: node, lifted: false };
  }

  /** The power `node` of its base and exponent lifted. */
  private power(node: Extract<Ast, { kind: 'power' }>, base: Lifted, exponent: Lifted): Lifted {
    if (exponent.lifted || exponent.sample) fail('latex.sum', node.exponent.span, `an exponent that depends on ${this.ctx.index} is not supported`);
    if (base.sample) this.loneSample(node.base);
    if (!base.lifted) return { ast: node, lifted: false };
    return { ast: powerNode('.^', asAtom(base.ast), node.exponent, node.opSpan, node.span), lifted: true };
  }

  private loneSample(node: Ast): never {
    return fail('latex.sum', node.span, SAMPLE_HINT);
  }

  /** Each of `nodes` lifted. */
  private *liftAll(nodes: readonly Ast[]): Deferred<Lifted[]> {
    const out: Lifted[] = [];
    for (const n of nodes) out.push((yield this.lift(n)) as Lifted);
    return out;
  }

  private *call(node: Extract<Ast, { kind: 'call' }>): Deferred<Lifted> {
    const args = yield* this.liftAll(node.args);
    if (node.name === 'dot' && args.length === 2) {
      const [u, v] = args;
      const merged = this.dot(u, v) ?? this.dot(v, u);
      if (merged) return merged;
    }
    if (args.every((a) => !a.lifted && !a.sample)) return { ast: node, lifted: false };
    args.forEach((a, i) => {
      if (a.sample) this.loneSample(node.args[i]);
    });
    if (!ELEMENTWISE_NAMES.has(node.name)) {
      fail('latex.sum', node.span, `${node.name}(…) of a term that depends on ${this.ctx.index} is not supported inside a sum`);
    }
    return { ast: callNode(node.name, args.map((a) => a.ast), node.span, node.nameSpan), lifted: true };
  }

  /** dot(w, x_i) with w independent of i: entry i of X w. */
  private dot(w: Lifted, x: Lifted): Lifted | undefined {
    if (!x.sample || w.sample || w.lifted || x.sample.orientation !== 'column') return undefined;
    return this.merged(x.sample.matrix, w.ast, x.sample.negated);
  }

  private merged(matrix: Ast, vector: Ast, negated: boolean): Lifted {
    const product = parenNode(productNode(matrix, [{ op: '*', opSpan: matrix.span, operand: asAtom(vector) }]), cover(matrix.span, vector.span));
    return { ast: negated ? unaryNode('-', product, product.span) : product, lifted: true };
  }

  private *sum(first: Ast, rest: readonly ChainLink<AddOp>[], node: Ast): Deferred<Lifted> {
    const terms = yield* this.liftAll([first, ...rest.map((l) => l.operand)]);
    terms.forEach((t, i) => {
      if (t.sample) this.loneSample(i === 0 ? first : rest[i - 1].operand);
    });
    if (!terms.some((t) => t.lifted)) return { ast: node, lifted: false };
    this.requireScalars(terms, [first, ...rest.map((l) => l.operand)]);
    return { ast: sumNode(terms[0].ast, rest.map((l, i) => ({ ...l, operand: terms[i + 1].ast }))), lifted: true };
  }

  /** Terms or factors that do not depend on i must be scalars: the summand is a scalar for each i. */
  private requireScalars(items: readonly Lifted[], originals: readonly Ast[]): void {
    items.forEach((item, i) => {
      if (!item.lifted && !item.sample && isArrayKind(this.ctx.kinds.of(originals[i]))) {
        fail('latex.sum', originals[i].span, `the summand must be a scalar for each ${this.ctx.index}, but ${astText(originals[i])} is not (${SAMPLE_HINT})`);
      }
    });
  }

  private *product(first: Ast, rest: readonly ChainLink<MulOp>[], node: Ast): Deferred<Lifted> {
    const originals = [first, ...rest.map((l) => l.operand)];
    const ops: MulOp[] = ['*', ...rest.map((l) => l.op)];
    const spans: Span[] = [first.span, ...rest.map((l) => l.opSpan)];
    let items = yield* this.liftAll(originals);
    if (!items.some((t) => t.lifted || t.sample)) return { ast: node, lifted: false };
    // Pair each sample with its partner: wᵀ x_i (partner before) or x_iᵀ w (partner after).
    const keep: boolean[] = items.map(() => true);
    for (let i = 0; i < items.length; i++) {
      const s = items[i].sample;
      if (!s) continue;
      const partnerIndex = s.orientation === 'column' ? i - 1 : i + 1;
      const partner = items[partnerIndex];
      const opOk = s.orientation === 'column' ? ops[i] === '*' : ops[partnerIndex] === '*';
      const vector = partner && opOk && keep[partnerIndex] && !partner.lifted && !partner.sample ? this.partnerVector(originals[partnerIndex], s.orientation) : undefined;
      if (!vector) this.loneSample(originals[i]);
      const merged = this.merged(s.matrix, vector.ast, s.negated !== vector.negated);
      const at = Math.min(i, partnerIndex);
      items[at] = merged;
      originals[at] = merged.ast;
      keep[Math.max(i, partnerIndex)] = false;
      if (partnerIndex > i) i++;
    }
    const kept = items.map((it, i) => ({ it, op: ops[i], span: spans[i], original: originals[i] })).filter((_, i) => keep[i]);
    items = kept.map((k) => k.it);
    this.requireScalars(items, kept.map((k) => k.original));
    let accLifted = items[0].lifted;
    const links: ChainLink<MulOp>[] = [];
    for (let i = 1; i < kept.length; i++) {
      const { it, op, span } = kept[i];
      let newOp: MulOp = op;
      if (it.lifted && (op === '*' || op === '/') && (accLifted || op === '/')) newOp = op === '*' ? '.*' : './';
      links.push({ op: newOp, opSpan: span, operand: it.ast });
      accLifted ||= it.lifted;
    }
    return { ast: productNode(items[0].ast, links), lifted: true };
  }

  /** The vector w of a partner wᵀ (before a column sample) or w (after a row sample). */
  private partnerVector(node: Ast, sample: 'column' | 'row'): { ast: Ast; negated: boolean } | undefined {
    let negated = false;
    let n = node;
    while (n.kind === 'unary' || n.kind === 'paren') {
      if (n.kind === 'unary' && n.op === '-') negated = !negated;
      n = n.arg;
    }
    const kind = this.ctx.kinds.of(n);
    const columnLike = (k: string): boolean => k === 'column' || k === 'unknown';
    if (sample === 'row') return columnLike(kind) ? { ast: n, negated } : undefined;
    if (n.kind === 'transpose' && columnLike(this.ctx.kinds.of(n.arg))) return { ast: n.arg, negated };
    return undefined;
  }
}

/** The operand of a wrapper (`Lifter.wrapper`): the argument, or a power's base. */
function wrappedOperand(node: Wrapper): Ast {
  return node.kind === 'power' ? node.base : node.arg;
}
