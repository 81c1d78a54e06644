/**
 * Short plain-syntax text of a syntax tree, for messages ("cannot multiply A (m×n) by y (k×1) in
 * A*y"). Products, powers and transposes are written tight (A*x, x.^2, x'), sums spaced (a + b);
 * parentheses appear where the user wrote them. Long texts are cut with "…".
 */
import type { Ast, ChainLink } from './ast';

export const MESSAGE_TEXT_LIMIT = 48;

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
  run(out);
  return out.full ? out.text.slice(0, limit - 1) + '…' : out.text;
}

/** The text written so far; `full` once it is longer than the limit, when writing stops (no exception: messages are made on ordinary paths too). */
class Out {
  text = '';
  full = false;
  constructor(private readonly limit: number) {}
  add(s: string): void {
    this.text += s;
    if (this.text.length > this.limit) this.full = true;
  }
}

const spaced = (op: string): boolean => op === '+' || op === '-';

function writeChain<Op extends string>(first: Ast, links: readonly ChainLink<Op>[], out: Out): void {
  write(chainParts(first, links), out);
}

/** A chain's parts in writing order: operands and the operators between them. */
function chainParts<Op extends string>(first: Ast, links: readonly ChainLink<Op>[]): Part[] {
  return [first, lazy(links.length, (i) => [spaced(links[i].op) ? ` ${links[i].op} ` : links[i].op, links[i].operand])];
}

/**
 * Parts made one group at a time, so that writing a long sum or call stops at the text limit
 * without listing all its parts first.
 */
interface Lazy {
  readonly count: number;
  readonly group: (i: number) => readonly Part[];
  next: number;
}

/** Text, a node still to be written, or parts still to be made. */
type Part = string | Ast | Lazy;

const lazy = (count: number, group: (i: number) => readonly Part[]): Lazy => ({ count, group, next: 0 });

/** `items` separated by `separator`. */
const separated = (items: readonly Ast[], separator: string): Lazy => lazy(items.length, (i) => (i > 0 ? [separator, items[i]] : [items[i]]));

/** Write the parts left to right, without recursion (deep trees, issue 17). */
function write(parts: readonly Part[], out: Out): void {
  const stack: Part[] = [...parts].reverse();
  while (stack.length > 0 && !out.full) {
    const part = stack.pop() as Part;
    if (typeof part === 'string') {
      out.add(part);
      continue;
    }
    let inner: readonly Part[];
    if ('count' in part) {
      if (part.next >= part.count) continue;
      inner = part.group(part.next++);
      stack.push(part);
    } else {
      inner = partsOf(part);
    }
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
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
      return [`${node.name}(`, separated(node.args, ', '), ')'];
    case 'einsum':
      return [`einsum("${node.specText}"`, lazy(node.operands.length, (i) => [', ', node.operands[i]]), ')'];
    case 'vector':
      return ['[', separated(node.entries, `${node.separator} `), ']'];
    case 'matrix':
      return ['[', lazy(node.rows.length, (i) => (i > 0 ? ['; ', separated(node.rows[i], ', ')] : [separated(node.rows[i], ', ')])), ']'];
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
