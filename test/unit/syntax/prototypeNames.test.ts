/**
 * Names every JavaScript object answers (constructor, toString, valueOf, hasOwnProperty, __proto__)
 * are not entries of the readers' tables (syntax/table.ts): written as a LaTeX command, a NumPy
 * function or method, a plain function or a declaration's kind, each is refused with the reader's
 * own error at its place, never read as something else and never a TypeError.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import type { Notation } from '../../../src/core/api';

function refused(text: string, from: Notation, where: string | undefined, code: string, start: number, end: number, message: string): void {
  const r = readExpression(text, where, from);
  assert.equal(r.ok, false, `${text} was read`);
  if (r.ok) return;
  assert.equal(r.error.code, code, r.error.message);
  assert.deepEqual([r.error.start, r.error.end], [start, end], r.error.message);
  assert.equal(r.error.message, message);
}

describe('syntax: names of Object.prototype are not table entries', () => {
  it('LaTeX: \\constructor and \\toString are unknown commands, not a subscript named after Object', () => {
    refused('\\constructor{x}', 'latex', 'x: vector(n)', 'latex.unknown-command', 0, 12, 'unknown LaTeX command \\constructor');
    refused('x \\hasOwnProperty y', 'latex', 'x: vector(n); y: vector(n)', 'latex.unknown-command', 2, 17, 'unknown LaTeX command \\hasOwnProperty');
    refused('\\operatorname{constructor}(x)', 'latex', 'x: vector(n)', 'name.unknown-function', 0, 26, 'unknown function \\operatorname{constructor}');
  });

  it('NumPy: np.constructor is an unknown function and .toString() an unknown method (was a TypeError)', () => {
    refused('np.constructor(x)', 'numpy', 'x: vector(n)', 'name.unknown-function', 0, 14, "unknown function 'np.constructor'");
    refused('np.sum(x).toString()', 'numpy', 'x: vector(n)', 'name.unknown-function', 10, 18, 'unknown method .toString()');
    refused('x.constructor()', 'numpy', 'x: vector(n)', 'name.unknown-function', 2, 13, 'unknown method .constructor()');
  });

  it('plain: constructor(x) is an unknown function without a suggestion, and constructor no kind of declaration', () => {
    refused('constructor(x)', 'plain', 'x: vector(n)', 'name.unknown-function', 0, 11, "unknown function 'constructor'");
    refused('x', 'plain', 'x: constructor', 'decl.kind', 3, 14, "expected scalar, vector or matrix, found 'constructor'");
    refused('x', 'plain', 'x is a __proto__', 'decl.kind', 7, 16, "expected scalar, vector or matrix, found '__proto__'");
  });
});
