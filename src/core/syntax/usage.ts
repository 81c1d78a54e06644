/**
 * Shapes from usage: the undeclared names whose use requires a scalar — the entries of a vector or
 * matrix literal (`[log(x^2), sin(3*x)]`), the base of `^` unless its letter makes it a matrix
 * (`x^2`: a vector has no power), exponents and divisors — and everything a scalar requirement
 * passes through (parentheses, signs, sums, element-wise functions, products without a transpose).
 * The letter conventions (`names.ts`) decide only what usage leaves open.
 */
import { walk, type Ast } from './ast';
import type { Assumption } from './declarations';
import { ELEMENTWISE } from './functions';
import { conventionalKind } from './names';
import { astText } from './print';
import { Stack } from './stack';

/** Where a scalar requirement comes from: the node that imposes it. */
export type Origin = { readonly node: Ast; readonly role: 'entry' | 'base' | 'exponent' | 'divisor' };

/**
 * The undeclared names whose use requires a scalar, each with its first name node and the origin of
 * the requirement (`usageAssumption` says why, for the names the caller keeps).
 */
export function scalarsByUsage(ast: Ast, declared: ReadonlySet<string>): Map<string, { readonly node: Ast; readonly origin: Origin }> {
  const out = new Map<string, { node: Ast; origin: Origin }>();
  // Without recursion (issue 17: deep trees): a node's children are pushed right to left, so that
  // each is visited, with everything below it, before the next, as a recursive visit would.
  // Nodes and their origins side by side (no pair allocated per node: a 20,000-factor chain), in
  // stacks of small arrays (./stack.ts): a 20,000-factor product pushes as many children.
  const stack = new Stack<Ast>();
  const origins = new Stack<Origin | undefined>();
  const push = (node: Ast, origin: Origin | undefined): void => {
    stack.push(node);
    origins.push(origin);
  };
  push(ast, undefined);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const origin = origins.pop();
    switch (node.kind) {
      case 'number':
      case 'einsum':
        break;
      case 'name':
        if (origin && !declared.has(node.name) && !out.has(node.name)) out.set(node.name, { node, origin });
        break;
      case 'paren':
      case 'unary':
      case 'transpose':
        push(node.arg, origin);
        break;
      case 'vector': {
        const entry: Origin = { node, role: 'entry' };
        for (let i = node.entries.length - 1; i >= 0; i--) push(node.entries[i], entry);
        break;
      }
      case 'matrix': {
        const entry: Origin = { node, role: 'entry' };
        for (let r = node.rows.length - 1; r >= 0; r--) for (let i = node.rows[r].length - 1; i >= 0; i--) push(node.rows[r][i], entry);
        break;
      }
      case 'sum':
        for (let i = node.rest.length - 1; i >= 0; i--) push(node.rest[i].operand, origin);
        push(node.first, origin);
        break;
      case 'product': {
        const passes = hasTranspose(node.first) || node.rest.some((l) => hasTranspose(l.operand)) ? undefined : origin;
        for (let i = node.rest.length - 1; i >= 0; i--) {
          const l = node.rest[i];
          push(l.operand, l.op === '/' ? { node, role: 'divisor' } : passes);
        }
        push(node.first, passes);
        break;
      }
      case 'power': {
        // ^ needs a scalar base (or a square matrix: not for a name whose letter makes it a scalar or a vector).
        const scalarBase = node.op === '^' && node.base.kind === 'name' && conventionalKind(node.base.name) !== 'matrix';
        push(node.exponent, { node, role: 'exponent' });
        push(node.base, scalarBase ? { node, role: 'base' } : origin);
        break;
      }
      case 'call': {
        const passed = ELEMENTWISE.has(node.name) ? origin : undefined;
        for (let i = node.args.length - 1; i >= 0; i--) push(node.args[i], passed);
        break;
      }
    }
  }
  return out;
}

/** Why a name is a scalar by its use at `origin`. */
export const usageAssumption = (origin: Origin): Assumption => ({ by: 'usage', reason: reasonOf(origin) });

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

/** The names the trees transpose as themselves (x', (x)'), in one walk without recursion. */
export function transposedNames(roots: readonly Ast[]): Set<string> {
  const out = new Set<string>();
  walk(roots, (node) => {
    if (node.kind === 'transpose') {
      let arg = node.arg;
      while (arg.kind === 'paren') arg = arg.arg;
      if (arg.kind === 'name') out.add(arg.name);
    }
    return true;
  });
  return out;
}
