import * as assert from 'node:assert/strict';
import {
  Expr, eye, num, rawAdd, rawFn, rawHadamard, rawInv, rawMul, rawPow, rawReduce, rawTranspose, variable,
} from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import type { Derivative, DerivativeForm } from '../../../src/core/calculus/form';
import { checkDerivative } from '../../../src/core/numeric/index';
import { checkSentence, derive } from '../../../src/core/index';

const x = variable('x', shape('n', 1));
const A = variable('A', shape('n', 'n'));
const X = variable('X', shape('n', 'n'));
const S = variable('S', shape('n', 'n'), true);
const b = variable('b', shape('m', 1));
const M = variable('M', shape('m', 'n'));

const derivative = (f: Expr, wrt: Expr[], form: DerivativeForm, expr: Expr, order: 1 | 2 = 1): Derivative =>
  ({ f, wrt, form, expr, order });
const t = rawTranspose;
const minus = (e: Expr): Expr => rawMul([num(-1), e]);

describe('numeric/checkDerivative: order 1', () => {
  const quadratic = rawMul([t(x), A, x]);

  it('passes a correct gradient: ∇(xᵀAx) = (A + Aᵀ)x', () => {
    const r = checkDerivative(quadratic, [x], derivative(quadratic, [x], 'gradient', rawMul([rawAdd([A, t(A)]), x])));
    assert.equal(r.passed, true);
    assert.equal(r.samples, 3);
    assert.ok(r.maxRelError < 1e-7, `${r.maxRelError}`);
    assert.equal(r.diagnostic, undefined);
  });

  it('fails a wrong gradient: 2Ax for a general A', () => {
    const r = checkDerivative(quadratic, [x], derivative(quadratic, [x], 'gradient', rawMul([num(2), A, x])));
    assert.equal(r.passed, false);
    assert.ok(r.maxRelError > 1e-2, `${r.maxRelError}`);
    assert.ok(r.worst && Math.abs(r.worst.numeric - r.worst.symbolic) > 1e-3);
  });

  it('passes a correct Jacobian and fails its transpose: ∂(Mx)/∂x', () => {
    const f = rawMul([M, x]);
    assert.equal(checkDerivative(f, [x], derivative(f, [x], 'jacobian', M)).passed, true);
    const wrong = checkDerivative(f, [x], derivative(f, [x], 'jacobian', t(M)), { dims: new Map([['m', 3], ['n', 3]]) });
    assert.equal(wrong.passed, false);
  });

  it('passes ∇ ‖Mx − b‖² = 2Mᵀ(Mx − b) and ∇ logdet X = X⁻ᵀ', () => {
    const r = rawAdd([rawMul([M, x]), minus(b)]);
    const f = rawMul([t(r), r]);
    assert.equal(checkDerivative(f, [x], derivative(f, [x], 'gradient', rawMul([num(2), t(M), r]))).passed, true);
    const g = rawReduce('logdet', X);
    const report = checkDerivative(g, [X], derivative(g, [X], 'gradient', t(rawInv(X))));
    assert.equal(report.passed, true, `${report.maxRelError} ${report.diagnostic?.message}`);
  });

  it('respects domains: ∇ sum(log x) = x.^-1', () => {
    const f = rawReduce('sum', rawFn('log', x));
    const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', rawPow(x, num(-1))));
    assert.equal(r.passed, true);
  });

  it('resamples points near kinks: ∇ sum(relu(Mx)) = Mᵀ step(Mx)', () => {
    const f = rawReduce('sum', rawFn('relu', rawMul([M, x])));
    const good = derivative(f, [x], 'gradient', rawMul([t(M), rawFn('step', rawMul([M, x]))]));
    const r = checkDerivative(f, [x], good, { samples: 10 });
    assert.equal(r.passed, true, r.diagnostic?.message);
    // A wide margin makes many points "near a kink": they are replaced, and the check still passes.
    const wide = checkDerivative(f, [x], good, { samples: 10, kinkMargin: 0.3 });
    assert.equal(wide.passed, true, wide.diagnostic?.message);
    assert.equal(wide.samples, 10);
    assert.ok(wide.resampled > 0);
    const bad = derivative(f, [x], 'gradient', rawMul([t(M), rawFn('sigmoid', rawMul([M, x]))]));
    assert.equal(checkDerivative(f, [x], bad).passed, false);
  });

  it('is reproducible with a seed', () => {
    const d = derivative(quadratic, [x], 'gradient', rawMul([num(2), A, x]));
    assert.deepEqual(checkDerivative(quadratic, [x], d, { seed: 5 }), checkDerivative(quadratic, [x], d, { seed: 5 }));
    assert.notEqual(
      checkDerivative(quadratic, [x], d, { seed: 5 }).maxRelError,
      checkDerivative(quadratic, [x], d, { seed: 6 }).maxRelError,
    );
  });

  it('symmetric variables: ∇ tr(AS) is Aᵀ unconstrained, (A + Aᵀ)/2 symmetrized', () => {
    const f = rawReduce('tr', rawMul([A, S]));
    const unconstrained = derivative(f, [S], 'gradient', t(A));
    const symmetrized = derivative(f, [S], 'gradient', rawMul([num(0.5), rawAdd([A, t(A)])]));
    assert.equal(checkDerivative(f, [S], unconstrained).passed, true);
    assert.equal(checkDerivative(f, [S], symmetrized).passed, false);
    assert.equal(checkDerivative(f, [S], symmetrized, { symmetricPerturbation: 'symmetrized' }).passed, true);
    assert.equal(checkDerivative(f, [S], unconstrained, { symmetricPerturbation: 'symmetrized' }).passed, false);
  });
});

