import * as assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import {
  entry, num, rawAdd, rawFn, rawInv, rawKron, rawMul, rawReduce, rawTranspose, variable, commutation,
} from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import {
  evaluate, numericEnv, numericJacobian, numericHessian, inverse,
} from '../../../src/core/numeric/index';
import { assertClose, col, mat } from './helpers';

const A = variable('A', shape('m', 'n'));
const x = variable('x', shape('n', 1));
const y = variable('y', shape('m', 1));
const X = variable('X', shape('n', 'n'));
const Aval = mat([[1, -2], [0.5, 3], [-1, 4]]);
const Xval = mat([[2, 0.5], [-1, 1.5]]);
const env = numericEnv({ m: 3, n: 2 }, { A: Aval, x: [[0.7], [-1.3]], y: [[1], [2], [-0.5]], X: Xval });

describe('numeric/numericJacobian: known Jacobians', () => {
  it('of A x with respect to x is A', () => {
    const J = numericJacobian(rawMul([A, x]), [x], env);
    assert.ok(J.reliable, J.reason);
    assertClose(J.value, Aval, 1e-9);
  });

  it('of xᵀx is 2xᵀ (1×n)', () => {
    const J = numericJacobian(rawMul([rawTranspose(x), x]), [x], env);
    assert.ok(J.reliable);
    assertClose(J.value, mat([[1.4, -2.6]]), 1e-9);
  });

  it('of A x with respect to A is xᵀ ⊗ I_m (column-major vec)', () => {
    const J = numericJacobian(rawMul([A, x]), [A], env);
    assertClose(J.value, mat([[0.7], [-1.3]]).transpose().kroneckerProduct(Matrix.eye(3)), 1e-9);
  });

  it('of inv(X) is −X⁻ᵀ ⊗ X⁻¹', () => {
    const J = numericJacobian(rawInv(X), [X], env);
    assert.ok(J.reliable, J.reason);
    const Xi = inverse(Xval);
    assertClose(J.value, Xi.transpose().kroneckerProduct(Xi).mul(-1), 1e-8);
  });

  it('of Xᵀ is the commutation matrix', () => {
    const J = numericJacobian(rawTranspose(X), [X], env);
    assertClose(J.value, evaluate(commutation('n', 'n'), env), 1e-9);
  });

  it('stacks several variables in order: yᵀA x by [x, y] is [yᵀA, (A x)ᵀ]', () => {
    const f = rawMul([rawTranspose(y), A, x]);
    const J = numericJacobian(f, [x, y], env);
    const yT = mat([[1, 2, -0.5]]);
    const expected = new Matrix(1, 5);
    expected.setSubMatrix(yT.mmul(Aval), 0, 0);
    expected.setSubMatrix(Aval.mmul(col([0.7, -1.3])).transpose(), 0, 2);
    assertClose(J.value, expected, 1e-9);
  });

  it('of a function that does not depend on the variable is 0', () => {
    const J = numericJacobian(rawMul([rawTranspose(y), y]), [x], env);
    assert.ok(J.reliable);
    assertClose(J.value, new Matrix(1, 2), 0);
  });

  it('scales the step with the magnitude of the entry', () => {
    const s = variable('s', SCALAR);
    const big = numericEnv({}, { s: 1e6 });
    const J = numericJacobian(rawFn('log', s), [s], big);
    assert.ok(J.reliable, J.reason);
    assertClose(J.value, mat([[1e-6]]), 1e-12);
  });
});

describe('numeric/numericJacobian: symmetric variables', () => {
  const S = variable('S', shape('n', 'n'), true);
  const senv = numericEnv({ n: 2 }, { S: [[1, 2], [2, 5]] });
  const f = entry(S, 1, 2); // S_12; vec order (1,1), (2,1), (1,2), (2,2)

  it('unconstrained (default): each entry on its own', () => {
    assertClose(numericJacobian(f, [S], senv).value, mat([[0, 0, 1, 0]]), 1e-9);
  });

  it('symmetrized: vec((G + Gᵀ)/2)', () => {
    const J = numericJacobian(f, [S], senv, { symmetricPerturbation: 'symmetrized' });
    assertClose(J.value, mat([[0, 0.5, 0.5, 0]]), 1e-9);
  });

  it('cookbook: G + Gᵀ − diag(G)', () => {
    const J = numericJacobian(f, [S], senv, { symmetricPerturbation: 'cookbook' });
    assertClose(J.value, mat([[0, 1, 1, 0]]), 1e-9);
    const g = numericJacobian(rawReduce('tr', S), [S], senv, { symmetricPerturbation: 'cookbook' });
    assertClose(g.value, mat([[1, 0, 0, 1]]), 1e-9);
  });

  it('does not pair the entries of a variable not declared symmetric', () => {
    const J = numericJacobian(entry(X, 1, 2), [X], env, { symmetricPerturbation: 'symmetrized' });
    assertClose(J.value, mat([[0, 0, 1, 0]]), 1e-9);
  });
});

