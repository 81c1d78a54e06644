/**
 * Shapes from usage: the undeclared names whose use requires a scalar — the entries of a vector or
 * matrix literal (`[log(x^2), sin(3*x)]`), the base of `^` unless its letter makes it a matrix
 * (`x^2`: a vector has no power), exponents and divisors — and everything a scalar requirement
 * passes through (parentheses, signs, sums, element-wise functions, products without a transpose).
 * The letter conventions (`names.ts`) decide only what usage leaves open.
 */
import type { Ast } from './ast';
import type { Assumption } from './declarations';
import { ELEMENTWISE } from './functions';
import { conventionalKind } from './names';
import { astText } from './print';
import { Stack } from './stack';

/** Where a scalar requirement comes from: the node that imposes it. */
type Origin = { readonly node: Ast; readonly role: 'entry' | 'base' | 'exponent' | 'divisor' };

/** The undeclared names whose use requires a scalar, each with its first name node and why. */
export function scalarsByUsage(ast: Ast, declared: ReadonlySet<string>): Map<string, { readonly node: Ast; readonly assumed: Assumption }> {
  const out = new Map<string, { node: Ast; assumed: Assumption }>();
  // Without recursion (issue 17: deep trees): `visit` queues a child, and the children a node
  // queued are visited in the order queued, each with everything below it, before the next.
  // Nodes and their origins side by side (no pair allocated per node: a 20,000-factor chain).
  // Stacks of small arrays (./stack.ts): a 20,000-factor product queues as many children.
  const stack = new Stack<Ast>();
  const origins = new Stack<Origin | undefined>();
  const queued = new Stack<Ast>();
  const queuedOrigins = new Stack<Origin | undefined>();
  stack.push(ast);
  origins.push(undefined);
  const visit = (node: Ast, origin: Origin | undefined): void => {
    queued.push(node);
    queuedOrigins.push(origin);
  };
  const step = (node: Ast, origin: Origin | undefined): void => {
    switch (node.kind) {
      case 'number':
        return;
      case 'name':
        if (origin && !declared.has(node.name) && !out.has(node.name)) out.set(node.name, { node, assumed: { by: 'usage', reason: reasonOf(origin) } });
        return;
      case 'paren':
      case 'unary':
      case 'transpose':
        return visit(node.arg, origin);
      case 'vector':
        for (const e of node.entries) visit(e, { node, role: 'entry' });
        return;
      case 'matrix':
        for (const row of node.rows) for (const e of row) visit(e, { node, role: 'entry' });
        return;
      case 'sum':
        visit(node.first, origin);
        for (const l of node.rest) visit(l.operand, origin);
        return;
      case 'product': {
        const passes = hasTranspose(node.first) || node.rest.some((l) => hasTranspose(l.operand)) ? undefined : origin;
        visit(node.first, passes);
        for (const l of node.rest) visit(l.operand, l.op === '/' ? { node, role: 'divisor' } : passes);
        return;
      }
      case 'power': {
        // ^ needs a scalar base (or a square matrix: not for a name whose letter makes it a scalar or a vector).
        const scalarBase = node.op === '^' && node.base.kind === 'name' && conventionalKind(node.base.name) !== 'matrix';
        visit(node.base, scalarBase ? { node, role: 'base' } : origin);
        visit(node.exponent, { node, role: 'exponent' });
        return;
      }
      case 'call':
        for (const a of node.args) visit(a, ELEMENTWISE.has(node.name) ? origin : undefined);
        return;
      case 'einsum':
        return;
    }
  };
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    step(node, origins.pop());
    for (let child = queued.pop(); child !== undefined; child = queued.pop()) {
      stack.push(child);
      origins.push(queuedOrigins.pop());
    }
  }
  return out;
}

function reasonOf(origin: Origin): string {
  if (origin.role === 'entry') return `an entry of ${origin.node.kind === 'matrix' ? 'a matrix' : 'a vector'} literal`;
  return `from ${astText(origin.node)}`;
}

/**
 * The names whose shape becomes the shape of `node`: through parentheses, signs, transposes,
 * sums, the factors of a product (not divisors), bases of .^ and element-wise functions. Were
 * one of them a vector, `node` could be one too (`b` and `2*b` in `W*x + 2*b`); `sum(b)` stays a
 * scalar whatever b is. In order of appearance.
 */
export function shapeCarriers(node: Ast): Ast[] {
  const out: Ast[] = [];
  const stack: Ast[] = [node];
  const push = (...nodes: Ast[]): void => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  };
  while (stack.length > 0) {
    const n = stack.pop() as Ast;
    switch (n.kind) {
      case 'name':
        out.push(n);
        break;
      case 'paren':
      case 'unary':
      case 'transpose':
        push(n.arg);
        break;
      case 'sum':
        push(n.first, ...n.rest.map((l) => l.operand));
        break;
      case 'product':
        push(n.first, ...n.rest.filter((l) => l.op !== '/').map((l) => l.operand));
        break;
      case 'power':
        if (n.op === '.^') push(n.base);
        break;
      case 'call':
        if (ELEMENTWISE.has(n.name) || ((n.name === 'max' || n.name === 'min') && n.args.length === 2)) push(...n.args);
        break;
      default:
        break;
    }
  }
  return out;
}

function hasTranspose(node: Ast): boolean {
  let n = node;
  while (n.kind === 'paren') n = n.arg;
  return n.kind === 'transpose';
}
