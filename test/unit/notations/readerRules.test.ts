/**
 * The NumPy and plain parsers' paused rules (syntax/numpy/rules.ts, syntax/plain/rules.ts): calls,
 * brackets, subscripts and vector literals give the errors they gave as generators (the same code
 * and span; checked against main before 5bb3fb4 for every case below), alone and at the bottom of
 * 2,000 nested calls, where each level pauses one such rule; and deep nests of them read whole.
 */
import assert from 'node:assert/strict';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { readPlain } from '../../../src/core/syntax';
import { numpyIs, plain, value } from './helpers';

/** `inner` at the bottom of `levels` nested calls of `f`. */
const nested = (f: string, levels: number, inner: string): string => `${f}(`.repeat(levels) + inner + ')'.repeat(levels);

/** Reader, levels of np.exp( (NumPy) or exp( (plain) around the text, the text, the error's code, start and end. */
const ERRORS: [string, number, string, string, number, number][] = [
  ["numpy", 0, "np.sum(x, axis=0, x)", "parse.unexpected-token", 18, 19],
  ["numpy", 0, "np.sum(*x)", "numpy.unsupported", 7, 8],
  ["numpy", 0, "np.sum(x == x)", "numpy.unsupported", 9, 11],
  ["numpy", 0, "(x, x", "parse.unclosed", 5, 5],
  ["numpy", 0, "[x, x", "parse.unclosed", 5, 5],
  ["numpy", 0, "np.sum(x, x", "parse.unclosed", 11, 11],
  ["numpy", 0, "x[1:2, 0]", "numpy.unsupported", 2, 8],
  ["numpy", 0, "x[..., 0]", "parse.unexpected-token", 2, 3],
  ["numpy", 0, "x[0] + x[1,]", "parse.unmatched", 11, 12],
  ["numpy", 0, "np.f(a=1,)", "name.unknown-function", 0, 4],
  ["numpy", 0, "()", "numpy.unsupported", 0, 2],
  ["numpy", 0, "(x,)", "numpy.unsupported", 0, 4],
  ["numpy", 0, "[]", "parse.empty-vector", 0, 2],
  ["numpy", 0, "x[0,1]", "numpy.unsupported", 2, 5],
  ["numpy", 0, "x[0", "parse.unclosed", 3, 3],
  ["plain", 0, "[]", "parse.empty-vector", 0, 2],
  ["plain", 0, "[a, b; c]", "parse.ragged-matrix", 7, 8],
  ["plain", 0, "sum(x, x", "parse.unclosed", 8, 8],
  ["plain", 0, "[x x", "parse.unclosed", 4, 4],
  ["plain", 0, "[a b; b a", "parse.unclosed", 9, 9],
  ["plain", 0, "f()", "name.unknown-function", 0, 1],
  ["plain", 0, "einsum(\"ij\", A", "parse.unclosed", 14, 14],
  ["numpy", 2000, "np.sum(x, axis=0, x)", "parse.unexpected-token", 14018, 14019],
  ["numpy", 2000, "np.sum(*x)", "numpy.unsupported", 14007, 14008],
  ["numpy", 2000, "np.sum(x == x)", "numpy.unsupported", 14009, 14011],
  ["numpy", 2000, "(x, x", "parse.unclosed", 16005, 16005],
  ["numpy", 2000, "[x, x", "parse.unclosed", 14005, 14006],
  ["numpy", 2000, "np.sum(x, x", "parse.unclosed", 16011, 16011],
  ["numpy", 2000, "x[1:2, 0]", "numpy.unsupported", 14002, 14008],
  ["numpy", 2000, "x[..., 0]", "parse.unexpected-token", 14002, 14003],
  ["numpy", 2000, "x[0] + x[1,]", "parse.unmatched", 14011, 14012],
  ["numpy", 2000, "np.f(a=1,)", "name.unknown-function", 14000, 14004],
  ["numpy", 2000, "()", "numpy.unsupported", 14000, 14002],
  ["numpy", 2000, "(x,)", "numpy.unsupported", 14000, 14004],
  ["numpy", 2000, "[]", "parse.empty-vector", 14000, 14002],
  ["numpy", 2000, "x[0,1]", "numpy.unsupported", 14002, 14005],
  ["numpy", 2000, "x[0", "parse.unclosed", 14003, 14004],
  ["plain", 2000, "[]", "parse.empty-vector", 8000, 8002],
  ["plain", 2000, "[a, b; c]", "parse.ragged-matrix", 8007, 8008],
  ["plain", 2000, "sum(x, x", "parse.unclosed", 10008, 10008],
  ["plain", 2000, "[x x", "parse.unclosed", 8004, 8005],
  ["plain", 2000, "[a b; b a", "parse.unclosed", 8009, 8010],
  ["plain", 2000, "f()", "name.unknown-function", 8000, 8001],
  ["plain", 2000, "einsum(\"ij\", A", "parse.unclosed", 10014, 10014],
];

describe('notations/readerRules: calls, brackets, subscripts and literals read by paused rules', () => {
  it('give the same errors at the same spans, alone and under 2,000 levels', () => {
    for (const [reader, levels, inner, code, start, end] of ERRORS) {
      const r =
        reader === 'numpy'
          ? readNumpy(nested('np.exp', levels, inner), 'x: vector(n)')
          : readPlain(nested('exp', levels, inner), 'x: vector(n); a: scalar; b: scalar; c: scalar; A: matrix(m,n)');
      assert.ok(!r.ok, `${reader} ${levels} ${inner} should fail`);
      assert.deepEqual([r.error.code, r.error.start, r.error.end], [code, start, end], `${reader}, ${levels} levels: ${inner}: ${r.error.message}`);
    }
  });

  it('NumPy calls, keywords, parentheses and lists read as the plain syntax says, deep too', () => {
    numpyIs('np.exp(x)', 'exp(x)', 'x: vector(n)');
    numpyIs('np.sum(X, axis=1, keepdims=True)', 'sum(X, 2)', 'X: matrix(m, n)');
    numpyIs('np.exp((x))', 'exp((x))', 'x: vector(n)');
    numpyIs('np.maximum(0, x)', 'max(0, x)', 'x: vector(n)');
    numpyIs(nested('np.tanh', 3_000, 'x'), nested('tanh', 3_000, 'x'), 'x: vector(n)');
  });

  it('plain calls and vector literals read whole under 3,000 levels', () => {
    const deep = value(readPlain(nested('sin', 3_000, '[a; b]'), 'a: scalar; b: scalar'));
    assert.equal(deep.expr.size, 3_000 + 3);
    assert.equal(plain('[a b; b a]', 'a: scalar; b: scalar').shape.rows, 2);
  });
});
