import assert from 'node:assert/strict';
import { diagnosticSource, parsePlain, readPlain } from '../../../src/core/syntax';
import { assertError, error, read, readSx, variablesText } from './helpers';

describe('syntax/read: readPlain', () => {
  it('reads declarations and the expression from one text, as in a .matcalc file', () => {
    const text = '# least squares\nA: matrix(m, n); b: vector(m)\n\nf(x) = norm2(A*x - b)^2  # the loss\n';
    const c = read(text);
    assert.equal(variablesText(c), 'A:m×n x:n×1 b:m×1');
    assert.equal(readSx(text), '(pow (norm2 (add (mul A x) (mul -1 b))) 2)');
  });

  it('accepts declarations after the expression, introduced by where', () => {
    assert.equal(variablesText(read("x'*S*x where S is a symmetric matrix")), 'x:n×1 S:n×n');
    assert.equal(variablesText(read("w'*C*w\nwhere\nC is a symmetric matrix\nw is a vector")), 'w:n×1 C:n×n');
  });

  it('joins consecutive expression lines into one expression', () => {
    assert.equal(readSx("x'*A*x\n  + y'*x\n  + c"), '(add (mul (transpose x) A x) (mul (transpose y) x) c)');
  });

  it('combines a separate where string with declarations in the text', () => {
    const c = read('x: vector(n)\nA*x', 'A: matrix(k, n)');
    assert.equal(variablesText(c), 'A:k×n x:n×1');
  });

  it('reports an error in the where string relative to it, marked source: where', () => {
    const d = error(readPlain('A*x', 'x: vector(n); A: matrx'));
    assertError(d, 'decl.kind', 17, 22, "found 'matrx'");
    assert.equal(diagnosticSource(d), 'where');
    assert.equal((d as { source?: string }).source, 'where');
  });

  it('reports errors in the text relative to it (source: text)', () => {
    const d1 = error(readPlain('x: vectr(n)\nx + 1'));
    assertError(d1, 'decl.kind', 3, 8, "found 'vectr'");
    assert.equal(diagnosticSource(d1), 'text');
    const d2 = error(readPlain('x: vector(n)\nA*x + foo', 'A: matrix(m, n)'));
    assertError(d2, 'name.undeclared', 19, 22, "undeclared variable 'foo'");
    assert.equal(diagnosticSource(d2), 'text');
  });

  it('rejects a name declared in both places, pointing into the text', () => {
    assertError(error(readPlain('x: scalar\nx + 1', 'x: vector(n)')), 'decl.duplicate', 0, 1, 'declared twice (first in the declarations given separately)');
  });

  it('rejects a second expression', () => {
    assertError(error(readPlain('x + y\nA*x')), 'parse.extra-expression', 6, 9, 'only one expression is allowed: another one starts at line 2, column 1');
    assertError(error(parsePlain('x + y\nA*x  # two')), 'parse.extra-expression', 6, 9, 'only one expression is allowed');
    assertError(error(readPlain('x; y + z')), 'parse.extra-expression', 3, 8, 'only one expression');
    assertError(error(readPlain('a\nb: scalar\nc')), 'parse.extra-expression', 12, 13, 'only one expression');
  });

  it('rejects a text with only declarations', () => {
    assertError(error(readPlain('x: vector(n)\n')), 'parse.empty', 13, 13, 'there is no expression, only declarations');
    assertError(error(readPlain('  # just a comment')), 'parse.empty', 18, 18, 'the expression is empty');
  });

  it('keeps line breaks inside brackets within the statement', () => {
    assert.equal(readSx('[a,\n b]'), '(block a b)');
  });

  it('parse errors in a multi-line text have spans in the whole text', () => {
    assertError(error(readPlain('x: vector(n)\n(x + 1')), 'parse.unclosed', 19, 19, "expected ')' to close '(' at line 2, column 1");
  });

  it('checks the size of both texts', () => {
    assert.equal(error(readPlain('x'.repeat(200_000))).code, 'limit.size');
    const d = error(readPlain('x', 'x: scalar;'.repeat(20_000)));
    assert.equal(d.code, 'limit.size');
    assert.equal(diagnosticSource(d), 'where');
  });
});
