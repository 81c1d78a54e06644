/**
 * Every differentiation rule, in every engine that has it, checked against central finite
 * differences at several random points. Expressions are built by hand so that each case isolates
 * one operator (composed with a non-linear inner function, so a wrong inner chain shows too).
 */
import * as assert from 'node:assert/strict';
import {
  Expr, variable, num, rawAdd, rawMul, rawHadamard, rawPow, rawMatpow, rawTranspose, rawFn, rawReduce, rawInv,
  rawDiagm, rawDiagv, rawSoftmax, rawKron, rawVec, block, ones, ELEMENTWISE_FUNCTIONS,
} from '../../../src/core/model/expr';
import { shape, SCALAR, mulDim } from '../../../src/core/model/shape';
import { differentiate } from '../../../src/core/calculus/derive';
import { checkDerivative } from '../../../src/core/numeric/index';
import { present } from '../../../src/core/present/present';
import { FUNCTIONS } from '../../../src/core/functions/index';

const n = 'n';
const m = 'm';
const x = variable('x', shape(n, 1));
const y = variable('y', shape(n, 1));
const z = variable('z', shape(m, 1));
const A = variable('A', shape(n, n));
const B = variable('B', shape(m, n));
const X = variable('X', shape(n, n));
const S = variable('S', shape(n, n), true);
const s = variable('s', SCALAR);
const t = variable('t', SCALAR);
const minus = (e: Expr): Expr => rawMul([num(-1), e]);

function expectCorrect(f: Expr, wrt: Expr[], order: 1 | 2 = 1): void {
  const d = differentiate(f, wrt, order);
  const r = checkDerivative(f, wrt, d, { samples: 3, seed: 7 });
  assert.ok(r.passed, `${f.op} w.r.t. ${wrt.map((v) => v.name).join(',')} (order ${order}, ${d.form}): max rel. error ${r.maxRelError}${r.diagnostic ? ` — ${r.diagnostic.message}` : ''}`);
}

/** The same f differentiated by every engine that applies: a scalar reduction (reverse mode), the vector itself (Jacobian), and along a scalar (forward mode). */
function expectAllEngines(vectorValued: (v: Expr) => Expr): void {
  const u = vectorValued(x);
  expectCorrect(rawReduce('sum', rawHadamard([u, y])), [x]);
  expectCorrect(u, [x]);
  const along = vectorValued(rawMul([s, y]));
  expectCorrect(along, [s]);
}

describe('calculus: element-wise functions (each engine)', () => {
  for (const name of ELEMENTWISE_FUNCTIONS) {
    it(`${name}`, () => {
      const domain = FUNCTIONS[name].domain;
      const arg = (v: Expr): Expr => domain === 'positive' ? rawAdd([rawHadamard([v, v]), ones(v.shape)])
        : domain === 'above-one' ? rawAdd([rawHadamard([v, v]), rawMul([num(2), ones(v.shape)])])
          : domain === 'unit-interval' ? rawMul([num(0.5), rawFn('tanh', rawMul([A, v]))]) : rawMul([A, v]);
      expectAllEngines((v) => rawFn(name, arg(v)));
    });
  }
});

describe('calculus: structural operators', () => {
  it('sum and difference', () => expectAllEngines((v) => rawAdd([rawMul([A, v]), minus(rawFn('sin', v))])));
  it('matrix–vector and scalar products', () => expectAllEngines((v) => rawMul([s, t, A, v])));
  it('Hadamard product and division', () =>
    expectAllEngines((v) => rawHadamard([rawFn('sin', v), rawPow(rawAdd([rawHadamard([v, v]), ones(v.shape)]), num(-1))])));
  it('element-wise power with a constant exponent', () => expectAllEngines((v) => rawPow(rawFn('exp', v), num(3))));
  it('power with a variable exponent', () => expectCorrect(rawPow(rawFn('exp', s), rawFn('sin', s)), [s]));
  it('transpose', () => expectCorrect(rawMul([rawTranspose(rawMul([A, x])), rawFn('tanh', x)]), [x]));
  it('scalar expansion', () => expectAllEngines((v) => rawAdd([v, rawMul([t, ones(v.shape)])])));
  it('with respect to the expanded scalar', () => expectCorrect(rawAdd([x, rawMul([rawFn('sin', t), ones(x.shape)])]), [t]));
  it('softmax', () => expectAllEngines((v) => rawSoftmax(rawMul([A, v]))));
  it('diag of a vector', () => expectCorrect(rawReduce('tr', rawMul([A, rawDiagm(rawFn('exp', x))])), [x]));
  it('diag of a matrix', () => expectCorrect(rawMul([rawTranspose(y), rawDiagv(rawMul([X, X]))]), [X]));
  it('vector literal (component-wise function)', () => {
    const f = block(2, 1, [rawMul([num(3), rawPow(s, num(2)), t]), rawAdd([rawMul([num(2), s]), rawPow(t, num(8))])]);
    expectCorrect(f, [s, t]);
    expectCorrect(rawReduce('sum', rawFn('exp', f)), [s]);
  });
});

