/**
 * Rows that are probabilities (issue 13, "Xᵀ(P − Y)/N"): a target declared `probabilities` (class
 * probabilities or one-hot rows, summing to 1) lets the softmax cross-entropy gradient take its
 * textbook form; without the declaration the general form diag(Y𝟏)P − Y stays (each row of P scaled by
 * the sum of Y's row), since it is what is true for any Y. Derivatives are checked at points where the declaration holds.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { parseDeclarations } from '../../../src/core/syntax';
import { readPlain } from '../../../src/core/syntax';
import { declarationsFor } from '../../../src/core/write';

const WHERE = 'X: matrix(N, n); Y: matrix(N, k) probabilities; W: matrix(n, k); b: vector(k)';
const XENT = "-sum(Y .* logsoftmax(X*W + b', 2))/N";

function result(expr: string, where: string, wrt: string, layout: 'numerator' | 'denominator' = 'denominator'): string {
  const r = derive({ expr, where, wrt: [wrt], layout, check: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.check?.passed, `${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
  return r.value.result.text;
}

describe('calculus/probabilities: targets whose rows sum to 1', () => {
  it('the declaration: matrices and vectors, not scalars; written back by declarationsFor', () => {
    const d = parseDeclarations('Y: matrix(N, k) probabilities; y: vector(k) probabilities; S: matrix(n) symmetric');
    assert.ok(d.ok);
    assert.deepEqual(d.value.map((x) => x.probabilities === true), [true, true, false]);
    const bad = parseDeclarations('s: scalar probabilities');
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'decl.kind');
    const read = readPlain("sum(Y) + y'*y", 'Y: matrix(N, k) probabilities; y: vector(k) probabilities');
    assert.ok(read.ok);
    const written = declarationsFor(read.value.variables);
    assert.equal(written, 'Y: matrix(N, k) probabilities; y: vector(k) probabilities');
    const again = readPlain("sum(Y) + y'*y", written);
    assert.ok(again.ok);
    assert.equal(again.value.expr, read.value.expr);
  });

  it('∂L/∂W = Xᵀ(P − Y)/N, ∂L/∂b = (P − Y)ᵀ𝟏/N, ∂L/∂X = (P − Y)Wᵀ/N for L = −sum(Y ⊙ logsoftmax(XW + 𝟏bᵀ, 2))/N', () => {
    assert.equal(result(XENT, WHERE, 'W'), "X'*(softmax(X*W + ones(N)*b', 2) - Y)/N");
    assert.equal(result(XENT, WHERE, 'b'), "(softmax(X*W + ones(N)*b', 2) - Y)'*ones(N)/N");
    assert.equal(result(XENT, WHERE, 'X'), "(softmax(X*W + ones(N)*b', 2) - Y)*W'/N");
    // Numerator layout: the transpose.
    assert.equal(result(XENT, WHERE, 'W', 'numerator'), "(softmax(X*W + ones(N)*b', 2) - Y)'*X/N");
  });

  it('by the target itself: the derivative for unconstrained entries, still checked numerically', () => {
    assert.equal(result(XENT, WHERE, 'Y'), "-(X*W + ones(N)*b' - logsumexp(X*W + ones(N)*b', 2)*ones(1, k))/N");
  });

  it('without the declaration the general form stays: diag(Y𝟏)P − Y is what holds for any Y', () => {
    const where = WHERE.replace(' probabilities', '');
    assert.equal(result(XENT, where, 'W'), "X'*(diag(Y*ones(k))*softmax(X*W + ones(N)*b', 2) - Y)/N");
  });

  it('one sample: ∂(−yᵀ logsoftmax(z))/∂z = (softmax(z) − y)ᵀ, and sum(y) = 1', () => {
    assert.equal(result("-y'*logsoftmax(z)", 'y: vector(k) probabilities; z: vector(k)', 'z', 'numerator'), "(softmax(z) - y)'");
    assert.equal(result('sum(y)*x', 'y: vector(k) probabilities; x: scalar', 'x'), '1');
  });

  it('log(softmax(Z, 2)) written out gives the same textbook answers as logsoftmax(Z, 2)', () => {
    // The adjoint of log is Ḡ ⊘ P, and the softmax passes back P ⊙ (Ḡ ⊘ P) = Ḡ before spreading the
    // row sums: (P − Y)/N, not P ⊙ ((𝟏𝟏ᵀ − Y ⊘ P)/N).
    const logOf = "-sum(Y .* log(softmax(X*W + b', 2)))/N";
    assert.equal(result(logOf, WHERE, 'W'), "X'*(softmax(X*W + ones(N)*b', 2) - Y)/N");
    assert.equal(result(logOf, WHERE, 'b'), "(softmax(X*W + ones(N)*b', 2) - Y)'*ones(N)/N");
    assert.equal(result('-sum(Y .* log(softmax(Z, 2)))/N', 'Z: matrix(N, k); Y: matrix(N, k) probabilities', 'Z'), '(softmax(Z, 2) - Y)/N');
    // Columns (d = 1): the same with the sums down each column.
    assert.equal(result('-sum(Y .* log(softmax(Z, 1)))', 'Z: matrix(k, N); Y: matrix(k, N)', 'Z'), "softmax(Z, 1)*diag(Y'*ones(k)) - Y");
    // Without the declaration: the general form, as for logsoftmax.
    const where = WHERE.replace(' probabilities', '');
    assert.equal(result(logOf, where, 'W'), "X'*(diag(Y*ones(k))*softmax(X*W + ones(N)*b', 2) - Y)/N");
  });

  it('the derivation says where Y𝟏 = 𝟏 is used', () => {
    const r = derive({ expr: XENT, where: WHERE, wrt: ['W'], layout: 'denominator', steps: true });
    assert.ok(r.ok);
    const text = JSON.stringify(r.value.steps);
    assert.match(text, /Y is declared probabilities \(each row sums to 1\), so Y𝟏 = 𝟏 is used/);
  });
});
