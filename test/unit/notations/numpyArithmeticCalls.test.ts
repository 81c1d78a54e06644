/**
 * NumPy's and PyTorch's arithmetic written as calls — np.add, np.subtract, np.multiply, np.divide,
 * torch.add, torch.sub, torch.mul, torch.div and the tensor methods x.add(y), x.mul(y), … — read as
 * the operators they compute, with the operators' broadcasting (found by explore19: they were
 * "unknown function"). Bare add(x, y) stays unknown (it may be the reader's own helper), as do the
 * keywords that change the operation (torch.add's alpha, torch.div's rounding_mode).
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { assertError, assertNumpyDerivativeChecked, assertSame, error, numpy } from './helpers';

const WHERE = 'x, y, z: vector(n); A, B: matrix(n, n); c: scalar; b: vector(n)';

describe('NumPy and PyTorch arithmetic written as calls', () => {
  const same: readonly (readonly [string, string])[] = [
    ['np.add(x, y)', 'x + y'],
    ['np.subtract(x, y)', 'x - y'],
    ['np.multiply(x, y)', 'x * y'],
    ['np.divide(x, y)', 'x / y'],
    ['np.true_divide(x, c)', 'x / c'],
    ['torch.add(A, B)', 'A + B'],
    ['torch.sub(A, B)', 'A - B'],
    ['torch.mul(c, A)', 'c * A'],
    ['torch.div(A, c)', 'A / c'],
    ['x.add(y)', 'x + y'],
    ['x.sub(y)', 'x - y'],
    ['x.mul(y)', 'x * y'],
    ['x.div(y)', 'x / y'],
    ['np.subtract(x, y + z)', 'x - (y + z)'],
    ['np.multiply(x + y, z)', '(x + y) * z'],
    ['np.divide(c, x - y)', 'c / (x - y)'],
    ['np.multiply(A, b)', 'A * b'],
    ['np.add(A @ x, b)', 'A @ x + b'],
    ['np.sum(np.multiply(np.subtract(A @ x, y), z))', 'np.sum((A @ x - y) * z)'],
  ];

  it('reads each call as its operator, operands bracketed', () => {
    for (const [call, op] of same) assertSame(numpy(call, WHERE), numpy(op, WHERE), call);
  });

  it('reads each call as auto, the same as its operator', () => {
    for (const [call, op] of same) {
      const r = readExpression(call, WHERE, 'auto');
      assert.ok(r.ok, `${call}: ${r.ok ? '' : r.error.message}`);
      assert.equal(r.value.expr, numpy(op, WHERE), call);
    }
  });

  it('differentiates the calls, checked numerically', () => {
    assertNumpyDerivativeChecked('np.sum(np.multiply(np.subtract(A @ x, y), np.divide(z, np.add(x, 2))))', WHERE, 'x');
    assertNumpyDerivativeChecked('torch.sum(torch.mul(A, B).div(torch.sub(c, 3)))', WHERE, 'A');
  });

  it('refuses the keywords that change the operation, the wrong count of arguments and a bare add', () => {
    const alpha = 'torch.add(x, y, alpha=2)';
    assertError(error(readExpression(alpha, WHERE, 'numpy'), alpha), 'numpy.argument', 'alpha=2', alpha);
    const rounding = "torch.div(x, y, rounding_mode='floor')";
    assertError(error(readExpression(rounding, WHERE, 'numpy'), rounding), 'numpy.argument', "rounding_mode='floor'", rounding);
    const one = 'np.add(x)';
    assert.equal(error(readExpression(one, WHERE, 'numpy'), one).code, 'call.arity');
    const bare = 'add(x, y)';
    assertError(error(readExpression(bare, WHERE, 'numpy'), bare), 'name.unknown-function', 'add', bare);
  });
});

