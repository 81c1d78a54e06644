/**
 * Shapes from usage: the undeclared names whose use requires a scalar — the entries of a vector or
 * matrix literal (`[log(x^2), sin(3*x)]`), the base of `^` when its letter would make it a vector
 * (`x^2`: a vector has no power), exponents and divisors — and everything a scalar requirement
 * passes through (parentheses, signs, sums, element-wise functions, products without a transpose).
 * The letter conventions (`names.ts`) decide only what usage leaves open.
 */
import type { Ast } from './ast';
import { ELEMENTWISE } from './functions';
import { conventionalKind } from './names';

export function scalarsByUsage(ast: Ast, declared: ReadonlySet<string>): Map<string, Ast> {
  const out = new Map<string, Ast>();
  const visit = (node: Ast, scalar: boolean): void => {
    switch (node.kind) {
      case 'number':
        return;
      case 'name':
        if (scalar && !declared.has(node.name) && !out.has(node.name)) out.set(node.name, node);
        return;
      case 'paren':
      case 'unary':
      case 'transpose':
        return visit(node.arg, scalar);
      case 'vector':
        for (const e of node.entries) visit(e, true);
        return;
      case 'matrix':
        for (const row of node.rows) for (const e of row) visit(e, true);
        return;
      case 'sum':
        visit(node.first, scalar);
        for (const l of node.rest) visit(l.operand, scalar);
        return;
      case 'product': {
        const factors = [node.first, ...node.rest.map((l) => l.operand)];
        const passes = scalar && !factors.some(hasTranspose);
        visit(node.first, passes);
        for (const l of node.rest) visit(l.operand, passes || l.op === '/');
        return;
      }
      case 'power':
        visit(node.base, scalar || (node.op === '^' && node.base.kind === 'name' && conventionalKind(node.base.name) === 'vector'));
        visit(node.exponent, true);
        return;
      case 'call':
        for (const a of node.args) visit(a, scalar && ELEMENTWISE.has(node.name));
        return;
      case 'einsum':
        return;
    }
  };
  visit(ast, false);
  return out;
}

function hasTranspose(node: Ast): boolean {
  return node.kind === 'transpose' || (node.kind === 'paren' && hasTranspose(node.arg));
}
