/**
 * Implicit expansion (issue 13; MATLAB since R2016b, NumPy broadcasting) in + − .* ./: a 1×k row
 * over the rows of an N×k matrix is written 𝟏bᵀ, an N×1 column over its columns c𝟏ᵀ, so the
 * gradient with respect to the broadcast operand comes back summed over the broadcast axis (Gᵀ𝟏,
 * G𝟏). Every derivative is checked against finite differences; shapes that do not fit stay an
 * error naming both shapes.
 */
import * as assert from 'node:assert/strict';
import { derive, type Layout } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax/index';
import { toText } from '../../../src/core/write/index';

const WHERE = 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k); b: vector(k); c: vector(N); G: matrix(N, k); s: scalar; x: vector(m)';

function result(expr: string, wrt: string, layout: Layout = 'denominator', order: 1 | 2 = 1): string {
  const r = derive({ expr, where: WHERE, wrt: [wrt], layout, order, check: true });
  assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.message}`);
  assert.ok(r.value.check?.passed, `${expr} w.r.t. ${wrt} (${layout}, order ${order}): max relative error ${r.value.check?.maxRelError}`);
  return r.value.result.text;
}

describe('broadcasting: the expansion is written out', () => {
  it("X*W + b' is X*W + 𝟏bᵀ; X*W + c is X*W + c𝟏ᵀ; a row first expands too", () => {
    const read = (e: string): string => {
      const r = readPlain(e, WHERE);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      return toText(r.value.expr);
    };
    assert.equal(read("X*W + b'"), "X*W + ones(N)*b'");
    assert.equal(read('X*W - c'), 'X*W - c*ones(1, k)');
    assert.equal(read("b' + X*W"), "ones(N)*b' + X*W");
    assert.equal(read("G .* b'"), "G .* (ones(N)*b')");
    assert.equal(read('G ./ c'), 'G ./ (c*ones(1, k))');
  });
});

describe('broadcasting: gradients w.r.t. the broadcast operand are summed over the broadcast axis', () => {
  it('the affine layer: ∂/∂b = Gᵀ𝟏, ∂/∂W = XᵀG, ∂/∂X = GWᵀ', () => {
    assert.equal(result("sum(G .* (X*W + b'))", 'b'), "G'*ones(N)");
    assert.equal(result("sum(G .* (X*W + b'))", 'W'), "X'*G");
    assert.equal(result("sum(G .* (X*W + b'))", 'X'), "G*W'");
  });
  it('a column over the columns: ∂/∂c = G𝟏', () => {
    assert.equal(result('sum(G .* (X*W + c))', 'c'), 'G*ones(k)');
    assert.equal(result('sum(G .* (c - X*W))', 'c'), 'G*ones(k)');
  });
  it('element-wise products and quotients with a broadcast row or column', () => {
    for (const [expr, wrt] of [
      ["sum(G .* (X*W .* b'))", 'b'], ["sum(G .* (b' ./ exp(X*W)))", 'b'], ['sum(tanh(X*W ./ c))', 'c'], ["sum(sin(b' .* (X*W)))", 'W'],
      ["sum(log(exp(X*W) + b' .* b'))", 'b'],
    ]) {
      result(expr, wrt, 'denominator');
      result(expr, wrt, 'numerator');
    }
  });
  it('Jacobians and second order w.r.t. the broadcast operand, and w.r.t. a scalar', () => {
    result("X*W + b'", 'b', 'numerator');
    result('tanh(X*W .* c)', 'c', 'numerator');
    result("sum(tanh(X*W + b').^2)", 'b', 'numerator', 2);
    result("sum(tanh(s*X*W + b'))", 's', 'numerator', 2);
  });
});

describe('broadcasting: shapes that do not fit', () => {
  const message = (expr: string): string => {
    const r = readPlain(expr, WHERE);
    assert.ok(!r.ok, `${expr} should be refused`);
    return `${r.error.code}: ${r.error.message}`;
  };
  it('a row or column of the wrong length is an error naming both shapes', () => {
    assert.equal(message("X*W + c'"), "shape.mismatch: cannot add X*W (N×k) and c' (1×N) in X*W + c': the shapes differ");
    assert.equal(message('X*W .* x'), 'shape.mismatch: cannot multiply element-wise X*W (N×k) and x (m×1) in X*W.*x: the shapes differ');
  });
  it('a broadcast never equates two dimensions that are not known to be the same', () => {
    assert.match(message('G + x'), /cannot add G \(N×k\) and x \(m×1\)/);
  });
});