describe('calculus: reductions', () => {
  for (const op of ['sum', 'mean', 'norm1', 'norm2', 'logsumexp'] as const) {
    it(op, () => {
      const inner = rawMul([B, rawFn('tanh', x)]);
      expectCorrect(rawReduce(op, inner), [x]);
      expectCorrect(rawMul([rawReduce(op, inner), z]), [x]);
      expectCorrect(rawReduce(op, rawMul([s, z])), [s]);
    });
  }
});

describe('calculus: matrix functions', () => {
  const W = rawAdd([X, rawMul([num(3), variable('I3', shape(n, n))])]);
  it('trace', () => {
    expectCorrect(rawReduce('tr', rawMul([A, X, rawTranspose(X)])), [X]);
    expectCorrect(rawMul([rawReduce('tr', rawMul([X, X])), x]), [X]);
  });
  it('determinant', () => {
    expectCorrect(rawReduce('det', rawMul([A, X])), [X]);
    expectCorrect(rawMul([rawReduce('det', X), x]), [X]);
  });
  it('log-determinant', () => {
    expectCorrect(rawReduce('logdet', W), [X]);
    expectCorrect(rawMul([rawReduce('logdet', X), x]), [X]);
  });
  it('inverse', () => {
    expectCorrect(rawMul([rawTranspose(x), rawInv(X), y]), [X]);
    expectCorrect(rawInv(X), [X]);
    expectCorrect(rawMul([rawInv(X), x]), [x]);
  });
  it('matrix power', () => {
    expectCorrect(rawReduce('tr', rawMatpow(X, 3)), [X]);
    expectCorrect(rawMatpow(X, 2), [X]);
  });
  it('matrix by matrix and vector by matrix (vec/Kronecker form)', () => {
    expectCorrect(rawMul([B, X, A]), [X]);
    expectCorrect(rawMul([X, x]), [X]);
    expectCorrect(rawTranspose(X), [X]);
    expectCorrect(rawHadamard([X, rawFn('sin', X)]), [X]);
  });
  it('matrix by scalar', () => expectCorrect(rawMul([s, rawFn('exp', rawMul([s, A]))]), [s]));
  it('symmetric matrix variable: the gradient within symmetric matrices', () => {
    const f = rawAdd([rawReduce('tr', rawMul([A, S])), rawReduce('logdet', rawAdd([S, rawMul([num(5), variable('J', shape(n, n), true)])]))]);
    const d = differentiate(f, [S]);
    const r = checkDerivative(f, [S], d, { seed: 3, symmetricPerturbation: 'symmetrized' });
    assert.ok(r.passed, `max rel. error ${r.maxRelError} ${r.diagnostic?.message ?? ''}`);
  });
});

describe('calculus: Kronecker product and vec (linear: d(A ⊗ X) = A ⊗ dX, d vec X = vec dX)', () => {
  const P = variable('P', shape(2, 3));
  const Q = variable('Q', shape(3, 2));
  const V = variable('V', shape(2, 2));
  const W = variable('W', shape(3, 3));
  it('∂ tr(A ⊗ X)/∂X = tr(A)·I, in every engine', () => {
    const f = rawReduce('tr', rawKron(V, W));
    expectCorrect(f, [W]);
    expectCorrect(f, [V]);
    const d = differentiate(f, [W]);
    assert.equal(present(d, 'mixed'), present(differentiate(rawMul([rawReduce('tr', V), rawReduce('tr', W)]), [W]), 'mixed'));
  });
  it('each factor of a non-square Kronecker product (reverse mode, Jacobian, forward mode)', () => {
    const weights = variable('G', shape(6, 6));
    for (const [f, wrt] of [[rawKron(P, Q), P], [rawKron(P, Q), Q], [rawKron(Q, rawFn('sin', P)), P]] as const) {
      expectCorrect(rawReduce('sum', rawHadamard([weights, rawFn('tanh', f)])), [wrt]);
      expectCorrect(f, [wrt]);
    }
    expectCorrect(rawKron(rawMul([s, P]), rawFn('exp', rawMul([s, Q]))), [s]);
    expectCorrect(rawKron(P, P), [P]);
  });
  it('vec of a matrix (reverse mode, Jacobian, forward mode)', () => {
    const c = variable('c', shape(6, 1));
    expectCorrect(rawMul([rawTranspose(c), rawVec(rawFn('sin', P))]), [P]);
    expectCorrect(rawVec(rawMul([Q, P])), [P]);
    expectCorrect(rawVec(rawMul([s, rawFn('exp', rawMul([s, P]))])), [s]);
    expectCorrect(rawReduce('sum', rawKron(rawVec(P), P)), [P]);
  });
});

