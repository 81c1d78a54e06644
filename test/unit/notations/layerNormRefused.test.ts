/**
 * F.layer_norm (torch.nn.functional.layer_norm, torch.layer_norm) and F.rms_norm are not read: they are
 * refused at the function's name with name.unknown-function, naming it and the written-out code the
 * reader does read — F.layer_norm was "unknown method .layer_norm()" (as if F were a matrix), which
 * named neither the function nor a way to write it. The written-out layer norm reads, and its
 * derivative passes the numerical check.
 */
import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { assertNumpyDerivativeChecked, assertUnknownFunctionHints } from './helpers';

describe('notations: F.layer_norm is refused, naming it and the code that reads', () => {
  it('refuses the call at the function name, in every spelling', () => {
    const cases = [
      ['torch.sum(F.layer_norm(x, (n,)) * w)', 'F.layer_norm', 'x.var(-1, keepdim=True, unbiased=False)'],
      ['F.layer_norm(x, x.shape[-1:], weight=w, bias=w, eps=1e-5)', 'F.layer_norm', 'x.mean(-1, keepdim=True)'],
      ['torch.nn.functional.layer_norm(x, (n,))', 'torch.nn.functional.layer_norm', 'x.var(-1, keepdim=True, unbiased=False)'],
      ['torch.layer_norm(x, (n,))', 'torch.layer_norm', 'x.var(-1, keepdim=True, unbiased=False)'],
      ['F.rms_norm(x, (n,))', 'F.rms_norm', '(x**2).mean(-1, keepdim=True)'],
    ] as const;
    assertUnknownFunctionHints(cases, 'x: vector(n); w: vector(n)');
  });

  it('the code the message names reads, and its derivative is checked numerically', () => {
    for (const [expr, where, wrt] of [
      ['torch.sum((x - x.mean(-1, keepdim=True)) / torch.sqrt(x.var(-1, keepdim=True, unbiased=False) + 1e-5) * w)', 'x: vector(n); w: vector(n)', 'x'],
      ['torch.sum((X - X.mean(-1, keepdim=True)) / torch.sqrt(X.var(-1, keepdim=True, unbiased=False) + 1e-5) * W)', 'X: matrix(N, d); W: matrix(N, d)', 'X'],
      ['torch.sum(x / torch.sqrt((x**2).mean(-1, keepdim=True) + 1e-6) * w)', 'x: vector(n); w: vector(n)', 'x'],
    ] as const) {
      assertNumpyDerivativeChecked(expr, where, wrt);
    }
  });

  it('a matrix F (declared) keeps its methods', () => {
    const r = readExpression('F.T @ x', 'F: matrix(n, n); x: vector(n)', 'numpy');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
  });
});