describe('numeric/checkDerivative: order 2', () => {
  const f = rawMul([t(x), A, x]);
  const hessian = rawAdd([A, t(A)]);

  it('passes the Hessian of xᵀAx (second differences of f)', () => {
    const r = checkDerivative(f, [x], derivative(f, [x], 'jacobian', hessian, 2));
    assert.equal(r.passed, true, `${r.maxRelError} ${r.diagnostic?.message}`);
  });

  it('passes it against the Jacobian of a given gradient expression', () => {
    const r = checkDerivative(f, [x], derivative(f, [x], 'jacobian', hessian, 2), { gradient: rawMul([hessian, x]) });
    assert.equal(r.passed, true);
    assert.ok(r.maxRelError < 1e-7);
  });

  it('fails a wrong Hessian (2A)', () => {
    const r = checkDerivative(f, [x], derivative(f, [x], 'jacobian', rawMul([num(2), A]), 2));
    assert.equal(r.passed, false);
  });

  it('the Hessian of a ridge loss ‖Mx − b‖² + xᵀx is 2(MᵀM + I)', () => {
    const r = rawAdd([rawMul([M, x]), minus(b)]);
    const loss = rawAdd([rawMul([t(r), r]), rawMul([t(x), x])]);
    const H = rawMul([num(2), rawAdd([rawMul([t(M), M]), eye('n')])]);
    assert.equal(checkDerivative(loss, [x], derivative(loss, [x], 'jacobian', H, 2)).passed, true);
  });
});

describe('numeric/checkDerivative: when the check cannot be completed', () => {
  it('reports a derivative of the wrong size', () => {
    const f = rawMul([t(x), x]);
    const r = checkDerivative(f, [x], derivative(f, [x], 'jacobian', rawMul([t(x), x])));
    assert.equal(r.passed, false);
    assert.equal(r.diagnostic?.code, 'numeric.shape-mismatch');
  });

  it('reports a function defined nowhere', () => {
    const f = rawReduce('sum', rawFn('log', minus(rawFn('exp', x))));
    const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', x));
    assert.equal(r.passed, false);
    assert.equal(r.diagnostic?.code, 'numeric.no-valid-point');
    assert.equal(r.samples, 0);
  });

  it('reports points that are always unreliable (a kink at every point)', () => {
    const zero = rawAdd([x, minus(x)]);
    const f = rawReduce('sum', rawFn('abs', zero));
    const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', rawHadamard([x, num(0)])), { maxResamples: 3 });
    assert.equal(r.passed, false);
    assert.equal(r.diagnostic?.code, 'numeric.unreliable');
    assert.equal(r.resampled, 4);
  });
});

