/**
 * Functions along a dimension (issue 13): sum/mean/logsumexp(X, d), softmax/logsoftmax(X, d) and
 * logsoftmax(v). Every derivative — with respect to a scalar, a vector and a matrix, first and
 * second order — is checked against central finite differences at several random points, in both
 * layouts; the results read back; the derivation steps are numerically true; and the errors name
 * what is wrong.
 */
import * as assert from 'node:assert/strict';
import { derive, type Layout } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax/index';
import { toText } from '../../../src/core/write/index';
import { assertSound, derivation } from '../derivation/helpers';

const WHERE = 'X: matrix(m, n); Y: matrix(m, n); W: matrix(n, k); A: matrix(m, n); x: vector(n); v: vector(m); s: scalar; t: scalar';

function expectChecked(expr: string, wrt: string, order: 1 | 2 = 1, layout: Layout = 'numerator', expect?: string): void {
  const r = derive({ expr, where: WHERE, wrt: [wrt], order, layout, check: true });
  assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.message}`);
  const { check, result } = r.value;
  assert.ok(check?.passed, `${expr} w.r.t. ${wrt} (order ${order}, ${layout}): max relative error ${check?.maxRelError}; ${result.text}`);
  assert.ok((check?.samples ?? 0) >= 3);
  if (expect !== undefined) assert.equal(result.text, expect);
  // The result reads back as the same function (its text is plain syntax).
  const back = readPlain(result.text, WHERE);
  assert.ok(back.ok, `${result.text} does not read back: ${back.ok ? '' : back.error.message}`);
}

/** Expressions with one of the new functions inside, differentiable in X (matrix), x (vector), s (scalar). */
const INNERS: Record<string, string> = {
  'sum(·, 1)': "sum(tanh(X*W), 1)*ones(k)*s + sum(X .* X, 1)*x",
  'sum(·, 2)': "v'*sum(sin(X) * s, 2) + sum(X*x*x', 2)'*v",
  'mean(·, 1)': "mean(exp(X*s), 1)*x + mean(X.*X, 1)*x",
  'mean(·, 2)': "v'*mean(X*x*x' .* A * s, 2)",
  'logsumexp(·, 2)': "sum(logsumexp(X*x*x'*s + A, 2)) + v'*logsumexp(X.*X, 2)",
  'logsumexp(·, 1)': "logsumexp(s*X + A .* (X*x*ones(1, n)), 1)*x",
  'softmax(·, 2)': "sum(softmax(s*X*x*x' + A, 2) .* Y) + v'*softmax(X*x*x', 2)*x",
  'softmax(·, 1)': "sum(softmax(X*s .* A + X*x*x', 1) .* Y)",
  'logsoftmax(·, 2)': "-sum(Y .* logsoftmax(X*x*x'*s + A, 2))/count(m, 1)",
  'logsoftmax(·, 1)': "sum(Y .* logsoftmax(s*X + X*x*x', 1))",
  'logsoftmax(v)': "sum(logsoftmax(X*x*s) .* v)",
};

describe('calculus: functions along a dimension (finite differences)', () => {
  for (const [name, expr] of Object.entries(INNERS)) {
    for (const wrt of ['X', 'x', 's']) {
      it(`${name} w.r.t. ${wrt}, first order, both layouts`, () => {
        expectChecked(expr, wrt, 1, 'numerator');
        expectChecked(expr, wrt, 1, 'denominator');
      });
    }
    it(`${name}: second order w.r.t. x and s`, () => {
      expectChecked(expr, 'x', 2);
      expectChecked(expr, 's', 2);
    });
  }
  it('matrix-valued results: Jacobians w.r.t. a matrix, and second order w.r.t. a scalar', () => {
    for (const expr of ['softmax(X*s, 2)', 'logsoftmax(X, 1)', 'logsumexp(X .* X, 2)', 'sum(X*W, 1)', 'mean(X, 2)']) {
      expectChecked(expr, 'X');
      expectChecked(`sum(sin(${expr.replace(/X/g, '(s*A)')}))`, 's', 2);
    }
  });
  it('second order w.r.t. a matrix (a Hessian) of a scalar loss', () => {
    expectChecked('sum(logsumexp(X, 2))', 'X', 2);
    expectChecked('-sum(Y .* logsoftmax(X, 2))', 'X', 2);
  });
});

describe('calculus: functions along a dimension read as the textbooks write them', () => {
  it('sum(X, 1) is 𝟏ᵀX and sum(X, 2) is X𝟏', () => {
    const r = readPlain('sum(X, 1) + sum(X*W, 2)\'*ones(m, n)', WHERE);
    assert.ok(r.ok);
    assert.equal(toText(r.value.expr), "ones(1, m)*X + ((X*W)*ones(k))'*ones(m, n)");
  });
  it('logsoftmax(X, 2) is X − logsumexp(X, 2)𝟏ᵀ, logsoftmax(v) is v − logsumexp(v)𝟏 (the expansion implied in text)', () => {
    const a = readPlain('logsoftmax(X, 2)', WHERE);
    const b = readPlain('logsoftmax(v)', WHERE);
    assert.ok(a.ok && b.ok);
    assert.equal(toText(a.value.expr), 'X - logsumexp(X, 2)*ones(1, n)');
    assert.equal(toText(b.value.expr), 'v - logsumexp(v)');
  });
  it('the gradient of sum(logsumexp(Z, 2)) is P = softmax(Z, 2)', () => {
    expectChecked('sum(logsumexp(X, 2))', 'X', 1, 'denominator', 'softmax(X, 2)');
  });
  it('the row-wise cross-entropy gradient is (diag(Y𝟏)P − Y)/N in general', () => {
    expectChecked('-sum(Y .* logsoftmax(X, 2))', 'X', 1, 'denominator', 'diag(Y*ones(n))*softmax(X, 2) - Y');
  });
});

describe('calculus: functions along a dimension, derivations', () => {
  for (const expr of ['sum(softmax(X, 2) .* Y)', 'sum(logsumexp(X*W, 2))', "v'*sum(X, 2)", '-sum(Y .* logsoftmax(X, 2))/count(m, 1)']) {
    it(`every step of ${expr} holds numerically`, () => {
      for (const granularity of ['full', 'summary'] as const) {
        assertSound(derivation({ expr, where: WHERE, wrt: ['X'] }, granularity), `${expr} (${granularity})`);
      }
    });
  }
  it('the row-wise softmax step names the block-diagonal Jacobian (reverse mode), the row rule (differentials)', () => {
    // A matrix variable is derived by differentials by default: the softmax differential states its rule row by row.
    const r = derive({ expr: 'sum(softmax(X, 2) .* Y)', where: WHERE, wrt: ['X'], steps: true });
    assert.ok(r.ok);
    const text = JSON.stringify(r.value.steps);
    assert.match(text, /dP = P ⊙ \(dZ − \(\(P ⊙ dZ\)𝟏\)𝟏ᵀ\) for P = softmax\(Z, 2\): each row p of P is the softmax of its own row z, dp = \(diag\(p\) − ppᵀ\)dz, so the local Jacobian is block diagonal \(entries taken row by row\): one block diag\(pᵢ\) − pᵢpᵢᵀ per row/);
    // The backprop view keeps the local Jacobian, block diagonal.
    const b = derivation({ expr: 'sum(softmax(X, 2) .* Y)', where: WHERE, wrt: ['X'], method: 'backprop' }, 'full');
    assertSound(b, 'sum(softmax(X, 2) .* Y) (backprop)');
    assert.match(JSON.stringify(b.pub), /block diagonal/);
  });
  it('softmax(Z, 1) and logsumexp(Z, 1) state their rules column by column (not the row form)', () => {
    const r = derive({ expr: 'sum(softmax(X, 1) .* Y) + sum(logsumexp(X, 1))', where: WHERE, wrt: ['X'], steps: true });
    assert.ok(r.ok);
    const text = JSON.stringify(r.value.steps);
    assert.match(text, /dP = P ⊙ \(dZ − 𝟏\(𝟏ᵀ\(P ⊙ dZ\)\)\) for P = softmax\(Z, 1\): each column p of P is the softmax of its own column z/);
    assert.match(text, /one block diag\(pᵢ\) − pᵢpᵢᵀ per column/);
    assert.match(text, /d logsumexp\(Z, 1\) = 𝟏ᵀ\(P ⊙ dZ\) with P = softmax\(Z, 1\) \(each column: d logsumexp\(z\) = pᵀdz\)/);
    assert.doesNotMatch(text, /softmax\(Z, 2\)/);
  });
  it('the bias of a batch: the broadcast 𝟏bᵀ, its differential 𝟏 dbᵀ, and why the gradient sums over the batch; every step holds', () => {
    const req = { expr: "-sum(Y .* logsoftmax(X*W + b', 2))/N", where: 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k) probabilities', wrt: ['b'], layout: 'denominator' as Layout };
    const r = derive({ ...req, steps: true });
    assert.ok(r.ok);
    const byRule = (rule: string): string => r.value.steps?.filter((st) => st.rule === rule).map((st) => st.explanation).join('\n') ?? '';
    const differentials = byRule('differential');
    assert.match(differentials, /d\(𝟏bᵀ\) = 𝟏 dbᵀ: 𝟏bᵀ is the row bᵀ copied into every row \(the broadcast of b over the batch\)/);
    assert.match(differentials, /d\(v𝟏ᵀ\) = dv 𝟏ᵀ: v𝟏ᵀ is the column v copied into every column/);
    assert.match(differentials, /Take the differential of f = u₉\/N: .* Rule: d\(cA\) = c dA for a constant c\./);
    assert.match(byRule('trace-form'), /b is added to every row \(the broadcast 𝟏bᵀ\), so db enters as 𝟏 dbᵀ; .* the gradient sums over the batch \(Mᵀ𝟏, that is sum\(M, 1\)ᵀ\)\./);
    for (const granularity of ['full', 'summary'] as const) assertSound(derivation(req, granularity), `bias (${granularity})`);
    // A matrix variable is not broadcast: no such sentence for W.
    const w = derive({ ...req, wrt: ['W'], steps: true });
    assert.ok(w.ok);
    assert.doesNotMatch(JSON.stringify(w.value.steps), /sums over the batch/);
  });
});

describe('syntax: functions along a dimension, errors', () => {
  const err = (expr: string): string => {
    const r = readPlain(expr, WHERE);
    assert.ok(!r.ok, `${expr} should be refused`);
    return `${r.error.code}: ${r.error.message} @${expr.slice(r.error.start, r.error.end)}`;
  };
  it('softmax of a matrix without a dimension asks for one', () => {
    assert.match(err('softmax(X)'), /call.needs-dimension: softmax of a matrix needs a dimension: softmax\(X, 2\) normalizes each row .*@softmax\(X\)/);
    assert.match(err('logsoftmax(X*W)'), /logsoftmax\(X\*W, 2\)/);
  });
  it('a dimension other than 1 or 2 is refused at the argument', () => {
    assert.match(err('sum(X, 3)'), /call.argument: the dimension of sum is 1 \(down each column\) or 2 \(along each row\), found 3 @3/);
    assert.match(err('mean(X, s)'), /@s$/);
  });
  it('norms take no dimension', () => {
    assert.match(err('norm2(X, 1)'), /norm2 takes 1 argument/);
  });
  it('without a dimension, sum and mean reduce every entry; logsumexp of a matrix asks for a dimension', () => {
    expectChecked('sum(X)', 'X', 1, 'denominator', 'ones(m, n)');
    expectChecked('mean(X)', 'X', 1, 'denominator');
    assert.match(err('logsumexp(X)'), /call.needs-dimension: logsumexp of a matrix needs a dimension: .* logsumexp\(vec\(X\)\) over all entries/);
    expectChecked('logsumexp(vec(X))', 'X', 1, 'denominator');
  });
});
