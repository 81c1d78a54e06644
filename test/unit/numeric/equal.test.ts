import * as assert from 'node:assert/strict';
import {
  Expr, num, rawAdd, rawFn, rawHadamard, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, variable, ones,
} from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically, exprsEqualNumerically } from '../../../src/core/numeric/index';

const x = variable('x', shape('n', 1));
const z = variable('z', shape('n', 1));
const A = variable('A', shape('n', 'n'));
const B = variable('B', shape('n', 'n'));
const C = variable('C', shape('n', 'm'));
const D = variable('D', shape('m', 'n'));
const t = rawTranspose;
const eq = (a: Expr, b: Expr): boolean => exprsEqualNumerically(a, b, []);

describe('numeric/exprsEqualNumerically', () => {
  it('confirms identities', () => {
    assert.ok(eq(t(rawAdd([A, B])), rawAdd([t(A), t(B)])));
    assert.ok(eq(t(rawMul([A, B])), rawMul([t(B), t(A)])));
    assert.ok(eq(rawReduce('tr', rawMul([C, D])), rawReduce('tr', rawMul([D, C]))));
    assert.ok(eq(rawMul([t(x), x]), rawPow(rawReduce('norm2', x), num(2))));
    assert.ok(eq(rawFn('log', rawFn('exp', x)), x));
    assert.ok(eq(rawFn('relu', x), rawHadamard([x, rawFn('step', x)])));
    const e = rawFn('exp', z);
    assert.ok(eq(rawSoftmax(z), rawMul([e, rawPow(rawMul([t(ones(z.shape)), e]), num(-1))])));
  });

  it('rejects non-identities', () => {
    assert.equal(eq(t(rawMul([A, B])), rawMul([t(A), t(B)])), false);
    assert.equal(eq(rawFn('abs', x), x), false);
    assert.equal(eq(rawMul([num(2), x]), rawAdd([x, x, rawMul([num(1e-6), x])])), false);
  });

  it('requires the same shape', () => {
    const r = compareNumerically(x, t(x));
    assert.equal(r.equal, false);
    assert.equal(r.diagnostic?.code, 'numeric.shape-mismatch');
  });

  it('is unequal (with a diagnostic) when no point where both are defined exists', () => {
    const nowhere = rawFn('log', rawMul([num(-1), rawFn('exp', x)]));
    const r = compareNumerically(nowhere, nowhere, [], { maxTries: 5 });
    assert.equal(r.equal, false);
    assert.equal(r.diagnostic?.code, 'numeric.no-valid-point');
  });

  it('reports the largest error over its samples', () => {
    const r = compareNumerically(rawMul([num(2), x]), rawAdd([x, x]), [], { samples: 4 });
    assert.deepEqual({ equal: r.equal, samples: r.samples, maxRelError: r.maxRelError }, { equal: true, samples: 4, maxRelError: 0 });
  });
});