describe('numeric/numericJacobian: unreliable points', () => {
  const v = variable('v', shape(3, 1));
  const at = (entries: number[]) => numericEnv({}, { v: entries.map((e) => [e]) });

  it('is reliable for relu away from its kink, with J = diag(step)', () => {
    const J = numericJacobian(rawFn('relu', v), [v], at([0.5, -0.3, 1.2]));
    assert.ok(J.reliable, J.reason);
    assertClose(J.value, mat([[1, 0, 0], [0, 0, 0], [0, 0, 1]]), 1e-9);
  });

  it('flags a point near a kink of relu, abs, min0, sign, step and norm1', () => {
    const near = at([0.5, 2e-4, 1.2]);
    for (const f of [rawFn('relu', v), rawFn('abs', v), rawFn('min0', v), rawFn('sign', v), rawFn('step', v), rawReduce('norm1', v)]) {
      const J = numericJacobian(f, [v], near);
      assert.equal(J.reliable, false, `${f.op} ${f.name ?? ''}`);
      assert.match(J.reason ?? '', /kink/);
    }
  });

  it('step halving catches a kink crossed by a step even without the margin test', () => {
    const opts = { kinkMargin: 0 };
    // Within the step s = 1e-6 of relu's kink: the estimates at s and s/2 disagree.
    const relu = numericJacobian(rawFn('relu', v), [v], at([0.5, 7e-7, 1.2]), opts);
    assert.equal(relu.reliable, false);
    assert.match(relu.reason ?? '', /disagree/);
    const jump = numericJacobian(rawFn('sign', v), [v], at([0.5, -3e-7, 1.2]), opts);
    assert.equal(jump.reliable, false);
    // Far from it both agree.
    assert.ok(numericJacobian(rawFn('relu', v), [v], at([0.5, 0.1, 1.2]), opts).reliable);
  });

  it('ignores kinks of subexpressions that do not depend on the variables', () => {
    const w = variable('w', shape(3, 1));
    const f = rawAdd([v, rawFn('relu', w)]);
    const env2 = numericEnv({}, { v: [[1], [2], [3]], w: [[0], [0], [0]] });
    assert.ok(numericJacobian(f, [v], env2).reliable);
    assert.equal(numericJacobian(f, [w], env2).reliable, false);
  });

  it('flags a function not finite at the point or within a step', () => {
    const atZero = numericJacobian(rawFn('sqrt', v), [v], at([0, 1, 2]));
    assert.equal(atZero.reliable, false);
    assert.match(atZero.reason ?? '', /not finite within a step/);
    const outside = numericJacobian(rawFn('log', v), [v], at([-1, 1, 2]));
    assert.equal(outside.reliable, false);
    assert.match(outside.reason ?? '', /not finite at the point/);
  });

  it('flags a nearly singular inverse (finite differences lose their accuracy)', () => {
    const nearlySingular = numericEnv({ n: 2 }, { X: [[1, 2], [1, 2 + 1e-7]] });
    assert.equal(numericJacobian(rawInv(X), [X], nearlySingular).reliable, false);
  });
});

describe('numeric/numericHessian', () => {
  it('of xᵀB x is B + Bᵀ', () => {
    const B = variable('B', shape('n', 'n'));
    const Bval = mat([[1, 2], [-3, 0.5]]);
    const H = numericHessian(rawMul([rawTranspose(x), B, x]), [x], numericEnv({ n: 2 }, { x: [[0.3], [1.1]], B: Bval }));
    assert.ok(H.reliable, H.reason);
    assertClose(H.value, Bval.clone().add(Bval.transpose()), 1e-6);
  });

  it('of logdet X is −(X⁻¹ ⊗ X⁻ᵀ) K, the Jacobian of its gradient X⁻ᵀ', () => {
    const H = numericHessian(rawReduce('logdet', X), [X], env);
    assert.ok(H.reliable, H.reason);
    const expected = rawMul([num(-1), rawKron(rawInv(X), rawTranspose(rawInv(X))), commutation('n', 'n')]);
    assertClose(H.value, evaluate(expected, env), 1e-6);
    const J = numericJacobian(rawTranspose(rawInv(X)), [X], env);
    assertClose(H.value, J.value, 1e-6);
  });

  it('of a function of two stacked scalars', () => {
    const a = variable('a', SCALAR);
    const b = variable('b', SCALAR);
    // f = a²b + b³: H = [[2b, 2a], [2a, 6b]]
    const f = rawAdd([rawMul([a, a, b]), rawMul([b, b, b])]);
    const H = numericHessian(f, [a, b], numericEnv({}, { a: 1.5, b: -0.5 }));
    assertClose(H.value, mat([[-1, 3], [3, -3]]), 1e-6);
  });

  it('rejects a non-scalar function', () => {
    assert.throws(() => numericHessian(x, [x], env), /must be scalar/);
  });
});
