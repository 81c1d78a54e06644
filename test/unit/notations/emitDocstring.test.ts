/** The derivative() the code writers emit says its shape with the variable's own name. */
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { emitCode } from '../../../src/core/service';
import { value } from './helpers';

describe('emitted code: the derivative docstring names the variable', () => {
  const where = 'X: matrix(m, n); w: vector(n); y: vector(m); a: scalar; b: scalar';
  for (const target of ['numpy', 'torch', 'jax'] as const) {
    it(`${target}: ∂/∂w of ‖Xw − y‖² is "of shape f.shape + w.shape", not x.shape (w is not called x)`, () => {
      const code = value(emitCode({ expr: 'norm2(X*w - y)^2', wrt: ['w'], where }, target), target);
      assert.match(code, /with respect to w, of shape f\.shape \+ w\.shape\./);
      assert.doesNotMatch(code, /x\.shape/);
    });
  }

  it('the Hessian: f.shape + w.shape + w.shape', () => {
    const code = value(emitCode({ expr: 'norm2(X*w - y)^2', wrt: ['w'], where, order: 2 }, 'numpy'), 'numpy');
    assert.match(code, /of shape f\.shape \+ w\.shape \+ w\.shape\./);
  });

  it('stacked scalars: the stacked vector is named x in the docstring', () => {
    const code = value(emitCode({ expr: 'sin(a*b)', wrt: ['a', 'b'], where }, 'numpy'), 'numpy');
    assert.match(code, /with respect to the stacked vector x = \(a, b\), of shape f\.shape \+ x\.shape\./);
  });
});
