import * as assert from 'node:assert/strict';
import { block, Expr, num, rawAdd, rawMul, rawReduce, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import type { Derivative, DerivativeForm } from '../../../src/core/calculus/form';
import {
  canonicalJacobian, expectedJacobianSize, numericEnv, numericJacobian, numericHessian,
} from '../../../src/core/numeric/index';
import { assertClose, col, mat } from './helpers';

const a = variable('a', SCALAR);
const b = variable('b', SCALAR);
const x = variable('x', shape('n', 1));
const A = variable('A', shape('m', 'n'));
const X = variable('X', shape('m', 'n'));
const Aval = mat([[1, -2], [0.5, 3], [-1, 4]]);
const env = numericEnv({ m: 3, n: 2 }, { a: 1.5, b: -2, x: [[0.7], [-1.3]], A: Aval, X: [[1, 2], [3, 4], [5, 6]] });

const derivative = (f: Expr, wrt: Expr[], form: DerivativeForm, expr: Expr, order: 1 | 2 = 1): Derivative =>
  ({ f, wrt, form, expr, order });

describe('numeric/canonicalJacobian', () => {
  it("'scalar' → 1×1", () => {
    const d = derivative(rawMul([a, a]), [a], 'scalar', rawMul([num(2), a]));
    assertClose(canonicalJacobian(d, env), mat([[3]]));
    assertClose(canonicalJacobian(d, env), numericJacobian(d.f, d.wrt, env).value, 1e-7);
  });

  it("'gradient' (x's shape) → vec(G)ᵀ, 1×|x|", () => {
    // f = tr(Aᵀ X) = Σ A_ij X_ij: G = A (m×n) → 1×6, column-major
    const f = rawReduce('tr', rawMul([rawTranspose(A), X]));
    const d = derivative(f, [X], 'gradient', A);
    const J = canonicalJacobian(d, env);
    assertClose(J, mat([[1, 0.5, -1, -2, 3, 4]]));
    assertClose(J, numericJacobian(f, [X], env).value, 1e-7);
    assert.deepEqual(expectedJacobianSize(d, env), { rows: 1, cols: 6 });
  });

  it("'tangent' (f's shape) → vec(T), |f|×1", () => {
    // f = a·A (m×n) by a: T = A → vec(A), 6×1
    const d = derivative(rawMul([a, A]), [a], 'tangent', A);
    const J = canonicalJacobian(d, env);
    assertClose(J, col([1, 0.5, -1, -2, 3, 4]));
    assertClose(J, numericJacobian(d.f, [a], env).value, 1e-7);
    assert.deepEqual(expectedJacobianSize(d, env), { rows: 6, cols: 1 });
  });

  it("'jacobian' → as is", () => {
    const d = derivative(rawMul([A, x]), [x], 'jacobian', A);
    assertClose(canonicalJacobian(d, env), Aval);
    assertClose(canonicalJacobian(d, env), numericJacobian(d.f, [x], env).value, 1e-7);
    // Several stacked scalars: f = a·b by (a, b) → [b, a], 1×2
    const s = derivative(rawMul([a, b]), [a, b], 'jacobian', block(1, 2, [b, a]));
    assert.deepEqual(expectedJacobianSize(s, env), { rows: 1, cols: 2 });
    assertClose(canonicalJacobian(s, env), mat([[-2, 1.5]]));
    assertClose(canonicalJacobian(s, env), numericJacobian(s.f, s.wrt, env).value, 1e-7);
  });

  it('order 2: the Hessian |x|×|x|, compared with the Jacobian of the gradient', () => {
    // f = xᵀx + a² by x: H = 2I (I2 stands for the identity)
    const f = rawAdd([rawMul([rawTranspose(x), x]), rawMul([a, a])]);
    const H = derivative(f, [x], 'jacobian', rawMul([num(2), variable('I2', shape('n', 'n'))]), 2);
    const henv = numericEnv({ n: 2 }, { x: [[0.7], [-1.3]], a: 1, I2: [[1, 0], [0, 1]] });
    assertClose(canonicalJacobian(H, henv), mat([[2, 0], [0, 2]]));
    assert.deepEqual(expectedJacobianSize(H, henv), { rows: 2, cols: 2 });
    const gradient = rawMul([num(2), x]);
    assertClose(canonicalJacobian(H, henv), numericJacobian(gradient, [x], henv).value, 1e-7);
    assertClose(canonicalJacobian(H, henv), numericHessian(f, [x], henv).value, 1e-6);
  });
});