describe('calculus: second order', () => {
  it('Hessian of a quadratic form is A + Aᵀ', () => expectCorrect(rawMul([rawTranspose(x), A, x]), [x], 2));
  it('Hessian of a smooth composite', () => expectCorrect(rawReduce('sum', rawFn('exp', rawMul([A, x]))), [x], 2));
  it('Hessian with respect to a matrix', () => expectCorrect(rawReduce('tr', rawMul([rawTranspose(X), A, X])), [X], 2));
  it('second derivative of a scalar', () => expectCorrect(rawFn('sin', rawPow(s, num(2))), [s], 2));
  it('Hessian with respect to stacked scalars', () => expectCorrect(rawMul([num(3), rawPow(s, num(2)), t]), [s, t], 2));
});

describe('calculus: a 1×1 product made by a matrix chain scales (regression)', () => {
  it('sum(relu(tr(A)x)) w.r.t. A keeps the identity of tr', () => {
    const f = rawReduce('sum', rawFn('relu', rawMul([rawReduce('tr', A), x])));
    expectCorrect(f, [A]);
    const d = differentiate(f, [A]);
    assert.equal(d.expr.shape.rows, 'n');
    assert.equal(d.expr.shape.cols, 'n');
  });
  it('(xᵀy)·A w.r.t. x', () => expectCorrect(rawMul([rawMul([rawTranspose(x), y]), A]), [x]));
});

describe('calculus: diag and symmetric matrices in Jacobians (regressions from the property tests)', () => {
  it('the Jacobian of diag(x) and of diag(A)', () => {
    expectCorrect(rawDiagm(x), [x]);
    expectCorrect(rawDiagv(A), [A]);
  });
  it('diag(x)·y w.r.t. x is diag(y), also inside a Hessian', () => {
    const d = differentiate(rawMul([rawDiagm(x), y]), [x]);
    assert.equal(present(d, 'numerator'), rawDiagm(y));
    expectCorrect(rawReduce('sum', rawFn('exp', rawMul([rawDiagm(x), y]))), [x], 2);
  });
  it('Jacobians and Hessians with respect to a symmetric matrix are taken along symmetric directions', () => {
    for (const [f, order] of [[S, 1], [rawMul([A, S]), 1], [rawReduce('det', S), 2]] as const) {
      const d = differentiate(f, [S], order);
      const r = checkDerivative(f, [S], d, { seed: 5, symmetricPerturbation: 'symmetrized', ...(order === 2 ? { gradient: differentiate(f, [S], 1).expr } : {}) });
      assert.ok(r.passed, `${f.op} order ${order}: ${r.maxRelError} ${r.diagnostic?.message ?? ''}`);
    }
  });
});


describe('model: product dimensions have one spelling', () => {
  it('m·n and n·m are the same dimension (the size of X and of Xᵀ)', () => {
    assert.equal(mulDim('m', 'n'), mulDim('n', 'm'));
    assert.equal(mulDim(mulDim('n', 2), 'm'), '2·m·n');
    assert.equal(mulDim(3, 4), 12);
  });
  it('a Jacobian summing kron(I, B) and diag(vec ·) terms is well-shaped', () => {
    const M = variable('M', shape('m', 'n'));
    const ones2 = ones(shape('m', 'm'));
    const f = rawAdd([rawMul([ones2, M]), rawHadamard([M, rawFn('sin', M)])]);
    expectCorrect(f, [M]);
  });
});

describe('calculus: the diagonal embedding rule applies only to the embedding (regression)', () => {
  it('diag(C·𝟏𝟏ᵀ) w.r.t. C is m × m², not collapsed', () => {
    const C = variable('C', shape('m', 'm'));
    const f = rawDiagv(rawMul([C, ones(shape('m', 'm'))]));
    expectCorrect(f, [C]);
  });
});

describe('calculus: a zeroth matrix power is constant (regression from the fuzzers)', () => {
  it('(sA)^0 and tr(A^0 A)', () => {
    expectCorrect(rawMatpow(rawMul([s, A]), 0), [s]);
    expectCorrect(rawReduce('tr', rawMul([rawMatpow(A, 0), A])), [A]);
    expectCorrect(rawMatpow(A, 0), [A]);
  });
});