describe('numeric/checkDerivative: many seeds', () => {
  // Speed is reported by `npm run bench`, never asserted here.
  it('passes a correct non-smooth gradient at 20 different seeds', () => {
    const r = rawAdd([rawMul([M, x]), minus(b)]);
    const f = rawAdd([rawMul([t(r), r]), rawReduce('sum', rawFn('relu', x))]);
    const d = derivative(f, [x], 'gradient', rawAdd([rawMul([num(2), t(M), r]), rawFn('step', x)]));
    for (let k = 0; k < 20; k++) assert.equal(checkDerivative(f, [x], d, { seed: k }).passed, true);
  });
});

describe('numeric/checkDerivative: an ill-shaped derivative expression', () => {
  it('is a diagnostic, not a throw', () => {
    const f = rawMul([t(x), x]);
    // x·x is not a valid product for a column x: evaluation throws inside ml-matrix.
    const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', rawMul([x, x])));
    assert.equal(r.passed, false);
    assert.equal(r.diagnostic?.code, 'numeric.evaluation-failed');
  });
});

describe('numeric/checkDerivative: round-off larger than the tolerance', () => {
  // f carries a huge constant: f(x ± s) agree to their last few digits, so a difference quotient is a
  // multiple of ulp(f)/2s (≈ 1 for f ≈ 10¹⁰) and the step-halving test can be fooled when both
  // estimates land on the same multiple. A correct derivative must never be reported wrong there:
  // the check says it could not decide (numeric.unreliable), and the product says "not run".
  const quadratic = rawMul([t(x), A, x]);
  const gradient = rawAdd([rawMul([A, x]), rawMul([t(A), x])]);
  for (const big of [1e10, 3.7e12, 1e16]) {
    it(`xᵀAx + ${big}: never failed, at 20 seeds`, () => {
      const f = rawAdd([quadratic, num(big)]);
      for (let k = 0; k < 20; k++) {
        const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', gradient), { seed: k, dims: new Map([['n', 3]]) });
        assert.ok(r.passed || r.diagnostic?.code === 'numeric.unreliable', `seed ${k}: ${JSON.stringify(r)}`);
        assert.ok(!r.passed || r.maxRelError <= 1e-5);
      }
    });
  }

  it('the Hessian of xᵀAx + 10¹⁰: never failed, at 20 seeds', () => {
    const f = rawAdd([quadratic, num(1e10)]);
    for (let k = 0; k < 20; k++) {
      const r = checkDerivative(f, [x], derivative(f, [x], 'jacobian', rawAdd([A, t(A)]), 2), { seed: k, dims: new Map([['n', 3]]) });
      assert.ok(r.passed || r.diagnostic?.code === 'numeric.unreliable', `seed ${k}: ${JSON.stringify(r)}`);
    }
  });

  it('a wrong derivative of a function of moderate size is still caught', () => {
    const f = rawAdd([quadratic, num(1e3)]);
    const r = checkDerivative(f, [x], derivative(f, [x], 'gradient', rawMul([A, x])), { dims: new Map([['n', 3]]) });
    assert.equal(r.passed, false);
    assert.equal(r.diagnostic, undefined);
    assert.ok(r.maxRelError > 1e-2);
  });
});

describe('derive --check: a huge constant in f is "not run", never "FAILED"', () => {
  it('the properties fuzz case of seed 4242 (f ≈ 10¹⁰ everywhere)', () => {
    const r = derive({
      expr: "((eye(m)*eye(m))' + det((A + A)*(A + A)' + eye(n))) + (exp(det(tanh(ones(n, n)) + 4*eye(n)))^(1/2))^2",
      where: 'A: matrix(n, n)', wrt: ['A'], check: true,
    });
    assert.ok(r.ok && r.value.check);
    assert.equal(r.value.check.status, 'not-run', checkSentence(r.value.check));
    assert.equal(r.value.check.diagnostic?.code, 'numeric.unreliable');
    assert.match(checkSentence(r.value.check), /^not run: .*round-off/);
  });
});
