/**
 * A long chain of bindings (issue 17): NumPy code with one assignment per layer,
 * `h = np.tanh(W @ h)`, does not nest as text, so any number of layers must read. Shape inference
 * and building used to recurse from each definition into the one before it at its first use, and
 * 384 layers overflowed the stack (`internal`); the chain is now checked and built in order
 * (syntax/check.ts). Sizes only, no timings.
 */
import * as assert from 'node:assert/strict';
import { mlpNumpyRequest, mlpRequest } from '../../../bench/families';
import { readExpression } from '../../../src/core/read';

function read(req: { readonly expr: string; readonly where?: string; readonly from?: string }) {
  const r = readExpression(req.expr, req.where, (req.from ?? 'plain') as 'plain');
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('a long chain of bindings (issue 17)', function () {
  this.timeout(120_000);

  it('2,048 layers of NumPy assignments read as the nested plain text reads, variables in the same order', () => {
    const numpy = read(mlpNumpyRequest(2048));
    const plain = read(mlpRequest(2048));
    assert.equal(numpy.expr, plain.expr, 'the same expression');
    assert.deepEqual(numpy.variables.map((v) => v.name), plain.variables.map((v) => v.name));
  });

  it('an unused assignment in a long chain is still not checked; a used one with a shape error is refused', () => {
    const layers = Array.from({ length: 40 }, () => `    h = np.tanh(W @ h)`);
    const code = (extra: string, uses: string) => ['def f(x, y):', '    h = x', ...layers, extra, `    return np.sum(${uses})`].join('\n');
    const where = 'W: matrix(n, n); A: matrix(2, 3); x, y: vector(n)';
    const unused = readExpression(code('    z = A @ A', 'h - y'), where, 'numpy');
    assert.ok(unused.ok, unused.ok ? '' : unused.error.message);
    const used = readExpression(code('    z = A @ A', 'h - y + z'), where, 'numpy');
    assert.ok(!used.ok, 'refused');
    assert.equal(used.error.code, 'shape.inner');
  });
});
