/**
 * `F.linear(x, W, b)` (torch.nn.functional.linear) is the affine layer PyTorch's nn.Linear applies:
 * x @ W.T + b, the weight out×in. It was "unknown function 'F.linear'". It reads as that code, with
 * NumPy's broadcasting (a batch X gives X*W' + 𝟏bᵀ); the bias is optional, positional or `bias=`.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { assertError, error, value } from './helpers';

const WHERE = 'X: matrix(N, d); x: vector(d); W: matrix(k, d); b: vector(k)';

describe('notations/numpy: F.linear is x @ W.T + b', () => {
  it('reads as the code it stands for', () => {
    for (const [text, code, plain] of [
      ['F.linear(X, W, b)', 'X @ W.T + b', "X*W' + ones(N)*b'"],
      ['torch.nn.functional.linear(X, W, bias=b)', 'X @ W.T + b', "X*W' + ones(N)*b'"],
      ['F.linear(X, W)', 'X @ W.T', "X*W'"],
      ['F.linear(X, W, None)', 'X @ W.T', "X*W'"],
      ['F.linear(x, W, b)', 'x @ W.T + b', "(x'*W')' + b"],
    ] as const) {
      const r = value(readNumpy(text, WHERE), text);
      assert.equal(toText(r.expr), plain, text);
      assert.equal(r.expr, value(readNumpy(code, WHERE), code).expr, `${text} is ${code}`);
    }
  });

  it('refuses what PyTorch refuses, and a bare linear(…), which may be the code\'s own function', () => {
    assertError(error(readNumpy('linear(X, W, b)', WHERE)), 'name.unknown-function', 'linear', 'linear(X, W, b)');
    const d = error(readNumpy('F.linear(X)', WHERE));
    assert.equal(d.code, 'call.arity');
    assertError(error(readNumpy('F.linear(X, W, b, b)', WHERE)), 'call.arity', 'F.linear(X, W, b, b)', 'F.linear(X, W, b, b)');
  });

  it('an MLP layer differentiated by W, b and X agrees with central differences', () => {
    for (const wrt of ['W', 'b', 'X']) {
      for (const layout of ['numerator', 'denominator'] as const) {
        const r = derive({ expr: 'torch.tanh(F.linear(X, W, b)).sum()', wrt: [wrt], where: WHERE, from: 'numpy', layout, check: true });
        assert.ok(r.ok, r.ok ? '' : `${wrt}: ${r.error.message}`);
        assert.ok(r.value.check?.passed, `${wrt} (${layout}): max relative error ${r.value.check?.maxRelError}`);
      }
    }
  });
});
