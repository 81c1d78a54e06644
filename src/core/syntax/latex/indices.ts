/**
 * Index notation in LaTeX: components A_{ij}, x_j, (A\mathbf{x})_i, \delta_{ij} combined by
 * products, sums and explicit sums \sum_{j}, read as einsum contractions (so they lower to the
 * core's matrix operations, tensor/lower.ts): `\sum_j A_{ij} x_j` is einsum('ij,j->i', A, x) = Ax.
 *
 * Summation in a term (a product of components, after distributing sums):
 * - a letter bound by an explicit \sum is summed;
 * - with the Einstein convention declared (`% convention: einstein`), a letter written exactly
 *   twice is summed; three times is an error;
 * - without it, a letter written twice or more without a \sum is an error that says how to declare
 *   the convention — the reader never guesses a summation.
 * Letters on a left-hand side (`y_{ki} = …`) are free in every term even when repeated
 * (δᵢₖ δⱼₗ (eˣ)ᵢⱼ); the other letters of a term are free. Every term has the same free letters; they
 * are the result's axes, in the left side's order or else alphabetical (NumPy's implicit rule):
 * none a scalar, one a column vector, two a matrix (rows, columns).
 *
 * A δ with a summed letter is contracted (Σₖ δᵢₖ Aₖⱼ = Aᵢⱼ); one with two free letters is the
 * identity. An element-wise function or a power of an index expression is the entry of the
 * function of the array: exp(A_{ij}) is (exp A)_{ij}, (Σⱼ Aᵢⱼxⱼ)² is ((Ax)^∘2)ᵢ.
 */
import type { Span } from '../../api';
import { children, type AddOp, type Ast, type ChainLink, type EinsumNode, type MulOp } from '../ast';
import type { EinsumSpec, Subscripts } from '../../tensor/spec';
import { fail } from '../diagnostics';
import { isArrayKind, type KindEstimator } from '../kinds';
import { astText } from '../print';
import { asAtom, callNode, cover, numberNode, powerNode, productNode, sumNode, unaryNode } from '../nodes';
import { ELEMENTWISE_NAMES } from './commands';
import { runDeferred, type Deferred } from '../deferred';

/** Index letters as written, one span each. */
export interface IndexLetters {
  readonly letters: string;
  readonly spans: readonly Span[];
}

/** An entry of an array with index letters: the marker node in the tree stands for it. */
export interface Component extends IndexLetters {
  /** The array: a vector or matrix name, an expression in parentheses, or the identity for δ. */
  readonly operand: Ast;
  readonly delta?: boolean;
  /** The whole component as written (A_{ij}), for messages about its term. */
  readonly span?: Span;
}

/** An explicit sum \sum_{j} (or \sum_{j,k}) in index notation. */
export interface IndexSum extends IndexLetters {
  readonly summand: Ast;
  /** The span of \sum with its limits. */
  readonly span: Span;
}

export interface IndexContext {
  readonly components: ReadonlyMap<Ast, Component>;
  readonly sums: ReadonlyMap<Ast, IndexSum>;
  readonly einstein: boolean;
  /** The letters of a left-hand side (`y_{ki} =`): the result's axes, in this order. */
  readonly free?: IndexLetters;
  readonly kinds: KindEstimator;
  /** The identity (sized by the shape checker) for a δ with two free letters. */
  readonly identity: (span: Span) => Ast;
}

const CONVENTION_HINT = 'declare the Einstein summation convention with the comment "% convention: einstein"';

interface Term {
  readonly negative: boolean;
  /** Index-free factors with their operators ('*' or '/'). */
  readonly scalars: readonly ChainLink<MulOp>[];
  readonly comps: readonly Component[];
  /** Letters bound by explicit sums, with the span of their \sum. */
  readonly sums: readonly { readonly letter: string; readonly span: Span }[];
}

/** The index letters of a subscript's tokens: one to `max` letters, optionally comma-separated (ij, i,j). */
export function indexLetters(tokens: readonly { kind: string; text: string; start: number; end: number }[], max = 2): IndexLetters | undefined {
  let letters = '';
  const spans: Span[] = [];
  let comma = false;
  for (const t of tokens) {
    if (t.kind === 'char' && (t.text === '{' || t.text === '}')) continue;
    if (t.kind === 'char' && t.text === ',') {
      if (comma || letters === '') return undefined;
      comma = true;
      continue;
    }
    if (t.kind !== 'letter' || !/^[A-Za-z]$/.test(t.text)) return undefined;
    comma = false;
    letters += t.text;
    spans.push({ start: t.start, end: t.end });
  }
  if (comma || letters.length === 0 || letters.length > max) return undefined;
  return { letters, spans };
}

