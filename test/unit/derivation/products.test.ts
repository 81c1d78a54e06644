/**
 * The product rule shown term by term (one term per occurrence of the variable, the others held
 * fixed), then collected in a step of its own — in Jacobian form (xᵀAx), in gradient form for
 * matrices (tr(XᵀBX), bᵀXᵀXc), inside local derivatives, and for Hadamard and scalar products.
 * Every step stays numerically true, and a wrong term is caught.
 */
import * as assert from 'node:assert/strict';
import { num, rawAdd, rawMul, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { jacobianTerms, gradientTerms, occurrencesOf } from '../../../src/core/derivation/occurrences';
import { verifyClaim, type Claim } from '../../../src/core/derivation/index';
import { toUnicode } from '../../../src/core/write/index';
import { assertSound, derivation, rules, stepWith, type Case } from './helpers';

const text = (d: ReturnType<typeof derivation>, k: number): string => d.pub[k].afterText ?? '';

/**
 * At full granularity the first step lists each factor's own derivative (one claim per distinct
 * factor that holds the variable), before the product rule; a summary has no such step. Asserts
 * that step exactly and returns the derivation from the product rule on.
 */
function factorsFirst(d: ReturnType<typeof derivation>, g: 'summary' | 'full', factors: string, claims: number): ReturnType<typeof derivation> {
  if (g === 'summary') {
    assert.ok(!rules(d).includes('local-derivatives'), `a summary lists no factor derivatives: ${rules(d).join(', ')}`);
    return d;
  }
  assert.equal(d.steps[0].rule, 'local-derivatives');
  assert.equal(d.pub[0].name, 'Derivatives of the factors');
  assert.equal(text(d, 0), factors);
  assert.equal(d.steps[0].claims.length, claims);
  assert.equal(d.steps[1].rule, 'product-rule', 'the product rule follows the factors’ derivatives');
  return { ...d, steps: d.steps.slice(1), pub: d.pub.slice(1) };
}

function both(c: Case, check: (d: ReturnType<typeof derivation>, g: 'summary' | 'full') => void): void {
  for (const g of ['summary', 'full'] as const) {
    it(g, () => {
      const d = derivation(c, g);
      assertSound(d, `${c.expr} (${g})`);
      check(d, g);
    });
  }
}

describe('derivation: the product rule term by term', () => {
  describe("xᵀAx: (Ax)ᵀ ∂x/∂x + xᵀA ∂x/∂x = xᵀAᵀ + xᵀA, then the common factor xᵀ", () => {
    both({ expr: "x'*A*x", wrt: ['x'] }, (d0, g) => {
      // At full granularity each factor's own derivative comes first: ∂(xᵀ)/∂x = I, ∂x/∂x = I.
      if (g === 'full') {
        assert.equal(d0.pub[0].after, '\\frac{\\partial \\left(\\mathbf{x}^{\\top}\\right)}{\\partial \\mathbf{x}} = I,\\quad \\frac{\\partial \\mathbf{x}}{\\partial \\mathbf{x}} = I');
      }
      const d = factorsFirst(d0, g, '∂(xᵀ)/∂x = I,  ∂x/∂x = I', 2);
      assert.deepEqual(rules(d), ['product-rule', 'simplify']);
      assert.equal(text(d, 0), '∂(xᵀAx)/∂x = (Ax)ᵀ·∂x/∂x + xᵀA·∂x/∂x = xᵀAᵀ + xᵀA');
      assert.match(d.pub[0].explanation, /x occurs in 2 factors of xᵀAx \(xᵀ and x\)/);
      assert.equal(d.pub[0].reference, 'Parr & Howard §2; Matrix Cookbook (81)');
      assert.equal(d.pub[1].name, 'Collect the common factor');
      assert.match(d.pub[1].explanation, /common factor xᵀ/);
      assert.equal(text(d, 1), '∂(xᵀAx)/∂x = xᵀ(A + Aᵀ)');
    });
  });

  describe('xᵀAx in mixed layout ends with (A + Aᵀ)x', () => {
    both({ expr: "x'*A*x", wrt: ['x'], layout: 'mixed' }, (d0, g) => {
      const d = factorsFirst(d0, g, '∂(xᵀ)/∂x = I,  ∂x/∂x = I', 2);
      assert.deepEqual(rules(d), ['product-rule', 'simplify', 'layout']);
      assert.equal(text(d, d.pub.length - 1), '∂(xᵀAx)/∂x = (A + Aᵀ)x');
    });
  });

  describe('tr(XᵀBX) with respect to X: BX + BᵀX, then (B + Bᵀ)X (Matrix Cookbook (108))', () => {
    both({ expr: "tr(X'*B*X)", where: 'X: matrix(m, n); B: matrix(m, m)', wrt: ['X'], layout: 'mixed', method: 'backprop' }, (d) => {
      const last = d.pub[d.pub.length - 1];
      assert.equal(last.afterText, '∂f/∂X = (B + Bᵀ)X');
      assert.equal(last.rule, 'simplify');
      const contributions = d.pub[d.pub.length - 2].afterText ?? '';
      assert.ok(contributions === '∂f/∂X = BX + BᵀX' || contributions === '∂f/∂X = BX + Bᵀ(Xᵀ)ᵀ', contributions);
      assert.match(last.explanation, /common factor X/);
    });
  });

  describe('tr(XᵀBX) by differentials: one term per occurrence of dX, each brought to trace form', () => {
    both({ expr: "tr(X'*B*X)", where: 'X: matrix(m, n); B: matrix(m, m)', wrt: ['X'], layout: 'mixed' }, (d) => {
      assert.match(stepWith(d, 'differential-chain').p.afterText ?? '', /^df = tr\(dXᵀ BX \+ (UB|XᵀB) dX\) = tr\(dXᵀ BX\) \+ tr\(XᵀB dX\)$/);
      assert.equal(stepWith(d, 'trace-form').p.afterText, 'df = tr(XᵀBᵀ dX) + tr(XᵀB dX) = tr(Xᵀ(B + Bᵀ) dX)');
      assert.equal(d.pub[d.pub.length - 1].afterText, '∂f/∂X = (B + Bᵀ)X');
    });
  });

  describe('bᵀXᵀXc with respect to X: one contribution per occurrence (Matrix Cookbook (77))', () => {
    it('summary: Xcbᵀ + Xbcᵀ from the product rule in reverse mode, then X(bcᵀ + cbᵀ)', () => {
      const d = derivation({ expr: "b'*X'*X*c", where: 'b: vector(n); c: vector(n); X: matrix(m, n)', wrt: ['X'], layout: 'mixed', method: 'backprop' }, 'summary');
      assertSound(d, 'bᵀXᵀXc');
      const product = stepWith(d, 'product-rule').p;
      assert.equal(product.afterText, '∂f/∂X = Xcbᵀ + Xbcᵀ');
      assert.match(product.explanation, /one term for each place X occurs/);
      assert.equal(d.pub[d.pub.length - 1].afterText, '∂f/∂X = X(bcᵀ + cbᵀ)');
    });
  });

  describe('‖Ax − b‖² in mixed layout ends with 2Aᵀ(Ax − b)', () => {
    both({ expr: 'norm2(A*x - b)^2', where: 'A: matrix(m, n); x: vector(n); b: vector(m)', wrt: ['x'], layout: 'mixed' }, (d) => {
      const layout = stepWith(d, 'layout').p;
      assert.equal(layout.afterText, '∂f/∂x = 2Aᵀ(Ax − b)');
      assert.match(stepWith(d, 'simplify').p.explanation, /[Cc]ancel ‖Ax − b‖₂/);
    });
  });

  describe('a product rule inside a local derivative: u = xᵀx in √(xᵀx)', () => {
    it('full: its own step with the terms, then collected', () => {
      const d = derivation({ expr: "sqrt(x'*x)", wrt: ['x'] }, 'full');
      assertSound(d, '√(xᵀx)');
      assert.equal(stepWith(d, 'product-rule').p.afterText, '∂u/∂x = xᵀ·∂x/∂x + xᵀ·∂x/∂x = xᵀ + xᵀ = 2xᵀ');
    });
    it('summary: the simplified terms, then collected, in the local derivatives', () => {
      const d = derivation({ expr: "sqrt(x'*x)", wrt: ['x'] }, 'summary');
      assertSound(d, '√(xᵀx)');
      assert.match(stepWith(d, 'local-derivatives').p.afterText ?? '', /^∂u\/∂x = xᵀ \+ xᵀ = 2xᵀ, {2}∂f\/∂u = /);
    });
    it('the quadratic form of a Hessian’s first half is collected as xᵀ(A + Aᵀ), also in the pitfall', () => {
      const d = derivation({ expr: "x'*A*x + b'*x", where: 'b: vector(n)', wrt: ['x'] }, 'summary');
      assertSound(d, 'xᵀAx + bᵀx');
      assert.match(stepWith(d, 'local-derivatives').p.afterText ?? '', /∂u\/∂x = xᵀAᵀ \+ xᵀA = xᵀ\(A \+ Aᵀ\)/);
      assert.equal(stepWith(d, 'naive-chain-rule').p.afterText, '∂f/∂x ≠ xᵀ(A + Aᵀ)');
    });
  });

  describe('Hadamard and scalar products', () => {
    // Both factors are x: its derivative is listed once.
    both({ expr: 'x .* x', wrt: ['x'] }, (d0, g) => {
      const d = factorsFirst(d0, g, '∂x/∂x = I', 1);
      assert.deepEqual(rules(d), ['product-rule', 'simplify']);
      assert.equal(text(d, 0), '∂(x ⊙ x)/∂x = diag(x)·∂x/∂x + diag(x)·∂x/∂x = diag(x) + diag(x)');
      assert.equal(d.pub[1].name, 'Collect like terms');
      assert.equal(text(d, 1), '∂(x ⊙ x)/∂x = 2 diag(x)');
    });
    both({ expr: 'x*x', where: 'x: scalar', wrt: ['x'] }, (d0, g) => {
      const d = factorsFirst(d0, g, '∂x/∂x = 1', 1);
      assert.deepEqual(rules(d), ['product-rule', 'simplify']);
      assert.equal(text(d, 0), 'd(xx)/dx = x·dx/dx + x·dx/dx = x + x');
      assert.equal(text(d, 1), 'd(xx)/dx = 2x');
    });
  });

  describe('the outer product xxᵀ: Kronecker terms in parentheses', () => {
    both({ expr: "x*x'", wrt: ['x'] }, (d0, g) => {
      const d = factorsFirst(d0, g, '∂x/∂x = I,  ∂(xᵀ)/∂x = I', 2);
      assert.deepEqual(rules(d), ['product-rule']);
      assert.equal(text(d, 0), '∂vec(xxᵀ)/∂x = (x ⊗ I_n)·∂x/∂x + (I_n ⊗ x)·∂x/∂x = x ⊗ I_n + I_n ⊗ x');
    });
  });
});

describe('derivation/occurrences', () => {
  const n = 'n';
  const x = variable('x', shape(n, 1));
  const A = variable('A', shape(n, n));
  const quadratic = rawMul([rawTranspose(x), A, x]);

  it('finds the occurrences in reading order, with the factor that holds each', () => {
    const os = occurrencesOf(quadratic, x);
    assert.equal(os.length, 2);
    assert.equal(os[0].factor, rawTranspose(x));
    assert.equal(os[1].factor, x);
  });

  it('splits only where the variable occurs more than once, and not too often', () => {
    assert.equal(jacobianTerms(rawMul([A, x]), x), undefined);
    const many = rawAdd(Array.from({ length: 7 }, (_, k) => rawMul([num(k + 1), rawTranspose(x), x])));
    assert.equal(jacobianTerms(many, x), undefined, 'fourteen occurrences are not listed one by one');
    const terms = jacobianTerms(quadratic, x);
    assert.ok(terms);
    assert.deepEqual(terms.map((t) => toUnicode(t.held)), ['(Ax)ᵀ', 'xᵀA']);
    assert.deepEqual(terms.map((t) => toUnicode(t.value)), ['xᵀAᵀ', 'xᵀA']);
    const X = variable('X', shape('m', n));
    const B = variable('B', shape('m', 'm'));
    const contributions = gradientTerms(rawMul([rawTranspose(X), B, X]), variable('G', shape(n, n)), X);
    assert.ok(contributions);
    assert.equal(contributions.length, 2);
  });

  it('a wrong product-rule term is caught by the step’s claims', () => {
    const d = derivation({ expr: "x'*A*x", wrt: ['x'] }, 'summary');
    const product = stepWith(d, 'product-rule').s;
    const equal = product.claims.find((c) => c.kind === 'equal');
    assert.ok(equal && equal.kind === 'equal');
    assert.ok(verifyClaim(equal).passed);
    // Dropping the transpose in the first term ((Ax)ᵀ → xᵀA) gives 2xᵀA, not xᵀ(A + Aᵀ).
    const v = d.wrt[0];
    const a = d.f.args[1];
    const wrong: Claim = { ...equal, lhs: rawAdd([rawMul([rawTranspose(v), a]), rawMul([rawTranspose(v), a])]) };
    assert.ok(!verifyClaim(wrong).passed);
    const derivative = product.claims.find((c) => c.kind === 'derivative');
    assert.ok(derivative && derivative.kind === 'derivative');
    assert.ok(!verifyClaim({ ...derivative, value: rawMul([num(2), rawTranspose(v), a]) }).passed);
  });
});

describe('derivation: a power differentiated in its exponent', () => {
  for (const [expr, where, sentence] of [
    ['sum(x.^a)', 'x: vector(n); a: scalar', /∂\(aᵢᵏ\)\/∂k = aᵢᵏ·log\(aᵢ\), so the derivative is aᵏ ⊙ log\(a\)/],
    ['a^b', 'a: scalar; b: scalar', /d\/dk aᵏ = aᵏ·log\(a\)/],
  ] as const) {
    it(`${expr}: the step names the exponent's rule (not the power rule n·uⁿ⁻¹), and every step holds`, () => {
      for (const granularity of ['full', 'summary'] as const) {
        const d = derivation({ expr, where, wrt: [expr === 'a^b' ? 'b' : 'a'] }, granularity);
        assertSound(d, `${expr} (${granularity})`);
        const shown = JSON.stringify(d.pub);
        assert.match(shown, /derivative of a power in its exponent/i);
        assert.match(shown, sentence);
        assert.doesNotMatch(shown, /uⁿ⁻¹/);
      }
    });
  }
});

describe('derivation: the differential of a power states the rule it uses', () => {
  it('a constant exponent (X∘², 1/X) has no dk term; a variable exponent keeps it; every step holds', () => {
    const where = 'X: matrix(m, n); A: matrix(m, n); a: scalar';
    for (const expr of ['sum(A .* X.^2)', 'sum(A ./ X)']) {
      const d = derivation({ expr, where, wrt: ['X'] }, 'full');
      assertSound(d, expr);
      const shown = JSON.stringify(d.pub);
      assert.match(shown, /d\(aᵏ\) = k aᵏ⁻¹ ⊙ da for a constant k/, expr);
      assert.doesNotMatch(shown, /log\(a\) dk/, expr);
    }
    const v = derivation({ expr: 'sum(A .* X.^a)', where, wrt: ['a'] }, 'full');
    assertSound(v, 'sum(A .* X.^a)');
    assert.match(JSON.stringify(v.pub), /d\(aᵏ\) = k aᵏ⁻¹ ⊙ da \+ aᵏ ⊙ log\(a\) dk/);
  });
});
