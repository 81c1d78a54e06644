import assert from 'node:assert/strict';
import { parseDeclarations, type Declaration } from '../../../src/core/syntax';
import { assertError, error, value } from './helpers';

const brief = (ds: readonly Declaration[]): string[] =>
  ds.map((d) => `${d.name}:${d.kind}(${d.dims.join(',')})${d.symmetric ? ' sym' : ''}`);

describe('syntax/declarations', () => {
  it('reads the colon style, separated by ; and line breaks', () => {
    const ds = value(parseDeclarations('x: vector(n); A: matrix(m, n)\nS: matrix(n, n) symmetric; s: scalar\ny: vector(3)'));
    assert.deepEqual(brief(ds), ['x:vector(n)', 'A:matrix(m,n)', 'S:matrix(n,n) sym', 's:scalar()', 'y:vector(3)']);
  });

  it('reads the matrixcalculus.org style, with or without a where line', () => {
    const ds = value(parseDeclarations('where\ncovmatr is a symmetric matrix\nreturns is a vector\nriskless is a scalar\nx and y are vectors'));
    assert.deepEqual(brief(ds), ['covmatr:matrix() sym', 'returns:vector()', 'riskless:scalar()', 'x:vector()', 'y:vector()']);
  });

  it('reads several names, omitted and square dimensions, and comma-separated declarations', () => {
    const ds = value(parseDeclarations('u, v: vector(k), B: matrix(n)  # square\nW is a matrix(m, n), b is a real vector(m)'));
    assert.deepEqual(brief(ds), ['u:vector(k)', 'v:vector(k)', 'B:matrix(n,n)', 'W:matrix(m,n)', 'b:vector(m)']);
  });

  it('reads product dimensions', () => {
    assert.deepEqual(brief(value(parseDeclarations('y: vector(m*n); K: matrix(m*n, 2*p)'))), ['y:vector(m·n)', 'K:matrix(m·n,2·p)']);
    assertError(error(parseDeclarations('y: vector(m*)')), 'decl.dims', 12, 13, "found ')'");
  });

  it('accepts symmetric before the kind, and an empty text', () => {
    assert.deepEqual(brief(value(parseDeclarations('S: symmetric matrix(4)'))), ['S:matrix(4,4) sym']);
    assert.deepEqual(value(parseDeclarations('  # nothing\n')), []);
  });

  it('gives each declaration the span of its name', () => {
    const ds = value(parseDeclarations('x: vector(n);  Aa: matrix'));
    assert.deepEqual(ds.map((d) => [d.span.start, d.span.end]), [[0, 1], [15, 17]]);
  });

  it('reports malformed declarations with spans in the declarations text', () => {
    assertError(error(parseDeclarations('x: vectr(n)')), 'decl.kind', 3, 8, "expected scalar, vector or matrix, found 'vectr'");
    assertError(error(parseDeclarations('x vector(n)')), 'decl.syntax', 0, 11, 'expected a declaration');
    assertError(error(parseDeclarations('x: vector(0)')), 'decl.dims', 10, 11, 'positive integer');
    assertError(error(parseDeclarations('x: vector(1.5)')), 'decl.dims', 10, 13, 'positive integer');
    assertError(error(parseDeclarations('x: vector(m, n)')), 'decl.dims', 3, 15, 'a vector has one dimension');
    assertError(error(parseDeclarations('A: matrix(m, n, k)')), 'decl.dims', 3, 18, 'a matrix has two dimensions');
    assertError(error(parseDeclarations('s: scalar(n)')), 'decl.dims', 3, 12, 'a scalar has no dimensions');
    assertError(error(parseDeclarations('x: vector(n')), 'decl.syntax', 11, 11, "expected ')' to close '(' at column 10");
    assertError(error(parseDeclarations('x: vector(n) y')), 'decl.syntax', 13, 14, "unexpected 'y' after the declaration of 'x'");
    assertError(error(parseDeclarations('x:')), 'decl.kind', 2, 2, 'found the end of the declaration');
  });

  it('knows only its own kind words, not the names every JavaScript object has (constructor, toString)', () => {
    assertError(error(parseDeclarations('x: constructor')), 'decl.kind', 3, 14, "expected scalar, vector or matrix, found 'constructor'");
    assertError(error(parseDeclarations('x is a toString')), 'decl.kind', 7, 15, "expected scalar, vector or matrix, found 'toString'");
    assertError(error(parseDeclarations('x: __proto__(n)')), 'decl.kind', 3, 12, "expected scalar, vector or matrix, found '__proto__'");
  });

  it('rejects non-square and non-matrix symmetric declarations', () => {
    assertError(error(parseDeclarations('S: matrix(m, n) symmetric')), 'decl.symmetric', 3, 15, 'm and n differ');
    assertError(error(parseDeclarations('x: vector(n) symmetric')), 'decl.symmetric', 3, 12, 'only a matrix');
  });

  it('rejects duplicates and reserved names', () => {
    assertError(error(parseDeclarations('x: vector(n)\ny: scalar; x: scalar')), 'decl.duplicate', 24, 25, "'x' is declared twice (first at line 1, column 1)");
    assertError(error(parseDeclarations('exp: scalar')), 'decl.reserved', 0, 3, "'exp' is a reserved word");
    assertError(error(parseDeclarations('where: scalar')), 'decl.syntax', 5, 13, 'expected a declaration'); // 'where' is a keyword
  });

  it('rejects over-long declarations with limit.size', () => {
    assert.equal(error(parseDeclarations('x: scalar;'.repeat(20_000))).code, 'limit.size');
  });
});
