/**
 * `checkClaim`: verdicts and diagnoses. Every diagnosis kind with several claims, claims written in
 * LaTeX and NumPy, symmetric declared variables, Hessians, and right claims written differently
 * from the product's own result (which must be `correct`).
 */
import * as assert from 'node:assert/strict';
import { checkClaim, type CheckRequest, type CheckResult } from '../../../src/core/index';

function check(req: CheckRequest): CheckResult {
  const r = checkClaim(req);
  if (!r.ok) assert.fail(`${req.expr} | ${req.claim}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const claim = (expr: string, wrt: string, answer: string, more: Partial<CheckRequest> = {}): CheckResult =>
  check({ expr, wrt: wrt.split(','), claim: answer, ...more });

function expectKind(r: CheckResult, kind: string): void {
  assert.equal(r.verdict, 'incorrect', `expected incorrect (${kind}) for ${r.claim.text}`);
  assert.equal(r.diagnosis?.kind, kind, `${r.claim.text}: ${r.diagnosis?.kind}: ${r.diagnosis?.detail}`);
}

describe('check: correct claims', () => {
  it('the product\'s own result is correct, decided exactly', () => {
    const r = claim("x'*A*x", 'x', "x'*(A + A')");
    assert.equal(r.verdict, 'correct');
    assert.equal(r.method, 'exact');
    assert.equal(r.tolerance, 0);
    assert.equal(r.diagnosis, undefined);
  });
  it('right claims written differently are correct (numerically, with the tolerance)', () => {
    for (const [expr, wrt, answer, more] of [
      ["x'*A*x", 'x', "x'*A' + x'*A", {}],
      ["x'*A*x", 'x', "(A*x + A'*x)'", {}],
      ['norm2(A*x - b)^2', 'x', "2*(A*x - b)'*A", { where: 'b: vector(m)' }],
      ['norm2(A*x - b)^2', 'x', "2*A'*A*x - 2*A'*b", { layout: 'denominator', where: 'b: vector(m)' }],
      ['norm2(y - X*w)^2', 'w', "2*X'*(X*w - y)", { layout: 'denominator' }],
      ['sum(exp(W*x))', 'W', "exp(W*x)*x'", { layout: 'mixed' }],
      ['log(det(X))', 'X', "inv(X)'", { layout: 'denominator' }],
      ['tr(A*X*B)', 'X', "A'*B'", { layout: 'denominator' }],
      ['sum(relu(x))', 'x', "step(x)'", {}],
    ] as const) {
      const r = claim(expr, wrt, answer, more);
      assert.equal(r.verdict, 'correct', `${expr} | ${answer}: ${r.diagnosis?.detail}`);
    }
    const numeric = claim("x'*A*x", 'x', "x'*A' + x'*A");
    assert.equal(numeric.method, 'numeric');
    assert.ok(numeric.tolerance > 0 && numeric.tolerance <= 1e-6 && numeric.samples >= 3);
  });
  it('reads the claim in the notation of the expression: LaTeX and NumPy', () => {
    assert.equal(claim('\\mathbf{x}^T A \\mathbf{x}', 'x', '(A + A^T)\\mathbf{x}', { layout: 'denominator' }).verdict, 'correct');
    assert.equal(claim('\\|A\\mathbf{x} - \\mathbf{b}\\|^2', 'x', '2A^T(A\\mathbf{x} - \\mathbf{b})', { layout: 'denominator', where: 'b: vector(m)' }).verdict, 'correct');
    assert.equal(claim('x.T @ A @ x', 'x', '(A + A.T) @ x', { layout: 'denominator' }).verdict, 'correct');
    // In NumPy `*` is element-wise: 2 * x * (A @ x) is not the gradient.
    assert.equal(claim('x @ x', 'x', '2 * x', { layout: 'denominator' }).verdict, 'correct');
    expectKind(claim('x.T @ A @ x', 'x', 'A @ x * 2', { layout: 'denominator' }), 'symmetric-only');
  });
  it('symmetric declared variables: 2Sx is right for a symmetric S', () => {
    const where = 'S: matrix(n, n) symmetric';
    assert.equal(claim("x'*S*x", 'x', '2*S*x', { where, layout: 'denominator' }).verdict, 'correct');
    assert.equal(claim("x'*S*x", 'x', 'S*x + S\'*x', { where, layout: 'denominator' }).verdict, 'correct');
    assert.equal(claim("x'*S*x", 'x', '2*S', { where, order: 2 }).verdict, 'correct');
  });
  it('gradients with respect to a symmetric matrix compare along symmetric directions', () => {
    const where = 'S: matrix(n, n) symmetric; A: matrix(n, n)';
    // tr(AS) changes by tr(A dS) = ⟨Aᵀ, dS⟩ = ⟨(A + Aᵀ)/2, dS⟩ for symmetric dS: both are right.
    assert.equal(claim('tr(A*S)', 'S', "A'", { where, layout: 'denominator' }).verdict, 'correct');
    assert.equal(claim('tr(A*S)', 'S', "(A + A')/2", { where, layout: 'denominator' }).verdict, 'correct');
    // The "symmetric derivative" G + Gᵀ − G∘I is not (matrix-calculus-peers.md).
    expectKind(claim('tr(A*S)', 'S', "A + A' - A .* eye(n)", { where, layout: 'denominator' }), 'other');
  });
  it('Hessians', () => {
    assert.equal(claim("x'*A*x", 'x', "A' + A", { order: 2 }).verdict, 'correct');
    assert.equal(claim('norm2(A*x - b)^2', 'x', "2*A'*A", { order: 2, where: 'b: vector(m)' }).verdict, 'correct');
    expectKind(claim('norm2(A*x - b)^2', 'x', "A'*A", { order: 2, where: 'b: vector(m)' }), 'scaled');
  });
  it('dimension names are sizes: Xᵀ(Xw − y)/N for the mean squared error', () => {
    const where = 'X: matrix(N, d)';
    assert.equal(claim('mean((X*w - y).^2)', 'w', "2*X'*(X*w - y)/N", { where, layout: 'denominator' }).verdict, 'correct');
    assert.equal(claim('mean((X*w - y).^2)', 'w', '\\frac{2}{N} X^T (Xw - y)', { where, layout: 'denominator', from: 'auto' }).verdict, 'correct');
  });
});

describe('check: diagnoses', () => {
  it('layout: the transpose, or the mixed form, names the layout', () => {
    let r = claim("x'*A*x", 'x', "(A + A')*x");
    expectKind(r, 'layout');
    assert.equal(r.diagnosis?.layout, 'denominator');
    assert.match(r.diagnosis?.detail ?? '', /denominator or mixed layout/);
    r = claim('A*x', 'x', "A'");
    expectKind(r, 'layout');
    assert.equal(r.diagnosis?.layout, 'denominator');
    r = claim('tr(A*X)', 'X', "A'");
    expectKind(r, 'layout');
    r = claim('W*x', 'W', "kron(x', eye(m))'", { where: 'W: matrix(m, n)', layout: 'numerator' });
    expectKind(r, 'layout');
    r = claim('sum(exp(W*x))', 'W', "exp(W*x)*x'", { layout: 'numerator' });
    expectKind(r, 'layout');
    assert.equal(r.diagnosis?.layout, 'denominator');
  });
  it('symmetric-only: 2Ax and 2A are right only for a symmetric A (named)', () => {
    let r = claim("x'*A*x", 'x', '2*A*x', { layout: 'denominator' });
    expectKind(r, 'symmetric-only');
    assert.deepEqual(r.diagnosis?.symmetric, ['A']);
    assert.match(r.diagnosis?.detail ?? '', /A is symmetric/);
    r = claim("x'*A*x", 'x', "2*x'*A");
    expectKind(r, 'symmetric-only');
    r = claim("x'*A*x", 'x', '2*A', { order: 2 });
    expectKind(r, 'symmetric-only');
    r = claim("x'*A*x", 'x', '2 A \\mathbf{x}', { from: 'latex', layout: 'denominator' });
    expectKind(r, 'symmetric-only');
    r = claim("x'*A*x", 'x', '2*A*x'); // also transposed: says both
    expectKind(r, 'symmetric-only');
    assert.equal(r.diagnosis?.layout, 'denominator');
    r = claim("tr(X'*A*X)", 'X', '2*A*X', { layout: 'denominator' });
    expectKind(r, 'symmetric-only');
  });
  it('probabilities-only: the textbook Xᵀ(P − Y)/N is right only when every row of Y sums to 1 (named, with the declaration to write)', () => {
    const where = 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k); b: vector(k)';
    const loss = "-sum(Y .* logsoftmax(X*W + ones(N)*b', 2))/N";
    const P = "softmax(X*W + ones(N)*b', 2)";
    let r = claim(loss, 'W', `X'*(${P} - Y)/N`, { where, layout: 'denominator' });
    expectKind(r, 'probabilities-only');
    assert.deepEqual(r.diagnosis?.probabilities, ['Y']);
    assert.match(r.diagnosis?.detail ?? '', /^right only when every row of Y sums to 1 .*`Y: matrix\(N, k\) probabilities`.*; in general the derivative is Xᵀ\(diag\(Y𝟏\) softmax/);
    r = claim(loss, 'b', `(${P} - Y)'*ones(N)/N`, { where, layout: 'denominator' });
    expectKind(r, 'probabilities-only');
    // Transposed as well: says both.
    r = claim(loss, 'W', `X'*(${P} - Y)/N`, { where });
    expectKind(r, 'probabilities-only');
    assert.equal(r.diagnosis?.layout, 'denominator');
    // A vector target: its entries sum to 1.
    r = claim('-y\'*logsoftmax(z)', 'z', 'softmax(z) - y', { where: 'y: vector(n); z: vector(n)', layout: 'denominator' });
    expectKind(r, 'probabilities-only');
    assert.match(r.diagnosis?.detail ?? '', /^right only when the entries of y sum to 1 /);
    // Declared, it is correct; a claim wrong for probabilities too stays other.
    assert.equal(claim(loss, 'W', `X'*(${P} - Y)/N`, { where: where.replace('matrix(N, k);', 'matrix(N, k) probabilities;'), layout: 'denominator' }).verdict, 'correct');
    expectKind(claim(loss, 'W', `X'*(${P} + Y)/N`, { where, layout: 'denominator' }), 'other');
  });
  it('sign: the factor −1', () => {
    for (const [expr, wrt, answer, more] of [
      ["x'*A*x", 'x', "-x'*(A + A')", {}],
      ['norm2(y - X*w)^2', 'w', "2*X'*(y - X*w)", { layout: 'denominator' }],
      ['log(1 - x)', 'x', '1/(1 - x)', { where: 'x: scalar' }],
    ] as const) {
      const r = claim(expr, wrt, answer, more);
      expectKind(r, 'sign');
      assert.equal(r.diagnosis?.factor, '-1');
    }
  });
  it('scaled: a constant factor, including factors made of sizes (a lost 1/N)', () => {
    const cases = [
      ['norm2(A*x - b)^2', 'x', "A'*(A*x - b)", { layout: 'denominator', where: 'b: vector(m)' }, '1/2'],
      ["x'*A*x", 'x', "2*x'*(A + A')", {}, '2'],
      ['sum((X*w - y).^2)/2', 'w', "2*X'*(X*w - y)", { layout: 'denominator' }, '2'],
      ['mean((X*w - y).^2)', 'w', "2*X'*(X*w - y)", { layout: 'denominator', where: 'X: matrix(N, d)' }, 'N'],
      ['mean((X*w - y).^2)', 'w', "X'*(X*w - y)", { layout: 'denominator', where: 'X: matrix(N, d)' }, 'N/2'],
      ['mean(x)', 'x', "ones(n, 1)'", {}, 'n'],
    ] as const;
    for (const [expr, wrt, answer, more, factor] of cases) {
      const r = claim(expr, wrt, answer, more);
      expectKind(r, 'scaled');
      assert.equal(r.diagnosis?.factor, factor, `${expr} | ${answer}`);
    }
  });
  it('missing-term: one term of the product rule is lost (the term is shown)', () => {
    let r = claim("x'*A*x", 'x', "x'*A");
    expectKind(r, 'missing-term');
    assert.equal(r.diagnosis?.term?.text, "x'*A'");
    r = claim("x'*A*x", 'x', 'A*x', { layout: 'denominator' });
    expectKind(r, 'missing-term');
    assert.equal(r.diagnosis?.term?.text, "A'*x");
    r = claim('x .* sin(x)', 'x', 'diag(cos(x) .* x)', {});
    expectKind(r, 'missing-term');
    r = claim('u*v', 'u', 'v', { where: 'u: scalar; v: scalar' });
    assert.equal(r.verdict, 'correct');
    r = claim('(u*v)^2', 'u', '2*u*v', { where: 'u: scalar; v: scalar' });
    expectKind(r, 'other');
  });
  it('extra-term: one term too many (the term is shown)', () => {
    let r = claim("x'*A*x", 'x', "x'*(A + A') + x'");
    expectKind(r, 'extra-term');
    assert.equal(r.diagnosis?.term?.text, "x'");
    r = claim("a'*x", 'x', "a + x", { layout: 'denominator', where: 'a: vector(n)' });
    expectKind(r, 'extra-term');
    assert.equal(r.diagnosis?.term?.text, 'x');
    r = claim('norm2(A*x - b)^2', 'x', "2*A'*(A*x - b) + x", { layout: 'denominator', where: 'b: vector(m)' });
    expectKind(r, 'extra-term');
    assert.equal(r.diagnosis?.term?.text, 'x');
    // 2Aᵀ(Ax − b) + 2Aᵀb is 2AᵀAx: the derivative without its term −2Aᵀb (missing comes before extra).
    r = claim('norm2(A*x - b)^2', 'x', "2*A'*(A*x - b) + 2*A'*b", { layout: 'denominator', where: 'b: vector(m)' });
    expectKind(r, 'missing-term');
    assert.equal(r.diagnosis?.term?.text, "-2*A'*b");
  });
  it('shape: a claim that fits no layout shows both shapes', () => {
    let r = claim("x'*A*x", 'x', 'A');
    expectKind(r, 'shape');
    assert.match(r.diagnosis?.detail ?? '', /n×n.*1×n in numerator layout, n×1 in denominator or mixed layout/);
    r = claim('A*x', 'x', "x'", { where: 'A: matrix(m, n)' });
    expectKind(r, 'shape');
  });
  it('other: a small counterexample with both values', () => {
    const r = claim("x'*A*x", 'x', "x'*A*A");
    expectKind(r, 'other');
    const ce = r.diagnosis?.counterexample;
    assert.ok(ce, 'a counterexample');
    assert.deepEqual(Object.values(ce.dims), [2]);
    assert.notDeepEqual(ce.claim, ce.expected);
    assert.ok(ce.point.x.flat().every((v) => Number.isInteger(v)), 'integer point');
    assert.match(r.diagnosis?.detail ?? '', /for example at x = \[.*\]ᵀ, A = \[\[/);
    expectKind(claim('sum(relu(x))', 'x', "ones(n, 1)'"), 'other');
  });
  it('kinks: both sides of every kink are sampled (a claim right on one side only is wrong)', () => {
    // step(x) and 1 agree wherever x > 0 — a check on positive points only would call this correct.
    expectKind(claim('relu(x)', 'x', '1', { where: 'x: scalar' }), 'other');
    expectKind(claim('abs(x)', 'x', '1', { where: 'x: scalar' }), 'other');
    assert.equal(claim('abs(x)', 'x', 'sign(x)', { where: 'x: scalar' }).verdict, 'correct');
  });
});

describe('check: input problems are diagnostics with a source', () => {
  it('a claim that does not read points into the claim', () => {
    const r = checkClaim({ expr: "x'*A*x", wrt: ['x'], claim: '2*A*' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.source, 'claim');
      assert.ok(r.error.start >= 3);
    }
  });
  it('a claim whose shapes do not fit is refused as input', () => {
    const r = checkClaim({ expr: "x'*A*x", wrt: ['x'], claim: 'x*A' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.source, 'claim');
  });
});
