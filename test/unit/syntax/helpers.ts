/** Test helpers for the syntax reader: compact structural views of Exprs and outcomes. */
import assert from 'node:assert/strict';
import type { Diagnostic, Outcome } from '../../../src/core/api';
import type { Expr } from '../../../src/core/model/expr';
import { shapeText } from '../../../src/core/model/shape';
import { readPlain, parsePlain, type Ast, type CheckedExpression } from '../../../src/core/syntax';

/**
 * An S-expression of an Expr built from its fields: variables by name, numbers by value,
 * `ones[n×1]`, `eye[n]`, functions by name, `(matpow A 2)`, other nodes as `(op args…)`.
 */
export function sx(e: Expr): string {
  switch (e.op) {
    case 'var':
      return e.name as string;
    case 'num':
      return String(e.value);
    case 'ones':
    case 'zeros':
      return `${e.op}[${shapeText(e.shape)}]`;
    case 'eye':
      return `eye[${String(e.shape.rows)}]`;
    case 'fn':
      return `(${e.name} ${sx(e.args[0])})`;
    case 'matpow':
      return `(matpow ${sx(e.args[0])} ${e.value})`;
    default:
      return `(${e.op} ${e.args.map(sx).join(' ')})`;
  }
}

export function value<T>(o: Outcome<T>): T {
  if (!o.ok) assert.fail(`expected success, got ${o.error.code}: ${o.error.message} [${o.error.start}, ${o.error.end})`);
  return o.value;
}

export function error<T>(o: Outcome<T>): Diagnostic {
  if (o.ok) assert.fail('expected a diagnostic, got a value');
  return o.error;
}

/** Read and return the checked expression (fails the test on a diagnostic). */
export const read = (text: string, where?: string): CheckedExpression => value(readPlain(text, where));
export const readSx = (text: string, where?: string): string => sx(read(text, where).expr);
export const parse = (text: string): Ast => value(parsePlain(text));

/** "x:n×1 A:m×n" for the variables in order of first appearance. */
export function variablesText(c: CheckedExpression): string {
  return c.variables.map((v) => `${v.name}:${shapeText(v.shape)}`).join(' ');
}

/** Assert a diagnostic's code and exact span, and that its message contains each fragment. */
export function assertError(d: Diagnostic, code: string, start: number, end: number, ...fragments: string[]): void {
  assert.equal(d.code, code, `code (message: ${d.message})`);
  assert.deepEqual([d.start, d.end], [start, end], `span of "${d.message}"`);
  for (const f of fragments) assert.ok(d.message.includes(f), `message "${d.message}" should contain "${f}"`);
}

/**
 * An S-expression of a syntax tree: `(+ a b)` for a sum a + b, `(- a b)`, chains as
 * `(sum a + b - c)` / `(prod a * b ./ c)`, `(^ a b)`, `(.^ a b)`, `(' a)`, `(neg a)`, `(pos a)`,
 * `(paren a)`, `(call f a b)`, `(vec, a b)` / `(vec; a b)`, `(mat [a b] [c d])`.
 */
export function astSx(node: Ast): string {
  switch (node.kind) {
    case 'number':
      return node.text;
    case 'name':
      return node.name;
    case 'unary':
      return `(${node.op === '-' ? 'neg' : 'pos'} ${astSx(node.arg)})`;
    case 'paren':
      return `(paren ${astSx(node.arg)})`;
    case 'transpose':
      return `(' ${astSx(node.arg)})`;
    case 'power':
      return `(${node.op} ${astSx(node.base)} ${astSx(node.exponent)})`;
    case 'call':
      return `(call ${node.name}${node.args.map((a) => ' ' + astSx(a)).join('')})`;
    case 'einsum':
      return `(einsum ${node.specText}${node.operands.map((a) => ' ' + astSx(a)).join('')})`;
    case 'vector':
      return `(vec${node.separator} ${node.entries.map(astSx).join(' ')})`;
    case 'matrix':
      return `(mat ${node.rows.map((r) => `[${r.map(astSx).join(' ')}]`).join(' ')})`;
    case 'sum':
    case 'product': {
      if (node.rest.length === 1) return `(${node.rest[0].op} ${astSx(node.first)} ${astSx(node.rest[0].operand)})`;
      const parts = [astSx(node.first), ...node.rest.flatMap((l) => [l.op, astSx(l.operand)])];
      return `(${node.kind === 'sum' ? 'sum' : 'prod'} ${parts.join(' ')})`;
    }
  }
}

export const parseSx = (text: string): string => astSx(parse(text));