/** The tree with its index notation read as einsum contractions (unchanged when it has none). */
export function resolveIndexNotation(root: Ast, ctx: IndexContext): Ast {
  const r = new Resolver(ctx);
  if (!r.involves(root)) return root;
  const c = r.close(runDeferred(r.analyze(root)), root.span, ctx.free);
  return c.operand;
}

class Resolver {
  private readonly memo = new Map<Ast, boolean>();
  private readonly used = new Set<string>();

  constructor(private readonly ctx: IndexContext) {
    for (const c of ctx.components.values()) for (const x of c.letters) this.used.add(x);
    for (const s of ctx.sums.values()) for (const x of s.letters) this.used.add(x);
    for (const x of ctx.free?.letters ?? '') this.used.add(x);
  }

  /** Whether the subtree holds a component or an index sum (deepest first, on a heap stack). */
  involves(node: Ast): boolean {
    const stack: { node: Ast; expanded: boolean }[] = [{ node, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.memo.has(top.node)) {
        stack.pop();
      } else if (top.expanded || this.ctx.components.has(top.node) || this.ctx.sums.has(top.node)) {
        stack.pop();
        const own = this.ctx.components.has(top.node) || this.ctx.sums.has(top.node);
        this.memo.set(top.node, own || children(top.node).some((c) => this.memo.get(c) === true));
      } else {
        top.expanded = true;
        for (const c of children(top.node)) if (!this.memo.has(c)) stack.push({ node: c, expanded: false });
      }
    }
    return this.memo.get(node) === true;
  }

  /** The terms of an index expression; a generator run by `runDeferred` (deep trees, issue 17). */
  *analyze(node: Ast): Deferred<Term[]> {
    if (!this.involves(node)) return [{ negative: false, scalars: [{ op: '*', opSpan: node.span, operand: node }], comps: [], sums: [] }];
    const comp = this.ctx.components.get(node);
    if (comp) return [{ negative: false, scalars: [], comps: [comp], sums: [] }];
    const sub = (n: Ast): Deferred<Term[]> => this.analyze(n);
    const sum = this.ctx.sums.get(node);
    if (sum) {
      const bound = [...sum.letters].map((letter) => ({ letter, span: sum.span }));
      return ((yield sub(sum.summand)) as Term[]).map((t) => ({ ...t, sums: [...t.sums, ...bound] }));
    }
    switch (node.kind) {
      case 'paren':
        return (yield sub(node.arg)) as Term[];
      case 'transpose':
        // The transpose of one entry is itself.
        return (yield sub(node.arg)) as Term[];
      case 'unary': {
        const terms = (yield sub(node.arg)) as Term[];
        return node.op === '-' ? terms.map(negated) : terms;
      }
      case 'sum': {
        const terms = [...((yield sub(node.first)) as Term[])];
        for (const l of node.rest) {
          const more = (yield sub(l.operand)) as Term[];
          terms.push(...(l.op === '-' ? more.map(negated) : more));
        }
        return terms;
      }
      case 'product':
        return yield* this.product(node.first, node.rest);
      case 'power': {
        if (this.involves(node.exponent)) fail('latex.index', node.exponent.span, 'an exponent with index letters is not supported');
        const base = this.close((yield sub(node.base)) as Term[], node.base.span);
        return [entryOf({ ...base, operand: powerNode('.^', asAtom(base.operand), node.exponent, node.opSpan, node.span) })];
      }
      case 'call': {
        if (node.args.length === 1 && ELEMENTWISE_NAMES.has(node.name)) {
          const arg = this.close((yield sub(node.args[0])) as Term[], node.args[0].span);
          return [entryOf({ ...arg, operand: callNode(node.name, [arg.operand], node.span, node.nameSpan) })];
        }
        return fail('latex.index', node.span, `${node.name}(…) of index expressions is not supported: only element-wise functions apply to components, e.g. \\exp(A_{ij})`);
      }
      default:
        return fail('latex.index', node.span, `${astText(node)} mixes index notation with ${node.kind === 'einsum' ? 'einsum' : 'a vector or matrix literal'}`);
    }
  }

  private *product(first: Ast, rest: readonly ChainLink<MulOp>[]): Deferred<Term[]> {
    let acc = (yield this.analyze(first)) as Term[];
    for (const link of rest) {
      if (link.op === '/' || link.op === './') {
        if (this.involves(link.operand)) fail('latex.index', link.operand.span, 'dividing by a component is not supported: write the division element-wise outside the index expression');
        acc = acc.map((t) => ({ ...t, scalars: [...t.scalars, { ...link, op: '/' }] }));
        continue;
      }
      if (link.op !== '*') fail('latex.index', link.opSpan, 'components are numbers: multiply them by juxtaposition or \\cdot');
      const right = (yield this.analyze(link.operand)) as Term[];
      acc = acc.flatMap((a) => right.map((b) => this.times(a, b)));
    }
    return acc;
  }

