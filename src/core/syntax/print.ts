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
  return bounded((out) => write(node, out), limit);
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
  write(first, out);
  for (const link of links) {
    out.add(spaced(link.op) ? ` ${link.op} ` : link.op);
    write(link.operand, out);
  }
}

function write(node: Ast, out: Out): void {
  switch (node.kind) {
    case 'number':
      return out.add(node.text);
    case 'name':
      // A placeholder occurrence (syntax/finish.ts: 𝟏#12) as written: 𝟏.
      return out.add(node.name.replace(/#\d+$/, ''));
    case 'call':
      out.add(`${node.name}(`);
      node.args.forEach((a, i) => {
        if (i > 0) out.add(', ');
        write(a, out);
      });
      return out.add(')');
    case 'einsum':
      out.add(`einsum("${node.specText}"`);
      for (const a of node.operands) {
        out.add(', ');
        write(a, out);
      }
      return out.add(')');
    case 'vector':
      out.add('[');
      node.entries.forEach((a, i) => {
        if (i > 0) out.add(`${node.separator} `);
        write(a, out);
      });
      return out.add(']');
    case 'matrix':
      out.add('[');
      node.rows.forEach((row, i) => {
        if (i > 0) out.add('; ');
        row.forEach((a, j) => {
          if (j > 0) out.add(', ');
          write(a, out);
        });
      });
      return out.add(']');
    case 'unary':
      out.add(node.op);
      return write(node.arg, out);
    case 'sum':
    case 'product':
      return writeChain<string>(node.first, node.rest, out);
    case 'power':
      write(node.base, out);
      out.add(node.op);
      return write(node.exponent, out);
    case 'transpose':
      write(node.arg, out);
      return out.add("'");
    case 'paren':
      out.add('(');
      write(node.arg, out);
      return out.add(')');
  }
}
