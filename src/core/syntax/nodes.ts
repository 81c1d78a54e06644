/**
 * Small constructors of plain syntax tree nodes, for the readers of other notations (LaTeX, NumPy):
 * they build the same nodes as the plain parser, so the shape checker, its defaults and its
 * messages serve every notation.
 */
import type { Span } from '../api';
import type { AddOp, Ast, ChainLink, MulOp, PowOp } from './ast';
import { parseEinsumSpec } from '../tensor/spec';
import { fail } from './diagnostics';

export const spanOf = (start: number, end: number): Span => ({ start, end });
export const cover = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

export const nameNode = (name: string, span: Span): Ast => ({ kind: 'name', name, span });

export const numberNode = (value: number, text: string, span: Span): Ast => ({ kind: 'number', value, text, span });

export const callNode = (name: string, args: readonly Ast[], span: Span, nameSpan: Span = span): Ast => ({
  kind: 'call',
  name,
  nameSpan,
  args,
  span,
});

export const parenNode = (arg: Ast, span: Span = arg.span): Ast => ({ kind: 'paren', arg, span });

export const unaryNode = (op: AddOp, arg: Ast, span: Span): Ast => ({ kind: 'unary', op, arg, span });

export const transposeNode = (arg: Ast, span: Span): Ast => ({ kind: 'transpose', arg, span });

export const powerNode = (op: PowOp, base: Ast, exponent: Ast, opSpan: Span, span: Span = cover(base.span, exponent.span)): Ast => ({
  kind: 'power',
  op,
  opSpan,
  base,
  exponent,
  span,
});

/** A product chain, or the single operand when there are no links. */
export function productNode(first: Ast, rest: readonly ChainLink<MulOp>[]): Ast {
  if (rest.length === 0) return first;
  return { kind: 'product', first, rest, span: cover(first.span, rest[rest.length - 1].operand.span) };
}

/** A sum chain, or the single operand when there are no links. */
export function sumNode(first: Ast, rest: readonly ChainLink<AddOp>[]): Ast {
  if (rest.length === 0) return first;
  return { kind: 'sum', first, rest, span: cover(first.span, rest[rest.length - 1].operand.span) };
}

/** An operand that must be a single factor in a product: sums and products get parentheses. */
export function asFactor(node: Ast): Ast {
  return node.kind === 'sum' || node.kind === 'product' || node.kind === 'unary' ? parenNode(node) : node;
}

/** An operand that must be an atom (base of a power or a transpose). */
export function asAtom(node: Ast): Ast {
  return node.kind === 'name' || node.kind === 'number' || node.kind === 'call' || node.kind === 'paren' || node.kind === 'vector' || node.kind === 'matrix'
    ? node
    : parenNode(node);
}

/**
 * The transpose of a node, pushed through unary signs (−t)ᵀ = −(tᵀ) so that it builds what the
 * plain syntax builds for -t'; the transpose of a transpose is the node itself.
 */
export function transposed(node: Ast, span: Span = node.span): Ast {
  // (tᵀ)ᵀ is t: a 1-D result (read as a column) turned into a row beside a matrix.
  if (node.kind === 'transpose') return node.arg.kind === 'paren' ? node.arg.arg : node.arg;
  if (node.kind === 'unary') return unaryNode(node.op, transposed(node.arg, span), node.span);
  return transposeNode(asAtom(node), span);
}

/** einsum(spec, operands…): `specStart` is where the spec's content starts in the text (its errors point into it). */
export function einsumNode(specText: string, specStart: number, operands: readonly Ast[], span: Span, nameSpan: Span): Ast {
  const spec = parseEinsumSpec(specText, specStart);
  if (!spec.ok) return fail(spec.error.code, spec.error, spec.error.message);
  return { kind: 'einsum', spec: spec.value, specText, operands, span, nameSpan };
}
