/**
 * Python's math module takes numbers. Attention written as PyTorch code,
 * `torch.softmax(Q @ K.T / math.sqrt(d), dim=-1) @ V`, was refused: "'d' is a scalar only by its
 * letter, but in Q*K'./sqrt(d) it could as well be a matrix(m, k) like Q*K'" — though math.sqrt of
 * a matrix is a TypeError. A name passed to a `math.` function is a scalar (stated among the assumed
 * shapes), and `math.sqrt(A)` of an array, which Python refuses, is refused (it read as the
 * entry-by-entry square root).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { assertError, error, value, variablesOf } from './helpers';

const QKV = 'Q: matrix(n, k); K: matrix(n, k); V: matrix(n, e)';

describe('notations/numpy: the math module takes numbers', () => {
  it('a name passed to a math function is a scalar, and says why', () => {
    const r = value(readNumpy('torch.softmax(Q @ K.T / math.sqrt(d), dim=-1) @ V', QKV));
    assert.equal(toText(r.expr), "softmax(Q*K'/sqrt(d), 2)*V");
    assert.equal(variablesOf(r), 'Q:n×k K:n×k d:1×1 V:n×e');
    assert.match(r.assumed.get('d')?.reason ?? '', /math\.sqrt: Python's math module takes numbers/);
    // In a function, the parameter; a declaration still wins (and is not contradicted).
    const f = value(readNumpy('def attention(Q, K, V, d):\n    return F.softmax(Q @ K.T / math.sqrt(d), dim=-1) @ V', QKV));
    assert.equal(variablesOf(f), 'Q:n×k K:n×k d:1×1 V:n×e');
    assert.equal(variablesOf(value(readNumpy('x * math.exp(t)', 'x: vector(n)'))), 'x:n×1 t:1×1');
  });

  it('an array passed to a math function is refused at the argument', () => {
    for (const [text, where, arg] of [
      ['math.sqrt(A).sum()', 'A: matrix(m, n)', 'A'],
      ['math.exp(W @ x)', 'W: matrix(m, n); x: vector(n)', 'W @ x'],
      ['math.log(x)', 'x: vector(n)', 'x'],
    ] as const) {
      const d = error(readNumpy(text, where), text);
      assertError(d, 'numpy.argument', arg, text, "takes a number (Python's math module)");
    }
  });

  it('attention differentiated by Q, K and V agrees with central differences', () => {
    const expr = '(torch.softmax(Q @ K.T / math.sqrt(d), dim=-1) @ V * G).sum()';
    for (const wrt of ['Q', 'K', 'V', 'd']) {
      const r = derive({ expr, wrt: [wrt], where: `${QKV}; G: matrix(n, e)`, from: 'numpy', layout: 'denominator', check: true });
      assert.ok(r.ok, r.ok ? '' : `${wrt}: ${r.error.message}`);
      assert.ok(r.value.check?.passed, `${wrt}: max relative error ${r.value.check?.maxRelError}`);
    }
  });
});
