/**
 * Issue 12: shapes follow from usage, the reading lists what it assumed, and a use that is
 * ambiguous between shapes with different derivatives is an error (shape.ambiguous) that asks for
 * a declaration — in every notation.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { assumedShapes } from '../../../src/core/service';
import { readPlain } from '../../../src/core/syntax';
import type { Notation } from '../../../src/core/api';
import { assertError, error } from './helpers';

/** "name shape (reason)" for each assumed shape of a reading. */
function assumed(expr: string, where?: string, from: Notation | 'auto' = 'plain'): string[] {
  const r = readExpression(expr, where, from);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return assumedShapes(r.value).map((a) => `${a.name} ${a.shape} (${a.by}: ${a.reason})`);
}

function ambiguity(expr: string, where?: string, from: Notation | 'auto' = 'plain'): { code: string; message: string; text: string } {
  const r = readExpression(expr, where, from);
  assert.ok(!r.ok, `${expr} was read`);
  return { code: r.error.code, message: r.error.message, text: expr.slice(r.error.start, r.error.end) };
}

describe('syntax/assumed: the shapes a reading assumed, and why', () => {
  it('usage first: x^2 and sin(3*x) in [ ] make x a scalar, the reason names the use', () => {
    assert.deepEqual(assumed('[log(x^2), sin(3*x)]'), ['x scalar (usage: from x^2)']);
    assert.deepEqual(assumed('[x, y]'), ['x scalar (usage: an entry of a vector literal)', 'y scalar (usage: an entry of a vector literal)']);
    assert.deepEqual(assumed('exp(x)/t'), ['x vector(n) (letter: letter convention)', 't scalar (usage: from exp(x)/t)']);
    assert.deepEqual(assumed('2^t*x'), ['t scalar (usage: from 2^t)', 'x vector(n) (letter: letter convention)']);
  });

  it('then the letter conventions, with the dimensions usage gave them', () => {
    assert.deepEqual(assumed("x'*A*x"), ['x vector(n) (letter: letter convention)', 'A matrix(n, n) (letter: letter convention)']);
    assert.deepEqual(assumed('A*x', 'x: vector(k)'), ['A matrix(m, k) (letter: letter convention)']);
    assert.deepEqual(assumed('a*x^2 + b'), ['a scalar (letter: letter convention)', 'x scalar (usage: from x^2)', 'b scalar (letter: letter convention)']);
  });

  it('declared names, constants and sizes are not assumed', () => {
    assert.deepEqual(assumed("x'*A*x", 'x: vector(n); A: matrix(n, n)'), []);
    assert.deepEqual(assumed('pi*a'), ['a scalar (letter: letter convention)']);
    assert.deepEqual(assumed('sum(X)/N', 'X: matrix(N, n)'), []);
  });

  it('LaTeX: bold is the notation, a plain letter beside bold ones a scalar by the notation, capitals by the letter', () => {
    assert.deepEqual(assumed('W\\mathbf{x} + b', undefined, 'latex'), [
      'W matrix(m, n) (letter: letter convention)',
      'x vector(n) (notation: bold)',
      'b scalar (notation: not bold beside bold vectors)',
    ]);
    assert.deepEqual(assumed('\\sum_i y_i^2', undefined, 'latex'), ['y vector(n) (usage: written with an index)']);
  });

  it('derive() returns them in order of appearance, with the declaration-syntax shape', () => {
    const r = derive({ expr: 'sum(X*w)^2', wrt: ['w'] });
    assert.ok(r.ok);
    assert.deepEqual(r.value.assumed, [
      { name: 'X', shape: 'matrix(m, n)', by: 'letter', reason: 'letter convention' },
      { name: 'w', shape: 'vector(n)', by: 'letter', reason: 'letter convention' },
    ]);
    const declared = derive({ expr: 'sum(X*w)^2', wrt: ['w'], where: 'X: matrix(N, n); w: vector(n)' });
    assert.ok(declared.ok);
    assert.deepEqual(declared.value.assumed, []);
  });
});

describe('syntax/assumed: a scalar only by its letter, expanded against an array, is ambiguous', () => {
  it('W*x + b: b a scalar added to every entry, or a vector(m)? An error under b that names both declarations', () => {
    assertError(
      error(readPlain('W*x + b')),
      'shape.ambiguous',
      6,
      7,
      "'b' is a scalar only by its letter, but in W*x + b it could as well be a vector(m) like W*x (m×1), and the derivatives differ: declare it, e.g. b: vector(m) or b: scalar",
    );
  });

  it('every element-wise combination: + − .* ./ max min, on either side, through signs, products and element-wise functions', () => {
    const cases: [string, string][] = [
      ['x - mu', 'mu'],
      ['c + x', 'c'],
      ['a + b + x', 'a'],
      ['x .* a', 'a'],
      ['a ./ x', 'a'],
      ['max(c, x)', 'c'],
      ['min(x, c)', 'c'],
      ['W*x + 2*b', 'b'],
      ['W*x - (-b)', 'b'],
      ['x + exp(c)', 'c'],
      ['x + a/t', 'a'],
      ['sum(exp(x - lambda))', 'lambda'],
    ];
    for (const [expr, name] of cases) {
      const e = ambiguity(expr);
      assert.equal(e.code, 'shape.ambiguous', `${expr}: ${e.message}`);
      assert.equal(e.text, name, expr);
    }
  });

  it('against a matrix the other reading is a matrix of its shape', () => {
    assert.match(ambiguity('X + c').message, /could as well be a matrix\(m, n\) like X \(m×n\).*declare it, e\.g\. c: matrix\(m, n\) or c: scalar$/);
  });

  it('a where-definition is followed to the names it is made of', () => {
    assert.equal(ambiguity('W*x + u where u = 2*b').text, 'b');
  });

  it('settled readings are not ambiguous: declared, required by a use, numbers, π, sizes, reductions, scaling', () => {
    const settled: [string, string?][] = [
      ['W*x + b', 'b: scalar'],
      ['W*x + b', 'b: vector(m)'],
      ['W*x + b^2'],
      ['x + t/b^2', 't: vector(n)'],
      ['x + 1'],
      ['x - pi'],
      ['sum(X)/N + y', 'X: matrix(N, n); y: vector(n)'],
      ['x + sum(c*y)'],
      ['a*x + h'],
    ];
    for (const [expr, where] of settled) {
      const r = readPlain(expr, where);
      assert.ok(r.ok, `${expr} (${where}): ${r.ok ? '' : r.error.message}`);
    }
  });

  it('in every notation: LaTeX without bold, NumPy (its * is element-wise), Unicode; LaTeX with bold settles it', () => {
    assert.equal(ambiguity('Wx + b', undefined, 'latex').code, 'shape.ambiguous');
    assert.equal(ambiguity('W @ x + b', undefined, 'numpy').code, 'shape.ambiguous');
    assert.equal(ambiguity('b1 * x', undefined, 'numpy').code, 'shape.ambiguous');
    assert.equal(ambiguity('σ(Wx + b)', undefined, 'unicode').code, 'shape.ambiguous');
    // Not retried as scalars: that would settle the ambiguity silently (x + c with x a scalar).
    assert.equal(ambiguity('x + c', undefined, 'latex').code, 'shape.ambiguous');
    assert.ok(readExpression('W\\mathbf{x} + b', undefined, 'latex').ok);
    assert.ok(readExpression('W @ x + b', 'b: vector(m)', 'numpy').ok);
  });
});
