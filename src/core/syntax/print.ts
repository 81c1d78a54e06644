/**
 * Short plain-syntax text of a syntax tree, for messages ("cannot multiply A (m×n) by y (k×1) in
 * A*y"). Products, powers and transposes are written tight (A*x, x.^2, x'), sums spaced (a + b);
 * parentheses appear where the user wrote them. Long texts are cut with "…".
 */
import type { Ast, ChainLink } from './ast';

export const MESSAGE_TEXT_LIMIT = 48;

class Budget extends Error {}

/** The text of `node`, at most `limit` characters (cut with "…"). */
export function astText(node: Ast, limit = MESSAGE_TEXT_LIMIT): string {
  return bounded((out) => write([node], out), limit);
}

/** The text of the chain first op1 operand1 … (the left part of a sum or product, for messages). */
export function chainText<Op extends string>(first: Ast, links: readonly ChainLink<Op>[], limit = MESSAGE_TEXT_LIMIT): string {
  return bounded((out) => writeChain(first, links, out), limit);
}

function bounded(run: (out: Out) => void, limit: number): string {
  const out = new Out(limit);
  try {
    run(out);
  } catch (e) {
    if (!(e instanceof Budget)) throw e;
    return out.text.slice(0, limit - 1) + '…';
  }
  return out.text;
}

class Out {
  text = '';
  constructor(private readonly limit: number) {}
  add(s: string): void {
    this.text += s;
    if (this.text.length > this.limit) throw new Budget();
  }
}

const spaced = (op: string): boolean => op === '+' || op === '-';

function writeChain<Op extends string>(first: Ast, links: readonly ChainLink<Op>[], out: Out): void {
  write(chainParts(first, links), out);
}

/** A chain's parts in writing order: operands and the operators between them. */
function chainParts<Op extends string>(first: Ast, links: readonly ChainLink<Op>[]): Part[] {
  const parts: Part[] = [first];
  for (const link of links) parts.push(spaced(link.op) ? ` ${link.op} ` : link.op, link.operand);
  return parts;
}

/** Text, or a node still to be written. */
type Part = string | Ast;

/** Write the parts left to right, without recursion (deep trees, issue 17). */
function write(parts: readonly Part[], out: Out): void {
  const stack: Part[] = [...parts].reverse();
  while (stack.length > 0) {
    const part = stack.pop() as Part;
    if (typeof part === 'string') out.add(part);
    else {
      const inner = partsOf(part);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
  }
}

/** What a node is written as: text and its children in order. */
function partsOf(node: Ast): Part[] {
  switch (node.kind) {
    case 'number':
      return [node.text];
    case 'name':
      // A placeholder occurrence (syntax/finish.ts: 𝟏#12) as written: 𝟏.
      return [node.name.replace(/#\d+$/, '')];
    case 'call':
      return [`${node.name}(`, ...node.args.flatMap((a, i): Part[] => (i > 0 ? [', ', a] : [a])), ')'];
    case 'einsum':
      return [`einsum("${node.specText}"`, ...node.operands.flatMap((a): Part[] => [', ', a]), ')'];
    case 'vector':
      return ['[', ...node.entries.flatMap((a, i): Part[] => (i > 0 ? [`${node.separator} `, a] : [a])), ']'];
    case 'matrix':
      return [
        '[',
        ...node.rows.flatMap((row, i): Part[] => [...(i > 0 ? ['; '] : []), ...row.flatMap((a, j): Part[] => (j > 0 ? [', ', a] : [a]))]),
        ']',
      ];
    case 'unary':
      return [node.op, node.arg];
    case 'sum':
    case 'product':
      return chainParts<string>(node.first, node.rest);
    case 'power':
      return [node.base, node.op, node.exponent];
    case 'transpose':
      return [node.arg, "'"];
    case 'paren':
      return ['(', node.arg, ')'];
  }
}