  /** The product of two terms, their explicit sums renamed apart where a letter would be captured. */
  private times(a: Term, b: Term): Term {
    const letters = (t: Term): Set<string> => new Set([...t.comps.flatMap((c) => [...c.letters]), ...t.sums.map((s) => s.letter)]);
    let right = b;
    const inA = letters(a);
    for (const s of b.sums) if (inA.has(s.letter)) right = renamed(right, s.letter, this.fresh());
    let left = a;
    const inB = letters(right);
    for (const s of a.sums) if (inB.has(s.letter)) left = renamed(left, s.letter, this.fresh());
    return {
      negative: left.negative !== right.negative,
      scalars: [...left.scalars, ...right.scalars],
      comps: [...left.comps, ...right.comps],
      sums: [...left.sums, ...right.sums],
    };
  }

  private fresh(): string {
    const pool = 'pqrstuvwxyzabcdefghijklmnoPQRSTUVWXYZABCDEFGHIJKLMNO';
    for (const c of pool) {
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    return fail('latex.index', { start: 0, end: 0 }, 'too many index letters in one expression');
  }

  /** The terms as one array over their free letters (in `order`, else alphabetical). */
  close(terms: readonly Term[], span: Span, order?: IndexLetters): Component {
    const resolved = terms.map((t) => this.resolve(t));
    const key = (free: readonly string[]): string => [...free].sort().join('');
    const first = resolved[0];
    for (const r of resolved.slice(1)) {
      if (key(r.free) !== key(first.free)) {
        const show = (f: readonly string[]): string => (f.length === 0 ? 'none' : f.join(', '));
        fail('latex.index', span, `every term must have the same free indices, but one has ${show(first.free)} and another ${show(r.free)}`);
      }
    }
    let letters = key(first.free);
    if (order) {
      if (key([...order.letters]) !== letters) {
        fail('latex.index', cover(order.spans[0], order.spans[order.spans.length - 1]), `the left side has the indices ${[...order.letters].join(', ')}, but the free indices on the right are ${letters === '' ? 'none' : [...letters].join(', ')}`);
      }
      letters = order.letters;
    }
    if (letters.length > 2) {
      fail('latex.index', span, `the expression has ${letters.length} free indices (${[...letters].join(', ')}), but results are scalars, vectors and matrices: sum over the others`);
    }
    const spans = [...letters].map((c) => resolved.flatMap((r) => r.comps).flatMap((k) => k.spans.filter((_, i) => k.letters[i] === c))[0] ?? span);
    const parts = resolved.map((r) => ({ negative: r.term.negative, ast: this.einsum(r, letters, spans, span) }));
    const [head, ...tail] = parts;
    const firstAst = head.negative ? unaryNode('-', head.ast, head.ast.span) : head.ast;
    const links: ChainLink<AddOp>[] = tail.map((p) => ({ op: p.negative ? '-' : '+', opSpan: p.ast.span, operand: p.ast }));
    return { operand: sumNode(firstAst, links), letters, spans };
  }

  /** Which letters of a term are summed (and the δs contracted), with the errors of the convention. */
  private resolve(term: Term): { term: Term; comps: Component[]; free: string[]; summed: Set<string> } {
    const count = new Map<string, Span[]>();
    for (const c of term.comps) [...c.letters].forEach((x, i) => count.set(x, [...(count.get(x) ?? []), c.spans[i]]));
    const free = new Set(this.ctx.free?.letters ?? '');
    const summed = new Set<string>();
    for (const s of term.sums) {
      if (!count.has(s.letter)) fail('latex.sum', s.span, `the summand does not use the index ${s.letter} of the sum`);
      if (free.has(s.letter)) fail('latex.index', s.span, `the index ${s.letter} is summed, but it is also an index of the left side`);
      summed.add(s.letter);
    }
    for (const [x, at] of count) {
      if (summed.has(x) || free.has(x) || at.length < 2) continue;
      if (!this.ctx.einstein) {
        fail('latex.index', at[1], `the index ${x} is repeated without a sum: write \\sum_{${x}} to sum over it, or ${CONVENTION_HINT}`);
      }
      if (at.length > 2) fail('latex.index', at[2], `the index ${x} appears ${at.length} times in one term: with the Einstein convention an index is summed when it appears exactly twice (write \\sum_{${x}} for more)`);
      summed.add(x);
    }
    let comps = [...term.comps];
    for (let changed = true; changed; ) {
      changed = false;
      const k = comps.findIndex((c) => c.delta && (summed.has(c.letters[0]) || summed.has(c.letters[1])));
      if (k < 0) break;
      const d = comps[k];
      if (d.letters[0] === d.letters[1]) fail('latex.index', cover(d.spans[0], d.spans[1]), `\\delta_{${d.letters}} summed over ${d.letters[0]} is a dimension: write it as a number`);
      const [from, to] = summed.has(d.letters[1]) ? [d.letters[1], d.letters[0]] : [d.letters[0], d.letters[1]];
      comps = comps.filter((_, i) => i !== k).map((c) => ({ ...c, letters: c.letters.split(from).join(to) }));
      summed.delete(from);
      changed = true;
    }
    const letters = new Set(comps.flatMap((c) => [...c.letters]));
    return { term, comps, free: [...letters].filter((x) => !summed.has(x)).sort(), summed };
  }

  /** One term as an einsum node with output `letters`. */
  private einsum(r: { term: Term; comps: Component[] }, letters: string, outSpans: readonly Span[], span: Span): Ast {
    const { term, comps } = r;
    for (const s of term.scalars) {
      if (isArrayKind(this.ctx.kinds.of(s.operand))) {
        fail('latex.index', s.operand.span, `${astText(s.operand)} is not a number: in index notation write its components, e.g. ${astText(s.operand)}_{ij}`);
      }
    }
    const operands: { ast: Ast; sub: Subscripts }[] = [];
    if (term.scalars.length > 0) {
      const [head, ...rest] = term.scalars;
      const first = head.op === '/' ? numberNode(1, '1', head.opSpan) : head.operand;
      const links = head.op === '/' ? term.scalars : rest;
      const ast = productNode(first, links);
      operands.push({ ast, sub: { letters: '', span: ast.span, letterSpans: [] } });
    }
    for (const c of comps) {
      const ast = c.delta ? this.ctx.identity(cover(c.spans[0], c.spans[1])) : c.operand;
      operands.push({ ast, sub: { letters: c.letters, span: c.span ?? cover(c.spans[0], c.spans[c.spans.length - 1]), letterSpans: c.spans } });
    }
    if (operands.length === 0) return numberNode(1, '1', span);
    if (operands.length === 1 && operands[0].sub.letters === letters && !comps.some((c) => c.delta)) return operands[0].ast;
    const whole = operands.map((o) => (o.sub.letters === '' ? o.ast.span : cover(o.ast.span, o.sub.span))).reduce(cover);
    const specText = `${operands.map((o) => o.sub.letters).join(',')}->${letters}`;
    const spec: EinsumSpec = {
      inputs: operands.map((o) => o.sub),
      output: { letters, span: whole, letterSpans: outSpans },
      explicit: true,
      span: whole,
    };
    const node: EinsumNode = { kind: 'einsum', spec, specText, operands: operands.map((o) => o.ast), span: whole, nameSpan: whole };
    return node;
  }
}

const negated = (t: Term): Term => ({ ...t, negative: !t.negative });

const entryOf = (c: Component): Term => ({ negative: false, scalars: [], comps: [c], sums: [] });

function renamed(t: Term, from: string, to: string): Term {
  return {
    ...t,
    comps: t.comps.map((c) => ({ ...c, letters: c.letters.split(from).join(to) })),
    sums: t.sums.map((s) => (s.letter === from ? { ...s, letter: to } : s)),
  };
}

/**
 * Outside index notation, names with index-like subscripts are names (x_i, W_{hh}); but two
 * factors of one product sharing a letter (A_{ij} x_j, w_i x_i) are index notation without its
 * sums, which the reader does not guess: an error saying how to write or declare it.
 */
export function checkRepeatedSubscripts(root: Ast, subscripted: ReadonlyMap<Ast, IndexLetters>): void {
  if (subscripted.size === 0) return;
  const stack: Ast[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Ast;
    if (node.kind === 'product') {
      const seen = new Map<string, Ast>();
      for (const factor of [node.first, ...node.rest.map((l) => l.operand)]) {
        const ix = subscripted.get(factor.kind === 'power' ? factor.base : factor);
        if (!ix) continue;
        for (let k = 0; k < ix.letters.length; k++) {
          const c = ix.letters[k];
          const other = seen.get(c);
          if (other && other !== factor) {
            fail('latex.index', ix.spans[k], `the index ${c} is repeated without a sum (${astText(other)}, ${astText(factor)}): write \\sum_{${c}} to sum over it, or ${CONVENTION_HINT}; if they are names of their own, declare them (% ${astText(other)}, ${astText(factor)}: scalar)`);
          }
          seen.set(c, factor);
        }
      }
    }
    // Children in reverse, so that nodes are visited in the order of the recursive walk (first error first).
    const below = children(node);
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
  }
}
